/**
 * `<dt-scenario type="flood" mode="breach">` and `<dt-scenario type="rain">`: the time-stepping
 * local-inertial model (MODELS.md 1b, 1c) on an analysis grid resampled from the DEM (default 2 m,
 * block mean), buildings burned in as obstacles, Manning's n and curve numbers from the land-cover
 * class table. The run happens in a worker, with progress and cancel.
 */
import type { Grid } from '../../core/raster/grid.js';
import { rasterizeFeatures } from '../../core/raster/rasterize.js';
import { toPixel } from '../../core/raster/grid.js';
import { floodedBuildings } from '../../core/sim/flooded-buildings.js';
import { applyEdits } from '../../core/sim/greenery-edits.js';
import {
  DEFAULT_SOIL_GROUP,
  curveNumberOf,
  mergeLandCoverTable,
  type LandCoverTable,
  type SoilGroup,
} from '../../core/sim/landcover-table.js';
import {
  buildingHeights,
  classGrid,
  gridOf,
  perCell,
  resampleMean,
  specOf,
} from '../../core/sim/model-grids.js';
import type { ScenarioResult, ScenarioStat } from '../../core/sim/scenario-result.js';
import { checkTimeSeries, type TimeSeries } from '../../core/sim/time-series.js';
import type { InertialTaskRequest } from '../../core/workers/messages.js';
import {
  checkNumber,
  invalidParameter,
  parseJsonParameter,
  requireDem,
  type ScenarioRunContext,
} from './scenario-kinds.js';

/** The parameters of the time-stepping scenarios, as the element gives them. */
export interface DynamicFloodParams {
  /** Simulated time, s. */
  duration: number;
  /** Snapshot interval, s. */
  outputInterval: number;
  /** Analysis cell size, m. */
  cellSize: number;
  /** Breach location `"x,y"` in the DEM's CRS. */
  breach: string | null;
  /** Breach width, m. */
  breachWidth: number;
  /** Inflow hydrograph `[[t_s, Q_m3s], ...]` (JSON). */
  hydrograph: string | null;
  /** Outside water level at the breach, m (instead of a hydrograph). */
  outsideLevel: number | null;
  /** Rain intensity, mm/h. */
  intensity: number | null;
  /** How long it rains, s (default: the whole duration). */
  rainDuration: number | null;
  /** Rain as `[[t_s, mm_per_h], ...]` (JSON), each value holding until the next. */
  hyetograph: string | null;
  /** Hydrologic soil group A-D. */
  soilGroup: string;
  /** Land-cover table overrides (JSON). */
  classes: string | null;
  /** Water a roof holds before it runs off, mm (green roofs). */
  greenRoofStorage: number;
  /** Depth counted as flooded (arrival, duration, buildings), m. */
  threshold: number;
  /** Depth below which a cell is drawn dry, m. */
  minDepth: number;
}

interface Prepared {
  grid: Grid;
  table: LandCoverTable;
  footprints: Int32Array | undefined;
  request: InertialTaskRequest;
  roofCells: number;
  /** Storage (mm) of each roof cell, for the green-roof accounting. */
  roofStorage: number[];
}

function prepare(context: ScenarioRunContext, params: DynamicFloodParams): Prepared {
  const id = context.scenarioId;
  checkNumber(id, 'duration', params.duration, 1, 30 * 86400);
  checkNumber(id, 'output-interval', params.outputInterval, 1);
  checkNumber(id, 'cell-size', params.cellSize, 0.25, 100);
  checkNumber(id, 'green-roof-storage', params.greenRoofStorage, 0, 1000);
  if (!'ABCD'.includes(params.soilGroup) || params.soilGroup.length !== 1)
    throw invalidParameter(id, `soil-group must be A, B, C or D, got "${params.soilGroup}"`);
  let table: LandCoverTable;
  try {
    table = mergeLandCoverTable(params.classes);
  } catch (cause) {
    throw invalidParameter(id, `classes: ${cause instanceof Error ? cause.message : cause}`);
  }
  const grid = resampleMean(requireDem(context), params.cellSize);
  for (const v of grid.values)
    if (Number.isNaN(v)) {
      throw invalidParameter(
        id,
        'the DEM has cells without a value (NaN or nodata) in the model area: fill them first',
      );
    }
  const spec = specOf(grid);
  const footprints = context.buildings ? rasterizeFeatures(context.buildings, spec) : undefined;
  const blocked = footprints ? Uint8Array.from(footprints, (f) => (f >= 0 ? 1 : 0)) : undefined;
  let classes = classGrid(context.landcover ?? [], spec, table, footprints);
  try {
    classes = applyEdits(classes, spec, table, context.edits).grid;
  } catch (cause) {
    throw invalidParameter(id, cause instanceof Error ? cause.message : String(cause));
  }
  // Each roof cell's storage (mm): the scenario's green-roof-storage, or more where the class
  // table gives its class more (a green roof from the plan).
  const roofStorage: number[] = [];
  if (blocked) {
    const byClass = classes.keys.map((k) => table[k]?.roofStorageMm ?? 0);
    blocked.forEach((b, i) => {
      if (b)
        roofStorage.push(
          Math.max(params.greenRoofStorage, byClass[classes.classes[i] as number] as number),
        );
    });
  }
  const roofCells = roofStorage.length;
  return {
    grid,
    table,
    footprints,
    roofCells,
    roofStorage,
    request: {
      grid: { width: grid.width, height: grid.height, cellSize: params.cellSize, z: grid.values },
      manning: perCell(classes, table, (row) => row.manning),
      durationS: params.duration,
      outputIntervalS: params.outputInterval,
      thresholdM: params.threshold,
      ...(blocked ? { blocked } : {}),
      ...(context.landcover
        ? {
            curveNumber: perCell(classes, table, (row) =>
              curveNumberOf(row, (params.soilGroup || DEFAULT_SOIL_GROUP) as SoilGroup),
            ),
          }
        : {}),
    },
  };
}

/** The cells within half the breach width of the breach point (at least the one containing it). */
function breachCells(
  context: ScenarioRunContext,
  grid: Grid,
  params: DynamicFloodParams,
  blocked: Uint8Array | undefined,
): number[] {
  const id = context.scenarioId;
  const [x, y] = (params.breach ?? '').split(',').map(Number);
  if (!Number.isFinite(x) || !Number.isFinite(y))
    throw invalidParameter(
      id,
      `breach must be "x,y" in the DEM's CRS, got "${params.breach ?? ''}"`,
    );
  const [col, row] = toPixel(grid, x as number, y as number);
  if (!(col >= 0 && row >= 0 && col < grid.width && row < grid.height))
    throw invalidParameter(id, `the breach (${x}, ${y}) lies outside the grid`);
  checkNumber(id, 'breach-width', params.breachWidth, 0);
  const radius = Math.max(0.5, params.breachWidth / params.cellSize / 2);
  const cells: number[] = [];
  for (let r = Math.floor(row - radius); r <= Math.ceil(row + radius); r++) {
    for (let c = Math.floor(col - radius); c <= Math.ceil(col + radius); c++) {
      if (r < 0 || c < 0 || r >= grid.height || c >= grid.width) continue;
      if (Math.hypot(c + 0.5 - col, r + 0.5 - row) <= radius) cells.push(r * grid.width + c);
    }
  }
  if (cells.length === 0) cells.push(Math.floor(row) * grid.width + Math.floor(col));
  // Water can't enter through a building: the breach is the open cells of the disk.
  const open = cells.filter((c) => !blocked?.[c]);
  if (open.length === 0)
    throw invalidParameter(
      id,
      `the breach (${x}, ${y}) lies inside a building: move it to open ground`,
    );
  return open;
}

async function runDynamic(
  context: ScenarioRunContext,
  model: 'flood-breach' | 'rain',
  prepared: Prepared,
  extraStats: ScenarioStat[],
): Promise<ScenarioResult> {
  const start = performance.now();
  const params = context.params as unknown as DynamicFloodParams;
  const { grid, footprints } = prepared;
  const result = await context.workers.request('inertial-run', prepared.request, {
    signal: context.signal,
    onProgress: context.progress,
  });
  const spec = specOf(grid);
  const cellArea = params.cellSize * params.cellSize;
  const shown = (values: Float32Array) =>
    gridOf(
      spec,
      values.map((d) => (d >= params.minDepth ? d : NaN)),
    );
  let floodedCells = 0;
  let maxDepth = 0;
  for (const d of result.maxDepth) {
    if (d >= params.threshold) floodedCells++;
    if (d > maxDepth) maxDepth = d;
  }
  const buildings = footprints
    ? floodedBuildings(
        result.maxDepth,
        footprints,
        grid.width,
        buildingHeights(context.buildings ?? []),
        params.threshold,
      )
    : [];
  const v = result.volumes;
  return {
    model,
    bands: {
      'max-depth': shown(result.maxDepth),
      depth: shown(result.depth),
      'arrival-time': gridOf(spec, result.arrivalTimeS),
      duration: gridOf(
        spec,
        result.durationAboveS.map((s) => (s > 0 ? s : NaN)),
      ),
      elevation: grid,
    },
    times: result.snapshots.map((s) => s.timeS),
    snapshots: result.snapshots.map((s) => s.depth),
    stats: [
      ...extraStats,
      { key: 'flooded-area', value: floodedCells * cellArea, unit: 'm2' },
      { key: 'max-depth', value: maxDepth, unit: 'm' },
      { key: 'buildings-flooded', value: buildings.filter((b) => b.flooded).length, unit: 'count' },
      { key: 'inflow-volume', value: v.inflowM3, unit: 'm3' },
      { key: 'rain-volume', value: v.rainM3, unit: 'm3' },
      { key: 'infiltration-volume', value: v.infiltrationM3, unit: 'm3' },
      { key: 'outflow-volume', value: v.outflowM3, unit: 'm3' },
      { key: 'stored-volume', value: v.storedM3, unit: 'm3' },
      { key: 'mass-balance-error', value: v.massBalanceError, unit: 'ratio' },
      { key: 'steps', value: result.steps, unit: 'count' },
    ],
    buildings,
    parameters: { ...params },
    elapsedMs: performance.now() - start,
  };
}

/** `type="flood" mode="breach"`: inflow through a breach from a hydrograph or an outside water level. */
export async function runFloodBreach(context: ScenarioRunContext): Promise<ScenarioResult> {
  const params = context.params as unknown as DynamicFloodParams;
  const id = context.scenarioId;
  const prepared = prepare(context, params);
  const cells = breachCells(context, prepared.grid, params, prepared.request.blocked);
  if (params.hydrograph) {
    let hydrograph: TimeSeries;
    try {
      hydrograph = checkTimeSeries(
        parseJsonParameter(id, 'hydrograph', params.hydrograph),
        'hydrograph',
      );
    } catch (cause) {
      throw cause instanceof RangeError ? invalidParameter(id, cause.message) : cause;
    }
    if (hydrograph.some(([, q]) => q < 0))
      throw invalidParameter(id, 'hydrograph: discharges must not be negative');
    prepared.request.inflows = [{ cells, hydrograph }];
  } else if (params.outsideLevel !== null) {
    checkNumber(id, 'outside-level', params.outsideLevel, -100, 100);
    prepared.request.fixedLevels = [{ cells, levels: [[0, params.outsideLevel]] }];
  } else {
    throw invalidParameter(id, 'a breach needs a hydrograph or an outside-level');
  }
  delete prepared.request.curveNumber; // no rain, so no infiltration
  return runDynamic(context, 'flood-breach', prepared, [
    { key: 'breach-cells', value: cells.length, unit: 'count' },
  ]);
}

/** `type="rain"`: a rain event on the grid with curve-number infiltration. */
export async function runRain(context: ScenarioRunContext): Promise<ScenarioResult> {
  const params = context.params as unknown as DynamicFloodParams;
  const id = context.scenarioId;
  const prepared = prepare(context, params);
  let hyetograph: TimeSeries;
  let endS: number;
  if (params.hyetograph) {
    try {
      hyetograph = checkTimeSeries(
        parseJsonParameter(id, 'hyetograph', params.hyetograph),
        'hyetograph',
      );
    } catch (cause) {
      throw cause instanceof RangeError ? invalidParameter(id, cause.message) : cause;
    }
    if (hyetograph.some(([, i]) => i < 0))
      throw invalidParameter(id, 'hyetograph: intensities must not be negative');
    endS = params.rainDuration ?? params.duration;
  } else {
    const intensity = checkNumber(id, 'intensity', params.intensity ?? NaN, 0, 1000);
    endS = checkNumber(id, 'rain-duration', params.rainDuration ?? params.duration, 0);
    hyetograph = [[0, intensity]];
  }
  prepared.request.rain = { hyetograph, endS };
  // Rain on roofs: the roofs are obstacles in the grid, so their rain is counted apart: a green roof
  // holds up to its storage, the rest drains to the sewer.
  const cellArea = params.cellSize * params.cellSize;
  let roofRainMm = 0;
  for (let k = 0; k < hyetograph.length; k++) {
    const [t0, i] = hyetograph[k] as [number, number];
    const t1 = Math.min(endS, (hyetograph[k + 1]?.[0] ?? endS) as number);
    if (t1 > t0) roofRainMm += (i * (t1 - t0)) / 3600;
  }
  const roofArea = prepared.roofCells * cellArea;
  let retainedMm = 0; // summed over roof cells
  for (const storage of prepared.roofStorage) retainedMm += Math.min(roofRainMm, storage);
  const retained = (retainedMm / 1000) * cellArea;
  const roofRain = (roofRainMm / 1000) * roofArea;
  return runDynamic(context, 'rain', prepared, [
    { key: 'rain-depth', value: roofRainMm, unit: 'mm' },
    { key: 'roof-rain-volume', value: roofRain, unit: 'm3' },
    { key: 'green-roof-retained', value: retained, unit: 'm3' },
    { key: 'roof-runoff-volume', value: roofRain - retained, unit: 'm3' },
  ]);
}
