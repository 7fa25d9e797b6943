/**
 * Reads what a WMS client needs from a GetCapabilities document (WMS 1.3.0 and 1.1.1): the
 * version, the named layers with the CRSs each offers (inherited from parent layers, as the
 * standard says), their lon/lat boxes, the GetMap formats and the attribution.
 */
import type { LonLatBounds } from '../../tiles/tile-id.js';
import { childAt, childrenNamed, hrefOf, textAt } from './xml.js';

/** One named layer of a WMS. */
export interface WmsLayerInfo {
  /** The name used in `LAYERS=`. */
  name: string;
  /** The human title. */
  title: string | undefined;
  /** CRS (1.3.0) or SRS (1.1.1) codes the layer can be drawn in, own and inherited. */
  crs: string[];
  /** Its lon/lat box (own or inherited), if given. */
  bounds: LonLatBounds | undefined;
  /** Attribution title (own or inherited), if given. */
  attribution: string | undefined;
}

/** What a WMS offers. */
export interface WmsCapabilities {
  /** The version the server answered with (`1.3.0` or `1.1.1`). */
  version: string;
  /** The service title. */
  title: string | undefined;
  /** Every named layer, in document order. */
  layers: WmsLayerInfo[];
  /** Output formats of GetMap (`image/png`, ...). */
  formats: string[];
  /** The GetMap GET address the capabilities give, if any. */
  getMapUrl: string | undefined;
}

/** Whether `doc` is a WMS capabilities document (1.3.0 `WMS_Capabilities`, 1.1.x `WMT_MS_Capabilities`). */
export function isWmsCapabilities(doc: Document): boolean {
  const root = doc.documentElement.localName;
  return root === 'WMS_Capabilities' || root === 'WMT_MS_Capabilities';
}

function boundsOf(layer: Element): LonLatBounds | undefined {
  const box = childAt(layer, 'EX_GeographicBoundingBox');
  if (box) {
    const [west, east, south, north] = [
      'westBoundLongitude',
      'eastBoundLongitude',
      'southBoundLatitude',
      'northBoundLatitude',
    ].map((name) => Number(textAt(box, name)));
    if ([west, east, south, north].every(Number.isFinite))
      return { west: west ?? 0, south: south ?? 0, east: east ?? 0, north: north ?? 0 };
  }
  const old = childAt(layer, 'LatLonBoundingBox'); // 1.1.1
  if (!old) return undefined;
  const [west, south, east, north] = ['minx', 'miny', 'maxx', 'maxy'].map((a) =>
    Number(old.getAttribute(a)),
  );
  if (![west, south, east, north].every(Number.isFinite)) return undefined;
  return { west: west ?? 0, south: south ?? 0, east: east ?? 0, north: north ?? 0 };
}

function collectLayers(
  layer: Element,
  inherited: Omit<WmsLayerInfo, 'name' | 'title'>,
  out: WmsLayerInfo[],
): void {
  // 1.1.1 allowed several codes in one <SRS>, separated by spaces.
  const own = [...childrenNamed(layer, 'CRS'), ...childrenNamed(layer, 'SRS')].flatMap((e) =>
    (e.textContent ?? '').trim().split(/\s+/).filter(Boolean),
  );
  const info = {
    crs: [...new Set([...inherited.crs, ...own])],
    bounds: boundsOf(layer) ?? inherited.bounds,
    attribution: textAt(layer, 'Attribution', 'Title') ?? inherited.attribution,
  };
  const name = textAt(layer, 'Name');
  if (name) out.push({ name, title: textAt(layer, 'Title'), ...info });
  for (const child of childrenNamed(layer, 'Layer')) collectLayers(child, info, out);
}

/** Reads a WMS capabilities document (check {@link isWmsCapabilities} first). */
export function readWmsCapabilities(doc: Document): WmsCapabilities {
  const root = doc.documentElement;
  const capability = childAt(root, 'Capability');
  const getMap = childAt(capability, 'Request', 'GetMap');
  const layers: WmsLayerInfo[] = [];
  for (const top of childrenNamed(capability, 'Layer'))
    collectLayers(top, { crs: [], bounds: undefined, attribution: undefined }, layers);
  return {
    version: root.getAttribute('version') ?? '1.3.0',
    title: textAt(root, 'Service', 'Title'),
    layers,
    formats: childrenNamed(getMap, 'Format').map((f) => (f.textContent ?? '').trim()),
    getMapUrl: hrefOf(childAt(getMap, 'DCPType', 'HTTP', 'Get', 'OnlineResource')),
  };
}
