/**
 * One raster type for terrain, analysis grids and raster sources: a single band of Float32 values in
 * row-major order (top row first), placed on the ground by a GDAL-style geotransform.
 */

/**
 * GDAL's affine geotransform for a north-up raster: `[originX, pixelWidth, 0, originY, 0, -pixelHeight]`.
 * The origin is the outer top-left corner of the top-left cell, in CRS units (metres for EPSG:28992).
 */
export type GeoTransform = [number, number, number, number, number, number];

/** A coordinate reference system, as `EPSG:<code>` (`EPSG:28992` RD New, `EPSG:4326` WGS 84) or any other name. */
export type CrsCode = 'EPSG:28992' | 'EPSG:4326' | (string & {});

/** A single-band raster with its placement. */
export interface Grid {
  /** Number of columns. */
  width: number;
  /** Number of rows. */
  height: number;
  /** `width * height` values, row-major, top row first. Heights in metres for terrain. */
  values: Float32Array;
  /** Placement of the cells in `crs` (GDAL order, north-up: the rotation terms are 0). */
  geotransform: GeoTransform;
  /** The CRS of the geotransform. */
  crs: CrsCode;
  /** The value that marks a cell without data, or undefined when every cell is valid. */
  nodata: number | undefined;
}

/** A box `[minX, minY, maxX, maxY]` in the units of a CRS. */
export type BBox = [number, number, number, number];

/** Whether `value` is a real value of `grid` (not nodata, not NaN). */
export function isValid(grid: Grid, value: number | undefined): value is number {
  return value !== undefined && !Number.isNaN(value) && value !== grid.nodata;
}

/** The outer bounds of the grid `[minX, minY, maxX, maxY]` in its CRS. */
export function gridBounds(grid: Grid): BBox {
  const [x0, dx, , y0, , dy] = grid.geotransform;
  const x1 = x0 + dx * grid.width;
  const y1 = y0 + dy * grid.height;
  return [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)];
}

/** The fractional pixel position (column, row) of a CRS coordinate; cell (0, 0) spans [0, 1). */
export function toPixel(grid: Grid, x: number, y: number): [number, number] {
  const [x0, dx, , y0, , dy] = grid.geotransform;
  return [(x - x0) / dx, (y - y0) / dy];
}

/** The value of cell (col, row), or undefined outside the grid or where it is nodata. */
export function cellValue(grid: Grid, col: number, row: number): number | undefined {
  if (col < 0 || row < 0 || col >= grid.width || row >= grid.height) return undefined;
  const value = grid.values[row * grid.width + col];
  return isValid(grid, value) ? value : undefined;
}

/**
 * The value of the cell that contains (x, y) in the grid's CRS (nearest cell centre), as
 * `gdallocationinfo -geoloc` reports it; undefined outside the grid or on nodata.
 */
export function valueAtNearest(grid: Grid, x: number, y: number): number | undefined {
  const [col, row] = toPixel(grid, x, y);
  return cellValue(grid, Math.floor(col), Math.floor(row));
}

/**
 * The bilinear interpolation of the four cell centres around (x, y) in the grid's CRS. Near the edge
 * and next to nodata cells it uses the valid neighbours only (weights renormalised); undefined when
 * (x, y) is outside the grid or all four are nodata.
 */
export function valueAtBilinear(grid: Grid, x: number, y: number): number | undefined {
  const [col, row] = toPixel(grid, x, y);
  if (col < 0 || row < 0 || col > grid.width || row > grid.height) return undefined;
  // Cell centres sit at half-integer pixel positions.
  const c = col - 0.5;
  const r = row - 0.5;
  const c0 = Math.floor(c);
  const r0 = Math.floor(r);
  const fc = c - c0;
  const fr = r - r0;
  let sum = 0;
  let weight = 0;
  for (const [dc, dr, w] of [
    [0, 0, (1 - fc) * (1 - fr)],
    [1, 0, fc * (1 - fr)],
    [0, 1, (1 - fc) * fr],
    [1, 1, fc * fr],
  ] as const) {
    if (w === 0) continue;
    const v = cellValue(grid, c0 + dc, r0 + dr);
    if (v === undefined) continue;
    sum += v * w;
    weight += w;
  }
  return weight > 0 ? sum / weight : undefined;
}

/** The smallest and largest valid value, ignoring nodata and NaN; undefined when no cell is valid. */
export function gridRange(grid: Grid): { min: number; max: number } | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const v of grid.values) {
    if (!isValid(grid, v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? { min, max } : undefined;
}

/** The cell size `[widthM, heightM]` (positive, in CRS units) of a north-up grid. */
export function cellSize(grid: Grid): [number, number] {
  return [Math.abs(grid.geotransform[1]), Math.abs(grid.geotransform[5])];
}
