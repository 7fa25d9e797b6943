/**
 * Which buildings a flood reaches, by the ring rule of MODELS.md (LIWO practice): with buildings
 * burned in as obstacles their footprints stay dry, so a building counts as flooded when the deepest
 * water in the ring of cells just outside its footprint is at least the threshold (0.10 m). Its dry
 * storeys are `floor((building height - that depth) / 2.65)`, 2.65 m being the Dutch storey height.
 */

/** The outcome for one building. */
export interface BuildingFlood {
  /** Index of the building in its source (the value burned into the footprint grid). */
  index: number;
  /** Deepest water in the ring of cells around the footprint (m); 0 when dry. */
  ringDepthM: number;
  /** Whether `ringDepthM` reaches the threshold. */
  flooded: boolean;
  /** Whole storeys above the water: `floor((heightM - ringDepthM) / 2.65)`, at least 0. */
  dryStoreys: number;
  /** The building's height above ground (m), as given. */
  heightM: number;
}

/** Storey height of the Dutch LIWO convention, metres. */
export const STOREY_HEIGHT_M = 2.65;

/**
 * The ring depth and flood state of every building that has at least one footprint cell.
 * @param depth - Water depth per cell (m), row-major; values <= 0 count as dry.
 * @param footprints - Per cell, the index of the building covering it, or -1.
 * @param width - Grid columns.
 * @param heightsM - Height above ground of each building, by index (NaN when unknown: 0 dry storeys).
 * @param thresholdM - Depth at which a building counts as flooded (default 0.10 m).
 */
export function floodedBuildings(
  depth: Float32Array,
  footprints: Int32Array,
  width: number,
  heightsM: ArrayLike<number>,
  thresholdM = 0.1,
): BuildingFlood[] {
  const height = footprints.length / width;
  const ring = new Map<number, number>();
  for (let row = 0; row < height; row++) {
    for (let col = 0; col < width; col++) {
      const i = row * width + col;
      const building = footprints[i] as number;
      if (building < 0) continue;
      if (!ring.has(building)) ring.set(building, 0);
      // The 8 neighbours outside this footprint form the ring.
      for (let dr = -1; dr <= 1; dr++) {
        const r = row + dr;
        if (r < 0 || r >= height) continue;
        for (let dc = -1; dc <= 1; dc++) {
          const c = col + dc;
          if (c < 0 || c >= width || (dr === 0 && dc === 0)) continue;
          const j = r * width + c;
          if (footprints[j] === building) continue;
          const d = depth[j] as number;
          if (d > (ring.get(building) as number)) ring.set(building, d);
        }
      }
    }
  }
  return [...ring.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, ringDepthM]) => {
      const heightM = heightsM[index] ?? NaN;
      const dry = Math.floor((heightM - ringDepthM) / STOREY_HEIGHT_M);
      return {
        index,
        ringDepthM,
        flooded: ringDepthM >= thresholdM,
        dryStoreys: Number.isFinite(dry) ? Math.max(0, dry) : 0,
        heightM,
      };
    });
}
