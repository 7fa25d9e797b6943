/**
 * The image export of the current view, without the map itself: reading a requested resolution,
 * planning the pixel ratio and crop it needs, and a scale bar of a round length. The image is
 * composed in snapshot-compose.ts. No DOM is needed.
 */
import { DtExportError } from './export-error.js';

/** A requested image size: a multiple of the map's size on screen, or an exact size in pixels. */
export type SnapshotResolution = { scale: number } | { width: number; height: number };

/** The smallest and largest scale (multiple of the map's CSS size). */
export const SNAPSHOT_SCALE_RANGE = [0.25, 8] as const;
/** The smallest and largest side of an image, pixels. */
export const SNAPSHOT_SIDE_RANGE = [16, 8192] as const;

/** Equatorial circumference of the WGS 84 ellipsoid (m): the Web Mercator world width at zoom 0. */
export const EARTH_CIRCUMFERENCE_M = 40075016.686;

/**
 * Reads a resolution: `2x` (or `2`, `2×`) for twice the map's size on screen, `1920x1080` for an
 * exact size in pixels.
 * @throws DtExportError (`invalid-resolution`) naming the text and the allowed range.
 */
export function parseResolution(text: string): SnapshotResolution {
  const value = text.trim().toLowerCase();
  const bad = (why: string) =>
    new DtExportError('snapshot', 'invalid-resolution', `resolution "${text}": ${why}`);
  const scale = /^(\d+(?:\.\d+)?)\s*[x×]?$/.exec(value);
  if (scale) {
    const s = Number(scale[1]);
    const [min, max] = SNAPSHOT_SCALE_RANGE;
    if (!(s >= min && s <= max)) throw bad(`the scale must be from ${min} to ${max}`);
    return { scale: s };
  }
  const size = /^(\d+)\s*[x×]\s*(\d+)$/.exec(value);
  if (!size) throw bad('use a scale such as "2x" or a size such as "1920x1080"');
  return checkedSize(Number(size[1]), Number(size[2]), text);
}

function checkedSize(width: number, height: number, text: string): SnapshotResolution {
  const [min, max] = SNAPSHOT_SIDE_RANGE;
  const ok = (n: number) => Number.isInteger(n) && n >= min && n <= max;
  if (!ok(width) || !ok(height))
    throw new DtExportError(
      'snapshot',
      'invalid-resolution',
      `resolution "${text}": width and height must be whole numbers from ${min} to ${max} pixels`,
    );
  return { width, height };
}

/** Checks a resolution given as an object (as {@link parseResolution} checks text). */
export function checkResolution(resolution: SnapshotResolution): SnapshotResolution {
  if ('scale' in resolution) return parseResolution(`${resolution.scale}x`);
  return checkedSize(
    resolution.width,
    resolution.height,
    `${resolution.width}x${resolution.height}`,
  );
}

/** A rectangle in pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How to make an image of a map shown at a CSS size. */
export interface SnapshotPlan {
  /** Size of the image, pixels. */
  width: number;
  height: number;
  /** The pixel ratio to draw the map at: image pixels per CSS pixel. */
  pixelRatio: number;
  /** The part of the map (CSS pixels) the image shows: all of it for a scale, the centre for another shape. */
  crop: Rect;
}

/**
 * The plan for an image of a map of `cssWidth` × `cssHeight` CSS pixels. A scale keeps the whole
 * view; an exact size of another shape is drawn at the pixel ratio that covers it and cropped
 * around the centre, so the view's centre, zoom, pitch and bearing stay as on screen.
 */
export function planSnapshot(
  cssWidth: number,
  cssHeight: number,
  resolution: SnapshotResolution,
): SnapshotPlan {
  if ('scale' in resolution) {
    const s = resolution.scale;
    return {
      width: Math.round(cssWidth * s),
      height: Math.round(cssHeight * s),
      pixelRatio: s,
      crop: { x: 0, y: 0, width: cssWidth, height: cssHeight },
    };
  }
  const { width, height } = resolution;
  const pixelRatio = Math.max(width / cssWidth, height / cssHeight);
  const cropWidth = width / pixelRatio;
  const cropHeight = height / pixelRatio;
  return {
    width,
    height,
    pixelRatio,
    crop: {
      x: (cssWidth - cropWidth) / 2,
      y: (cssHeight - cropHeight) / 2,
      width: cropWidth,
      height: cropHeight,
    },
  };
}

/**
 * Ground metres per CSS pixel of a flat (unpitched) Web Mercator map with 512-pixel tiles, as
 * MapLibre draws it, at a latitude and zoom: the Mercator scale shrinks with cos(latitude).
 */
export function webMercatorMetresPerPixel(latitude: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE_M * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
}

/**
 * A scale bar of a round length (1, 2 or 5 times a power of ten metres) no longer than
 * `maxPixels`, for a map of `metresPerPixel`.
 */
export function scaleBarLength(
  metresPerPixel: number,
  maxPixels: number,
): { metres: number; pixels: number } {
  const most = metresPerPixel * maxPixels;
  const power = 10 ** Math.floor(Math.log10(most));
  const metres = [5, 2, 1].map((m) => m * power).find((m) => m <= most) ?? power;
  return { metres, pixels: metres / metresPerPixel };
}

export {
  composeSnapshot,
  type Context2D,
  type SnapshotLayout,
  type SnapshotLegend,
  type SnapshotOverlays,
} from './snapshot-compose.js';
