/**
 * The sky view factor of every cell of a digital surface model (docs/models/shade-and-pet.md): the
 * share of the radiation a horizontal surface exchanges with the sky rather than with buildings and
 * trees around it, 1 on open ground. An input of the PET heat-stress map (`petGrid` in pet.ts).
 */
import { checkpointer, type RunOptions } from './run-options.js';
import { checkDsm, prepareDsm, rayTable, stepsInside } from './shadow-grid.js';

/** Options of {@link skyViewFactor}. */
export interface SkyViewOptions extends RunOptions {
  /** Number of compass directions searched for the horizon, evenly spaced from north (default 16). */
  directions?: number;
  /** How far the horizon is searched in each direction, in metres (default 100). */
  maxDistanceM?: number;
  /**
   * Height above the surface the sky is seen from, in metres (default 0: the surface itself, as the
   * analytic canyon values assume; Tygron's Heat Overlay uses 1.2 m, a person's height).
   */
  observerHeightM?: number;
  /**
   * A DSM value that means "no data" (besides NaN and infinities). No-data cells are ground at the
   * lowest valid height of the DSM: they do not block the sky, and their own SVF is that of ground there.
   */
  nodata?: number;
  /** An array of `width * height` cells to write the result into (and return) instead of allocating one. */
  out?: Float32Array;
}

/** Default of {@link SkyViewOptions.directions}. */
export const DEFAULT_SVF_DIRECTIONS = 16;
/** Default of {@link SkyViewOptions.maxDistanceM}. */
export const DEFAULT_SVF_MAX_DISTANCE_M = 100;

/**
 * The sky view factor (SVF, 0..1) of every cell of a DSM, for a horizontal surface at the cell's
 * height (plus `observerHeightM`): `SVF = 1 - (1/n) * sum_i sin^2(gamma_i)` over `n` compass directions, `gamma_i` the
 * elevation angle of the horizon in direction `i` (0 when nothing rises above the cell). This is the
 * cosine-weighted (radiative) view factor of Johnson and Watson (1984) and Oke (1987) for a
 * horizontal surface (Dozier and Frew 1990, with a flat cell), which gives exactly
 * `cos(atan(2H/W))` at the centre of the floor of an infinite street canyon; it is not the unweighted
 * share of the visible sky of Zakšek, Oštir and Kokalj (2011), `1 - (1/n) * sum_i sin(gamma_i)`,
 * used for relief visualisation.
 *
 * The horizon in each direction is the largest `atan((z - z0) / d)` along a ray walked in steps of
 * at most one cell (linear interpolation between the two cells it passes between) out to
 * `maxDistanceM` or the edge of the grid: beyond the edge the horizon is open, so cells near the edge
 * get too high an SVF. No-data cells: see {@link SkyViewOptions.nodata}. The search stops early when
 * no cell of the DSM could rise above the horizon found so far. Yields to the event loop every row
 * when 30 ms have passed; rejects with an `AbortError` when `options.signal` aborts.
 *
 * @param dsm - `width * height` heights in metres, row-major, row 0 north.
 * @param cellSizeM - The side of a (square) cell in metres.
 */
export async function skyViewFactor(
  dsm: Float32Array,
  width: number,
  height: number,
  cellSizeM: number,
  options: SkyViewOptions = {},
): Promise<Float32Array> {
  checkDsm('skyViewFactor', dsm, width, height, cellSizeM);
  const directions = options.directions ?? DEFAULT_SVF_DIRECTIONS;
  const maxDistanceM = options.maxDistanceM ?? DEFAULT_SVF_MAX_DISTANCE_M;
  if (!Number.isInteger(directions) || directions < 1) {
    throw new RangeError('skyViewFactor: directions must be a positive integer');
  }
  if (!(maxDistanceM >= 0)) throw new RangeError('skyViewFactor: maxDistanceM must be >= 0');
  const observerHeightM = options.observerHeightM ?? 0;
  if (!Number.isFinite(observerHeightM)) {
    throw new RangeError('skyViewFactor: observerHeightM must be finite');
  }
  const out = options.out ?? new Float32Array(width * height);
  if (out.length !== width * height) {
    throw new RangeError(`skyViewFactor: out has ${out.length} cells, expected ${width * height}`);
  }
  options.signal?.throwIfAborted();
  options.onProgress?.(0);
  const { z, maxZ } = prepareDsm(dsm, width, height, options.nodata ?? NaN);
  const check = checkpointer(options);
  // out holds the sum of sin^2(horizon) over the directions until the end.
  out.fill(0);
  for (let d = 0; d < directions; d++) {
    const azimuthDeg = (360 * d) / directions;
    const stepM = rayTable(azimuthDeg, width, height, 0).stepCells * cellSizeM;
    const ray = rayTable(azimuthDeg, width, height, Math.floor(maxDistanceM / stepM + 1e-9));
    const { offset, frac, minorStride } = ray;
    const inverseDistance = new Float64Array(ray.steps + 1);
    for (let k = 1; k <= ray.steps; k++) inverseDistance[k] = 1 / (k * stepM);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        const z0 = (z[i] as number) + observerHeightM;
        const headroom = maxZ - z0;
        const steps = stepsInside(ray, x, y, width, height);
        let maxTan = 0;
        for (let k = 1; k <= steps; k++) {
          const inverse = inverseDistance[k] as number;
          // Nothing farther can rise above the horizon found so far.
          if (headroom * inverse <= maxTan) break;
          const j = i + (offset[k] as number);
          const a = z[j] as number;
          const tan =
            (a + (frac[k] as number) * ((z[j + minorStride] as number) - a) - z0) * inverse;
          if (tan > maxTan) maxTan = tan;
        }
        const t2 = maxTan * maxTan;
        out[i] = (out[i] as number) + t2 / (1 + t2);
      }
      const pause = check((d + (y + 1) / height) / directions);
      if (pause) await pause;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = 1 - (out[i] as number) / directions;
  options.signal?.throwIfAborted();
  options.onProgress?.(1);
  return out;
}
