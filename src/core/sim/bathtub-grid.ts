/**
 * Grid helpers of the connected "bathtub" flood model: quantising a DEM, building source masks and
 * checking grid arguments. See docs/models/flood-bathtub.md.
 */

/** The default quantisation step of elevations: one millimetre. */
export const DEFAULT_STEP_M = 0.001;

/** Which neighbours connect: 4 (edges only) or 8 (edges and corners). */
export type Connectivity = 4 | 8;

/**
 * The quantum (integer step count) of an elevation: `z / stepM` rounded to the nearest integer,
 * halves up, computed as `Math.floor(z * perStep + 0.5)` with `perStep = 1 / stepM`. The one
 * definition that {@link quantiseDem} and the flood kernel share.
 */
export function quantum(z: number, perStep: number): number {
  return Math.floor(z * perStep + 0.5);
}

/**
 * Quantises a DEM to a step (default 0.001 m = mm), returning a new Float32Array: each value becomes
 * `quantum(z, 1 / stepM) * stepM` stored as Float32 (the nearest step, halves up); NaN, infinite and
 * `nodata` cells become NaN. Results of the bathtub kernel are exact for the quantised DEM. Quantising
 * a quantised DEM again changes nothing while one step is at least the Float32 spacing of its values
 * (at 1 mm: |z| < 16384 m).
 */
export function quantiseDem(
  dem: Float32Array,
  stepM: number = DEFAULT_STEP_M,
  nodata?: number,
): Float32Array {
  checkStep(stepM);
  const out = new Float32Array(dem.length);
  const perStep = 1 / stepM;
  const hasNodata = nodata !== undefined;
  for (let i = 0; i < dem.length; i++) {
    const z = dem[i] as number;
    out[i] = (hasNodata && z === nodata) || z - z !== 0 ? NaN : quantum(z, perStep) * stepM;
  }
  return out;
}

/** A source mask (1 = source) of the grid's outer edge: the first and last row and column. */
export function edgeSources(width: number, height: number): Uint8Array {
  checkSize(width, height);
  const mask = new Uint8Array(width * height);
  mask.fill(1, 0, width);
  mask.fill(1, (height - 1) * width, height * width);
  for (let y = 1; y < height - 1; y++) {
    mask[y * width] = 1;
    mask[y * width + width - 1] = 1;
  }
  return mask;
}

/**
 * A source mask (1 = source) with the given cells, as row-major indices `y * width + x`; an index
 * outside the grid or not an integer is a RangeError.
 */
export function pointSources(width: number, height: number, cells: ArrayLike<number>): Uint8Array {
  checkSize(width, height);
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as number;
    if (!Number.isInteger(cell) || cell < 0 || cell >= mask.length) {
      throw new RangeError(`pointSources: cell ${cell} is outside the ${width} x ${height} grid`);
    }
    mask[cell] = 1;
  }
  return mask;
}

/** Throws a RangeError unless `width` and `height` are positive integers. */
export function checkSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`grid size must be positive integers, got ${width} x ${height}`);
  }
}

/** Throws a RangeError unless the DEM and the source mask both have `width * height` cells. */
export function checkGrid(
  dem: ArrayLike<number>,
  width: number,
  height: number,
  sources: ArrayLike<number>,
): void {
  checkSize(width, height);
  const cells = width * height;
  if (dem.length !== cells || sources.length !== cells) {
    throw new RangeError(
      `grid of ${width} x ${height} needs ${cells} cells, got a DEM of ${dem.length} and sources of ${sources.length}`,
    );
  }
}

/** Throws a RangeError unless `connectivity` is 4 or 8. */
export function checkConnectivity(connectivity: number): asserts connectivity is Connectivity {
  if (connectivity !== 4 && connectivity !== 8) {
    throw new RangeError(`connectivity must be 4 or 8, got ${connectivity}`);
  }
}

/** Throws a RangeError unless the quantisation step is a positive finite number. */
export function checkStep(stepM: number): void {
  if (!(stepM > 0) || !Number.isFinite(stepM)) {
    throw new RangeError(`stepM must be a positive number, got ${stepM}`);
  }
}
