import type { LayerRenderer } from '../layer-renderers.js';

/** Renderers of this file, by payload kind or layer type: payload `vector-tiles` (MVT, PMTiles). */
export const vectorTileRenderers: Record<string, LayerRenderer> = {};
