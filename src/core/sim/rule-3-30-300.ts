/**
 * The 3-30-300 rule of thumb for urban greenery (Konijnendijk 2021; MODELS.md section 3): every home
 * sees at least 3 trees, every neighbourhood has at least 30 % tree canopy, and every home lies
 * within 300 m of a park or green space. Working definitions, their reasons and limits:
 * docs/models/rule-3-30-300.md. Pure async functions over row-major grids (row 0 north) that run in
 * a worker; {@link rule33300} computes all three parts at once.
 */
import { connectedComponents, distanceTransform } from './distance-transform.js';
import { checkpointer, type RunOptions } from './run-options.js';
import { obstacleHeights, visibleTrees, type TreeTops } from './tree-visibility.js';

/** The defaults of the rule's parameters. */
export const RULE_3_30_300_DEFAULTS = {
  /** A tree top is the highest canopy cell within this radius, m. */
  treeRadiusM: 2.5,
  /** A tree top stands at least this high above the ground, m (the canopy threshold). */
  minTreeHeightM: 2,
  /** A tree top has canopy in at least this share of the cells within the radius (not a sliver along a wall). */
  minCrownShare: 0.5,
  /** Eye height of an observer in front of a facade, m. */
  eyeHeightM: 1.5,
  /** How far a home sees trees, m: the "3" counts trees within 30 m. */
  viewDistanceM: 30,
  /** The smallest park or green space that counts for the "300", m2 (0.5 ha). */
  parkMinAreaM2: 5000,
  /** The "300": the distance from a home to such a park, m. */
  parkDistanceM: 300,
  /** The height of a planted tree (an edit), whose top the surface model does not know, m. */
  plantedTreeHeightM: 8,
  /** The crown radius of a planted tree, m: one tree per pi * 4^2 m2 of planted canopy. */
  plantedCrownRadiusM: 4,
} as const;

/** The canopy height model: surface minus ground per cell (NaN where either is unknown). */
export function canopyHeights(ground: Float32Array, surface: Float32Array): Float32Array {
  const out = new Float32Array(ground.length);
  for (let i = 0; i < out.length; i++) out[i] = (surface[i] as number) - (ground[i] as number);
  return out;
}

/**
 * The tree tops: canopy cells whose canopy height exceeds `minHeightM` and is the highest of all
 * canopy cells within `radiusM` (cell centres; ties go to the first cell in row-major order, so a
 * flat crown gives one top per radius). Non-canopy cells (roofs next to a crown) are ignored.
 * @returns The tree cells, in row-major order.
 */
export function detectTrees(
  chm: Float32Array,
  canopy: Uint8Array,
  width: number,
  height: number,
  cellSizeM: number,
  radiusM: number = RULE_3_30_300_DEFAULTS.treeRadiusM,
  minHeightM: number = RULE_3_30_300_DEFAULTS.minTreeHeightM,
  minCrownShare: number = RULE_3_30_300_DEFAULTS.minCrownShare,
): Int32Array {
  const reach = Math.floor(radiusM / cellSizeM);
  const offsets: [number, number][] = [];
  for (let dr = -reach; dr <= reach; dr++)
    for (let dc = -reach; dc <= reach; dc++)
      if ((dr || dc) && Math.hypot(dr, dc) * cellSizeM <= radiusM) offsets.push([dr, dc]);
  const trees: number[] = [];
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const i = row * width + col;
      const h = chm[i] as number;
      if (!canopy[i] || !(h > minHeightM)) continue;
      let top = true;
      let around = 0;
      let crown = 0;
      for (const [dr, dc] of offsets) {
        const r = row + dr;
        const c = col + dc;
        if (r < 0 || c < 0 || r >= height || c >= width) continue;
        const j = r * width + c;
        around++;
        if (!canopy[j]) continue;
        crown++;
        const other = chm[j] as number;
        if (other > h || (other === h && j < i)) {
          top = false;
          break;
        }
      }
      if (top && crown >= minCrownShare * around) trees.push(i);
    }
  }
  return Int32Array.from(trees);
}

/**
 * Trees for planted canopy that the surface model does not show (a greenery edit's polygon): one
 * tree per crown area `pi * crownRadiusM^2`, on a square lattice of that spacing that starts half a
 * spacing inside the planting's bounding box (a tree where a lattice point falls in a planted cell);
 * when no lattice point falls in the planting, one tree at the planted cell nearest its centre.
 * @param planted - 1 on the planted cells of one planting.
 */
export function plantedTrees(
  planted: Uint8Array,
  width: number,
  cellSizeM: number,
  crownRadiusM: number = RULE_3_30_300_DEFAULTS.plantedCrownRadiusM,
): Int32Array {
  const spacing = Math.sqrt(Math.PI) * crownRadiusM; // a lattice square holds one crown's area
  let [minR, maxR, minC, maxC] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < planted.length; i++) {
    if (!planted[i]) continue;
    const row = Math.floor(i / width);
    const col = i - row * width;
    [minR, maxR] = [Math.min(minR, row), Math.max(maxR, row)];
    [minC, maxC] = [Math.min(minC, col), Math.max(maxC, col)];
  }
  if (minR > maxR) return new Int32Array(0);
  const trees: number[] = [];
  for (let y = minR * cellSizeM + spacing / 2; y < (maxR + 1) * cellSizeM; y += spacing) {
    for (let x = minC * cellSizeM + spacing / 2; x < (maxC + 1) * cellSizeM; x += spacing) {
      const cell = Math.floor(y / cellSizeM) * width + Math.floor(x / cellSizeM);
      if (planted[cell]) trees.push(cell);
    }
  }
  if (trees.length === 0) {
    const [midR, midC] = [(minR + maxR) / 2, (minC + maxC) / 2];
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < planted.length; i++) {
      if (!planted[i]) continue;
      const row = Math.floor(i / width);
      const d = Math.hypot(row - midR, i - row * width - midC);
      if (d < bestD) [best, bestD] = [i, d];
    }
    trees.push(best);
  }
  return Int32Array.from(trees);
}

/** Canopy cover per zone (neighbourhood). */
export interface CanopyCover {
  /** Canopy cells per zone. */
  canopyCells: Float64Array;
  /** Cells that count towards the area per zone. */
  areaCells: Float64Array;
  /** Canopy cover per zone, percent (NaN for a zone without area). */
  percent: Float64Array;
}

/**
 * Tree canopy cover: per zone, canopy cells over the cells that count (`counted`, e.g. land: no
 * water, known ground), in percent.
 * @param zones - Zone index per cell (-1 none); undefined: one zone, the whole grid.
 */
export function canopyCover(
  canopy: Uint8Array,
  counted: Uint8Array,
  zones?: Int32Array,
  zoneCount = 1,
): CanopyCover {
  const canopyCells = new Float64Array(zoneCount);
  const areaCells = new Float64Array(zoneCount);
  for (let i = 0; i < canopy.length; i++) {
    const z = zones ? (zones[i] as number) : 0;
    if (z < 0 || z >= zoneCount || !counted[i]) continue;
    areaCells[z] = (areaCells[z] as number) + 1;
    if (canopy[i]) canopyCells[z] = (canopyCells[z] as number) + 1;
  }
  const percent = canopyCells.map((c, z) =>
    areaCells[z] ? (100 * c) / (areaCells[z] as number) : NaN,
  );
  return { canopyCells, areaCells, percent };
}

/** The parks: 8-connected green areas of at least a minimum area. */
export interface Parks {
  /** 1 on the cells of a park. */
  park: Uint8Array;
  /** Number of parks. */
  count: number;
  /** Their total area, m2. */
  areaM2: number;
}

/** The 8-connected areas of `green` cells of at least `minAreaM2` square metres. */
export function findParks(
  green: Uint8Array,
  width: number,
  height: number,
  cellSizeM: number,
  minAreaM2: number = RULE_3_30_300_DEFAULTS.parkMinAreaM2,
): Parks {
  const { labels, sizes } = connectedComponents(green, width, height);
  const cellArea = cellSizeM * cellSizeM;
  const large = sizes.map((size, label) => label > 0 && size * cellArea >= minAreaM2);
  const park = new Uint8Array(green.length);
  for (let i = 0; i < park.length; i++) if (large[labels[i] as number]) park[i] = 1;
  let count = 0;
  let areaM2 = 0;
  large.forEach((yes, label) => {
    if (!yes) return;
    count++;
    areaM2 += (sizes[label] as number) * cellArea;
  });
  return { park, count, areaM2 };
}

/**
 * Per building, the straight-line distance (m) from its nearest footprint cell to the nearest park
 * cell (cell centres): the minimum of `cellDistanceM` over its footprint. NaN for a building with no
 * cell on the grid, Infinity when there is no park.
 */
export function buildingMinimum(
  cellDistanceM: Float32Array,
  footprints: Int32Array,
  buildingCount: number,
): Float32Array {
  const out = new Float32Array(buildingCount).fill(NaN);
  for (let i = 0; i < footprints.length; i++) {
    const b = footprints[i] as number;
    if (b < 0 || b >= buildingCount) continue;
    const d = cellDistanceM[i] as number;
    if (!((out[b] as number) <= d)) out[b] = d;
  }
  return out;
}

/** Inputs of {@link rule33300}: plain grids of one analysis grid, cloneable to a worker. */
export interface Rule33300Inputs {
  /** Columns. */
  width: number;
  /** Rows. */
  height: number;
  /** Side of a square cell, m. */
  cellSizeM: number;
  /** Ground height per cell (DTM), m, NaN unknown. */
  ground: Float32Array;
  /** Surface height per cell (DSM), m, NaN unknown. */
  surface: Float32Array;
  /** 1 where there is tree canopy. */
  canopy: Uint8Array;
  /** Building index per cell, -1 none. */
  footprints: Int32Array;
  /** Number of buildings (homes). */
  buildingCount: number;
  /** Height above ground per building, m (NaN unknown): blocks sight where the DSM has no value. */
  buildingHeightsM?: Float32Array;
  /** 1 on green space cells (land-cover class green, or canopy; not buildings) for the parks. */
  green: Uint8Array;
  /** 1 on the cells that count towards a neighbourhood's area for canopy cover (land). */
  counted: Uint8Array;
  /** Neighbourhood index per cell (-1 none); absent: the whole grid is one neighbourhood. */
  zones?: Int32Array;
  /** Number of neighbourhoods (default 1). */
  zoneCount?: number;
  /** Trees that the surface model does not show (edits): their cells. */
  extraTrees?: Int32Array;
}

/** Parameters of {@link rule33300}; defaults in {@link RULE_3_30_300_DEFAULTS}. */
export interface Rule33300Options {
  /** Local-maximum radius for tree tops, m. */
  treeRadiusM?: number;
  /** Eye height, m. */
  eyeHeightM?: number;
  /** Horizontal reach of sight, m. */
  viewDistanceM?: number;
  /** Smallest park, m2. */
  parkMinAreaM2?: number;
  /** Height of an extra (planted) tree above the ground, m. */
  plantedTreeHeightM?: number;
}

/** What {@link rule33300} computes. */
export interface Rule33300Result {
  /** Tree cells: the tree tops found in the surface model, then the extra trees. */
  trees: Int32Array;
  /** Per building, the trees visible within the view distance (NaN: not on the grid). */
  treesVisible: Float32Array;
  /** Canopy cells per neighbourhood. */
  canopyCells: Float64Array;
  /** Cells counted towards each neighbourhood's area. */
  areaCells: Float64Array;
  /** 1 on park cells. */
  park: Uint8Array;
  /** Number of parks. */
  parkCount: number;
  /** Total park area, m2. */
  parkAreaM2: number;
  /** Distance from each cell to the nearest park cell, m (Infinity without parks). */
  parkDistanceM: Float32Array;
  /** Per building, the distance from its nearest cell to the nearest park, m (NaN: not on the grid). */
  buildingParkDistanceM: Float32Array;
}

/**
 * All three parts of the 3-30-300 rule on one grid: tree tops ({@link detectTrees}) plus the extra
 * trees, the trees each building sees (tree-visibility.ts), canopy cover per neighbourhood
 * ({@link canopyCover}), the parks ({@link findParks}) and each building's distance to the nearest
 * one. Yields between buildings; rejects with an `AbortError` when `run.signal` aborts.
 */
export async function rule33300(
  inputs: Rule33300Inputs,
  options: Rule33300Options = {},
  run: RunOptions = {},
): Promise<Rule33300Result> {
  const d = RULE_3_30_300_DEFAULTS;
  const { width, height, cellSizeM, ground, surface, canopy, footprints, buildingCount } = inputs;
  const cells = width * height;
  for (const [name, array] of Object.entries({ ground, surface, canopy, footprints })) {
    if (array.length !== cells)
      throw new RangeError(`3-30-300: ${name} has ${array.length} cells, not ${width} x ${height}`);
  }
  const checkpoint = checkpointer(run);
  const chm = canopyHeights(ground, surface);
  const found = detectTrees(
    chm,
    canopy,
    width,
    height,
    cellSizeM,
    options.treeRadiusM ?? d.treeRadiusM,
  );
  const extra = inputs.extraTrees ?? new Int32Array(0);
  const trees = new Int32Array(found.length + extra.length);
  trees.set(found);
  trees.set(extra, found.length);
  const plantedHeight = options.plantedTreeHeightM ?? d.plantedTreeHeightM;
  const tops: TreeTops = {
    cells: trees,
    topM: Float32Array.from(trees, (cell, k) =>
      k < found.length ? (surface[cell] as number) : (ground[cell] as number) + plantedHeight,
    ),
  };
  await checkpoint(0.05);
  const obstacles = obstacleHeights(ground, surface, canopy, footprints, inputs.buildingHeightsM);
  const treesVisible = await visibleTrees(
    { width, height, cellSizeM, obstacles },
    footprints,
    ground,
    tops,
    buildingCount,
    {
      eyeHeightM: options.eyeHeightM ?? d.eyeHeightM,
      viewDistanceM: options.viewDistanceM ?? d.viewDistanceM,
    },
    (done) => checkpoint(0.05 + (0.85 * done) / Math.max(1, buildingCount)),
  );
  const cover = canopyCover(canopy, inputs.counted, inputs.zones, inputs.zoneCount ?? 1);
  const parks = findParks(
    inputs.green,
    width,
    height,
    cellSizeM,
    options.parkMinAreaM2 ?? d.parkMinAreaM2,
  );
  await checkpoint(0.95);
  const parkDistanceM = distanceTransform(parks.park, width, height, cellSizeM);
  run.onProgress?.(1);
  return {
    trees,
    treesVisible,
    canopyCells: cover.canopyCells,
    areaCells: cover.areaCells,
    park: parks.park,
    parkCount: parks.count,
    parkAreaM2: parks.areaM2,
    parkDistanceM,
    buildingParkDistanceM: buildingMinimum(parkDistanceM, footprints, buildingCount),
  };
}
