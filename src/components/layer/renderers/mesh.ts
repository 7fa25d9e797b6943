import type { Layer } from '@deck.gl/core';
import type { Feature } from 'geojson';
import type { Legend } from '../../../core/style/color-scale.js';
import { toHex, type RGBA } from '../../../core/style/color.js';
import { isCityMeshPayload } from '../../data-source/kinds/cityjson.js';
import { ROOF_TRUE_MATERIAL } from '../../map/lighting.js';
import type { TwinController } from '../../base/twin-controller.js';
import type { DtLayer } from '../dt-layer.js';
import type { LayerRenderer } from '../layer-renderers.js';
import { CityMeshLayer } from './mesh-layer.js';

/** The selected building is drawn lighter (as the other layer types highlight). */
const HIGHLIGHT: RGBA = [255, 255, 255, 160];

/** Per-feature colours, rebuilt only when the data or the colour settings change. */
const colorCache = new WeakMap<DtLayer, { key: string; data: unknown; colors: Uint8Array }>();

function colorKey(layer: DtLayer): string {
  return JSON.stringify([
    layer.color,
    layer.colorBy,
    layer.colorMode,
    layer.classes,
    layer.ramp,
    layer.colors,
  ]);
}

/** RGBA per feature, four bytes each, from the layer's `color` or `color-by`. */
function featureColors(layer: DtLayer, features: readonly Feature[], data: unknown): Uint8Array {
  const key = colorKey(layer);
  const cached = colorCache.get(layer);
  if (cached && cached.key === key && cached.data === data) return cached.colors;
  const colors = new Uint8Array(features.length * 4);
  features.forEach((feature, i) => colors.set(layer.colorOf(feature), i * 4));
  colorCache.set(layer, { key, data, colors });
  return colors;
}

/** Draws a `cityjson` source's mesh: lit, one colour per building, pickable and highlightable. */
const meshRenderer: LayerRenderer = {
  render(layer: DtLayer): Layer[] {
    const source = layer.sourceElement;
    const payload = source?.payload;
    const data = source?.data;
    if (!isCityMeshPayload(payload) || !data) return [];
    // `DtElement.twin` is protected; renderers read the selection through it all the same.
    const selection = (layer as unknown as { twin?: TwinController }).twin?.selection;
    const selectedIndex = selection?.layer === layer ? selection.index : -1;
    return [
      new CityMeshLayer({
        id: layer.layerId,
        mesh: payload,
        features: data.features,
        featureColors: featureColors(layer, data.features, data),
        visible: layer.visible,
        opacity: layer.opacity,
        pickable: true,
        highlightedObjectIndex: selectedIndex,
        highlightColor: HIGHLIGHT,
        material: ROOF_TRUE_MATERIAL,
        onClick: (info: { index: number }) => {
          if (info.index >= 0) layer.selectFeature(info.index);
          return true;
        },
      }) as unknown as Layer,
    ];
  },
  legend(layer: DtLayer): Legend | undefined {
    const scale = layer.colorScale();
    if (scale) return scale.legend;
    const first = layer.sourceElement?.data?.features[0];
    if (!first) return undefined;
    return {
      property: '',
      mode: 'categorical',
      entries: [{ value: '', color: toHex(layer.colorOf(first)) }],
    };
  },
};

/** Renderers of this file, by payload kind or layer type: payload `mesh` (CityJSON triangle meshes). */
export const meshRenderers: Record<string, LayerRenderer> = { mesh: meshRenderer };
