/**
 * `<dt-layer type="hillshade">`: a raster band (a DTM or DSM) as shaded relief on a grey ramp.
 * The shading (Horn's method, as `gdaldem hillshade`) runs in the worker pool; the result is cached
 * per grid and sun, and the layer redraws when the worker answers.
 *
 * Attributes: `band` (default: the source's first band), `azimuth` (degrees from north, default
 * 315), `altitude` (degrees above the horizon, default 45), `z-factor` (vertical exaggeration,
 * default 1) and `opacity` (blends the relief over the basemap).
 */
import type { Layer } from '@deck.gl/core';
import type { Grid } from '../../../core/raster/grid.js';
import { HILLSHADE_DEFAULTS, type HillshadeOptions } from '../../../core/raster/hillshade.js';
import type { Legend } from '../../../core/style/color-scale.js';
import { acquireWorkerPool } from '../../../core/workers/pool.js';
import type { DtLayer } from '../dt-layer.js';
import type { LayerRenderer } from '../layer-renderers.js';
import { rasterBitmapLayer } from '../raster-layer.js';

/** One hillshade of one grid under one sun: computing, or done. */
interface Shading {
  /** The grey image, once the worker has answered. */
  image?: ImageData;
  /** Layers waiting for it: each is asked to redraw when it arrives. */
  waiting: Set<DtLayer>;
  /** Set when the worker failed: not asked again for this grid and sun. */
  failed?: boolean;
}

/** Shadings by grid (dropped with it) and by sun. */
const shadings = new WeakMap<Grid, Map<string, Shading>>();

/** A number attribute of the layer, or `fallback` when absent or not a number in [min, max]. */
function numberAttribute(
  layer: DtLayer,
  name: string,
  fallback: number,
  [min, max]: [number, number],
): number {
  const text = layer.getAttribute(name);
  const value = text === null || text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

/** The sun and exaggeration from the layer's `azimuth`, `altitude` and `z-factor` attributes. */
export function hillshadeOptionsOf(layer: DtLayer): Required<HillshadeOptions> {
  return {
    azimuthDeg: numberAttribute(layer, 'azimuth', HILLSHADE_DEFAULTS.azimuthDeg, [-360, 720]),
    altitudeDeg: numberAttribute(layer, 'altitude', HILLSHADE_DEFAULTS.altitudeDeg, [0, 90]),
    zFactor: numberAttribute(layer, 'z-factor', HILLSHADE_DEFAULTS.zFactor, [0, 1e6]),
  };
}

/** Starts shading `grid` in the worker pool; the layers waiting redraw when it is done. */
function startShading(grid: Grid, options: HillshadeOptions, shading: Shading): void {
  const pool = acquireWorkerPool();
  pool
    .request('hillshade', { grid, options })
    .then(
      ({ rgba }) => {
        shading.image = new ImageData(rgba, grid.width, grid.height);
      },
      (error: unknown) => {
        shading.failed = true;
        console.warn('Tweeling: the hillshade could not be computed', error);
      },
    )
    .finally(() => {
      pool.release();
      for (const layer of shading.waiting) layer.requestRedraw();
      shading.waiting.clear();
    });
}

/**
 * The hillshade image of the layer's band under its sun: undefined while the worker computes it
 * (the layer is asked to redraw when it is done) or when there is no band.
 */
export function hillshadeImage(layer: DtLayer): { grid: Grid; image: ImageData } | undefined {
  const grid = layer.bandGrid;
  if (!grid) return undefined;
  const options = hillshadeOptionsOf(layer);
  const key = `${options.azimuthDeg}|${options.altitudeDeg}|${options.zFactor}`;
  let byKey = shadings.get(grid);
  if (!byKey) shadings.set(grid, (byKey = new Map()));
  let shading = byKey.get(key);
  if (!shading) {
    shading = { waiting: new Set() };
    byKey.set(key, shading);
    startShading(grid, options, shading);
  }
  if (shading.image) return { grid, image: shading.image };
  if (!shading.failed) shading.waiting.add(layer);
  return undefined;
}

const hillshade: LayerRenderer = {
  render(layer) {
    const shaded = hillshadeImage(layer);
    if (!shaded) return [];
    return [
      rasterBitmapLayer({
        id: layer.layerId,
        image: shaded.image,
        grid: shaded.grid,
        visible: layer.visible,
        opacity: layer.opacity,
      }),
    ] as Layer[];
  },
  legend(layer): Legend {
    return {
      property: layer.t('hillshade.legend'),
      mode: 'categorical',
      entries: [
        { value: layer.t('hillshade.lit'), color: '#f0f0f0' },
        { value: layer.t('hillshade.shaded'), color: '#404040' },
      ],
    };
  },
};

/** Renderers of this file, by payload kind or layer type: type `hillshade` (a raster band as shaded relief). */
export const hillshadeRenderers: Record<string, LayerRenderer> = { hillshade };
