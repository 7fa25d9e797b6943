/**
 * The one message map of the worker pool: every task a worker runs, with its request, response and
 * progress types. The caller side ({@link WorkerActor}) and the worker side (`serve`, `handlers.ts`)
 * are both typed from it, so a task can't be called with the wrong payload or answered with the
 * wrong result. To add a task, add an entry here and a handler to `handlers.ts` (the compiler asks
 * for it); see docs/workers.md.
 */

import type { CityJsonTasks } from './tasks/cityjson.js';
import type { LasTasks } from './tasks/las.js';
import type { RasterTasks } from './tasks/raster.js';
import type { VectorTileTasks } from './tasks/vector-tiles.js';
import type { Grid } from '../raster/grid.js';
import type { HeatInputs, HeatParams, HeatResult } from '../sim/heat-invest.js';
import type { InertialGrid, InertialResult } from '../sim/inertial.js';
import type {
  PetMapRequest,
  PetMapResult,
  ShadeDayRequest,
  ShadeDayResult,
} from '../sim/shade-maps.js';
import type { Rule33300Inputs, Rule33300Options, Rule33300Result } from '../sim/rule-3-30-300.js';
import type { TimeSeries } from '../sim/time-series.js';

/**
 * A run of the local-inertial flood model in a plain, cloneable form: time series instead of the
 * functions of time {@link InertialParams} takes.
 */
export interface InertialTaskRequest {
  /** The bed elevations and cell size. */
  grid: InertialGrid;
  /** Manning's n per cell. */
  manning: Float32Array;
  /** Simulated time, seconds. */
  durationS: number;
  /** Depth snapshots every so many seconds (for the timeline). */
  outputIntervalS?: number;
  /** 1 = obstacle (buildings). */
  blocked?: Uint8Array;
  /** Inflow hydrographs, m3/s, linear between points. */
  inflows?: { cells: number[]; hydrograph: TimeSeries }[];
  /** Cells held at a water level (m), linear between points. */
  fixedLevels?: { cells: number[]; levels: TimeSeries }[];
  /** Rain in mm/h, each value holding until the next point, none after `endS`. */
  rain?: { hyetograph: TimeSeries; endS: number };
  /** SCS curve number per cell (with rain). */
  curveNumber?: Float32Array;
  /** Depth at which a cell counts as reached (arrival) and as flooded (duration), m. */
  thresholdM?: number;
}

/** Summary statistics of a grid, nodata cells skipped. */
export interface GridStats {
  /** Smallest value; `NaN` when no cell had data. */
  min: number;
  /** Largest value; `NaN` when no cell had data. */
  max: number;
  /** Mean of the cells with data; `NaN` when there were none. */
  mean: number;
  /** How many cells had data. */
  count: number;
}

/** Progress of a task that walks a grid row by row. */
export interface RowProgress {
  /** Rows done so far. */
  rowsDone: number;
  /** Rows in the grid. */
  rows: number;
}

/**
 * Every task the workers know, by name. `progress` is what the task reports while it runs (`never`
 * for tasks that report none). Typed arrays in a request travel by copy unless the caller lists
 * their buffers in `transfer`; typed arrays in a response are always transferred (moved) back.
 */
export interface WorkerTasks extends CityJsonTasks, LasTasks, VectorTileTasks, RasterTasks {
  /** Answers with its input: a round trip, for health checks. */
  echo: { request: { text: string }; response: { text: string }; progress: never };
  /**
   * Min, max and mean of a row-major grid of `width` columns, skipping `nodata` (and NaN). Reports
   * progress and checks for cancellation every `progressEveryRows` rows (default 256).
   */
  'grid-stats': {
    request: { values: Float32Array; width: number; nodata?: number; progressEveryRows?: number };
    response: GridStats;
    progress: RowProgress;
  };
  /** Multiplies every value by `factor` in place and sends the same buffer back. */
  'scale-grid': {
    request: { values: Float32Array; factor: number };
    response: { values: Float32Array };
    progress: never;
  };
  /**
   * Keeps the worker busy for `durationMs` milliseconds in steps of `stepMs` (default 5), checking
   * for cancellation after each step: a stand-in for a long simulation, used to test cancellation.
   */
  'busy-loop': {
    request: { durationMs: number; stepMs?: number };
    response: { steps: number };
    progress: { elapsedMs: number };
  };
  /**
   * Cuts Web Mercator tile `z/x/y` (`tileSize` px, default 256) out of a DTM in EPSG:28992 and
   * encodes it as a terrarium PNG (`outsideHeightM`, default 0, outside the grid and on nodata).
   * The grid is copied to the worker with each request (about 1 MB for the shipped DTM); the PNG's
   * buffer is moved back.
   */
  /**
   * The Priority-Flood precompute of the bathtub model: for every cell the lowest water level at
   * which it floods from the source cells (see `floodLevels`). Progress is the share done.
   */
  'flood-levels': {
    request: {
      dem: Float32Array;
      width: number;
      height: number;
      sources: Uint8Array;
      connectivity?: 4 | 8;
      nodata?: number;
    };
    response: { levels: Float32Array };
    progress: number;
  };
  /** A run of the local-inertial flood model (breach, inflow, rain). Progress is the share done. */
  'inertial-run': {
    request: InertialTaskRequest;
    response: InertialResult;
    progress: number;
  };
  /** A run of the InVEST Urban Cooling model (heat scenario). Progress is the share done. */
  'urban-cooling': {
    request: { inputs: HeatInputs; params: HeatParams };
    response: HeatResult;
    progress: number;
  };
  /** Shade at a moment and hours of direct sun over its day on a DSM (`shadeDay`). Progress is the share done. */
  'shadow-run': {
    request: ShadeDayRequest;
    response: ShadeDayResult;
    progress: number;
  };
  /** The daytime PET map with sky view factor and cool places (`petMap`). Progress is the share done. */
  'pet-run': {
    request: PetMapRequest;
    response: PetMapResult;
    progress: number;
  };
  /** The 3-30-300 greenery rule: trees, trees visible per home, canopy cover, parks and their distance (`rule33300`). Progress is the share done. */
  'green-3-30-300': {
    request: { inputs: Rule33300Inputs; options: Rule33300Options };
    response: Rule33300Result;
    progress: number;
  };
  'terrain-tile': {
    request: {
      grid: Grid;
      z: number;
      x: number;
      y: number;
      tileSize?: number;
      outsideHeightM?: number;
    };
    response: { png: ArrayBuffer };
    progress: never;
  };
}

/** The name of a task. */
export type TaskType = keyof WorkerTasks;
/** What a task is asked with. */
export type TaskRequest<T extends TaskType> = WorkerTasks[T]['request'];
/** What a task answers. */
export type TaskResponse<T extends TaskType> = WorkerTasks[T]['response'];
/** What a task reports while it runs. */
export type TaskProgress<T extends TaskType> = WorkerTasks[T]['progress'];

/** Sent to a worker: run a task (`request`) or stop one (`cancel`). */
export type ToWorker =
  | { kind: 'request'; id: number; type: TaskType; payload: unknown }
  | { kind: 'cancel'; id: number };

/** An error as it crosses from a worker: structured clone drops an Error's stack, so it is copied. */
export interface SerializedError {
  /** `Error.name` in the worker (`RangeError`, `AbortError`, ...). */
  name: string;
  /** `Error.message` in the worker. */
  message: string;
  /** `Error.stack` in the worker, if it had one. */
  stack: string | undefined;
}

/** Sent by a worker: the result, progress, or the error of one request. */
export type FromWorker =
  | { kind: 'response'; id: number; result: unknown }
  | { kind: 'progress'; id: number; progress: unknown }
  | { kind: 'error'; id: number; error: SerializedError };

/** The buffers of the typed arrays (and bare ArrayBuffers) among an object's own values. */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  if (typeof value !== 'object' || value === null) return [];
  const buffers = new Set<ArrayBuffer>();
  for (const item of [value, ...Object.values(value)]) {
    if (item instanceof ArrayBuffer) buffers.add(item);
    // SharedArrayBuffers are shared, not moved: they can't be listed in a transfer.
    else if (ArrayBuffer.isView(item) && item.buffer instanceof ArrayBuffer)
      buffers.add(item.buffer);
  }
  return [...buffers];
}

/** A DOMException `AbortError`, as `fetch` and `AbortSignal.abort()` reject with. */
export function abortError(message = 'The task was aborted.'): DOMException {
  return new DOMException(message, 'AbortError');
}
