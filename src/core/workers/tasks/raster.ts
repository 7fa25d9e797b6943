/**
 * Worker tasks for raster work on data-source grids and for reprojection. The types join
 * {@link WorkerTasks} (messages.ts) and the handlers join the worker's table (handlers.ts); the
 * kernels (and proj4) load inside a handler with `import()`.
 *
 * - `hillshade`: shaded relief of a grid (Horn's method, as `gdaldem hillshade`). Request: the grid
 *   (its values are copied unless the caller transfers them) and the sun; response: the shade per
 *   cell (0 = no value, 1..255) and the same as grey RGBA pixels, both moved back. Progress: the
 *   share of rows done; cancellable between row bands.
 * - `reproject-positions`: x, y pairs from `from` (`EPSG:28992` or `EPSG:3857`) to WGS 84, in
 *   place; transfer the request's buffer, the same buffer comes back.
 */
import type { Grid } from '../../raster/grid.js';
import type { HillshadeOptions } from '../../raster/hillshade.js';
import type { TaskHandler } from '../serve.js';

/** The tasks of this file, by name: `request`, `response` and `progress` types of each. */
export interface RasterTasks {
  /** Shaded relief of a grid (see the file comment). */
  hillshade: {
    request: { grid: Grid; options?: HillshadeOptions };
    response: { shade: Uint8Array; rgba: Uint8ClampedArray<ArrayBuffer> };
    progress: number;
  };
  /** Positions (x, y pairs) from a projected CRS to WGS 84 longitude/latitude. */
  'reproject-positions': {
    request: { positions: Float64Array; from: string };
    response: { positions: Float64Array };
    progress: never;
  };
}

/** Rows shaded between two cancellation checkpoints. */
const ROWS_PER_STEP = 64;

const hillshadeTask: TaskHandler<'hillshade'> = async ({ grid, options }, context) => {
  const { hillshadeRows, shadeToRgba } = await import('../../raster/hillshade.js');
  const shade = new Uint8Array(grid.width * grid.height);
  for (let row = 0; row < grid.height; row += ROWS_PER_STEP) {
    await context.checkpoint();
    hillshadeRows(grid, shade, row, row + ROWS_PER_STEP, options);
    context.progress(Math.min(1, (row + ROWS_PER_STEP) / grid.height));
  }
  return { shade, rgba: shadeToRgba(shade) };
};

const reprojectTask: TaskHandler<'reproject-positions'> = async ({ positions, from }) => {
  const { reprojectPositions } = await import('../../sources/reproject.js');
  return { positions: reprojectPositions(positions, from, 'EPSG:4326') };
};

/** The handlers of this file's tasks. */
export const rasterHandlers: { [T in keyof RasterTasks]: TaskHandler<T> } = {
  hillshade: hillshadeTask,
  'reproject-positions': reprojectTask,
};
