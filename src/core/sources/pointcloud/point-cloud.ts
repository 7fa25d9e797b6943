/**
 * DOM-free facts of point clouds: the decoded form the `las-decode` worker task answers with, the
 * CRS codes it understands, how a large cloud is thinned, and the colours of the LAS classes.
 */
import type { RGBA } from '../../style/color.js';
import type { LasHeader } from './las-header.js';

/**
 * A decoded point cloud, ready to draw: positions relative to an origin in longitude/latitude (for
 * deck.gl's `LNGLAT_OFFSETS`), heights as stored in the file (metres NAP for AHN).
 */
export interface DecodedPointCloud {
  /** x, y, z per drawn point: longitude and latitude offsets from {@link origin} (degrees), height (metres, the file's vertical datum: NAP for AHN). */
  positions: Float32Array;
  /** The LAS classification code of each drawn point (0-31 for formats 0-5). */
  classification: Uint8Array;
  /** Longitude and latitude (degrees) the positions are offsets from. */
  origin: [number, number];
  /** The public header of the file. */
  header: LasHeader;
  /** Points the decoder returned: all points, or every `skip`-th (see {@link thinningPlan}). */
  decodedCount: number;
  /** Points kept to draw (at most `max-points`). */
  drawnCount: number;
  /** Every how many points the decoder kept one (1: all). */
  skip: number;
  /** Number of decoded points per class code. */
  classes: Record<number, number>;
  /** Bounds of the drawn points: `[west, south, east, north]` in degrees. */
  bbox: [number, number, number, number];
  /** Lowest and highest height of the drawn points, metres. */
  zRange: [number, number];
  /** The 1st and 99th percentile of the drawn heights, metres: the default span of a height ramp. */
  zPercentiles: [number, number];
  /** The horizontal CRS the file was read in (`EPSG:28992`, ...). */
  crs: string;
  /** Largest distance, metres, between the fitted conversion and proj4 over the file's extent. */
  fitErrorM: number;
}

/** The horizontal CRSs a point cloud may be in; compound codes map to their horizontal part. */
const KNOWN_CRS: Record<string, string> = {
  '28992': 'EPSG:28992', // RD New
  '7415': 'EPSG:28992', // RD New + NAP height (how 3DBAG and AHN products name it)
  '4326': 'EPSG:4326',
  '3857': 'EPSG:3857',
};

/**
 * The horizontal CRS of a `crs` attribute (`EPSG:28992`, `EPSG:7415`, `urn:ogc:def:crs:EPSG::28992`,
 * `http://www.opengis.net/def/crs/EPSG/0/28992`), or undefined when it is not one this reader knows.
 * No attribute means EPSG:28992: AHN files carry no CRS record.
 */
export function pointCloudCrs(attribute: string | undefined): string | undefined {
  if (attribute === undefined || attribute.trim() === '') return 'EPSG:28992';
  const text = attribute.trim();
  if (/^(OGC:)?CRS:?84$/i.test(text) || /\/OGC\/1\.3\/CRS84$/i.test(text)) return 'EPSG:4326';
  const match =
    /^(?:EPSG:+|urn:ogc:def:crs:EPSG:[^:]*:|https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[^/]+\/)(\d+)$/i.exec(
      text,
    );
  return match ? KNOWN_CRS[match[1] as string] : undefined;
}

/** The default `max-points`: the whole AHN sample (848,942 points) is drawn. */
export const DEFAULT_MAX_POINTS = 1_000_000;

/**
 * How a cloud of `pointCount` points is thinned to at most `maxPoints`: the decoder keeps every
 * `skip`-th point (`skip = floor(pointCount / maxPoints)`, at least 1, which bounds memory), then
 * exactly `drawn = min(decoded, maxPoints)` of the decoded points are kept, point `floor(k · decoded
 * / drawn)` for k = 0 .. drawn - 1: an even spread through the file's point order.
 */
export function thinningPlan(
  pointCount: number,
  maxPoints: number,
): { skip: number; decoded: number; drawn: number } {
  const budget = Math.max(1, Math.floor(maxPoints));
  const skip = Math.max(1, Math.floor(pointCount / budget));
  const decoded = Math.ceil(pointCount / skip);
  return { skip, decoded, drawn: Math.min(decoded, budget) };
}

/** Colours of the LAS classes (Okabe-Ito, colour-blind-safe), by code; other classes use {@link OTHER_CLASS_COLOR}. */
export const LAS_CLASS_COLORS: Readonly<Record<number, RGBA>> = {
  0: [187, 187, 187, 255], // never classified
  1: [187, 187, 187, 255], // unclassified: neutral grey
  2: [230, 159, 0, 255], // ground: orange
  3: [0, 158, 115, 255], // low vegetation: bluish green
  4: [0, 158, 115, 255], // medium vegetation
  5: [0, 158, 115, 255], // high vegetation
  6: [204, 121, 167, 255], // building: reddish purple
  7: [0, 0, 0, 255], // low point (noise): black
  9: [0, 114, 178, 255], // water: blue
  17: [240, 228, 66, 255], // bridge deck: yellow
  26: [213, 94, 0, 255], // AHN "kunstwerk" (civil structure): vermillion
};

/** The colour of classes without their own colour. */
export const OTHER_CLASS_COLOR: RGBA = [86, 180, 233, 255]; // sky blue
