import { tileXYToLonLat } from '../tiles/tile-id.js';
import { lonLatToRd, rdToLonLat } from './crs.js';
import { gridBounds, valueAtBilinear, type Grid } from './grid.js';

/**
 * Terrain tiles in the "terrarium" encoding (Mapzen, as MapLibre's `raster-dem` reads it):
 * `heightM = (R * 256 + G + B / 256) - 32768`, a step of 1/256 m (about 4 mm).
 */

/** Encodes a height (metres) as terrarium `[R, G, B]`; heights outside -32768..32767 m are clamped. */
export function encodeTerrarium(heightM: number): [number, number, number] {
  const v = Math.min(65535.996, Math.max(0, heightM + 32768));
  const whole = Math.floor(v);
  return [whole >> 8, whole & 255, Math.floor((v - whole) * 256)];
}

/** Decodes terrarium `R, G, B` to a height in metres. */
export function decodeTerrarium(r: number, g: number, b: number): number {
  return r * 256 + g + b / 256 - 32768;
}

/** The WGS 84 bounds `[west, south, east, north]` (degrees) of an RD New grid, for a `raster-dem` source. */
export function gridBoundsLonLat(grid: Grid): [number, number, number, number] {
  const [minX, minY, maxX, maxY] = gridBounds(grid);
  const corners = [
    rdToLonLat(minX, minY),
    rdToLonLat(maxX, minY),
    rdToLonLat(minX, maxY),
    rdToLonLat(maxX, maxY),
  ];
  const lons = corners.map((c) => c[0]);
  const lats = corners.map((c) => c[1]);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

/** Options of {@link renderTerrainTile}. */
export interface TerrainTileOptions {
  /** Tile edge in pixels (256 or 512; default 256). */
  tileSize?: number;
  /** Height (metres) outside the grid and on its nodata (default 0). */
  outsideM?: number;
}

/** Pixels between exact coordinate conversions; positions in between are interpolated (error < 1 mm). */
const LATTICE_STEP = 16;

/**
 * Cuts Web Mercator tile z/x/y out of a grid in EPSG:28992 and encodes it as terrarium RGBA. Each
 * pixel centre goes lon/lat -> RD New -> the grid, sampled bilinearly. RD coordinates are computed
 * exactly on a lattice every 16 pixels and interpolated linearly in between (the projection is
 * smooth at this scale), which keeps proj4 out of the inner loop.
 */
export function renderTerrainTile(
  grid: Grid,
  z: number,
  x: number,
  y: number,
  options: TerrainTileOptions = {},
): Uint8ClampedArray<ArrayBuffer> {
  if (grid.crs !== 'EPSG:28992')
    throw new Error(`terrain tiles: expected EPSG:28992, got ${grid.crs}`);
  const size = options.tileSize ?? 256;
  const [outR, outG, outB] = encodeTerrarium(options.outsideM ?? 0);
  const rgba = new Uint8ClampedArray(size * size * 4);
  const n = Math.ceil(size / LATTICE_STEP) + 1;
  const lattice = new Float64Array(n * n * 2);
  for (let j = 0; j < n; j++) {
    const tileY = y + Math.min(size, j * LATTICE_STEP) / size;
    for (let i = 0; i < n; i++) {
      const [lon, lat] = tileXYToLonLat(x + Math.min(size, i * LATTICE_STEP) / size, tileY, z);
      const [rdX, rdY] = lonLatToRd(lon, lat);
      lattice[(j * n + i) * 2] = rdX;
      lattice[(j * n + i) * 2 + 1] = rdY;
    }
  }
  const at = (i: number, j: number, k: number) => lattice[(j * n + i) * 2 + k] ?? NaN;
  for (let py = 0; py < size; py++) {
    const fy = (py + 0.5) / LATTICE_STEP;
    const j = Math.min(n - 2, Math.floor(fy));
    const ty = fy - j;
    for (let px = 0; px < size; px++) {
      const fx = (px + 0.5) / LATTICE_STEP;
      const i = Math.min(n - 2, Math.floor(fx));
      const tx = fx - i;
      const lerp = (k: number) =>
        (at(i, j, k) * (1 - tx) + at(i + 1, j, k) * tx) * (1 - ty) +
        (at(i, j + 1, k) * (1 - tx) + at(i + 1, j + 1, k) * tx) * ty;
      const height = valueAtBilinear(grid, lerp(0), lerp(1));
      const o = (py * size + px) * 4;
      if (height === undefined) {
        rgba[o] = outR;
        rgba[o + 1] = outG;
        rgba[o + 2] = outB;
      } else {
        const [r, g, b] = encodeTerrarium(height);
        rgba[o] = r;
        rgba[o + 1] = g;
        rgba[o + 2] = b;
      }
      rgba[o + 3] = 255;
    }
  }
  return rgba;
}

/** Encodes square RGBA pixels as a PNG (OffscreenCanvas: main thread and workers alike). */
export async function rgbaToPng(rgba: Uint8ClampedArray<ArrayBuffer>, size: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(size, size);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('terrain tiles: no 2D context on an OffscreenCanvas');
  ctx.putImageData(new ImageData(rgba, size, size), 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}
