/**
 * Turns a twin's inputs into the plain grids the kernels take: an analysis grid resampled from the
 * DEM, land-cover classes and buildings burned into it, and per-cell parameters from the land-cover
 * class table. Pure functions; they run wherever the scenario runs.
 */
import type { Feature } from 'geojson';
import { rasterizeFeatures, type GridSpec } from '../raster/rasterize.js';
import { isValid, type Grid } from '../raster/grid.js';
import { toNumber } from '../style/color-scale.js';
import { classKeyOf, type LandCoverClass, type LandCoverTable } from './landcover-table.js';

/**
 * The DEM on a coarser grid of `cellSizeM` cells, each the mean of the valid source cells whose
 * centres fall in it (NaN when none). Same origin; the grid may reach up to one cell beyond the
 * source's right and bottom edges. A cell size equal to the source's returns a copy.
 */
export function resampleMean(dem: Grid, cellSizeM: number): Grid {
  const [x0, dx, , y0, , dy] = dem.geotransform;
  if (!(cellSizeM > 0)) throw new RangeError(`cell size must be positive, got ${cellSizeM}`);
  const width = Math.max(1, Math.ceil((dem.width * dx) / cellSizeM - 1e-9));
  const height = Math.max(1, Math.ceil((dem.height * -dy) / cellSizeM - 1e-9));
  const sum = new Float64Array(width * height);
  const count = new Uint32Array(width * height);
  for (let row = 0; row < dem.height; row++) {
    const r = Math.floor(((row + 0.5) * -dy) / cellSizeM);
    for (let col = 0; col < dem.width; col++) {
      const v = dem.values[row * dem.width + col];
      if (!isValid(dem, v)) continue;
      const i = r * width + Math.floor(((col + 0.5) * dx) / cellSizeM);
      sum[i] = (sum[i] as number) + v;
      count[i] = (count[i] as number) + 1;
    }
  }
  const values = new Float32Array(width * height);
  for (let i = 0; i < values.length; i++) {
    values[i] = count[i] ? (sum[i] as number) / (count[i] as number) : NaN;
  }
  return {
    width,
    height,
    values,
    geotransform: [x0, cellSizeM, 0, y0, 0, -cellSizeM],
    crs: dem.crs,
    nodata: undefined,
  };
}

/** The DEM's values with nodata as NaN (the kernels treat NaN as a wall). */
export function demValues(dem: Grid): Float32Array {
  const values = Float32Array.from(dem.values);
  if (dem.nodata !== undefined) {
    for (let i = 0; i < values.length; i++) if (values[i] === dem.nodata) values[i] = NaN;
  }
  return values;
}

/** Land-cover classes per cell: an index into `keys` (the class keys of the table). */
export interface ClassGrid {
  /** Per cell, the index of its class in `keys`. */
  classes: Uint16Array;
  /** Class keys of the land-cover table, by index. */
  keys: string[];
}

/**
 * Burns land-cover polygons and buildings into classes: cells under a building get `pand` (or the
 * building's own class key), cells under no polygon get `onbekend`.
 * @param buildingFootprints - Optional per-cell building index (-1 none), as {@link rasterizeFeatures} gives.
 */
export function classGrid(
  landcover: readonly Feature[],
  spec: GridSpec,
  table: LandCoverTable,
  buildingFootprints?: Int32Array,
): ClassGrid {
  const keys = Object.keys(table);
  const keyIndex = new Map(keys.map((k, i) => [k, i]));
  const featureClass = landcover.map(
    (f) => keyIndex.get(classKeyOf(table, f.properties)) as number,
  );
  const cover = rasterizeFeatures(landcover, spec);
  const unknown = keyIndex.get('onbekend') ?? 0;
  const building = keyIndex.get('pand') ?? unknown;
  const classes = new Uint16Array(cover.length);
  for (let i = 0; i < cover.length; i++) {
    const f = cover[i] as number;
    classes[i] = f >= 0 ? (featureClass[f] as number) : unknown;
    if (buildingFootprints && (buildingFootprints[i] as number) >= 0) classes[i] = building;
  }
  return { classes, keys };
}

/** A per-cell parameter from the class table: `pick(row)` for each cell's class. */
export function perCell(
  grid: ClassGrid,
  table: LandCoverTable,
  pick: (row: LandCoverClass) => number,
): Float32Array {
  const byClass = grid.keys.map((k) => pick(table[k] as LandCoverClass));
  const out = new Float32Array(grid.classes.length);
  for (let i = 0; i < out.length; i++) out[i] = byClass[grid.classes[i] as number] as number;
  return out;
}

/**
 * Height above ground of each building: `heightProperty` minus `baseProperty` (NaN where missing).
 * Defaults fit the shipped Delft data and 3DBAG: roof `ahn3_h_dak_70p` / `b3_h_dak_70p`, ground
 * `ahn3_h_maaiveld` / `b3_h_maaiveld`.
 */
export function buildingHeights(
  buildings: readonly Feature[],
  heightProperty?: string | null,
  baseProperty?: string | null,
): Float64Array {
  return Float64Array.from(buildings, (f) => {
    const p = f.properties ?? {};
    const top = toNumber(
      heightProperty ? p[heightProperty] : (p['ahn3_h_dak_70p'] ?? p['b3_h_dak_70p']),
    );
    const base = toNumber(
      baseProperty ? p[baseProperty] : (p['ahn3_h_maaiveld'] ?? p['b3_h_maaiveld'] ?? 0),
    );
    return top === undefined || base === undefined ? NaN : top - base;
  });
}

/** A grid of the same placement as `spec` with the given values. */
export function gridOf(spec: GridSpec, values: Float32Array): Grid {
  return { ...spec, values, nodata: undefined };
}

/** The placement of a grid, without its values. */
export function specOf(grid: Grid): GridSpec {
  return {
    width: grid.width,
    height: grid.height,
    geotransform: grid.geotransform,
    crs: grid.crs,
  };
}
