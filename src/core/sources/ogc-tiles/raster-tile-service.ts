/**
 * A raster tile service resolved from what a user wrote and what the server offers: the URL of each
 * Web Mercator tile, the zoom range, the area and the attribution. WMS, WMTS and XYZ sources all end
 * up as one of these; the raster-tiles layer renderer draws any of them.
 */
import { DtSourceError } from '../../errors.js';
import type { LonLatBounds } from '../../tiles/tile-id.js';
import {
  isXyzTemplate,
  wmsTileUrls,
  wmtsKvpTileUrls,
  wmtsRestTileUrls,
  xyzTileUrls,
  type TileUrlOf,
} from './tile-urls.js';
import { isWebMercatorCrs } from './web-mercator.js';
import type { WmsCapabilities } from './wms-capabilities.js';
import { webMercatorMatrices, type WmtsCapabilities } from './wmts-capabilities.js';

/** A Web Mercator raster tile service. */
export interface RasterTileService {
  /** Which protocol the tiles come from. */
  protocol: 'wms' | 'wmts' | 'xyz';
  /** The URL of XYZ tile z/x/y (row 0 in the north). */
  tileUrl: TileUrlOf;
  /** Tile size in pixels (256 or 512). */
  tileSize: number;
  /** Lowest zoom level with tiles. */
  minZoom: number;
  /** Highest zoom level with tiles (deeper views stretch these). */
  maxZoom: number;
  /** Where the service has data (lon/lat degrees); no tiles are requested outside. */
  bounds: LonLatBounds | undefined;
  /** Attribution text from the capabilities, if any (plain text). */
  attribution: string | undefined;
}

/** Where a source is and what its element says, for errors and defaults. */
export interface ServiceRequest {
  /** The data source id, for errors. */
  sourceId: string;
  /** The `src` URL. */
  url: string;
  /** Tile size in pixels. */
  tileSize: number;
  /** Lowest zoom level, when the element sets one. */
  minZoom: number | undefined;
  /** Highest zoom level, when the element sets one. */
  maxZoom: number | undefined;
}

/** The parameters of a WMS source (its element's attributes). */
export interface WmsRequest extends ServiceRequest {
  /** Layer names, bottom first. */
  layers: string[];
  /** Style names (`''` or shorter than `layers`: the server's default). */
  styles: string[];
  /** MIME type of the images. */
  format: string;
  /** Transparent background. */
  transparent: boolean;
}

function fail(request: ServiceRequest, code: DtSourceError['code'], reason: string): never {
  throw new DtSourceError(request.sourceId, code, reason, { url: request.url });
}

/** Joins lon/lat boxes; undefined when any is unknown. */
function union(boxes: (LonLatBounds | undefined)[]): LonLatBounds | undefined {
  if (boxes.length === 0 || boxes.some((b) => !b)) return undefined;
  const known = boxes as LonLatBounds[];
  return {
    west: Math.min(...known.map((b) => b.west)),
    south: Math.min(...known.map((b) => b.south)),
    east: Math.max(...known.map((b) => b.east)),
    north: Math.max(...known.map((b) => b.north)),
  };
}

const quoteList = (names: string[]): string => names.map((n) => `"${n}"`).join(', ') || 'none';

/**
 * The tile service of a WMS: checks the layers exist and offer EPSG:3857 and the format is offered.
 * GetMap goes to the `src` address (the one the page can reach, which a server's own
 * `OnlineResource` behind a proxy often is not).
 */
export function wmsTileService(caps: WmsCapabilities, request: WmsRequest): RasterTileService {
  const known = caps.layers.map((l) => l.name);
  if (request.layers.length === 0)
    fail(request, 'missing-input', `no "layers" given; the service has ${quoteList(known)}`);
  const chosen = request.layers.map((name) => {
    const layer = caps.layers.find((l) => l.name === name);
    if (!layer)
      fail(
        request,
        'invalid-parameter',
        `unknown layer "${name}"; the service has ${quoteList(known)}`,
      );
    return layer;
  });
  const mercator = chosen[0]?.crs.find(isWebMercatorCrs);
  const without = chosen.filter((l) => !l.crs.some(isWebMercatorCrs)).map((l) => l.name);
  if (!mercator || without.length > 0)
    fail(
      request,
      'crs',
      `layer ${quoteList(without)} is not offered in EPSG:3857 (Web Mercator), the only CRS drawn`,
    );
  if (caps.formats.length > 0 && !caps.formats.includes(request.format))
    fail(
      request,
      'invalid-parameter',
      `format "${request.format}" is not offered; GetMap offers ${quoteList(caps.formats)}`,
    );
  const attributions = [...new Set(chosen.map((l) => l.attribution).filter(Boolean))];
  return {
    protocol: 'wms',
    tileUrl: wmsTileUrls(request.url, {
      version: caps.version,
      layers: request.layers,
      styles: request.layers.map((_, i) => request.styles[i] ?? ''),
      format: request.format,
      transparent: request.transparent,
      crs: mercator,
      tileSize: request.tileSize,
    }),
    tileSize: request.tileSize,
    minZoom: request.minZoom ?? 0,
    maxZoom: request.maxZoom ?? 22, // a WMS draws at any scale
    bounds: union(chosen.map((l) => l.bounds)),
    attribution: attributions.join(', ') || undefined,
  };
}

/** The parameters of a WMTS source. */
export interface WmtsRequest extends ServiceRequest {
  /** Layer identifier (default: the only layer). */
  layer: string | undefined;
  /** Tile matrix set (default: the layer's first Web Mercator set). */
  matrixSet: string | undefined;
  /** Style (default: the layer's default style). */
  style: string | undefined;
  /** Tile format (default: PNG when offered, else the layer's first format). */
  format: string | undefined;
}

/** The tile service of a WMTS layer in a Web Mercator (GoogleMapsCompatible) tile matrix set. */
export function wmtsTileService(caps: WmtsCapabilities, request: WmtsRequest): RasterTileService {
  const known = caps.layers.map((l) => l.identifier);
  const layerId = request.layer ?? (known.length === 1 ? known[0] : undefined);
  if (!layerId)
    fail(request, 'missing-input', `no "layer" given; the service has ${quoteList(known)}`);
  const layer = caps.layers.find((l) => l.identifier === layerId);
  if (!layer)
    fail(
      request,
      'invalid-parameter',
      `unknown layer "${layerId}"; the service has ${quoteList(known)}`,
    );
  const sets = layer.matrixSets.map((id) => caps.matrixSets.find((s) => s.identifier === id));
  const linked = sets.filter((s) => s !== undefined);
  const set = request.matrixSet
    ? linked.find((s) => s.identifier === request.matrixSet)
    : linked.find((s) => webMercatorMatrices(s).size > 0);
  if (!set)
    fail(
      request,
      request.matrixSet ? 'invalid-parameter' : 'crs',
      request.matrixSet
        ? `layer "${layerId}" has no tile matrix set "${request.matrixSet}"; it has ${quoteList(layer.matrixSets)}`
        : `layer "${layerId}" has no Web Mercator tile matrix set (only web-mercator matrix sets are drawn); it has ${quoteList(layer.matrixSets)}`,
    );
  const matrices = webMercatorMatrices(set);
  if (matrices.size === 0)
    fail(
      request,
      'crs',
      `tile matrix set "${set.identifier}" is in ${set.crs || 'an unknown CRS'}: only web-mercator (EPSG:3857, GoogleMapsCompatible) matrix sets are drawn`,
    );
  const zooms = [...matrices.keys()];
  const format =
    request.format ??
    layer.formats.find((f) => f === 'image/png') ??
    layer.formats[0] ??
    'image/png';
  const options = {
    layer: layer.identifier,
    style: request.style ?? layer.styles[0] ?? 'default',
    format,
    matrixSet: set.identifier,
    matrixOfZoom: (z: number) => matrices.get(z) ?? String(z),
  };
  const rest = layer.resourceUrls.find((r) => r.resourceType === 'tile' && r.format === format);
  const kvp = caps.getTileKvpUrl ?? request.url;
  return {
    protocol: 'wmts',
    tileUrl: rest
      ? wmtsRestTileUrls(
          new URL(rest.template, request.url).href.replace(/%7B/gi, '{').replace(/%7D/gi, '}'),
          options,
        )
      : wmtsKvpTileUrls(new URL(kvp, request.url).href, options),
    tileSize: set.matrices[0]?.tileWidth ?? request.tileSize,
    minZoom: Math.max(request.minZoom ?? 0, Math.min(...zooms)),
    maxZoom: Math.min(request.maxZoom ?? Infinity, Math.max(...zooms)),
    bounds: layer.bounds,
    attribution: undefined,
  };
}

/**
 * The tile service of a WMTS REST template given directly (no capabilities): its `{TileMatrix}`
 * is taken to be the zoom level of a Web Mercator (GoogleMapsCompatible) set.
 */
export function wmtsTemplateService(request: WmtsRequest): RasterTileService {
  return {
    protocol: 'wmts',
    tileUrl: wmtsRestTileUrls(request.url.replace(/%7B/gi, '{').replace(/%7D/gi, '}'), {
      layer: request.layer ?? '',
      style: request.style ?? 'default',
      format: request.format ?? 'image/png',
      matrixSet: request.matrixSet ?? 'GoogleMapsCompatible',
      matrixOfZoom: (z) => String(z),
    }),
    tileSize: request.tileSize,
    minZoom: request.minZoom ?? 0,
    maxZoom: request.maxZoom ?? 19,
    bounds: undefined,
    attribution: undefined,
  };
}

/** The tile service of an XYZ template (`{z}`, `{x}`, `{y}` or `{-y}`). */
export function xyzTileService(request: ServiceRequest, bounds?: LonLatBounds): RasterTileService {
  const template = request.url.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
  if (!isXyzTemplate(template))
    fail(request, 'invalid-parameter', 'an XYZ "src" needs {z}, {x} and {y} (or {-y}) in it');
  return {
    protocol: 'xyz',
    tileUrl: xyzTileUrls(template),
    tileSize: request.tileSize,
    minZoom: request.minZoom ?? 0,
    maxZoom: request.maxZoom ?? 19,
    bounds,
    attribution: undefined,
  };
}
