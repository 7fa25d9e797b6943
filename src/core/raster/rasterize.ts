/**
 * Burns polygons into a grid: which feature covers each cell. A cell belongs to a polygon when its
 * centre lies inside it (even-odd rule, so holes stay out); where polygons overlap, the later feature
 * wins. Scanline fill: per row, the crossings of every ring edge with the row's centre line, sorted,
 * fill the spans between pairs. Cost O(rows crossed x edges + cells filled).
 */
import type { Feature, Geometry, Position } from 'geojson';
import { transformer } from './crs.js';
import type { CrsCode, GeoTransform } from './grid.js';

/** The cells a rasterization fills: size and placement, as of a {@link Grid}. */
export interface GridSpec {
  /** Number of columns. */
  width: number;
  /** Number of rows. */
  height: number;
  /** GDAL geotransform of the grid (north-up). */
  geotransform: GeoTransform;
  /** CRS of the geotransform. */
  crs: CrsCode;
}

/** The polygons (outer ring and holes) of a geometry; lines and points have none. */
function polygonsOf(geometry: Geometry | null): Position[][][] {
  if (!geometry) return [];
  switch (geometry.type) {
    case 'Polygon':
      return [geometry.coordinates];
    case 'MultiPolygon':
      return geometry.coordinates;
    case 'GeometryCollection':
      return geometry.geometries.flatMap(polygonsOf);
    default:
      return [];
  }
}

/**
 * For every cell, the index of the feature whose polygon contains the cell's centre, or -1.
 * @param features - GeoJSON features; their coordinates are in `featureCrs` (default WGS 84 lon/lat).
 * @param spec - The grid to fill.
 * @param featureCrs - The CRS of the features' coordinates.
 */
export function rasterizeFeatures(
  features: readonly Feature[],
  spec: GridSpec,
  featureCrs: CrsCode = 'EPSG:4326',
): Int32Array {
  const out = new Int32Array(spec.width * spec.height).fill(-1);
  const toGrid = transformer(featureCrs, spec.crs);
  const [x0, dx, , y0, , dy] = spec.geotransform;
  features.forEach((feature, index) => {
    for (const polygon of polygonsOf(feature.geometry)) {
      // Rings in fractional pixel coordinates (column, row).
      const rings = polygon.map((ring) =>
        ring.map(([x = NaN, y = NaN]) => {
          const [gx, gy] = toGrid(x, y);
          return [(gx - x0) / dx, (gy - y0) / dy] as const;
        }),
      );
      fillPolygon(rings, index, out, spec.width, spec.height);
    }
  });
  return out;
}

function fillPolygon(
  rings: (readonly (readonly [number, number])[])[],
  value: number,
  out: Int32Array,
  width: number,
  height: number,
): void {
  let minRow = Infinity;
  let maxRow = -Infinity;
  for (const ring of rings) {
    for (const [, r] of ring) {
      if (r < minRow) minRow = r;
      if (r > maxRow) maxRow = r;
    }
  }
  const rowStart = Math.max(0, Math.ceil(minRow - 0.5));
  const rowEnd = Math.min(height - 1, Math.floor(maxRow - 0.5));
  const crossings: number[] = [];
  for (let row = rowStart; row <= rowEnd; row++) {
    const yc = row + 0.5;
    crossings.length = 0;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [ci, ri] = ring[i] as readonly [number, number];
        const [cj, rj] = ring[j] as readonly [number, number];
        // Half-open rule: an edge counts when the centre line passes between its ends.
        if (ri > yc !== rj > yc) crossings.push(ci + ((yc - ri) / (rj - ri)) * (cj - ci));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const colStart = Math.max(0, Math.ceil((crossings[k] as number) - 0.5));
      const colEnd = Math.min(width - 1, Math.floor((crossings[k + 1] as number) - 0.5));
      const base = row * width;
      for (let col = colStart; col <= colEnd; col++) out[base + col] = value;
    }
  }
}
