/**
 * The geometry side of the plan editor, without DOM: reading typed coordinates (RD New metres or
 * WGS 84 degrees, told apart by their range), building an edit feature from points, and the area
 * an edit covers (in RD New, square metres).
 */
import type { Geometry, MultiPoint, Point, Polygon, Position } from 'geojson';
import { lonLatToRd, rdToLonLat } from '../../core/raster/crs.js';
import {
  DEFAULT_CROWN_RADIUS_M,
  type EditAction,
  type EditProperties,
  type GreeneryEdit,
} from '../../core/sim/greenery-edits.js';

/** Why typed coordinates could not be read: a message key of the `edit.coords.*` family and its parameters. */
export interface CoordinateProblem {
  /** The message key. */
  key: 'edit.coords.empty' | 'edit.coords.pair' | 'edit.coords.range' | 'edit.coords.tooFew';
  /** Its parameters (`n`: the 1-based number of the pair). */
  params: Record<string, string | number>;
}

/** Typed coordinates, read. */
export interface ParsedCoordinates {
  /** The points in WGS 84 `[lon, lat]`. */
  points: [number, number][];
  /** The CRS they were typed in. */
  crs: 'EPSG:28992' | 'EPSG:4326';
}

/** RD New's valid area (metres), a little wider than the Netherlands. */
const RD_RANGE = { x: [-7000, 300000], y: [289000, 629000] } as const;

const inRd = ([x, y]: [number, number]) =>
  x >= RD_RANGE.x[0] && x <= RD_RANGE.x[1] && y >= RD_RANGE.y[0] && y <= RD_RANGE.y[1];
const inWgs84 = ([lon, lat]: [number, number]) => Math.abs(lon) <= 180 && Math.abs(lat) <= 90;

/**
 * Reads `x,y; x,y; ...` (pairs separated by `;` or new lines, the two numbers by a comma or spaces).
 * All pairs in the WGS 84 range are lon,lat degrees; all in RD New's range are metres (RD New's
 * y is never below 289000, so the two cannot be confused). Returns the problem otherwise.
 */
export function parseCoordinates(text: string): ParsedCoordinates | CoordinateProblem {
  const pieces = text
    .split(/[;\n]/)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');
  if (pieces.length === 0) return { key: 'edit.coords.empty', params: {} };
  const pairs: [number, number][] = [];
  for (const [i, piece] of pieces.entries()) {
    const numbers = piece.split(/\s*,\s*|\s+/).filter((part) => part !== '');
    const values = numbers.map(Number);
    if (values.length !== 2 || values.some((v) => !Number.isFinite(v)))
      return { key: 'edit.coords.pair', params: { n: i + 1, text: piece } };
    pairs.push([values[0] as number, values[1] as number]);
  }
  if (pairs.every(inWgs84)) return { points: pairs, crs: 'EPSG:4326' };
  const outside = pairs.findIndex((pair) => !inRd(pair));
  if (outside >= 0) return { key: 'edit.coords.range', params: { n: outside + 1 } };
  return { points: pairs.map(([x, y]) => rdToLonLat(x, y)), crs: 'EPSG:28992' };
}

/** Whether a parse gave a problem. */
export function isCoordinateProblem(
  value: ParsedCoordinates | CoordinateProblem,
): value is CoordinateProblem {
  return 'key' in value;
}

/** The points without repeats of the same position in a row (and without a closing repeat). */
function distinct(points: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

/**
 * A closed polygon through `points` (WGS 84), or undefined with fewer than 3 distinct corners.
 * The ring is made counter-clockwise, as RFC 7946 asks of outer rings.
 */
export function polygonOf(points: readonly Position[]): Polygon | undefined {
  const ring = distinct(points);
  if (ring.length < 3) return undefined;
  if (signedArea(ring.map(([lon = 0, lat = 0]) => [lon, lat])) < 0) ring.reverse();
  return { type: 'Polygon', coordinates: [[...ring, ring[0] as Position]] };
}

/** A Point for one position, a MultiPoint for more. */
export function pointsOf(points: readonly Position[]): Point | MultiPoint {
  return points.length === 1
    ? { type: 'Point', coordinates: points[0] as Position }
    : { type: 'MultiPoint', coordinates: [...points] };
}

/** The number of distinct corners of a would-be polygon. */
export function cornerCount(points: readonly Position[]): number {
  return distinct(points).length;
}

/** A fresh id for a plan edit: `plan-` and 10 random base-36 characters. */
export function newEditId(): string {
  const random =
    typeof crypto !== 'undefined' && 'getRandomValues' in crypto
      ? [...crypto.getRandomValues(new Uint8Array(10))].map((b) => (b % 36).toString(36)).join('')
      : Math.random().toString(36).slice(2, 12);
  return `plan-${random}`;
}

/** An edit feature with only the edit's own properties (id both as feature id and property). */
export function editFeature(
  id: string,
  action: EditAction,
  geometry: GreeneryEdit['geometry'],
  options: { label?: string | undefined; crownRadiusM?: number | undefined } = {},
): GreeneryEdit {
  const properties: EditProperties = { action, id };
  if (options.label) properties.label = options.label;
  if (options.crownRadiusM !== undefined) properties.crownRadiusM = options.crownRadiusM;
  return { type: 'Feature', id, geometry, properties };
}

/** Twice the signed area of a ring (positive: counter-clockwise). */
function signedArea(ring: readonly [number, number][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i] as [number, number];
    const [x1, y1] = ring[(i + 1) % ring.length] as [number, number];
    sum += x0 * y1 - x1 * y0;
  }
  return sum / 2;
}

function ringAreaM2(ring: readonly Position[]): number {
  return Math.abs(signedArea(ring.map(([lon = NaN, lat = NaN]) => lonLatToRd(lon, lat))));
}

/**
 * The area an edit covers, m²: its polygons in RD New (holes taken off), or for tree points one
 * crown disk per point. Overlaps between parts are counted twice.
 */
export function editAreaM2(geometry: Geometry, crownRadiusM = DEFAULT_CROWN_RADIUS_M): number {
  const disk = Math.PI * crownRadiusM * crownRadiusM;
  const polygon = (rings: Position[][]) =>
    rings.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * ringAreaM2(ring), 0);
  switch (geometry.type) {
    case 'Point':
      return disk;
    case 'MultiPoint':
      return disk * geometry.coordinates.length;
    case 'Polygon':
      return polygon(geometry.coordinates);
    case 'MultiPolygon':
      return geometry.coordinates.reduce((sum, rings) => sum + polygon(rings), 0);
    default:
      return 0;
  }
}
