import type { LayerRenderer } from '../layer-renderers.js';

/** Renderers of this file, by payload kind or layer type: payload `raster-tiles` (WMS, XYZ, WMTS). */
export const rasterTileRenderers: Record<string, LayerRenderer> = {};
