import { floodDepthSimd } from './bathtub-depth-wasm.js';

/** Below this many cells the plain loop is used: the SIMD path's set-up costs more than it saves. */
const SIMD_MIN_CELLS = 4096;

/**
 * One water-level update, O(n), one pass: writes into `out` (allocated when omitted; pass it back in
 * for the next level to avoid allocating) the signed depth per cell:
 * - `h - z` (> 0) where the cell is flooded and connected (`level < h` and `z < h`);
 * - `-(h - z)` (< 0) where `z < h` but the cell is not connected ("low-lying, not connected");
 * - 0 where dry (`z >= h`), and for NaN cells.
 * Depths are computed in Float64 and stored as Float32. Returns `out`. `levels` comes from
 * `floodLevels` on the same DEM (pass the quantised DEM here: see `quantiseDem`). Uses a
 * WebAssembly SIMD kernel where available (bit-for-bit the same result), else
 * {@link floodDepthAtScalar}. `out` may be `dem` or `levels` itself (updated in place).
 */
export function floodDepthAt(
  dem: Float32Array,
  levels: Float32Array,
  waterLevel: number,
  out: Float32Array = new Float32Array(dem.length),
): Float32Array {
  checkLengths(dem, levels, out);
  if (dem.length >= SIMD_MIN_CELLS && floodDepthSimd(dem, levels, waterLevel, out)) return out;
  return floodDepthAtScalar(dem, levels, waterLevel, out);
}

/**
 * {@link floodDepthAt} as one plain JavaScript loop: the reference the SIMD kernel is checked
 * against, and the fallback where WebAssembly SIMD is unavailable.
 */
export function floodDepthAtScalar(
  dem: Float32Array,
  levels: Float32Array,
  waterLevel: number,
  out: Float32Array = new Float32Array(dem.length),
): Float32Array {
  checkLengths(dem, levels, out);
  const h = waterLevel;
  for (let i = 0; i < dem.length; i++) {
    const depth = h - (dem[i] as number);
    out[i] = depth > 0 ? ((levels[i] as number) < h ? depth : -depth) : 0;
  }
  return out;
}

function checkLengths(dem: Float32Array, levels: Float32Array, out: Float32Array): void {
  if (levels.length !== dem.length || out.length !== dem.length) {
    throw new RangeError(
      `floodDepthAt: DEM, levels and out need the same length, got ${dem.length}, ${levels.length} and ${out.length}`,
    );
  }
}
