/**
 * The land cover the heat, shade and greenery kinds compute on: one analysis grid (the DEM
 * block-averaged to a cell size), with the BGT classes and buildings burned in, the greenery edits
 * applied, the surface model on the same cells, and the tree canopy: cells where the DSM stands more
 * than 2 m above the DTM outside buildings and water (MODELS.md 2a), plus the trees the edits add.
 */
import { DtSourceError } from '../../core/errors.js';
import { valueAtNearest, type Grid } from '../../core/raster/grid.js';
import { rasterizeFeatures, type GridSpec } from '../../core/raster/rasterize.js';
import { applyEdits, editMask } from '../../core/sim/greenery-edits.js';
import { mergeLandCoverTable, type LandCoverTable } from '../../core/sim/landcover-table.js';
import { classGrid, resampleMean, specOf, type ClassGrid } from '../../core/sim/model-grids.js';
import { invalidParameter, requireDem, type ScenarioRunContext } from './scenario-kinds.js';

/** Canopy starts this high above the ground (m). */
export const CANOPY_MIN_HEIGHT_M = 2;

/** The prepared cells of one run. */
export interface LandCoverCells {
  /** The analysis grid's placement. */
  spec: GridSpec;
  /** Its cell size, m. */
  cellSizeM: number;
  /** The land-cover table, with the scenario's `classes` overrides. */
  table: LandCoverTable;
  /** Classes per cell: BGT, buildings (`pand`), then the edits. */
  classes: ClassGrid;
  /** Building index per cell (-1: none), by index in the buildings source. */
  footprints: Int32Array | undefined;
  /** Ground elevation per cell (block mean of the DEM), NaN where unknown. */
  ground: Float32Array;
  /** Surface elevation per cell (DSM, block mean), when a DSM was given. */
  surface: Float32Array | undefined;
  /**
   * 1 where there is tree canopy: DSM - DTM > 2 m outside buildings and water, on cells whose land
   * cover is known (with a land-cover source: the DSM reaches beyond it, and the roofs of buildings
   * missing from the buildings source would count as trees), or an edit's trees.
   */
  canopy: Uint8Array;
  /**
   * 1 where the land cover is known: a land-cover polygon, a building or an edit covers the cell.
   * Undefined without a land-cover source (every cell counts).
   */
  known: Uint8Array | undefined;
  /** Cells each edit changed, in the order of `context.edits`. */
  editCells: number[];
}

/** `grid` on the cells of `spec`: block means when it shares the DEM's placement, else nearest values. */
function onCells(grid: Grid, dem: Grid, spec: GridSpec, cellSizeM: number): Float32Array {
  const same =
    grid.width === dem.width &&
    grid.height === dem.height &&
    grid.geotransform.every((v, i) => v === dem.geotransform[i]);
  if (same) return resampleMean(grid, cellSizeM).values;
  const values = new Float32Array(spec.width * spec.height);
  const [x0, dx, , y0, , dy] = spec.geotransform;
  for (let row = 0; row < spec.height; row++) {
    for (let col = 0; col < spec.width; col++) {
      const v = valueAtNearest(grid, x0 + (col + 0.5) * dx, y0 + (row + 0.5) * dy);
      values[row * spec.width + col] = v ?? NaN;
    }
  }
  return values;
}

/** The table with the `classes` attribute merged in, or an `invalid-parameter` error saying why not. */
export function tableOf(context: ScenarioRunContext): LandCoverTable {
  try {
    return mergeLandCoverTable(context.attributes['classes'] ?? null);
  } catch (cause) {
    throw invalidParameter(
      context.scenarioId,
      `classes: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/**
 * Prepares the cells of a run at `cellSizeM` metres. Needs `dem`; uses `dsm`, `landcover`,
 * `buildings` and the edits when present.
 * @throws DtSourceError `missing-input` without a DEM, `invalid-parameter` for a bad edit or table,
 *   or a DSM in another CRS.
 */
export function landCoverCells(context: ScenarioRunContext, cellSizeM: number): LandCoverCells {
  const id = context.scenarioId;
  const dem = requireDem(context);
  const table = tableOf(context);
  const resampled = resampleMean(dem, cellSizeM);
  const spec = specOf(resampled);
  const footprints = context.buildings ? rasterizeFeatures(context.buildings, spec) : undefined;
  const base = classGrid(context.landcover ?? [], spec, table, footprints);
  let applied;
  try {
    applied = applyEdits(base, spec, table, context.edits);
  } catch (cause) {
    throw invalidParameter(id, cause instanceof Error ? cause.message : String(cause));
  }
  const classes = applied.grid;
  let surface: Float32Array | undefined;
  if (context.dsm) {
    if (context.dsm.crs !== dem.crs)
      throw new DtSourceError(
        id,
        'invalid-parameter',
        `dsm is in ${context.dsm.crs}, the dem in ${dem.crs}: give both in one CRS`,
      );
    surface = onCells(context.dsm, dem, spec, cellSizeM);
  }
  const ground = resampled.values;
  const keyIndex = new Map(classes.keys.map((k, i) => [k, i]));
  const tree = keyIndex.get('boom');
  const water = keyIndex.get('waterdeel');
  const unknown = keyIndex.get('onbekend');
  const known = context.landcover
    ? Uint8Array.from(classes.classes, (cls) => (cls === unknown ? 0 : 1))
    : undefined;
  const canopy = new Uint8Array(ground.length);
  for (let i = 0; i < canopy.length; i++) {
    const cls = classes.classes[i];
    if (cls === tree) canopy[i] = 1;
    else if (
      surface &&
      cls !== water &&
      (!known || known[i]) &&
      !(footprints && (footprints[i] as number) >= 0)
    ) {
      const height = (surface[i] as number) - (ground[i] as number);
      if (height > CANOPY_MIN_HEIGHT_M) canopy[i] = 1;
    }
  }
  // Edits that remove green or pave take the canopy under them with them; later edits win.
  for (const edit of context.edits) {
    const action = edit.properties.action;
    if (action !== 'remove-green' && action !== 'pave' && action !== 'add-trees') continue;
    const mask = editMask(edit, spec);
    const value = action === 'add-trees' ? 1 : 0;
    for (let i = 0; i < canopy.length; i++) {
      if (!mask[i] || (footprints && (footprints[i] as number) >= 0)) continue;
      if (value === 1 && classes.classes[i] !== tree) continue; // not planted (water)
      canopy[i] = value;
    }
  }
  return {
    spec,
    cellSizeM,
    table,
    classes,
    footprints,
    ground,
    surface,
    canopy,
    known,
    editCells: applied.changedCells,
  };
}
