import { DtSourceError } from '../../../core/errors.js';
import { fetchText } from '../../../core/sources/fetch-text.js';
import {
  wmsTileService,
  wmtsTemplateService,
  wmtsTileService,
  xyzTileService,
  type RasterTileService,
  type ServiceRequest,
} from '../../../core/sources/ogc-tiles/raster-tile-service.js';
import { withParams } from '../../../core/sources/ogc-tiles/tile-urls.js';
import {
  isWmsCapabilities,
  readWmsCapabilities,
} from '../../../core/sources/ogc-tiles/wms-capabilities.js';
import {
  isWmtsCapabilities,
  readWmtsCapabilities,
} from '../../../core/sources/ogc-tiles/wmts-capabilities.js';
import { exceptionMessage, parserError } from '../../../core/sources/ogc-tiles/xml.js';
import type { LonLatBounds } from '../../../core/tiles/tile-id.js';
import type { SourceContent, SourcePayload } from '../../base/dt-data-source-element.js';
import type { SourceKindInput, SourceKindLoader } from '../source-kinds.js';

/**
 * What a `wms`, `xyz` or `wmts` data source hands its layers: a Web Mercator raster tile service
 * (`kind: 'raster-tiles'`), drawn by the raster-tiles layer renderer.
 */
export interface RasterTilesPayload extends SourcePayload, RasterTileService {
  /** Always `raster-tiles`. */
  readonly kind: 'raster-tiles';
  /** The data source id, for tile errors. */
  readonly sourceId: string;
}

const NO_FEATURES = { type: 'FeatureCollection' as const, features: [] };

/** An integer attribute, or undefined when absent; a malformed one is an error naming it. */
function intAttribute(input: SourceKindInput, name: string, min: number, max: number) {
  const text = input.element.getAttribute(name);
  if (text === null || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new DtSourceError(
      input.sourceId,
      'invalid-parameter',
      `"${name}" must be a whole number from ${min} to ${max}, not "${text}"`,
      input.url ? { url: input.url } : {},
    );
  return value;
}

/** The list of an attribute like `layers="terrain,buildings"`: trimmed, empties dropped. */
function listAttribute(input: SourceKindInput, name: string): string[] {
  return (input.element.getAttribute(name) ?? '').split(',').map((s) => s.trim());
}

/** The part of the request every tile kind shares: src, tile size and zoom range. */
function serviceRequest(input: SourceKindInput, what: string): ServiceRequest {
  if (!input.url)
    throw new DtSourceError(input.sourceId, 'missing-input', `no "src": give the ${what}`);
  const tileSize = intAttribute(input, 'tile-size', 64, 1024) ?? 256;
  return {
    sourceId: input.sourceId,
    url: input.url,
    tileSize,
    minZoom: intAttribute(input, 'min-zoom', 0, 24),
    maxZoom: intAttribute(input, 'max-zoom', 0, 24),
  };
}

/** Fetches and parses capabilities XML, turning every way it can be wrong into a DtSourceError. */
async function fetchCapabilities(input: SourceKindInput, url: string): Promise<Document> {
  const text = await fetchText(input.sourceId, url, input.signal);
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const fail = (reason: string): never => {
    throw new DtSourceError(input.sourceId, 'parse', reason, { url });
  };
  const malformed = parserError(doc);
  if (malformed) fail(`the capabilities are not well-formed XML (${malformed})`);
  const exception = exceptionMessage(doc);
  if (exception) fail(`the service answered with an exception: ${exception}`);
  return doc;
}

/** HTML-escapes capability text: the map's attribution control inserts it as HTML. */
function escapeHtml(text: string): string {
  const entities: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
  };
  return text.replace(/[&<>"]/g, (c) => entities[c] ?? c);
}

function contentOf(input: SourceKindInput, service: RasterTileService): SourceContent {
  const { element } = input;
  if (service.attribution && !element.hasAttribute('attribution'))
    element.attribution = escapeHtml(service.attribution);
  const payload: RasterTilesPayload = {
    ...service,
    kind: 'raster-tiles',
    sourceId: input.sourceId,
  };
  return { data: NO_FEATURES, bands: {}, payload };
}

/** `<dt-data-source type="wms" src layers styles version format transparent>`. */
async function loadWms(input: SourceKindInput): Promise<SourceContent> {
  const request = serviceRequest(input, 'WMS address');
  const version = input.element.getAttribute('version') ?? '1.3.0';
  const capabilitiesUrl = withParams(request.url, {
    SERVICE: 'WMS',
    REQUEST: 'GetCapabilities',
    VERSION: version,
  });
  const doc = await fetchCapabilities(input, capabilitiesUrl);
  if (!isWmsCapabilities(doc))
    throw new DtSourceError(
      input.sourceId,
      'parse',
      `not WMS capabilities (the document is <${doc.documentElement.localName}>)`,
      { url: capabilitiesUrl },
    );
  const transparent = input.element.getAttribute('transparent');
  return contentOf(
    input,
    wmsTileService(readWmsCapabilities(doc), {
      ...request,
      layers: listAttribute(input, 'layers').filter(Boolean),
      styles: listAttribute(input, 'styles'),
      format: input.element.getAttribute('format') ?? 'image/png',
      transparent: transparent !== null && transparent.toLowerCase() !== 'false',
    }),
  );
}

/** The `bounds="west,south,east,north"` attribute (degrees), or undefined. */
function boundsAttribute(input: SourceKindInput): LonLatBounds | undefined {
  const text = input.element.getAttribute('bounds');
  if (text === null) return undefined;
  const [west, south, east, north] = text.split(',').map(Number);
  if (west === undefined || south === undefined || east === undefined || north === undefined)
    return undefined;
  if (![west, south, east, north].every(Number.isFinite) || west >= east || south >= north)
    throw new DtSourceError(
      input.sourceId,
      'invalid-parameter',
      `"bounds" must be "west,south,east,north" in degrees, not "${text}"`,
    );
  return { west, south, east, north };
}

/** `<dt-data-source type="xyz" src=".../{z}/{x}/{y}.png" min-zoom max-zoom tile-size bounds>`. */
async function loadXyz(input: SourceKindInput): Promise<SourceContent> {
  const request = serviceRequest(input, 'tile URL template (.../{z}/{x}/{y}.png)');
  return Promise.resolve(contentOf(input, xyzTileService(request, boundsAttribute(input))));
}

/** `<dt-data-source type="wmts" src layer matrix-set style format>`: capabilities or a REST template. */
async function loadWmts(input: SourceKindInput): Promise<SourceContent> {
  const request = serviceRequest(input, 'WMTS capabilities URL or REST template');
  const attribute = (name: string): string | undefined =>
    input.element.getAttribute(name) ?? undefined;
  const wmts = {
    ...request,
    layer: attribute('layer'),
    matrixSet: attribute('matrix-set'),
    style: attribute('style'),
    format: attribute('format'),
  };
  if (/%7BTileMatrix%7D|\{TileMatrix\}/i.test(request.url))
    return contentOf(input, wmtsTemplateService(wmts));
  // A bare endpoint gets the KVP GetCapabilities query; a .../WMTSCapabilities.xml is read as is.
  const hasRequest = /[?&]request=/i.test(request.url) || /\.xml($|\?)/i.test(request.url);
  const capabilitiesUrl = hasRequest
    ? request.url
    : withParams(request.url, { SERVICE: 'WMTS', REQUEST: 'GetCapabilities', VERSION: '1.0.0' });
  const doc = await fetchCapabilities(input, capabilitiesUrl);
  if (!isWmtsCapabilities(doc))
    throw new DtSourceError(
      input.sourceId,
      'parse',
      `not WMTS capabilities (the document is <${doc.documentElement.localName}>)`,
      { url: capabilitiesUrl },
    );
  return contentOf(
    input,
    wmtsTileService(readWmtsCapabilities(doc), { ...wmts, url: capabilitiesUrl }),
  );
}

/** The data-source kinds of this file: `wms`, `xyz` and `wmts` raster tiles. */
export const rasterTileKinds: Record<string, SourceKindLoader> = {
  wms: loadWms,
  xyz: loadXyz,
  wmts: loadWmts,
};
