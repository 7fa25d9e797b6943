import type { Layer } from '@deck.gl/core';
import type { Legend } from '../../core/style/color-scale.js';
import type { DtLayer } from './dt-layer.js';
import { heatmapRenderers } from './renderers/heatmap.js';
import { hillshadeRenderers } from './renderers/hillshade.js';
import { meshRenderers } from './renderers/mesh.js';
import { pointCloudRenderers } from './renderers/pointcloud.js';
import { rasterTileRenderers } from './renderers/raster-tiles.js';
import { tiles3dRenderers } from './renderers/tiles-3d.js';
import { vectorTileRenderers } from './renderers/vector-tiles.js';

/**
 * How a `<dt-layer>` draws one kind of content. The layer looks a renderer up by its source's
 * payload kind (`source.payload.kind`, e.g. `raster-tiles`) first, then by its own `type` (e.g.
 * `hillshade`); without one it draws features (fill, line, circle, extrusion) or a band (raster).
 */
export interface LayerRenderer {
  /** The deck.gl layers for the layer's current source and attributes (ids derived from `layer.layerId`). */
  render(layer: DtLayer): Layer[];
  /** The legend of what it draws, if any. */
  legend?(layer: DtLayer): Legend | undefined;
}

const renderers = new Map<string, LayerRenderer>(
  Object.entries({
    ...rasterTileRenderers,
    ...vectorTileRenderers,
    ...meshRenderers,
    ...tiles3dRenderers,
    ...pointCloudRenderers,
    ...hillshadeRenderers,
    ...heatmapRenderers,
  }),
);

/** Adds a renderer under a payload kind or a layer type. */
export function registerLayerRenderer(key: string, renderer: LayerRenderer): void {
  renderers.set(key, renderer);
}

/** The renderer for a layer: by its source's payload kind, then by its type; undefined for the built-in drawing. */
export function rendererFor(layer: DtLayer): LayerRenderer | undefined {
  const payloadKind = layer.sourceElement?.payload?.kind;
  return (payloadKind ? renderers.get(payloadKind) : undefined) ?? renderers.get(layer.type);
}
