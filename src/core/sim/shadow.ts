/**
 * Shadows cast on a digital surface model (DSM: heights of the ground, buildings and trees) by the
 * sun, and hours of direct sun over a day (docs/models/shade-and-pet.md). Pure functions over
 * typed-array grids, north-up (row 0 is the northern row, x grows east); they run in a Web Worker.
 */
import { checkpointer, type RunOptions } from './run-options.js';
import { checkDsm, prepareDsm, rayTable, stepsInside, type PreparedDsm } from './shadow-grid.js';
import { solarDayStart, sunPosition, type SunPosition } from './sun-position.js';

/** Options of {@link shadowMask}. */
export interface ShadowOptions extends RunOptions {
  /**
   * A DSM value that means "no data" (besides NaN and infinities). No-data cells are ground at the
   * lowest valid height of the DSM: they cast no shadow, and their own shade is that of ground there.
   */
  nodata?: number;
  /** An array of `width * height` cells to write the mask into (and return) instead of allocating one. */
  out?: Uint8Array;
}

/** Options of {@link sunHours}. */
export interface SunHoursOptions extends RunOptions {
  /** A DSM value that means "no data", as in {@link ShadowOptions.nodata}. */
  nodata?: number;
}

/** Calls a checkpoint and awaits it only when it pauses. */
type Check = (share: number) => Promise<void> | undefined;

/**
 * The shadow kernel on a prepared DSM: writes 1 (shade) or 0 (sun) for every cell into `out`,
 * reporting progress from `shareFrom` to `shareFrom + shareSpan`.
 */
async function castShadow(
  prepared: PreparedDsm,
  width: number,
  height: number,
  cellSizeM: number,
  sun: SunPosition,
  out: Uint8Array,
  check: Check,
  shareFrom: number,
  shareSpan: number,
): Promise<void> {
  const elevation = (sun.elevationDeg * Math.PI) / 180;
  if (!(sun.elevationDeg > 0) || !Number.isFinite(sun.azimuthDeg)) {
    // Night, or the sun on or below the horizon: all in shade (also for a NaN sun).
    out.fill(1);
    return;
  }
  if (sun.elevationDeg >= 90) {
    out.fill(0);
    return;
  }
  const { z, minZ, maxZ } = prepared;
  // Rise of the line of sight per step of the ray, in metres.
  const ray0 = rayTable(sun.azimuthDeg, width, height, 0);
  const rise = ray0.stepCells * cellSizeM * Math.tan(elevation);
  const ray = rayTable(sun.azimuthDeg, width, height, Math.ceil((maxZ - minZ) / rise));
  const { offset, frac, minorStride } = ray;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const z0 = z[i] as number;
      // Past the step where the line of sight clears the highest cell nothing can shade the cell.
      const clear = Math.ceil((maxZ - z0) / rise) - 1;
      const inside = stepsInside(ray, x, y, width, height);
      const steps = clear < inside ? clear : inside;
      let shaded = 0;
      for (let k = 1; k <= steps; k++) {
        const j = i + (offset[k] as number);
        const a = z[j] as number;
        const zk = a + (frac[k] as number) * ((z[j + minorStride] as number) - a);
        if (zk > z0 + k * rise) {
          shaded = 1;
          break;
        }
      }
      out[i] = shaded;
    }
    const pause = check(shareFrom + (shareSpan * (y + 1)) / height);
    if (pause) await pause;
  }
}

/**
 * Which cells of a DSM lie in the shadow of the sun at `sun` (elevation and azimuth, e.g. from
 * {@link sunPosition}): 1 = shade, 0 = direct sun. A cell is in shade when some point on the ray
 * from its centre towards the sun rises above the line of sight from the cell's own height; the ray
 * is walked in steps of one cell along the grid axis closest to the sun's direction (at most sqrt(2)
 * cells long), with heights interpolated linearly between the two cells it passes between, until the
 * line of sight clears the highest cell of the DSM or the ray leaves the grid (beyond the edge there
 * is nothing: cells near the edge facing the sun may be lit where real buildings outside would
 * shade them). With the sun on or below the horizon (night) every cell is in shade.
 *
 * No-data cells (NaN, infinite, `options.nodata`) are ground at the lowest valid height (see
 * {@link ShadowOptions.nodata}). O(cells x steps), the steps bounded by
 * (highest - lowest height) / tan(elevation) / cell size. Yields to the event loop every row when
 * 30 ms have passed; rejects with an `AbortError` when `options.signal` aborts.
 *
 * @param dsm - `width * height` heights in metres, row-major, row 0 north.
 * @param cellSizeM - The side of a (square) cell in metres.
 */
export async function shadowMask(
  dsm: Float32Array,
  width: number,
  height: number,
  cellSizeM: number,
  sun: SunPosition,
  options: ShadowOptions = {},
): Promise<Uint8Array> {
  checkDsm('shadowMask', dsm, width, height, cellSizeM);
  const out = options.out ?? new Uint8Array(width * height);
  if (out.length !== width * height) {
    throw new RangeError(`shadowMask: out has ${out.length} cells, expected ${width * height}`);
  }
  options.signal?.throwIfAborted();
  options.onProgress?.(0);
  const prepared = prepareDsm(dsm, width, height, options.nodata ?? NaN);
  await castShadow(prepared, width, height, cellSizeM, sun, out, checkpointer(options), 0, 1);
  options.signal?.throwIfAborted();
  options.onProgress?.(1);
  return out;
}

/**
 * Hours of direct sun on every cell of a DSM over one day: the local mean solar day that holds
 * `date` at longitude `lonDeg` (see {@link solarDayStart}: pass a time near noon, e.g.
 * `new Date('2026-06-21T12:00Z')` for the Netherlands). The day is cut into steps of `stepMinutes`
 * (the last one shorter when the step does not divide 24 hours); the sun's position at the middle of
 * each step ({@link sunPosition}) stands for the whole step, which counts for a cell when the sun is
 * above the horizon and the cell is not in shade ({@link shadowMask}). So on open ground the result
 * is the day length of `sunTimes` (sun-position.ts) within one step.
 *
 * @param latDeg - Latitude of the grid (north positive), one value for the whole grid.
 * @param lonDeg - Longitude of the grid (east positive).
 * @param stepMinutes - The time step (default 15 minutes), > 0 and at most 1440.
 */
export async function sunHours(
  dsm: Float32Array,
  width: number,
  height: number,
  cellSizeM: number,
  date: Date,
  latDeg: number,
  lonDeg: number,
  stepMinutes = 15,
  options: SunHoursOptions = {},
): Promise<Float32Array> {
  checkDsm('sunHours', dsm, width, height, cellSizeM);
  if (!(stepMinutes > 0) || stepMinutes > 1440) {
    throw new RangeError('sunHours: stepMinutes must be > 0 and at most 1440');
  }
  options.signal?.throwIfAborted();
  options.onProgress?.(0);
  const start = solarDayStart(date, lonDeg).getTime();
  const samples: { sun: SunPosition; hours: number }[] = [];
  for (let t0 = 0; t0 < 1440; t0 += stepMinutes) {
    const t1 = Math.min(t0 + stepMinutes, 1440);
    const sun = sunPosition(new Date(start + ((t0 + t1) / 2) * 60_000), latDeg, lonDeg);
    if (sun.elevationDeg > 0) samples.push({ sun, hours: (t1 - t0) / 60 });
  }
  const prepared = prepareDsm(dsm, width, height, options.nodata ?? NaN);
  const hours = new Float32Array(width * height);
  const mask = new Uint8Array(width * height);
  const check = checkpointer(options);
  for (let s = 0; s < samples.length; s++) {
    const { sun, hours: stepHours } = samples[s] as (typeof samples)[number];
    const share = 1 / samples.length;
    await castShadow(prepared, width, height, cellSizeM, sun, mask, check, s * share, share);
    for (let i = 0; i < mask.length; i++)
      if (mask[i] === 0) hours[i] = (hours[i] as number) + stepHours;
  }
  options.signal?.throwIfAborted();
  options.onProgress?.(1);
  return hours;
}
