/**
 * CRS negotiation of OGC API - Features Part 2: request a CRS only when the collection lists it, and
 * read the `Content-Crs` header of the answer. DOM-free.
 */
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { transformer } from '../../raster/crs.js';
import { WGS84, normalizeCrs } from '../reproject.js';
import type { OgcCollection } from './collection.js';

/** The default CRS of OGC API - Features (longitude, latitude on WGS 84). */
export const CRS84_URI = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

/** The OGC URI of an EPSG code: `http://www.opengis.net/def/crs/EPSG/0/28992` for `EPSG:28992`. */
export function epsgUri(code: string): string {
  const epsg = /^EPSG:(\d+)$/.exec(code);
  return epsg ? `http://www.opengis.net/def/crs/EPSG/0/${epsg[1]}` : code;
}

/**
 * The CRS to ask the server for: the `crs` attribute's CRS when the collection lists it (with the
 * URI the server wrote), else undefined: the request names no CRS and the answer is CRS84.
 */
export function requestCrs(
  collection: OgcCollection,
  wanted: string | undefined,
): { code: string; uri: string } | undefined {
  if (!wanted) return undefined;
  const code = normalizeCrs(wanted);
  if (code === WGS84) return undefined;
  return collection.crs.find((c) => c.code === code);
}

/** The CRS a `Content-Crs` header names (`<http://www.opengis.net/def/crs/EPSG/0/28992>`), normalised. */
export function parseContentCrs(header: string | null): string | undefined {
  if (!header) return undefined;
  const uri = header
    .trim()
    .replace(/^<(.*)>$/, '$1')
    .trim();
  return uri === '' ? undefined : normalizeCrs(uri);
}

function visit(geometry: Geometry | null, fn: (p: Position) => void): void {
  if (!geometry) return;
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries) visit(g, fn);
    return;
  }
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') fn(c as Position);
    else for (const child of c) walk(child);
  };
  walk(geometry.coordinates);
}

/**
 * Reprojects a page's features from `crs` to WGS 84 in place (a page is at most a few thousand
 * positions: about a millisecond a thousand). Returns why the result is not on the earth, if it
 * is not (the server sent another CRS than it said), else undefined.
 * @throws Error naming the CRS when proj4 does not know it.
 */
export function pageToWgs84(page: FeatureCollection, crs: string): string | undefined {
  if (crs === WGS84) return undefined;
  const convert = transformer(crs, WGS84);
  let bad = 0;
  for (const f of page.features) {
    visit(f.geometry, (p) => {
      const [lon, lat] = convert(p[0] as number, p[1] as number);
      if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) bad++;
      p[0] = lon;
      p[1] = lat;
    });
  }
  return bad > 0 ? `${bad} positions do not project from ${crs} onto the earth` : undefined;
}

/** The box of WGS 84 `bbox` in `crs` (corners and edge midpoints projected), for `bbox-crs`. */
export function bboxIn(
  bbox: readonly [number, number, number, number],
  crs: string,
): [number, number, number, number] {
  const convert = transformer(WGS84, crs);
  const [w, s, e, n] = bbox;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const lon of [w, (w + e) / 2, e]) {
    for (const lat of [s, (s + n) / 2, n]) {
      const [x, y] = convert(lon, lat);
      xs.push(x);
      ys.push(y);
    }
  }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
