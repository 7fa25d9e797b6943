import type { LayerRenderer } from '../layer-renderers.js';

/** Renderers of this file, by payload kind or layer type: payload `points` (LAS/LAZ point clouds). */
export const pointCloudRenderers: Record<string, LayerRenderer> = {};
