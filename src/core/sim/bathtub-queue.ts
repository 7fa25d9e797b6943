import { quantum } from './bathtub-grid.js';

/**
 * The Priority-Flood core of the bathtub model (Barnes, Lehman, Mulla 2014) over integer elevations
 * in a bucket queue. Internal: {@link floodLevels} drives it.
 *
 * Memory: one Int32 word per cell, in the buffer that becomes the result (so the run allocates
 * nothing else of grid size), plus one Int32 list head per bucket. A cell's word is
 * - `>= 0`: not reached yet: its quantised height minus the lowest one (= its bucket), with
 *   `EDGE_FLAG` added on the grid's outer rows and columns;
 * - `WALL`: NaN, infinite or nodata: never entered;
 * - `-(link + 2)`: waiting in a bucket's list; `link` is the next cell of that list (-1: none);
 * - `~level`: done; `level` is its flood level in buckets.
 * List links and heads are cell indices, with `EDGE_LINK` added for cells on the outer edge: those
 * take a slow path with bounds checks; all others step to their neighbours without any.
 * Each bucket's list is a stack: cells at or below the current level are pushed on the current
 * bucket's list and popped next (depth first), so a pit fills without leaving the cache.
 */

/** A cell that never floods: NaN, infinite and nodata. */
export const WALL = -0x80000000;

/** Marks an unreached cell on the outer edge (added to its height). */
const EDGE_FLAG = 1 << 30;

/** Marks a list link or head that points at an edge cell (added to the index). */
const EDGE_LINK = 1 << 29;

/** The largest number of buckets (quantised heights) a run may use: 2^25 (33.5 km at 1 mm). */
export const MAX_BUCKETS = 1 << 25;

/** The largest number of cells a grid may have: 2^29. */
export const MAX_CELLS = EDGE_LINK;

/** The working state of one Priority-Flood run. */
export interface PriorityFloodState {
  /** One word per cell, encoded as described in this module's comment. */
  grid: Int32Array;
  width: number;
  height: number;
  /** 8 or 4 neighbours. */
  connectivity: 4 | 8;
  /** First cell of each bucket's list (-1: empty). */
  heads: Int32Array;
  /** The quantised height of bucket 0. */
  lowest: number;
  /** Cells that are not walls: the most that can flood. */
  open: number;
  /** Cells done so far. */
  done: number;
  /** The bucket (level) being processed. */
  bucket: number;
}

/**
 * Quantises the DEM into `grid` (which must have `width * height` words) with `quantum`
 * and puts the sources in their buckets. NaN, infinite and `nodata` cells become walls.
 */
export function preparePriorityFlood(
  dem: Float32Array,
  width: number,
  height: number,
  sources: Uint8Array,
  connectivity: 4 | 8,
  stepM: number,
  nodata: number,
  grid: Int32Array,
): PriorityFloodState {
  if (width * height > MAX_CELLS) {
    throw new RangeError(`floodLevels: ${width * height} cells exceed ${MAX_CELLS}`);
  }
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < dem.length; i++) {
    const z = dem[i] as number;
    if (z === nodata || z - z !== 0) continue; // z - z is NaN for NaN and infinite z
    if (z < low) low = z;
    if (z > high) high = z;
  }
  const perStep = 1 / stepM;
  const lowest = low <= high ? quantum(low, perStep) : 0;
  const buckets = low <= high ? quantum(high, perStep) - lowest + 1 : 1;
  if (buckets > MAX_BUCKETS) {
    throw new RangeError(
      `floodLevels: ${buckets} quantised heights exceed ${MAX_BUCKETS}; use a larger stepM`,
    );
  }
  const heads = new Int32Array(buckets).fill(-1);
  let open = 0;
  for (let y = 0, i = 0; y < height; y++) {
    const edgeRow = y === 0 || y === height - 1;
    for (let x = 0; x < width; x++, i++) {
      const z = dem[i] as number;
      if (z === nodata || z - z !== 0) {
        grid[i] = WALL;
        continue;
      }
      open++;
      const q = quantum(z, perStep) - lowest;
      const edge = edgeRow || x === 0 || x === width - 1;
      if (sources[i] === 1) {
        grid[i] = -(heads[q] as number) - 2;
        heads[q] = edge ? i + EDGE_LINK : i;
      } else {
        grid[i] = edge ? q + EDGE_FLAG : q;
      }
    }
  }
  return { grid, width, height, connectivity, heads, lowest, open, done: 0, bucket: 0 };
}

/**
 * Runs the Priority-Flood until about `budget` more cells are done, then stores its position in
 * `state`. Returns true when every reachable cell is done.
 */
export function drainPriorityFlood(state: PriorityFloodState, budget: number): boolean {
  const { grid, heads, width } = state;
  const eight = state.connectivity === 8;
  const buckets = heads.length;
  let bucket = state.bucket;
  let done = state.done;
  const stop = done + budget;
  while (done < stop) {
    const head = heads[bucket] as number;
    if (head === -1) {
      if (++bucket === buckets) break;
      continue;
    }
    done++;
    if (head >= EDGE_LINK) {
      const cell = head - EDGE_LINK;
      heads[bucket] = -(grid[cell] as number) - 2;
      grid[cell] = ~bucket;
      visitEdgeNeighbours(state, cell, bucket);
      continue;
    }
    heads[bucket] = -(grid[head] as number) - 2;
    grid[head] = ~bucket;
    const up = head - width;
    const down = head + width;
    visit(grid, heads, bucket, up);
    visit(grid, heads, bucket, head - 1);
    visit(grid, heads, bucket, head + 1);
    visit(grid, heads, bucket, down);
    if (eight) {
      visit(grid, heads, bucket, up - 1);
      visit(grid, heads, bucket, up + 1);
      visit(grid, heads, bucket, down - 1);
      visit(grid, heads, bucket, down + 1);
    }
  }
  state.bucket = bucket;
  state.done = done;
  return bucket === buckets;
}

/**
 * Reaches `cell` from a cell at level `bucket`: an unreached cell joins the list of the higher of
 * `bucket` and its own height, which is then its level.
 */
function visit(grid: Int32Array, heads: Int32Array, bucket: number, cell: number): void {
  const v = grid[cell] as number;
  if (v < 0) return;
  const height = v & (EDGE_FLAG - 1);
  const level = height > bucket ? height : bucket;
  grid[cell] = -(heads[level] as number) - 2;
  heads[level] = cell + ((v & EDGE_FLAG) >>> 1);
}

/** The neighbours of an edge cell, with bounds checks. */
function visitEdgeNeighbours(state: PriorityFloodState, cell: number, bucket: number): void {
  const { grid, heads, width, height } = state;
  const x = cell % width;
  const y = (cell - x) / width;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      if ((dx === 0 && dy === 0) || (state.connectivity === 4 && dx !== 0 && dy !== 0)) continue;
      const nx = x + dx;
      const ny = y + dy;
      if (nx >= 0 && ny >= 0 && nx < width && ny < height) {
        visit(grid, heads, bucket, ny * width + nx);
      }
    }
  }
}

/**
 * Turns the finished grid into flood levels in place (the grid's buffer becomes the result):
 * `(lowest + level) * stepM` as Float32 (the same expression as `quantiseDem`, so a level equals
 * the quantised height of the cell that set it); Infinity for walls and cells no path reaches.
 */
export function readLevels(state: PriorityFloodState, stepM: number): Float32Array {
  const { grid, lowest } = state;
  const levels = new Float32Array(grid.buffer, grid.byteOffset, grid.length);
  for (let i = 0; i < grid.length; i++) {
    const v = grid[i] as number;
    levels[i] = v >= 0 || v === WALL ? Infinity : (lowest + ~v) * stepM;
  }
  return levels;
}
