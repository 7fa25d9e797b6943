/**
 * Shaded relief (hillshade) of an elevation grid, with Horn's (1981) 3 x 3 gradient: the same
 * arithmetic as `gdaldem hillshade` (GDAL 3.6, default options), so its Byte output can be checked
 * against GDAL cell by cell. DOM-free: it runs in the worker pool and in tests alike.
 */
import type { Grid } from './grid.js';

/** The sun and the vertical exaggeration of a hillshade. */
export interface HillshadeOptions {
  /** Direction the light comes from, degrees clockwise from north (default 315: north-west). */
  azimuthDeg?: number;
  /** Height of the sun above the horizon, degrees (default 45). */
  altitudeDeg?: number;
  /** Vertical exaggeration: heights are multiplied by it (default 1; same units as the cells). */
  zFactor?: number;
}

/** The defaults of {@link HillshadeOptions}, as gdaldem has them. */
export const HILLSHADE_DEFAULTS: Required<HillshadeOptions> = {
  azimuthDeg: 315,
  altitudeDeg: 45,
  zFactor: 1,
};

/**
 * Shades rows `rowStart` to `rowEnd` (exclusive) of `grid` into `out` (`width * height` bytes, the
 * same layout as the grid). A shaded cell is 1 (facing away from the sun) to 255 (facing it); 0 means
 * no value: the outer ring of cells (no full 3 x 3 window) and cells with a nodata or NaN value in
 * their window, as gdaldem leaves them without `-compute_edges`.
 */
export function hillshadeRows(
  grid: Grid,
  out: Uint8Array,
  rowStart: number,
  rowEnd: number,
  options: HillshadeOptions = {},
): void {
  const { width, height, values, nodata, geotransform } = grid;
  const { azimuthDeg, altitudeDeg, zFactor } = { ...HILLSHADE_DEFAULTS, ...options };
  const toRadians = Math.PI / 180;
  const altitude = altitudeDeg * toRadians;
  const azimuth = azimuthDeg * toRadians;
  // GDAL's precomputed terms: 1/8 of Horn's weights is folded into the z factor.
  const invEastRes = 1 / geotransform[1];
  const invNorthRes = 1 / geotransform[5]; // negative for north-up grids, as in GDAL
  const zScaled = zFactor / 8;
  const cosAltZ = Math.cos(altitude) * zScaled;
  const squareZ = zScaled * zScaled;
  const sinAlt254 = 254 * Math.sin(altitude);
  const cosAzCosAltZ254 = 254 * Math.cos(azimuth) * cosAltZ;
  const sinAzCosAltZ254 = 254 * Math.sin(azimuth) * cosAltZ;
  const invalid = (v: number): boolean => v !== v || v === nodata; // v !== v: NaN
  for (let row = Math.max(0, rowStart); row < Math.min(height, rowEnd); row++) {
    const rowOffset = row * width;
    if (row === 0 || row === height - 1) {
      out.fill(0, rowOffset, rowOffset + width);
      continue;
    }
    out[rowOffset] = 0;
    out[rowOffset + width - 1] = 0;
    for (let col = 1; col < width - 1; col++) {
      const i = rowOffset + col;
      // The window: a b c / d e f / g h i around cell e.
      const a = values[i - width - 1] as number;
      const b = values[i - width] as number;
      const c = values[i - width + 1] as number;
      const d = values[i - 1] as number;
      const e = values[i] as number;
      const f = values[i + 1] as number;
      const g = values[i + width - 1] as number;
      const h = values[i + width] as number;
      const k = values[i + width + 1] as number;
      if (
        invalid(a) ||
        invalid(b) ||
        invalid(c) ||
        invalid(d) ||
        invalid(e) ||
        invalid(f) ||
        invalid(g) ||
        invalid(h) ||
        invalid(k)
      ) {
        out[i] = 0;
        continue;
      }
      const x = (a + d + d + g - (c + f + f + k)) * invEastRes;
      const y = (g + h + h + k - (a + b + b + c)) * invNorthRes;
      const shade254 =
        (sinAlt254 - (y * cosAzCosAltZ254 - x * sinAzCosAltZ254)) /
        Math.sqrt(1 + squareZ * (x * x + y * y));
      const shade = shade254 <= 0 ? 1 : 1 + shade254;
      // GDAL stores the value as Float32, then rounds it to Byte.
      out[i] = Math.min(255, Math.floor(Math.fround(shade) + 0.5));
    }
  }
}

/** The whole hillshade of `grid` at once (see {@link hillshadeRows}). */
export function hillshade(grid: Grid, options: HillshadeOptions = {}): Uint8Array {
  const out = new Uint8Array(grid.width * grid.height);
  hillshadeRows(grid, out, 0, grid.height, options);
  return out;
}

/**
 * RGBA pixels of a hillshade on a grey ramp: shade `s` gives grey `(s, s, s)`, opaque; cells without
 * a value (0) are transparent. Ready for `new ImageData(rgba, width, height)`.
 */
export function shadeToRgba(shade: Uint8Array): Uint8ClampedArray<ArrayBuffer> {
  const rgba = new Uint8ClampedArray(shade.length * 4);
  const pixels = new Uint32Array(rgba.buffer);
  // Little-endian RGBA: 0xAABBGGRR (every platform a browser runs on is little-endian).
  for (let i = 0; i < shade.length; i++) {
    const s = shade[i] as number;
    if (s !== 0) pixels[i] = 0xff000000 | (s << 16) | (s << 8) | s;
  }
  return rgba;
}
