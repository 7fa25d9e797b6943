/**
 * The tasks the workers run: small functions over typed arrays, one per entry of {@link WorkerTasks}.
 * Each long loop awaits `context.checkpoint()` every step, which is where a cancel takes effect.
 */
import type { GridStats, TaskRequest, TaskResponse, WorkerTasks } from './messages.js';
import type { TaskContext, TaskHandlers } from './serve.js';
import { cityJsonHandlers } from './tasks/cityjson.js';
import { lasHandlers } from './tasks/las.js';
import { rasterHandlers } from './tasks/raster.js';
import { vectorTileHandlers } from './tasks/vector-tiles.js';

/**
 * Min, max and mean of a row-major grid of `width` columns, skipping `nodata` and NaN. Reports
 * progress and checks for cancellation every `everyRows` rows.
 * @throws RangeError when `width` is not a positive integer that divides the number of values.
 */
export async function gridStats(
  values: Float32Array,
  width: number,
  context: TaskContext<WorkerTasks['grid-stats']['progress']>,
  nodata?: number,
  everyRows = 256,
): Promise<GridStats> {
  if (!Number.isInteger(width) || width < 1 || values.length % width !== 0)
    throw new RangeError(
      `grid-stats: ${values.length} values do not fill rows of ${width} columns`,
    );
  const rows = values.length / width;
  const step = Math.max(1, Math.floor(everyRows));
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  for (let row = 0; row < rows; row += step) {
    await context.checkpoint();
    const end = Math.min(rows, row + step) * width;
    for (let i = row * width; i < end; i++) {
      const v = values[i] as number;
      if (v !== v || v === nodata) continue; // v !== v: NaN
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
      count++;
    }
    context.progress({ rowsDone: Math.min(rows, row + step), rows });
  }
  return count > 0
    ? { min, max, mean: sum / count, count }
    : { min: NaN, max: NaN, mean: NaN, count };
}

/** Multiplies every value by `factor`, in place; returns the same array. */
export function scaleGrid(values: Float32Array, factor: number): Float32Array {
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * factor;
  return values;
}

/** Spins for `durationMs` in steps of `stepMs`, checking for cancellation after each step. */
export async function busyLoop(
  durationMs: number,
  stepMs: number,
  context: TaskContext<WorkerTasks['busy-loop']['progress']>,
): Promise<{ steps: number }> {
  const start = performance.now();
  let steps = 0;
  while (performance.now() - start < durationMs) {
    const stepEnd = Math.min(start + durationMs, performance.now() + stepMs);
    while (performance.now() < stepEnd); // deliberately busy: a stand-in for real work
    steps++;
    context.progress({ elapsedMs: performance.now() - start });
    await context.checkpoint();
  }
  return { steps };
}

/**
 * Cuts one terrarium tile out of a DTM and encodes it as PNG bytes. Checks for cancellation before
 * cutting and again before encoding (MapLibre cancels tiles that scroll out of view). The raster
 * code (and proj4) is imported on the first tile, so that workers that never cut one start fast.
 */
export async function terrainTile(
  { grid, z, x, y, tileSize = 256, outsideHeightM = 0 }: TaskRequest<'terrain-tile'>,
  context: TaskContext<never>,
): Promise<{ png: ArrayBuffer }> {
  const { renderTerrainTile, rgbaToPng } = await import('../raster/terrain-tiles.js');
  await context.checkpoint();
  const rgba = renderTerrainTile(grid, z, x, y, { tileSize, outsideM: outsideHeightM });
  await context.checkpoint();
  const png = await rgbaToPng(rgba, tileSize);
  return { png: await png.arrayBuffer() };
}

/** Runs the bathtub precompute; the kernel module is imported on first use. */
async function floodLevelsTask(
  { dem, width, height, sources, connectivity = 8, nodata }: TaskRequest<'flood-levels'>,
  context: TaskContext<number>,
): Promise<{ levels: Float32Array }> {
  const { floodLevels } = await import('../sim/bathtub.js');
  const levels = await floodLevels(dem, width, height, sources, {
    connectivity,
    ...(nodata === undefined ? {} : { nodata }),
    signal: context.signal,
    onProgress: (share) => context.progress(share),
  });
  return { levels };
}

/** Runs the local-inertial model, turning the request's time series into functions of time. */
async function inertialTask(
  request: TaskRequest<'inertial-run'>,
  context: TaskContext<number>,
): Promise<TaskResponse<'inertial-run'>> {
  const { runInertial } = await import('../sim/inertial.js');
  const { linearAt, stepAt } = await import('../sim/time-series.js');
  const { rain, fixedLevels, curveNumber } = request;
  return runInertial(
    request.grid,
    {
      manning: request.manning,
      durationS: request.durationS,
      ...(request.outputIntervalS ? { outputIntervalS: request.outputIntervalS } : {}),
      ...(request.blocked ? { blocked: request.blocked } : {}),
      ...(request.inflows ? { inflows: request.inflows } : {}),
      ...(fixedLevels
        ? {
            fixedLevels: fixedLevels.map(({ cells, levels }) => ({
              cells,
              level: (t: number) => linearAt(levels, t),
            })),
          }
        : {}),
      ...(rain
        ? {
            rain: {
              intensity: (t: number) => stepAt(rain.hyetograph, t, rain.endS),
              // Steps end on the hyetograph's jumps, so the rain volume is exact.
              breakpointsS: [...rain.hyetograph.map(([t]) => t), rain.endS],
            },
          }
        : {}),
      ...(rain && curveNumber ? { infiltration: { curveNumber } } : {}),
      ...(request.thresholdM
        ? { arrivalThresholdM: request.thresholdM, durationThresholdM: request.thresholdM }
        : {}),
    },
    { signal: context.signal, onProgress: (share) => context.progress(share) },
  );
}

/** Runs the InVEST Urban Cooling model; the model code loads with the first run. */
async function urbanCoolingTask(
  { inputs, params }: TaskRequest<'urban-cooling'>,
  context: TaskContext<number>,
): Promise<TaskResponse<'urban-cooling'>> {
  const { runUrbanCooling } = await import('../sim/heat-invest.js');
  return runUrbanCooling(inputs, params, {
    signal: context.signal,
    onProgress: (share) => context.progress(share),
  });
}

/** Runs the shade and sun-hours pipeline; the kernels load with the first run. */
async function shadowRunTask(
  request: TaskRequest<'shadow-run'>,
  context: TaskContext<number>,
): Promise<TaskResponse<'shadow-run'>> {
  const { shadeDay } = await import('../sim/shade-maps.js');
  return shadeDay(request, {
    signal: context.signal,
    onProgress: (share) => context.progress(share),
  });
}

/** Runs the PET map and cool-places pipeline; the kernels load with the first run. */
async function petRunTask(
  request: TaskRequest<'pet-run'>,
  context: TaskContext<number>,
): Promise<TaskResponse<'pet-run'>> {
  const { petMap } = await import('../sim/shade-maps.js');
  return petMap(request, {
    signal: context.signal,
    onProgress: (share) => context.progress(share),
  });
}

/** Runs the 3-30-300 greenery rule; the kernels load with the first run. */
async function green33300Task(
  { inputs, options }: TaskRequest<'green-3-30-300'>,
  context: TaskContext<number>,
): Promise<TaskResponse<'green-3-30-300'>> {
  const { rule33300 } = await import('../sim/rule-3-30-300.js');
  return rule33300(inputs, options, {
    signal: context.signal,
    onProgress: (share) => context.progress(share),
  });
}

/** The handler of every task, as the worker entry registers them. */
export const handlers: TaskHandlers = {
  echo: ({ text }) => ({ text }),
  'grid-stats': ({ values, width, nodata, progressEveryRows }, context) =>
    gridStats(values, width, context, nodata, progressEveryRows),
  'scale-grid': ({ values, factor }) => ({ values: scaleGrid(values, factor) }),
  'busy-loop': ({ durationMs, stepMs = 5 }, context) => busyLoop(durationMs, stepMs, context),
  'terrain-tile': terrainTile,
  'flood-levels': floodLevelsTask,
  'inertial-run': inertialTask,
  'urban-cooling': urbanCoolingTask,
  'green-3-30-300': green33300Task,
  'shadow-run': shadowRunTask,
  'pet-run': petRunTask,
  ...cityJsonHandlers,
  ...lasHandlers,
  ...vectorTileHandlers,
  ...rasterHandlers,
};
