/**
 * Reprojection of GeoJSON to WGS 84 (the CRS deck.gl and MapLibre draw in), and the checks that
 * tell a wrong CRS from a right one. DOM-free: the positions travel as one Float64Array of x, y
 * pairs, so a large file can be reprojected in the worker pool (tasks/raster.ts) and written back.
 */
import type { FeatureCollection, Geometry, Position } from 'geojson';
import proj4 from 'proj4';
import { transformer } from '../raster/crs.js';
import type { BBox } from '../raster/grid.js';

/** WGS 84 longitude/latitude, the CRS GeoJSON (RFC 7946) and the map use. */
export const WGS84 = 'EPSG:4326';

/**
 * Positions above which a GeoJSON source is reprojected in the worker pool instead of on the main
 * thread: proj4 takes about 1-2 µs a position (RD New to WGS 84), so 10,000 stay under ~20 ms.
 */
export const WORKER_REPROJECT_THRESHOLD = 10_000;

/**
 * EPSG areas of use (lon/lat degrees) of projected CRSs whose data would otherwise land somewhere
 * plausible but wrong; a margin of {@link AREA_MARGIN_DEG} is allowed around them.
 */
const AREAS_OF_USE: Record<string, BBox> = {
  'EPSG:28992': [3.2, 50.75, 7.22, 53.7], // Netherlands onshore and 12-mile zone
};
const AREA_MARGIN_DEG = 1;

/**
 * A CRS name as the code proj4 knows it: `EPSG:28992` from `epsg:28992`,
 * `urn:ogc:def:crs:EPSG::28992` or `http://www.opengis.net/def/crs/EPSG/0/28992`; CRS84 (in any of
 * those forms) as `EPSG:4326` (both are longitude, latitude in GeoJSON). Other names are returned
 * trimmed, as given.
 */
export function normalizeCrs(name: string): string {
  const text = name.trim();
  if (/(^|[:/])CRS:?84$/i.test(text)) return WGS84;
  const epsg =
    /^EPSG:+(\d+)$/i.exec(text) ??
    /^urn:ogc:def:crs:EPSG:[\d.]*:(\d+)$/i.exec(text) ??
    /^https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[\d.]+\/(\d+)$/i.exec(text);
  return epsg ? `EPSG:${epsg[1]}` : text;
}

/**
 * The CRS a GeoJSON document declares with the pre-RFC 7946 `crs` member
 * (`{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}`), normalised by
 * {@link normalizeCrs}; undefined when it has none.
 */
export function declaredCrs(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const crs = (json as { crs?: unknown }).crs;
  if (typeof crs !== 'object' || crs === null) return undefined;
  const name = (crs as { properties?: { name?: unknown } }).properties?.name;
  return typeof name === 'string' && name.trim() !== '' ? normalizeCrs(name) : undefined;
}

/** Whether proj4 knows `crs` (after {@link normalizeCrs}). */
export function isKnownCrs(crs: string): boolean {
  return proj4.defs(crs) !== undefined;
}

/** Whether `crs` is a longitude/latitude CRS (proj4's `longlat`). */
export function isGeographicCrs(crs: string): boolean {
  return (proj4.defs(crs) as { projName?: string } | undefined)?.projName === 'longlat';
}

function visitGeometry(geometry: Geometry | null, visit: (p: Position) => void): void {
  if (!geometry) return;
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries) visitGeometry(g, visit);
    return;
  }
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') visit(c as Position);
    else for (const child of c) walk(child);
  };
  walk(geometry.coordinates);
}

/** Every position of a collection as x, y pairs, in document order (heights stay in the features). */
export function packPositions(data: FeatureCollection): Float64Array {
  let count = 0;
  for (const f of data.features) visitGeometry(f.geometry, () => count++);
  const xy = new Float64Array(count * 2);
  let i = 0;
  for (const f of data.features) {
    visitGeometry(f.geometry, (p) => {
      xy[i++] = p[0] as number;
      xy[i++] = p[1] as number;
    });
  }
  return xy;
}

/** Writes x, y pairs made by {@link packPositions} back into the same collection, in place. */
export function unpackPositions(data: FeatureCollection, xy: Float64Array): void {
  let i = 0;
  for (const f of data.features) {
    visitGeometry(f.geometry, (p) => {
      p[0] = xy[i++] as number;
      p[1] = xy[i++] as number;
    });
  }
}

/**
 * The box `[minX, minY, maxX, maxY]` of x, y pairs; NaN members when a value is not finite (or
 * there are none), so a check against any range fails.
 */
export function positionsBBox(xy: Float64Array): BBox {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < xy.length; i += 2) {
    const x = xy[i] as number;
    const y = xy[i + 1] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return [NaN, NaN, NaN, NaN];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return xy.length > 0 ? [minX, minY, maxX, maxY] : [NaN, NaN, NaN, NaN];
}

/**
 * Reprojects x, y pairs from `from` to `to` in place and returns the same array.
 * @throws Error naming the CRS when proj4 does not know one.
 */
export function reprojectPositions(xy: Float64Array, from: string, to: string): Float64Array {
  const convert = transformer(from, to);
  for (let i = 0; i < xy.length; i += 2) {
    const [x, y] = convert(xy[i] as number, xy[i + 1] as number);
    xy[i] = x;
    xy[i + 1] = y;
  }
  return xy;
}

const round = (v: number): string => String(Math.round(v * 1e4) / 1e4);
const range = (box: BBox): string =>
  `x ${round(box[0])}..${round(box[2])}, y ${round(box[1])}..${round(box[3])}`;

/**
 * Why positions do not fit their CRS, or undefined when they do. `sourceBox` is the box of the
 * positions as read (in `crs`), `lonLatBox` the box of the same positions in WGS 84. Geographic
 * CRSs need longitudes in [-180, 180] and latitudes in [-90, 90]; projected ones must land on the
 * earth, and inside the area of use for the CRSs this module knows one of (RD New: the Netherlands).
 * `subject` starts the reason (default `the coordinates`).
 */
export function crsMismatch(
  crs: string,
  sourceBox: BBox,
  lonLatBox: BBox,
  subject = 'the coordinates',
): string | undefined {
  const hint = (box: BBox): string =>
    looksLikeRdNew(box)
      ? ' (they look like RD New metres: set crs="EPSG:28992")'
      : looksLikeLonLat(box)
        ? ' (they look like longitude/latitude degrees: leave crs out or set crs="EPSG:4326")'
        : '';
  if (sourceBox.some((v) => !Number.isFinite(v)))
    return `${subject} do not fit the CRS ${crs}: some are not finite numbers`;
  if (isGeographicCrs(crs) && !looksLikeLonLat(sourceBox)) {
    return (
      `${subject} do not fit the CRS ${crs}: ${range(sourceBox)} lie outside longitude ` +
      `[-180, 180] and latitude [-90, 90]${hint(sourceBox)}`
    );
  }
  if (lonLatBox.some((v) => !Number.isFinite(v)) || !looksLikeLonLat(lonLatBox)) {
    return `${subject} do not fit the CRS ${crs}: ${range(sourceBox)} do not project onto the earth${hint(sourceBox)}`;
  }
  const area = AREAS_OF_USE[crs];
  if (area && !inside(lonLatBox, area, AREA_MARGIN_DEG)) {
    return (
      `${subject} do not fit the CRS ${crs}: they land at longitude ` +
      `${round(lonLatBox[0])}..${round(lonLatBox[2])}, latitude ${round(lonLatBox[1])}..` +
      `${round(lonLatBox[3])}, outside its area of use (longitude ${area[0]}..${area[2]}, ` +
      `latitude ${area[1]}..${area[3]})${hint(sourceBox)}`
    );
  }
  return undefined;
}

function looksLikeLonLat([minX, minY, maxX, maxY]: BBox): boolean {
  return minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90;
}

/** Within RD New's valid range (metres): x -7,000..300,000, y 289,000..629,000. */
function looksLikeRdNew([minX, minY, maxX, maxY]: BBox): boolean {
  return minX >= -7000 && maxX <= 300000 && minY >= 289000 && maxY <= 629000;
}

function inside(box: BBox, area: BBox, margin: number): boolean {
  return (
    box[0] >= area[0] - margin &&
    box[1] >= area[1] - margin &&
    box[2] <= area[2] + margin &&
    box[3] <= area[3] + margin
  );
}
