/**
 * The hot part of the local-inertial flood model: state on flat typed arrays and one synchronous time
 * step (face discharges, outflow limiter, continuity, statistics). runInertial() in inertial.ts drives
 * it; a benchmark or a custom driver can call it directly. Equations: docs/models/flood-inertial.md.
 *
 * Layout: cell `c = y * width + x`. x-faces `(width + 1) * height`, face `y * (width + 1) + x` lies
 * between cells `(x - 1, y)` and `(x, y)`; y-faces `width * (height + 1)`, face `y * width + x` lies
 * between cells `(x, y - 1)` and `(x, y)` (so its index is that of the cell below it). Positive
 * discharge flows towards +x (east) and +y (down the rows). Faces on the domain edge stay 0 (walls).
 */
import {
  facesOfRow,
  limitOutflowOfRow,
  redoXFaceWithThetaOne,
  redoYFaceWithThetaOne,
  updateDepthOfRow,
} from './inertial-kernel.js';
import type { InertialGrid } from './inertial-types.js';

/**
 * Bed height given to walls inside the kernel: with it the flow depth `max(eta) - max(z)` of every
 * face of a wall is 0, so walls need no test of their own in the hot loops. (1e10 is exact in Float32.)
 */
const WALL_BED_M = 1e10;
/** Model state of one run, all on flat typed arrays. Create it with {@link createInertialState}. */
export interface InertialState {
  /** Columns. */
  readonly width: number;
  /** Rows. */
  readonly height: number;
  /** Cell side (m). */
  readonly cellSize: number;
  /** Bed elevation (m), walls raised so that they never exchange water. */
  readonly bed: Float32Array;
  /** 1 where a cell can hold water (not NaN, not blocked). */
  readonly open: Uint8Array;
  /** Number of open cells. */
  readonly openCells: number;
  /**
   * Depth (m). Float64: rain and slow exchanges add increments far below a Float32 ulp of the depth,
   * and rounding them the same way in every cell would bias the volume (measured: 1e-4 relative).
   */
  readonly depth: Float64Array;
  /** Unit discharge (m^2/s) on x-faces, current. */
  qx: Float32Array;
  /** Unit discharge (m^2/s) on y-faces, current. */
  qy: Float32Array;
  /** Scratch for the next x-face discharges (swapped with `qx` each step). */
  qxNext: Float32Array;
  /** Scratch for the next y-face discharges (swapped with `qy` each step). */
  qyNext: Float32Array;
  /** Per x-face `h_f^(-1/3)` of the last step (0 until the face is wet); see faceDischarge(). */
  readonly invCbrtX: Float32Array;
  /** Per y-face `h_f^(-1/3)` of the last step. */
  readonly invCbrtY: Float32Array;
  /** Manning n^2 per x-face (mean n of its two cells, squared). */
  readonly n2x: Float32Array;
  /** Manning n^2 per y-face. */
  readonly n2y: Float32Array;
  /** de Almeida theta. */
  readonly theta: number;
  /**
   * x-faces updated with theta = 1 (the faces of fixed-level cells): the theta blend would average in
   * the closed face on the far side of a boundary cell, a zero that is not in the flow, and starve
   * the inflow (measured: -18 % volume in the planar wetting front with theta = 0.7).
   */
  thetaOneFacesX: Int32Array;
  /** y-faces updated with theta = 1; see `thetaOneFacesX`. */
  thetaOneFacesY: Int32Array;
  /** Simulated time (s). */
  timeS: number;
  /** Steps taken. */
  steps: number;
  /** Cells updated, summed over steps. */
  cellUpdates: number;
  /** Largest depth (m) after the last step. */
  deepestM: number;
  /** Bounding box of the cells that ever held water (x0 > x1 when none). */
  wetX0: number;
  /** See `wetX0`. */
  wetX1: number;
  /** See `wetX0`. */
  wetY0: number;
  /** See `wetX0`. */
  wetY1: number;
  /** Maximum depth (m) so far. */
  readonly maxDepth: Float32Array;
  /** Time (s) of the first step end with depth >= `arrivalThresholdM` (0 if so at the start), NaN until then. */
  readonly arrivalTimeS: Float32Array;
  /**
   * Seconds with depth >= `durationThresholdM`, up to the last time the cell dropped below it; add
   * the open spell with {@link durationAboveNow}. (A step whose end depth is above counts whole.)
   */
  readonly durationAboveS: Float32Array;
  /** Start time (s) of the step that began the current spell above the threshold; NaN when below. */
  readonly aboveSinceS: Float32Array;
  /** See `arrivalTimeS`. */
  readonly arrivalThresholdM: number;
  /** See `durationAboveS`. */
  readonly durationThresholdM: number;
}

/** What {@link createInertialState} needs besides the grid (checked by the caller). */
export interface InertialStateOptions {
  /** Manning n per cell or one value. */
  manning: Float32Array | number;
  /** de Almeida theta (default 0.7). */
  theta?: number;
  /** Depth at t = 0 (default 0). */
  initialDepth?: Float32Array;
  /** 1 = obstacle. */
  blocked?: Uint8Array;
  /** Default 0.1 m. */
  arrivalThresholdM?: number;
  /** Default 0.1 m. */
  durationThresholdM?: number;
}

/**
 * Builds the state of a run: walls raised, per-face Manning n^2, initial depth on open cells.
 * Parameters are assumed valid (runInertial checks them first).
 */
export function createInertialState(
  grid: InertialGrid,
  options: InertialStateOptions,
): InertialState {
  const { width, height, cellSize, z } = grid;
  const cells = width * height;
  const open = new Uint8Array(cells);
  const bed = new Float32Array(cells);
  const depth = new Float64Array(cells);
  let openCells = 0;
  for (let c = 0; c < cells; c++) {
    const isOpen = z[c] === z[c] && !(options.blocked && options.blocked[c]);
    open[c] = isOpen ? 1 : 0;
    bed[c] = isOpen ? (z[c] as number) : WALL_BED_M;
    if (isOpen) {
      openCells++;
      depth[c] = options.initialDepth ? (options.initialDepth[c] as number) : 0;
    }
  }
  const state: InertialState = {
    width,
    height,
    cellSize,
    bed,
    open,
    openCells,
    depth,
    qx: new Float32Array((width + 1) * height),
    qy: new Float32Array(width * (height + 1)),
    qxNext: new Float32Array((width + 1) * height),
    qyNext: new Float32Array(width * (height + 1)),
    invCbrtX: new Float32Array((width + 1) * height),
    invCbrtY: new Float32Array(width * (height + 1)),
    n2x: new Float32Array((width + 1) * height),
    n2y: new Float32Array(width * (height + 1)),
    theta: options.theta ?? 0.7,
    thetaOneFacesX: new Int32Array(0),
    thetaOneFacesY: new Int32Array(0),
    timeS: 0,
    steps: 0,
    cellUpdates: 0,
    deepestM: 0,
    wetX0: width,
    wetX1: -1,
    wetY0: height,
    wetY1: -1,
    maxDepth: new Float32Array(cells),
    arrivalTimeS: new Float32Array(cells).fill(NaN),
    durationAboveS: new Float32Array(cells),
    aboveSinceS: new Float32Array(cells).fill(NaN),
    arrivalThresholdM: options.arrivalThresholdM ?? 0.1,
    durationThresholdM: options.durationThresholdM ?? 0.1,
  };
  fillFaceManning(state, options.manning);
  for (let c = 0; c < cells; c++) {
    const h = depth[c] as number;
    if (h > 0) {
      markWet(state, c);
      if (h > state.deepestM) state.deepestM = h;
    }
    state.maxDepth[c] = h;
    if (h >= state.arrivalThresholdM) state.arrivalTimeS[c] = 0;
  }
  return state;
}

/** Seconds above the duration threshold so far, per cell (closed spells plus the open one). */
export function durationAboveNow(state: InertialState): Float32Array {
  const { durationAboveS, aboveSinceS, timeS } = state;
  const total = new Float32Array(durationAboveS.length);
  for (let c = 0; c < total.length; c++) {
    const since = aboveSinceS[c] as number;
    total[c] = (durationAboveS[c] as number) + (since === since ? timeS - since : 0);
  }
  return total;
}

/** Per-face n^2 from per-cell n: the mean of the two cells of a face, squared. */
function fillFaceManning(state: InertialState, manning: Float32Array | number): void {
  const { width, height, n2x, n2y } = state;
  if (typeof manning === 'number') {
    n2x.fill(manning * manning);
    n2y.fill(manning * manning);
    return;
  }
  // Walls may carry NaN n: their faces never flow, but a NaN must not reach the face arrays.
  const n = (c: number) => (state.open[c] ? (manning[c] as number) : 0);
  for (let y = 0; y < height; y++)
    for (let x = 1; x < width; x++) {
      const mean = 0.5 * (n(y * width + x - 1) + n(y * width + x));
      n2x[y * (width + 1) + x] = mean * mean;
    }
  for (let y = 1; y < height; y++)
    for (let x = 0; x < width; x++) {
      const mean = 0.5 * (n((y - 1) * width + x) + n(y * width + x));
      n2y[y * width + x] = mean * mean;
    }
}

/** Grows the wet bounding box to hold cell `c` (call when water is put on a cell from outside). */
export function markWet(state: InertialState, c: number): void {
  const x = c % state.width;
  const y = (c - x) / state.width;
  if (x < state.wetX0) state.wetX0 = x;
  if (x > state.wetX1) state.wetX1 = x;
  if (y < state.wetY0) state.wetY0 = y;
  if (y > state.wetY1) state.wetY1 = y;
}

/**
 * Updates the faces of `cells` (boundary cells) with theta = 1 from now on; see `thetaOneFacesX`.
 * Faces on the domain edge are left out: they stay closed.
 */
export function useThetaOneAround(state: InertialState, cells: Iterable<number>): void {
  const { width, height } = state;
  const facesX = new Set(state.thetaOneFacesX);
  const facesY = new Set(state.thetaOneFacesY);
  for (const c of cells) {
    const x = c % width;
    const y = (c - x) / width;
    if (x > 0) facesX.add(y * (width + 1) + x);
    if (x < width - 1) facesX.add(y * (width + 1) + x + 1);
    if (y > 0) facesY.add(c);
    if (y < height - 1) facesY.add(c + width);
  }
  state.thetaOneFacesX = Int32Array.from(facesX).sort();
  state.thetaOneFacesY = Int32Array.from(facesY).sort();
}

/** Marks every cell as possibly wet (rain falls everywhere). */
export function markAllWet(state: InertialState): void {
  state.wetX0 = 0;
  state.wetX1 = state.width - 1;
  state.wetY0 = 0;
  state.wetY1 = state.height - 1;
}

/**
 * One time step of `dtS` seconds: new face discharges (de Almeida theta scheme with Manning friction,
 * semi-implicit), the outflow limiter, continuity, then the statistics at the new time. Water from
 * sources (inflows, rain) must already be on `state.depth`, its cells marked with {@link markWet}.
 * Works only on the wet bounding box plus one cell, since water moves at most one cell per step.
 * Allocates nothing.
 *
 * One sweep over the rows does it all, so that each row is read from memory about once: at row y it
 * computes the faces of row y, limits the outflow of row y - 1 (whose faces are all known by then)
 * and updates the depth of row y - 2 (whose faces the limiter can no longer change). (Doing the
 * three in one walk along the row was measured 15 % slower: the loop grew too large for V8.)
 */
export function stepInertial(state: InertialState, dtS: number): void {
  const endS = state.timeS + dtS;
  if (state.wetX0 > state.wetX1) {
    state.timeS = endS;
    state.steps++;
    return;
  }
  const x0 = Math.max(0, state.wetX0 - 1);
  const x1 = Math.min(state.width - 1, state.wetX1 + 1);
  const y0 = Math.max(0, state.wetY0 - 1);
  const y1 = Math.min(state.height - 1, state.wetY1 + 1);
  const { thetaOneFacesX, thetaOneFacesY } = state;
  const stride = state.width + 1;
  let nextX = 0;
  let nextY = 0;
  let deepest = 0;
  for (let y = y0; y <= y1 + 2; y++) {
    if (y <= y1) {
      facesOfRow(state, dtS, y, x0, x1, y > y0);
      for (
        ;
        nextX < thetaOneFacesX.length && (thetaOneFacesX[nextX] as number) < (y + 1) * stride;
        nextX++
      )
        redoXFaceWithThetaOne(state, dtS, thetaOneFacesX[nextX] as number);
      for (
        ;
        nextY < thetaOneFacesY.length && (thetaOneFacesY[nextY] as number) < (y + 1) * state.width;
        nextY++
      )
        // The north faces of the box's first row are outside the box.
        if (y > y0) redoYFaceWithThetaOne(state, dtS, thetaOneFacesY[nextY] as number);
    }
    if (y - 1 >= y0 && y - 1 <= y1) limitOutflowOfRow(state, dtS, y - 1, x0, x1);
    if (y - 2 >= y0) deepest = Math.max(deepest, updateDepthOfRow(state, dtS, endS, y - 2, x0, x1));
  }
  const swapX = state.qx;
  state.qx = state.qxNext;
  state.qxNext = swapX;
  const swapY = state.qy;
  state.qy = state.qyNext;
  state.qyNext = swapY;
  state.timeS = endS;
  state.deepestM = deepest;
  growWetBox(state, x0, x1, y0, y1);
  state.steps++;
  state.cellUpdates += (x1 - x0 + 1) * (y1 - y0 + 1);
}

/** Water moves one cell per step at most: grow the wet box by the box's border cells that got wet. */
function growWetBox(state: InertialState, x0: number, x1: number, y0: number, y1: number): void {
  if (y0 < state.wetY0 && anyWet(state, x0, y0, x1, y0)) state.wetY0 = y0;
  if (y1 > state.wetY1 && anyWet(state, x0, y1, x1, y1)) state.wetY1 = y1;
  if (x0 < state.wetX0 && anyWet(state, x0, y0, x0, y1)) state.wetX0 = x0;
  if (x1 > state.wetX1 && anyWet(state, x1, y0, x1, y1)) state.wetX1 = x1;
}

/** Whether any cell in columns xa..xb, rows ya..yb holds water. */
function anyWet(state: InertialState, xa: number, ya: number, xb: number, yb: number): boolean {
  const { width, depth } = state;
  for (let y = ya; y <= yb; y++)
    for (let x = xa; x <= xb; x++) if ((depth[y * width + x] as number) > 0) return true;
  return false;
}
