import type { LayerRenderer } from '../layer-renderers.js';

/** Renderers of this file, by payload kind or layer type: type `heatmap` (point density). */
export const heatmapRenderers: Record<string, LayerRenderer> = {};
