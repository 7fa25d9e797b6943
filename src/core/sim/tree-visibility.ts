/**
 * The "3" of the 3-30-300 rule (docs/models/rule-3-30-300.md): how many trees each home sees. A
 * tree is visible from a home when an unobstructed straight line runs from an observer's eye in
 * front of one of its facades to the tree's top, within a horizontal distance. Buildings (and
 * anything else in the surface model that is not tree canopy) block the line; canopy does not, so
 * a tree behind another tree still counts. Pure functions over row-major grids, row 0 north.
 */

/** Observers in front of the facades: one per free cell next to a building, per building. */
export interface FacadeObservers {
  /** The observer's cell. */
  cells: Int32Array;
  /** The building whose facade the observer stands in front of. */
  buildings: Int32Array;
}

/**
 * The observers of every building: the cells that lie outside all footprints, have a known ground
 * height and touch one of the building's cells (8 neighbours). A cell next to two buildings
 * observes for both. Buildings whose every neighbour is another building (or off the grid) get none.
 * @param footprints - Building index per cell, -1 where none.
 * @param ground - Ground height per cell (m), NaN where unknown.
 */
export function facadeObservers(
  footprints: Int32Array,
  ground: Float32Array,
  width: number,
  height: number,
): FacadeObservers {
  const cells: number[] = [];
  const buildings: number[] = [];
  const seen = new Set<number>();
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const i = row * width + col;
      if ((footprints[i] as number) >= 0 || !Number.isFinite(ground[i] as number)) continue;
      seen.clear();
      for (let dr = -1; dr <= 1; dr++) {
        const r = row + dr;
        if (r < 0 || r >= height) continue;
        for (let dc = -1; dc <= 1; dc++) {
          const c = col + dc;
          if (c < 0 || c >= width) continue;
          const b = footprints[r * width + c] as number;
          if (b >= 0 && !seen.has(b)) {
            seen.add(b);
            cells.push(i);
            buildings.push(b);
          }
        }
      }
    }
  }
  return { cells: Int32Array.from(cells), buildings: Int32Array.from(buildings) };
}

/**
 * The heights (m) a sight line must pass above, per cell: on buildings the surface model (or, where
 * it has no value, ground plus the building's height; +Infinity when neither is known: a building
 * blocks); on tree canopy only the ground (one looks through and past crowns); elsewhere the
 * surface model, else the ground; -Infinity where nothing is known (no obstacle).
 * @param buildingHeightsM - Height above ground per building (NaN unknown), for footprint cells
 *   without a surface value.
 */
export function obstacleHeights(
  ground: Float32Array,
  surface: Float32Array | undefined,
  canopy: Uint8Array,
  footprints: Int32Array,
  buildingHeightsM?: ArrayLike<number>,
): Float32Array {
  const out = new Float32Array(ground.length);
  for (let i = 0; i < out.length; i++) {
    const g = ground[i] as number;
    const s = surface ? (surface[i] as number) : NaN;
    const b = footprints[i] as number;
    let h: number;
    if (b >= 0) {
      h = Number.isFinite(s) ? s : g + ((buildingHeightsM?.[b] as number | undefined) ?? NaN);
      if (!Number.isFinite(h)) h = Infinity;
    } else if (canopy[i]) h = g;
    else h = Number.isFinite(s) ? s : g;
    out[i] = Number.isFinite(h) || h === Infinity ? h : -Infinity;
  }
  return out;
}

/** A grid the sight lines run over. */
export interface SightGrid {
  /** Columns. */
  width: number;
  /** Rows. */
  height: number;
  /** Side of a square cell, m. */
  cellSizeM: number;
  /** What blocks a sight line, m per cell ({@link obstacleHeights}). */
  obstacles: Float32Array;
}

/**
 * Whether the straight line from the centre of cell `from` at height `fromZ` to the centre of cell
 * `to` at height `toZ` passes above every cell in between: the line is sampled every half cell, and
 * blocked where a sample's cell (neither end cell) has an obstacle higher than the line there.
 */
export function lineOfSight(
  grid: SightGrid,
  from: number,
  fromZ: number,
  to: number,
  toZ: number,
): boolean {
  const { width, obstacles } = grid;
  const r0 = Math.floor(from / width);
  const c0 = from - r0 * width;
  const r1 = Math.floor(to / width);
  const c1 = to - r1 * width;
  const steps = Math.ceil(Math.hypot(c1 - c0, r1 - r0) * 2);
  for (let k = 1; k < steps; k++) {
    const t = k / steps;
    const cell =
      Math.floor(r0 + 0.5 + t * (r1 - r0)) * width + Math.floor(c0 + 0.5 + t * (c1 - c0));
    if (cell === from || cell === to) continue;
    if ((obstacles[cell] as number) > fromZ + t * (toZ - fromZ)) return false;
  }
  return true;
}

/** Where the trees stand and how high their tops are. */
export interface TreeTops {
  /** The cell of each tree. */
  cells: Int32Array;
  /** The height of each tree's top, m (same datum as the ground). */
  topM: Float32Array;
}

/** Options of {@link visibleTrees}. */
export interface VisibilityOptions {
  /** Eye height above the ground of the observer's cell, m (default 1.5). */
  eyeHeightM?: number;
  /** Trees farther than this from the observer (horizontally, cell centre to cell centre) are not counted, m (default 30). */
  viewDistanceM?: number;
}

/**
 * Per building, the number of trees visible from at least one of its facade observers
 * ({@link facadeObservers}), within `viewDistanceM`, along unobstructed sight lines from the eye to
 * the tree top ({@link lineOfSight}). NaN for a building without any cell on the grid; 0 for a
 * building that has cells but no observer.
 * @param footprints - Building index per cell, -1 where none.
 * @param ground - Ground heights (m), NaN unknown.
 * @param buildingCount - Number of buildings (the length of the result).
 * @param onBuilding - Called after each building (for progress and cancellation).
 */
export async function visibleTrees(
  grid: SightGrid,
  footprints: Int32Array,
  ground: Float32Array,
  trees: TreeTops,
  buildingCount: number,
  options: VisibilityOptions = {},
  onBuilding?: (done: number) => Promise<void> | undefined,
): Promise<Float32Array> {
  const { width, height, cellSizeM } = grid;
  const eye = options.eyeHeightM ?? 1.5;
  const reach = (options.viewDistanceM ?? 30) / cellSizeM;
  const counts = new Float32Array(buildingCount).fill(NaN);
  for (const b of footprints) if (b >= 0 && b < buildingCount) counts[b] = 0;
  const observers = facadeObservers(footprints, ground, width, height);
  const byBuilding: number[][] = Array.from({ length: buildingCount }, () => []);
  observers.buildings.forEach((b, k) => byBuilding[b]?.push(observers.cells[k] as number));
  const treeRow = Array.from(trees.cells, (c) => Math.floor(c / width));
  const treeCol = Array.from(trees.cells, (c, k) => c - (treeRow[k] as number) * width);
  for (let b = 0; b < buildingCount; b++) {
    const cells = byBuilding[b] as number[];
    if (cells.length > 0) {
      let minR = Infinity;
      let maxR = -Infinity;
      let minC = Infinity;
      let maxC = -Infinity;
      for (const cell of cells) {
        const r = Math.floor(cell / width);
        const c = cell - r * width;
        minR = Math.min(minR, r);
        maxR = Math.max(maxR, r);
        minC = Math.min(minC, c);
        maxC = Math.max(maxC, c);
      }
      let seen = 0;
      for (let t = 0; t < trees.cells.length; t++) {
        const tr = treeRow[t] as number;
        const tc = treeCol[t] as number;
        if (tr < minR - reach || tr > maxR + reach || tc < minC - reach || tc > maxC + reach)
          continue;
        const target = trees.cells[t] as number;
        const topZ = trees.topM[t] as number;
        for (const cell of cells) {
          const r = Math.floor(cell / width);
          const c = cell - r * width;
          if (Math.hypot(tr - r, tc - c) > reach) continue;
          if (lineOfSight(grid, cell, (ground[cell] as number) + eye, target, topZ)) {
            seen++;
            break;
          }
        }
      }
      counts[b] = seen;
    }
    await onBuilding?.(b + 1);
  }
  return counts;
}
