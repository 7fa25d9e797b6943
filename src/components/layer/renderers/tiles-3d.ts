import type { LayerRenderer } from '../layer-renderers.js';

/** Renderers of this file, by payload kind or layer type: payload `3d-tiles`. */
export const tiles3dRenderers: Record<string, LayerRenderer> = {};
