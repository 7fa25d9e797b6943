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
import { drainPriorityFlood, preparePriorityFlood, readLevels } from './bathtub-queue.js';
import { checkpointer, type RunOptions } from './run-options.js';

export {
  DEFAULT_STEP_M,
  edgeSources,
  pointSources,
  quantiseDem,
  type Connectivity,
} from './bathtub-grid.js';
export { floodFillAt } from './bathtub-fill.js';

/** Options of {@link floodLevels}. */
export interface FloodLevelOptions extends RunOptions {
  /** Which neighbours connect: 8 (default; edges and corners) or 4 (edges only). */
  connectivity?: Connectivity;
  /** A DEM value that means "no data": such cells are walls, like NaN. */
  nodata?: number;
  /** The quantisation step of the bucket queue in metres (default 0.001): levels are exact for `quantiseDem(dem, stepM)`. */
  stepM?: number;
}

/** Cells processed between checkpoints (progress, yield, abort). */
const CELLS_PER_CHUNK = 1 << 18;

/**
 * Priority-Flood from the source cells (mask: 1 = source). Returns for every cell the lowest water
 * level at which it floods: `level[s] = z[s]` for a source; for others the minimum over paths from a
 * source of the maximum `z` along the path (paths step to the 8 or 4 neighbours). Infinity for cells
 * that no path reaches (walled off by nodata) and for nodata/NaN/infinite cells.
 *
 * Heights are quantised to `stepM` for the bucket queue: the levels are exactly those of
 * `quantiseDem(dem, stepM, nodata)` (each is the quantised height of some cell), whether or not `dem`
 * was quantised before. O(n + number of quantised heights) time; about 12 bytes of working memory
 * per cell besides the result. Rejects with an `AbortError` when `options.signal` aborts.
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
  signal?.throwIfAborted();
  onProgress?.(0);
  const grid = new Int32Array(width * height);
  const state = preparePriorityFlood(
    dem,
    width,
    height,
    sources,
    connectivity,
    stepM,
    nodata,
    grid,
  );
  const check = checkpointer(options);
  while (!drainPriorityFlood(state, CELLS_PER_CHUNK)) {
    signal?.throwIfAborted();
    const pause = check(state.done / state.open);
    if (pause) await pause;
  }
  const levels = readLevels(state, stepM);
  signal?.throwIfAborted();
  onProgress?.(1);
  return levels;
}

/**
 * One water-level update, O(n), one pass: writes into `out` (allocated when omitted; pass it back in
 * for the next level to avoid allocating) the signed depth per cell:
 * - `h - z` (> 0) where the cell is flooded and connected (`level < h` and `z < h`);
 * - `-(h - z)` (< 0) where `z < h` but the cell is not connected ("low-lying, not connected");
 * - 0 where dry (`z >= h`), and for NaN cells.
 * Returns `out`. `levels` comes from {@link floodLevels} on the same DEM.
 */
export function floodDepthAt(
  dem: Float32Array,
  levels: Float32Array,
  waterLevel: number,
  out: Float32Array = new Float32Array(dem.length),
): Float32Array {
  const n = dem.length;
  if (levels.length !== n || out.length !== n) {
    throw new RangeError(
      `floodDepthAt: DEM, levels and out need the same length, got ${n}, ${levels.length} and ${out.length}`,
    );
  }
  const h = waterLevel;
  for (let i = 0; i < n; i++) {
    const depth = h - (dem[i] as number);
    out[i] = depth > 0 ? ((levels[i] as number) < h ? depth : -depth) : 0;
  }
  return out;
}
