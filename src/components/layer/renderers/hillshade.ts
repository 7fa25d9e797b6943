import type { LayerRenderer } from '../layer-renderers.js';

/** Renderers of this file, by payload kind or layer type: type `hillshade` (a raster band as shaded relief). */
export const hillshadeRenderers: Record<string, LayerRenderer> = {};
