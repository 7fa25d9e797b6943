/**
 * The connected "bathtub" flood model (docs/models/flood-bathtub.md): a cell is flooded at water level
 * `h` when `z < h` and it is connected to a source through cells with `z < h`. One Priority-Flood pass
 * ({@link floodLevels}) gives every cell the lowest level at which it floods; after that every water
 * level is one O(n) pass ({@link floodDepthAt}).
 */
import {
  checkConnectivity,
  checkGrid,
  checkStep,
  DEFAULT_STEP_M,
  type Connectivity,
} from './bathtub-grid.js';
import {
  createPriorityFlood,
  drainPriorityFlood,
  fillPriorityFlood,
  readPriorityFlood,
} from './bathtub-queue.js';
import { checkpointer, type RunOptions } from './run-options.js';

export {
  DEFAULT_STEP_M,
  edgeSources,
  pointSources,
  quantiseDem,
  quantum,
  type Connectivity,
} from './bathtub-grid.js';
export { floodFillAt } from './bathtub-fill.js';
export { floodDepthAt, floodDepthAtScalar } from './bathtub-depth.js';

/** Options of {@link floodLevels}. */
export interface FloodLevelOptions extends RunOptions {
  /** Which neighbours connect: 8 (default; edges and corners) or 4 (edges only). */
  connectivity?: Connectivity;
  /** A DEM value that means "no data": such cells are walls, like NaN. */
  nodata?: number;
  /**
   * The quantisation step of the bucket queue in metres (default 0.001): the levels are exact for
   * `quantiseDem(dem, stepM)`.
   */
  stepM?: number;
  /**
   * An array of `width * height` cells to write the levels into (and return) instead of allocating
   * one, for example the levels of an earlier run on a grid of the same size; its content is
   * overwritten, also when the run is cancelled.
   */
  out?: Float32Array;
}

/** Cells handled between checkpoints (progress, yield, abort). */
const CELLS_PER_CHUNK = 1 << 18;

/** Shares of the progress: quantising the DEM, the flood, and writing the levels out. */
const FILL_SHARE = 0.2;
const READ_SHARE = 0.1;

/**
 * Priority-Flood from the source cells (mask: non-zero = source, see {@link edgeSources} and
 * {@link pointSources}). Returns for every cell the lowest water level at which it floods:
 * `level[s] = z[s]` for a source; for others the minimum over paths from a source of the maximum `z`
 * along the path (paths step to the 8 or 4 neighbours). Infinity for cells that no path reaches
 * (walled off by nodata) and for nodata, NaN and infinite cells. A cell floods at water level `h`
 * exactly when `level < h` ({@link floodDepthAt}).
 *
 * Heights are quantised to `stepM` for the bucket queue: the levels are exactly those of
 * `quantiseDem(dem, stepM, nodata)` (each is the quantised height of some cell), whether or not `dem`
 * was quantised before. O(n + number of quantised heights) time; besides the result (whose buffer
 * is the working grid) only one Int32 per quantised height. Yields to the event loop between
 * chunks; rejects with an `AbortError` when `options.signal` aborts.
 */
export async function floodLevels(
  dem: Float32Array,
  width: number,
  height: number,
  sources: Uint8Array,
  options: FloodLevelOptions = {},
): Promise<Float32Array> {
  const { connectivity = 8, stepM = DEFAULT_STEP_M, nodata = NaN, signal, onProgress } = options;
  checkGrid(dem, width, height, sources);
  checkConnectivity(connectivity);
  checkStep(stepM);
  const out = options.out ?? new Float32Array(width * height);
  if (out.length !== width * height) {
    throw new RangeError(`floodLevels: out has ${out.length} cells, expected ${width * height}`);
  }
  signal?.throwIfAborted();
  onProgress?.(0);
  const grid = new Int32Array(out.buffer, out.byteOffset, out.length);
  const state = createPriorityFlood(dem, width, height, connectivity, stepM, nodata, grid);
  const check = checkpointer(options);
  const checkpoint = async (share: number) => {
    signal?.throwIfAborted();
    const pause = check(share);
    if (pause) await pause;
  };
  while (!fillPriorityFlood(state, dem, sources, CELLS_PER_CHUNK)) {
    await checkpoint((FILL_SHARE * state.rows) / height);
  }
  const floodShare = 1 - FILL_SHARE - READ_SHARE;
  while (!drainPriorityFlood(state, CELLS_PER_CHUNK)) {
    await checkpoint(FILL_SHARE + (floodShare * state.done) / Math.max(1, state.open));
  }
  while (!readPriorityFlood(state, stepM, CELLS_PER_CHUNK * 4)) {
    await checkpoint(1 - READ_SHARE + (READ_SHARE * state.read) / grid.length);
  }
  signal?.throwIfAborted();
  onProgress?.(1);
  return out;
}
