/**
 * The Priority-Flood core of the bathtub model (Barnes, Lehman, Mulla 2014) over integer elevations
 * in a bucket queue. Internal: `floodLevels` drives it in chunks, checking for cancellation between.
 *
 * Memory: one Int32 word per cell, in the buffer that becomes the result (a run allocates nothing
 * else of grid size: on machines where first touching fresh memory is slow that matters), plus one
 * Int32 list head per bucket. A cell's word is
 * - `>= 0`: not reached yet: its quantised height minus the lowest one (= its bucket), plus
 *   `EDGE_FLAG` on the grid's outer rows and columns;
 * - `WALL`: NaN, infinite or nodata: never entered;
 * - `-(link + 2)`: waiting in a bucket's list; `link` is the next entry of that list (-1: none);
 * - `~level`: done; `level` is its flood level, in buckets.
 * List entries are cell indices, plus `EDGE_LINK` for cells on the outer edge: those take a slow
 * path with bounds checks, all others step to their neighbours without any. Each bucket's list is a
 * stack: a cell at or below the current level joins the current bucket and is taken next (depth
 * first: a pit or a plateau fills while it is in the cache; Barnes et al. use a FIFO queue for this).
 */
import { quantum } from './bathtub-grid.js';

/** A cell that never floods: NaN, infinite and nodata. */
export const WALL = -0x80000000;

/** Marks an unreached cell on the outer edge (added to its height). */
const EDGE_FLAG = 1 << 30;

/** Marks a list entry that is an edge cell (added to its index). */
const EDGE_LINK = 1 << 29;

/** The largest number of buckets (quantised heights) a run may use: 2^25 (33.5 km at 1 mm). */
export const MAX_BUCKETS = 1 << 25;

/** The largest number of cells a grid may have: 2^29. */
export const MAX_CELLS = EDGE_LINK;

/** The working state of one Priority-Flood run. */
export interface PriorityFloodState {
  /** One word per cell, encoded as described in this module's comment. */
  grid: Int32Array;
  /** Grid width in cells. */
  width: number;
  /** Grid height in cells. */
  height: number;
  /** 8 or 4 neighbours. */
  connectivity: 4 | 8;
  /** First entry of each bucket's list (-1: empty). */
  heads: Int32Array;
  /** `1 / stepM`: quantum of a height is `quantum(z, perStep)`. */
  perStep: number;
  /** The quantum of bucket 0 (the lowest height). */
  lowest: number;
  /** The nodata value (NaN when none). */
  nodata: number;
  /** Rows quantised into the grid so far. */
  rows: number;
  /** Cells that are not walls: the most that can flood. */
  open: number;
  /** Cells done so far. */
  done: number;
  /** The bucket (level) being processed. */
  bucket: number;
  /** Cells read out as levels so far. */
  read: number;
  /** Sink of the look-ahead loads of the flood (no meaning). */
  touched: number;
}

/**
 * Starts a run over `grid` (`width * height` words, overwritten): scans the DEM for its range of
 * quantised heights and sizes the bucket queue. RangeError when the grid or the range is too large.
 */
export function createPriorityFlood(
  dem: Float32Array,
  width: number,
  height: number,
  connectivity: 4 | 8,
  stepM: number,
  nodata: number,
  grid: Int32Array,
): PriorityFloodState {
  if (width * height > MAX_CELLS) {
    throw new RangeError(`floodLevels: ${width * height} cells exceed ${MAX_CELLS}`);
  }
  let [low, high] = Number.isNaN(nodata) ? rangeOf(dem) : [Infinity, -Infinity];
  if (!Number.isNaN(nodata) || low === -Infinity || high === Infinity) {
    [low, high] = finiteRangeOf(dem, nodata);
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
  return {
    grid,
    width,
    height,
    connectivity,
    heads,
    perStep,
    lowest,
    nodata,
    rows: 0,
    open: 0,
    done: 0,
    bucket: 0,
    read: 0,
    touched: 0,
  };
}

/** The lowest and highest value of a DEM; NaN is skipped (it fails every comparison). */
function rangeOf(dem: Float32Array): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < dem.length; i++) {
    const z = dem[i] as number;
    if (z < low) low = z;
    if (z > high) high = z;
  }
  return [low, high];
}

/** The lowest and highest finite value of a DEM that is not `nodata`. */
function finiteRangeOf(dem: Float32Array, nodata: number): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < dem.length; i++) {
    const z = dem[i] as number;
    if (z === nodata || z - z !== 0) continue; // z - z is NaN for NaN and infinite z
    if (z < low) low = z;
    if (z > high) high = z;
  }
  return [low, high];
}

/**
 * Quantises about `budget` more cells of the DEM (whole rows) into the grid and puts the sources
 * among them (non-zero in `sources`) in their buckets. Returns true when all rows are in.
 */
export function fillPriorityFlood(
  state: PriorityFloodState,
  dem: Float32Array,
  sources: Uint8Array,
  budget: number,
): boolean {
  const { grid, heads, width, height, perStep, lowest, nodata } = state;
  const last = Math.min(height, state.rows + Math.max(1, Math.ceil(budget / width)));
  let open = state.open;
  for (let y = state.rows; y < last; y++) {
    const row = y * width;
    const end = row + width;
    const edgeRow = y === 0 || y === height - 1;
    for (let i = row; i < end; i++) {
      const z = dem[i] as number;
      if (z === nodata || z - z !== 0) {
        grid[i] = WALL;
        continue;
      }
      open++;
      const q = quantum(z, perStep) - lowest;
      if (sources[i] === 0) {
        grid[i] = q;
      } else {
        grid[i] = -(heads[q] as number) - 2;
        heads[q] = edgeRow || i === row || i === end - 1 ? i + EDGE_LINK : i;
      }
    }
    // Flag the unreached cells of the outer edge (sources carry the flag in their list entry).
    if (edgeRow) {
      for (let i = row; i < end; i++) flagEdge(grid, i);
    } else {
      flagEdge(grid, row);
      if (end - 1 !== row) flagEdge(grid, end - 1);
    }
  }
  state.rows = last;
  state.open = open;
  return last === height;
}

/** Marks an unreached cell as one of the outer edge (walls and sources stay as they are). */
function flagEdge(grid: Int32Array, cell: number): void {
  const v = grid[cell] as number;
  if (v >= 0) grid[cell] = v + EDGE_FLAG;
}

/**
 * Runs the Priority-Flood until about `budget` more cells are done. Returns true when every
 * reachable cell is done.
 */
export function drainPriorityFlood(state: PriorityFloodState, budget: number): boolean {
  const { grid, heads, width } = state;
  const eight = state.connectivity === 8;
  const buckets = heads.length;
  const cells = grid.length;
  let bucket = state.bucket;
  let done = state.done;
  let touched = 0;
  const stop = done + budget;
  while (done < stop) {
    const entry = heads[bucket] as number;
    if (entry === -1) {
      if (++bucket === buckets) break;
      continue;
    }
    done++;
    if (entry >= EDGE_LINK) {
      const cell = entry - EDGE_LINK;
      heads[bucket] = -(grid[cell] as number) - 2;
      grid[cell] = ~bucket;
      reachFromEdge(state, cell, bucket);
      continue;
    }
    const next = -(grid[entry] as number) - 2;
    heads[bucket] = next;
    grid[entry] = ~bucket;
    // Touch the next entry's word now, so that its cache miss overlaps with this cell's work
    // instead of stalling the next step (a list is walked one dependent load at a time).
    const ahead = next & (EDGE_LINK - 1); // -1 (end of list) becomes EDGE_LINK - 1 >= cells
    if (ahead < cells) touched |= grid[ahead] as number;
    const up = entry - width;
    const down = entry + width;
    reach(grid, heads, bucket, up);
    reach(grid, heads, bucket, entry - 1);
    reach(grid, heads, bucket, entry + 1);
    reach(grid, heads, bucket, down);
    if (eight) {
      reach(grid, heads, bucket, up - 1);
      reach(grid, heads, bucket, up + 1);
      reach(grid, heads, bucket, down - 1);
      reach(grid, heads, bucket, down + 1);
    }
  }
  state.bucket = bucket;
  state.done = done;
  state.touched = touched; // kept, so that the touching load is not optimised away
  return bucket === buckets;
}

/**
 * Water at level `bucket` reaches `cell`: an unreached cell joins the list of the higher of `bucket`
 * and its own height, which is its flood level (final: levels are reached in increasing order).
 */
function reach(grid: Int32Array, heads: Int32Array, bucket: number, cell: number): void {
  const v = grid[cell] as number;
  if (v < 0) return;
  const height = v & (EDGE_FLAG - 1);
  const level = height > bucket ? height : bucket;
  grid[cell] = -(heads[level] as number) - 2;
  heads[level] = cell + ((v & EDGE_FLAG) >>> 1);
}

/** {@link reach} for the neighbours of an edge cell, with bounds checks. */
function reachFromEdge(state: PriorityFloodState, cell: number, bucket: number): void {
  const { grid, heads, width, height, connectivity } = state;
  const x = cell % width;
  const y = (cell - x) / width;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      if ((dx === 0 && dy === 0) || (connectivity === 4 && dx !== 0 && dy !== 0)) continue;
      const nx = x + dx;
      const ny = y + dy;
      if (nx >= 0 && ny >= 0 && nx < width && ny < height)
        reach(grid, heads, bucket, ny * width + nx);
    }
  }
}

/**
 * Turns about `budget` more cells of the finished grid into flood levels, in place (the grid's
 * buffer becomes the result): `(lowest + level) * stepM` as Float32 (the same expression as
 * `quantiseDem`, so a level equals the quantised height of the cell that set it); Infinity for walls
 * and cells no path reaches. Returns true when all cells are done.
 */
export function readPriorityFlood(
  state: PriorityFloodState,
  stepM: number,
  budget: number,
): boolean {
  const { grid, lowest } = state;
  const levels = new Float32Array(grid.buffer, grid.byteOffset, grid.length);
  const end = Math.min(grid.length, state.read + budget);
  for (let i = state.read; i < end; i++) {
    const v = grid[i] as number;
    levels[i] = v >= 0 || v === WALL ? Infinity : (lowest + ~v) * stepM;
  }
  state.read = end;
  return end === grid.length;
}
