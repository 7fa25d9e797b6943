import type { LayerRenderer } from '../layer-renderers.js';

/** Renderers of this file, by payload kind or layer type: payload `mesh` (CityJSON triangle meshes). */
export const meshRenderers: Record<string, LayerRenderer> = {};
