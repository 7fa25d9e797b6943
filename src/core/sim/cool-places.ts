/**
 * Cool places ("koele plekken", MODELS.md 2b): areas where people can stay on a hot day, and how far
 * each building is from one. A cool place is an 8-connected area of at least `minAreaM2` of cells
 * outside buildings with PET at most `maxPetC` (35 degrees C by default; Rotterdam uses 38). Pure
 * function over typed-array grids: it runs in a worker, in Node and in tests alike.
 *
 * Distances are straight lines between cell centres (an exact Euclidean distance transform), not
 * walking routes along open space: see docs/models/shade-and-pet.md for why and what that means.
 */
import { connectedComponents, distanceTransform } from './distance-transform.js';

/** Default of {@link CoolPlacesInput.maxPetC}: PET at most 35 degrees C (the Dutch guideline). */
export const COOL_PLACE_MAX_PET_C = 35;
/** Default of {@link CoolPlacesInput.minAreaM2}: a cool place is at least 200 m2. */
export const COOL_PLACE_MIN_AREA_M2 = 200;
/** Default of {@link CoolPlacesInput.walkM}: every home within 300 m of a cool place. */
export const COOL_PLACE_WALK_M = 300;

/** The inputs of {@link coolPlaces}: one PET map and the buildings on the same cells. */
export interface CoolPlacesInput {
  /** PET per cell, degrees C, row-major, row 0 north (NaN: no value, never cool). */
  pet: Float32Array;
  /** Columns. */
  width: number;
  /** Rows. */
  height: number;
  /** Side of a square cell, m. */
  cellSizeM: number;
  /** Building index per cell (-1: none), as `rasterizeFeatures` gives; building cells are never cool places. */
  footprints?: Int32Array;
  /** Number of buildings (the length of the distances); default: the largest index in `footprints` + 1. */
  buildingCount?: number;
  /** Per cell 1 where a cool place may lie (e.g. not water), 0 where not; default: every cell. */
  eligible?: Uint8Array;
  /** Highest PET of a cool cell, degrees C (default {@link COOL_PLACE_MAX_PET_C}). */
  maxPetC?: number;
  /** Smallest area of a cool place, m2 (default {@link COOL_PLACE_MIN_AREA_M2}). */
  minAreaM2?: number;
  /** Distance counted as "near a cool place", m (default {@link COOL_PLACE_WALK_M}). */
  walkM?: number;
}

/** What {@link coolPlaces} finds. */
export interface CoolPlaces {
  /** Per cell 1 in a cool place, else 0. */
  mask: Uint8Array;
  /** Number of cool places (8-connected areas). */
  count: number;
  /** Their total area, m2. */
  areaM2: number;
  /**
   * Per building, the straight-line distance (m) from the centre of its nearest footprint cell to the
   * centre of the nearest cool-place cell: 0 never (buildings are not cool), Infinity when there is no
   * cool place, NaN when the building has no cell on the grid.
   */
  distanceM: Float32Array;
  /** Buildings with at least one cell on the grid: the ones counted in the share. */
  buildingsCounted: number;
  /** Of those, the ones within `walkM` of a cool place. */
  buildingsNear: number;
  /** `buildingsNear / buildingsCounted` as a percentage (NaN when no building was counted). */
  nearSharePercent: number;
  /** Mean of the finite distances, m (NaN when there are none: no cool place, or no building). */
  meanDistanceM: number;
}

/**
 * Finds the cool places of a PET map and the distance from every building to the nearest one.
 * O(cells): one labelling pass, one distance transform, one pass over the footprints.
 * @throws RangeError when the grids do not match `width * height` or a parameter is out of range.
 */
export function coolPlaces(input: CoolPlacesInput): CoolPlaces {
  const { pet, width, height, cellSizeM, footprints, eligible } = input;
  const maxPetC = input.maxPetC ?? COOL_PLACE_MAX_PET_C;
  const minAreaM2 = input.minAreaM2 ?? COOL_PLACE_MIN_AREA_M2;
  const walkM = input.walkM ?? COOL_PLACE_WALK_M;
  const n = width * height;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new RangeError('coolPlaces: width and height must be positive integers');
  for (const [name, grid] of [
    ['pet', pet],
    ['footprints', footprints],
    ['eligible', eligible],
  ] as const) {
    if (grid && grid.length !== n)
      throw new RangeError(`coolPlaces: ${name} has ${grid.length} cells, expected ${n}`);
  }
  if (!(cellSizeM > 0) || !Number.isFinite(cellSizeM))
    throw new RangeError('coolPlaces: cellSizeM must be a positive number');
  if (!(minAreaM2 >= 0) || !(walkM >= 0) || Number.isNaN(maxPetC))
    throw new RangeError('coolPlaces: minAreaM2 and walkM must be >= 0, maxPetC a number');

  const candidate = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = pet[i] as number;
    if (!(p <= maxPetC)) continue; // NaN too
    if (footprints && (footprints[i] as number) >= 0) continue;
    if (eligible && !eligible[i]) continue;
    candidate[i] = 1;
  }
  const { labels, sizes } = connectedComponents(candidate, width, height);
  const cellArea = cellSizeM * cellSizeM;
  // An area counts when it has at least minAreaM2 (a small tolerance for cell areas like 0.25 m2).
  const keep = sizes.map((size, label) => label > 0 && size * cellArea >= minAreaM2 - 1e-9);
  const mask = new Uint8Array(n);
  let cells = 0;
  for (let i = 0; i < n; i++) {
    if (keep[labels[i] as number]) {
      mask[i] = 1;
      cells++;
    }
  }
  const count = keep.filter(Boolean).length;

  let buildingCount = input.buildingCount ?? 0;
  if (input.buildingCount === undefined && footprints)
    for (const b of footprints) if (b + 1 > buildingCount) buildingCount = b + 1;
  const distanceM = new Float32Array(buildingCount).fill(NaN);
  if (footprints && buildingCount > 0) {
    const toCool = distanceTransform(mask, width, height, cellSizeM);
    for (let i = 0; i < n; i++) {
      const b = footprints[i] as number;
      if (b < 0 || b >= buildingCount) continue;
      const d = toCool[i] as number;
      const current = distanceM[b] as number;
      if (!(d >= current)) distanceM[b] = d; // also replaces NaN
    }
  }
  let counted = 0;
  let near = 0;
  let finite = 0;
  let sum = 0;
  for (const d of distanceM) {
    if (Number.isNaN(d)) continue;
    counted++;
    if (d <= walkM) near++;
    if (Number.isFinite(d)) {
      finite++;
      sum += d;
    }
  }
  return {
    mask,
    count,
    areaM2: cells * cellArea,
    distanceM,
    buildingsCounted: counted,
    buildingsNear: near,
    nearSharePercent: counted > 0 ? (100 * near) / counted : NaN,
    meanDistanceM: finite > 0 ? sum / finite : NaN,
  };
}
