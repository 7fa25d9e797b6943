/**
 * Measuring without DOM: lengths, areas and perimeters in RD New (EPSG:28992), where a metre on the
 * map is a metre on the ground (within 1e-4 in the Netherlands), not on the Web Mercator plane,
 * where lengths at Delft's latitude come out about 1.6 times too long. Points come in as WGS 84
 * longitude/latitude and are projected with proj4.
 */
import { lonLatToRd, transformer } from '../../core/raster/crs.js';

/** What a measurement measures. */
export type MeasureKind = 'distance' | 'area' | 'height';

/** The kinds, in the order the tool offers them. */
export const MEASURE_KINDS: readonly MeasureKind[] = ['distance', 'area', 'height'];

/** A point in RD New, metres `[x, y]`. */
export type RdPoint = [number, number];

/** The height found at one point. */
export interface PointHeight {
  /** The value of each elevation raster (a DTM or DSM GeoTIFF) at the point, metres in its datum (NAP for AHN). */
  rasters: { sourceId: string; heightM: number }[];
  /** The building whose footprint holds the point: its height above the ground and its roof (m NAP), if known. */
  building?: { sourceId: string; index: number; heightM: number; roofM?: number | undefined };
  /** The height that differences use: the preferred raster, else the first with a value, else the roof. */
  heightM?: number | undefined;
}

/** One measurement: its points and what came out. */
export interface Measurement {
  /** A unique id (`m-1`, `m-2`, ...). */
  id: string;
  /** What it measures. */
  kind: MeasureKind;
  /** Its number among the twin's measurements of its kind (for "Distance 2"). */
  n: number;
  /** The points, WGS 84 `[lon, lat]`. */
  points: [number, number][];
  /** The points in RD New, metres. */
  rd: RdPoint[];
  /** Distance: the length of the line; area: the perimeter. Metres. */
  lengthM?: number;
  /** Area: the area enclosed, m². */
  areaM2?: number;
  /** Height: the height at each point (one or two). */
  heights?: PointHeight[];
  /** Height with two points: the second's height minus the first's, metres. */
  differenceM?: number;
}

/** Why points do not make a measurement: a message key and its parameters. */
export interface MeasureProblem {
  key: 'measure.problem.distance' | 'measure.problem.area' | 'measure.problem.height';
  params: { count: number };
}

/** Whether a value is a problem rather than a measurement. */
export function isMeasureProblem(value: Measurement | MeasureProblem): value is MeasureProblem {
  return 'key' in value;
}

/** The points without repeats of the same position in a row, and without a closing repeat. */
export function distinctPoints<P extends readonly number[]>(points: readonly P[]): P[] {
  const out: P[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (out.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

/** The length of a line through `points` (metres, in the points' plane). */
export function lineLengthM(points: readonly RdPoint[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1] as RdPoint;
    const [x1, y1] = points[i] as RdPoint;
    sum += Math.hypot(x1 - x0, y1 - y0);
  }
  return sum;
}

/** The perimeter of the closed ring through `points` (metres). */
export function ringPerimeterM(points: readonly RdPoint[]): number {
  const first = points[0];
  return first ? lineLengthM([...points, first]) : 0;
}

/** The area of the ring through `points` (m², shoelace formula; either winding). */
export function ringAreaM2(points: readonly RdPoint[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i] as RdPoint;
    const [x1, y1] = points[(i + 1) % points.length] as RdPoint;
    sum += x0 * y1 - x1 * y0;
  }
  return Math.abs(sum) / 2;
}

const toWebMercator = transformer('EPSG:4326', 'EPSG:3857');

/**
 * The length of a line measured naively on the Web Mercator plane (EPSG:3857 "metres"), as a ruler
 * laid on the map would: 1 / cos(latitude) too long, about 1.63 times at Delft. For comparison only.
 */
export function webMercatorLengthM(points: readonly [number, number][]): number {
  return lineLengthM(points.map(([lon, lat]) => toWebMercator(lon, lat)));
}

/**
 * Measures `kind` over WGS 84 `points`: a distance needs 2 distinct points or more, an area 3
 * corners or more, a height 1 point (or 2 for the difference), whose heights `heightAt` finds.
 */
export function measure(
  kind: MeasureKind,
  points: readonly [number, number][],
  options: { id: string; n: number; heightAt?: (lon: number, lat: number) => PointHeight },
): Measurement | MeasureProblem {
  const distinct = distinctPoints(points);
  const count = distinct.length;
  const rd = distinct.map(([lon, lat]) => lonLatToRd(lon, lat));
  const base = { id: options.id, n: options.n, kind, points: distinct, rd };
  if (kind === 'distance') {
    if (count < 2) return { key: 'measure.problem.distance', params: { count } };
    return { ...base, lengthM: lineLengthM(rd) };
  }
  if (kind === 'area') {
    if (count < 3) return { key: 'measure.problem.area', params: { count } };
    return { ...base, areaM2: ringAreaM2(rd), lengthM: ringPerimeterM(rd) };
  }
  if (count < 1 || count > 2) return { key: 'measure.problem.height', params: { count } };
  const heights = distinct.map(([lon, lat]) => options.heightAt?.(lon, lat) ?? { rasters: [] });
  const [a, b] = heights;
  const differenceM =
    a?.heightM !== undefined && b?.heightM !== undefined ? b.heightM - a.heightM : undefined;
  return {
    ...base,
    heights,
    ...(differenceM !== undefined ? { differenceM } : {}),
    ...(count === 2 ? { lengthM: lineLengthM(rd) } : {}),
  };
}
