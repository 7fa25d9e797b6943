/**
 * What the DSM kernels (shadows, sky view factor) share: checking a DSM, filling its no-data cells and
 * the table of a ray walked across the grid in one direction (docs/models/shade-and-pet.md).
 */

/** A checked DSM ready for ray walking: no-data filled, one padding row below the last. */
export interface PreparedDsm {
  /** `(height + 1) * width` heights: the DSM, no-data cells set to `minZ`, the last row repeated. */
  z: Float32Array;
  /** The lowest valid height (0 when no cell is valid). */
  minZ: number;
  /** The highest valid height (0 when no cell is valid). */
  maxZ: number;
}

/** Throws a RangeError unless `dsm` is a `width` x `height` grid with a positive cell size. */
export function checkDsm(
  name: string,
  dsm: Float32Array,
  width: number,
  height: number,
  cellSizeM: number,
): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`${name}: width and height must be positive integers`);
  }
  if (dsm.length !== width * height) {
    throw new RangeError(`${name}: the DSM has ${dsm.length} cells, expected ${width * height}`);
  }
  if (!(cellSizeM > 0) || !Number.isFinite(cellSizeM)) {
    throw new RangeError(`${name}: cellSizeM must be a positive number`);
  }
}

/**
 * Copies the DSM with one padding row (a copy of the last row, so that interpolating with weight 0
 * past the last row or column reads a finite value) and no-data cells (NaN, infinite or equal to
 * `nodata`) set to the lowest valid height: ground that never rises above anything.
 */
export function prepareDsm(
  dsm: Float32Array,
  width: number,
  height: number,
  nodata: number,
): PreparedDsm {
  let minZ = Infinity;
  let maxZ = -Infinity;
  for (let i = 0; i < dsm.length; i++) {
    const v = dsm[i] as number;
    if (!Number.isFinite(v) || v === nodata) continue;
    if (v < minZ) minZ = v;
    if (v > maxZ) maxZ = v;
  }
  if (minZ > maxZ) {
    minZ = 0;
    maxZ = 0;
  }
  const z = new Float32Array((height + 1) * width);
  for (let i = 0; i < dsm.length; i++) {
    const v = dsm[i] as number;
    z[i] = !Number.isFinite(v) || v === nodata ? minZ : v;
  }
  z.copyWithin(height * width, (height - 1) * width, height * width);
  return { z, minZ, maxZ };
}

/**
 * A ray from every cell in one compass direction, walked in steps of one cell along the grid axis
 * the ray runs closest to (the major axis) and a fraction of a cell along the other (the minor
 * axis); heights are interpolated linearly between the two cells the ray passes between (the
 * classic way of Richens 1997 and of Ratti's shadow casting). Step `k` of the ray from cell `i`
 * reads `z[i + offset[k]]` and `z[i + offset[k] + minorStride]` with weights `1 - frac[k]` and
 * `frac[k]`, at `k * stepCells` cells (horizontal distance) from the cell.
 */
export interface RayTable {
  /** Number of steps tabulated: `offset`, `frac` hold entries 1..steps (entry 0 unused). */
  steps: number;
  /** Index offset of the first of the two cells read at each step. */
  offset: Int32Array;
  /** Weight of the second cell at each step, in [0, 1). */
  frac: Float64Array;
  /** Index distance between the two cells read at a step: `width` (x major) or 1 (y major). */
  minorStride: number;
  /** Horizontal length of one step in cells: `sqrt(1 + slope^2)`, between 1 and sqrt(2). */
  stepCells: number;
  /** Whether the major axis is x (columns); else y (rows). */
  xMajor: boolean;
  /** Direction of travel along the major axis: +1 or -1. */
  majorSign: number;
  /**
   * For every minor coordinate `b` (row when x major, column when y major) the number of steps the
   * ray can take before it leaves the grid along the minor axis (capped at `steps`).
   */
  minorLimit: Int32Array;
}

/** Snaps to 0 a fractional part that differs from 0 or 1 only by rounding. */
const FRAC_EPSILON = 1e-9;

/**
 * The {@link RayTable} for a ray towards compass azimuth `azimuthDeg` (clockwise from north) on a
 * north-up grid (row 0 north, x east, y south), for up to `maxSteps` steps.
 */
export function rayTable(
  azimuthDeg: number,
  width: number,
  height: number,
  maxSteps: number,
): RayTable {
  const az = (azimuthDeg * Math.PI) / 180;
  let ex = Math.sin(az);
  let ey = -Math.cos(az);
  if (Math.abs(ex) < 1e-12) ex = 0;
  if (Math.abs(ey) < 1e-12) ey = 0;
  const xMajor = Math.abs(ex) >= Math.abs(ey);
  const majorSign = (xMajor ? ex : ey) < 0 ? -1 : 1;
  const slope = xMajor ? ey / Math.abs(ex) : ex / Math.abs(ey);
  const minorStride = xMajor ? width : 1;
  const majorStride = xMajor ? 1 : width;
  const aLen = xMajor ? width : height;
  const bLen = xMajor ? height : width;
  const steps = Math.max(0, Math.min(Math.floor(maxSteps), aLen - 1));
  const offset = new Int32Array(steps + 1);
  const frac = new Float64Array(steps + 1);
  const low = new Int32Array(steps + 1); // the minor offset of the first cell read
  const high = new Int32Array(steps + 1); // the minor offset of the last cell read
  for (let k = 1; k <= steps; k++) {
    const m = k * slope;
    let fl = Math.floor(m);
    let fr = m - fl;
    if (fr < FRAC_EPSILON) fr = 0;
    else if (fr > 1 - FRAC_EPSILON) {
      fl += 1;
      fr = 0;
    }
    offset[k] = k * majorSign * majorStride + fl * minorStride;
    frac[k] = fr;
    low[k] = fl;
    high[k] = fr > 0 ? fl + 1 : fl;
  }
  const minorLimit = new Int32Array(bLen);
  if (slope >= 0) {
    // Cells read lie at b + low .. b + high, moving towards larger b: limited by bLen - 1 - b.
    let k = 0;
    for (let b = bLen - 1; b >= 0; b--) {
      while (k < steps && (high[k + 1] as number) <= bLen - 1 - b) k++;
      minorLimit[b] = k;
    }
  } else {
    let k = 0;
    for (let b = 0; b < bLen; b++) {
      while (k < steps && (low[k + 1] as number) >= -b) k++;
      minorLimit[b] = k;
    }
  }
  return {
    steps,
    offset,
    frac,
    minorStride,
    stepCells: Math.sqrt(1 + slope * slope),
    xMajor,
    majorSign,
    minorLimit,
  };
}

/** How many steps of `ray` the ray from cell (x, y) can take inside the grid. */
export function stepsInside(
  ray: RayTable,
  x: number,
  y: number,
  width: number,
  height: number,
): number {
  const a = ray.xMajor ? x : y;
  const aLen = ray.xMajor ? width : height;
  const alongMajor = ray.majorSign > 0 ? aLen - 1 - a : a;
  const alongMinor = ray.minorLimit[ray.xMajor ? y : x] as number;
  return Math.min(alongMajor, alongMinor);
}
