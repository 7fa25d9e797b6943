import type { DtMap } from '../../src/components/map/dt-map.js';

/** A frame as the user saw it: RGBA bytes of the map canvas, in CSS pixels (device pixel ratio 1). */
export interface Frame {
  width: number;
  height: number;
  data: Uint8ClampedArray;
  /** RGBA at pixel (x, y), or undefined outside the frame. */
  at(x: number, y: number): [number, number, number, number] | undefined;
}

/**
 * Draws the next complete map frame (basemap and deck.gl layers) and copies it out while it is still
 * in the drawing buffer: inside MapLibre's `render` event, which fires after every layer has drawn.
 */
export async function captureFrame(dtMap: DtMap): Promise<Frame> {
  const map = dtMap.map;
  if (!map) throw new Error('the map has not been created');
  await dtMap.rendered();
  const canvas = map.getCanvas();
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const ctx = copy.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2D context');
  await new Promise<void>((resolve) => {
    map.once('render', () => {
      ctx.drawImage(canvas, 0, 0);
      resolve();
    });
    map.triggerRepaint();
  });
  const { data, width, height } = ctx.getImageData(0, 0, copy.width, copy.height);
  const scale = canvas.width / canvas.clientWidth;
  return {
    width,
    height,
    data,
    at(x, y) {
      const px = Math.round(x * scale);
      const py = Math.round(y * scale);
      if (px < 0 || py < 0 || px >= width || py >= height) return undefined;
      const i = (py * width + px) * 4;
      return [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0, data[i + 3] ?? 0];
    },
  };
}

/** Largest difference of one channel between two colours (alpha ignored). */
export function colorDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return Math.max(
    Math.abs((a[0] ?? 0) - (b[0] ?? 0)),
    Math.abs((a[1] ?? 0) - (b[1] ?? 0)),
    Math.abs((a[2] ?? 0) - (b[2] ?? 0)),
  );
}

/** How many pixels of the frame are within `tolerance` of `color`. */
export function countPixels(frame: Frame, color: ArrayLike<number>, tolerance = 3): number {
  let n = 0;
  const d = frame.data;
  for (let i = 0; i < d.length; i += 4) {
    if (
      Math.abs((d[i] ?? 0) - (color[0] ?? 0)) <= tolerance &&
      Math.abs((d[i + 1] ?? 0) - (color[1] ?? 0)) <= tolerance &&
      Math.abs((d[i + 2] ?? 0) - (color[2] ?? 0)) <= tolerance
    ) {
      n++;
    }
  }
  return n;
}
