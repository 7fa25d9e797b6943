import type { Layer } from '@deck.gl/core';
import type { TileLayer as TileLayerClass } from '@deck.gl/geo-layers';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature } from 'geojson';
import { buildColorScale, type ColorScale, type Legend } from '../../../core/style/color-scale.js';
import { toHex, type RGBA } from '../../../core/style/color.js';
import { isRampName } from '../../../core/style/ramps.js';
import type { TileLayerFeatures, VectorTilePayload } from '../../data-source/kinds/vector-tiles.js';
import { ROOF_TRUE_MATERIAL } from '../../map/lighting.js';
import type { DtLayer } from '../dt-layer.js';
import type { LayerRenderer } from '../layer-renderers.js';
import { lazyModule } from './lazy-module.js';

const geoLayers = lazyModule(() => import('@deck.gl/geo-layers'));

const OUTLINE: RGBA = [40, 40, 40, 200];
const HIGHLIGHT: RGBA = [255, 255, 255, 160];
const NO_FEATURES: TileLayerFeatures = { features: [], keys: [] };

function payloadOf(layer: DtLayer): VectorTilePayload | undefined {
  const payload = layer.sourceElement?.payload;
  return payload?.kind === 'vector-tiles' ? (payload as VectorTilePayload) : undefined;
}

/** The `source-layer` attribute: the MVT layer to draw; absent: all layers of the tiles. */
function sourceLayerOf(layer: DtLayer): string | undefined {
  return layer.getAttribute('source-layer') ?? undefined;
}

/** The features of one MVT layer of a tile, or of all its layers. */
function pickLayers(
  tile: { layers: Record<string, TileLayerFeatures> } | null,
  sourceLayer: string | undefined,
): TileLayerFeatures {
  if (!tile) return NO_FEATURES;
  if (sourceLayer) return tile.layers[sourceLayer] ?? NO_FEATURES;
  const all = Object.values(tile.layers);
  return {
    features: all.flatMap((l) => l.features),
    keys: all.flatMap((l) => l.keys),
  };
}

const domainScales = new WeakMap<DtLayer, { key: string; scale: ColorScale }>();

/**
 * The colour scale of `color-by`: over the fixed `domain` ("min,max") when given, else the layer's
 * scale over the features loaded so far (the source's `data`, which grows as tiles arrive).
 */
function scaleOf(layer: DtLayer): ColorScale | undefined {
  if (!layer.colorBy) return undefined;
  const domain = layer.domain?.split(',').map(Number);
  if (domain?.length !== 2 || !domain.every(Number.isFinite)) return layer.colorScale();
  const ramp = layer.ramp && isRampName(layer.ramp) ? layer.ramp : undefined;
  const key = `${layer.colorBy}|${layer.domain}|${ramp}`;
  let cached = domainScales.get(layer);
  if (cached?.key !== key) {
    const scale = buildColorScale(domain, { property: layer.colorBy, mode: 'continuous', ramp });
    domainScales.set(layer, (cached = { key, scale }));
  }
  return cached.scale;
}

function colorOf(layer: DtLayer, scale: ColorScale | undefined, feature: Feature): RGBA {
  return scale && layer.colorBy
    ? scale.colorOf(feature.properties?.[layer.colorBy])
    : layer.colorOf(feature);
}

function renderVectorTiles(layer: DtLayer): Layer[] {
  const payload = payloadOf(layer);
  const module = geoLayers(() => layer.requestRedraw());
  if (!payload || !module) return [];
  const TileLayer = module.TileLayer as typeof TileLayerClass<TileLayerFeatures>;
  const { tiles, store } = payload;
  const sourceLayer = sourceLayerOf(layer);
  const scale = scaleOf(layer);
  const selection = layer.twin?.selection;
  const selectedKey = selection?.layer === layer ? store.keyAt(selection.index) : undefined;
  const isLine = layer.type === 'line';
  const style = [
    layer.type,
    layer.color,
    layer.colorBy,
    layer.colorMode,
    layer.classes,
    layer.ramp,
    layer.colors,
    layer.domain,
    layer.height,
    layer.base,
    layer.lineWidth,
    layer.radius,
    selectedKey,
    layer.colorBy ? layer.sourceElement?.data : undefined, // the scale grows with the data
  ];
  return [
    new TileLayer({
      id: layer.layerId,
      data: tiles.url,
      minZoom: tiles.minZoom,
      maxZoom: tiles.maxZoom,
      ...(tiles.bounds ? { extent: tiles.bounds } : {}),
      tileSize: 512,
      visible: layer.visible,
      opacity: layer.opacity,
      pickable: true,
      getTileData: async ({ index: { x, y, z }, signal }) => {
        const aborted = signal ?? new AbortController().signal;
        return pickLayers(await payload.loadTile(z, x, y, aborted), sourceLayer);
      },
      onTileError: (error: unknown) => {
        if (!(error instanceof Error && error.name === 'AbortError'))
          console.warn(`Tweeling: a vector tile of "${layer.source}" failed`, error);
      },
      renderSubLayers: (props) => {
        const content = (props.data as TileLayerFeatures | null) ?? NO_FEATURES;
        // The tile layer's props first (id, visible, opacity, tile...), then the drawing.
        return new GeoJsonLayer<Record<string, unknown>>(props as object, {
          data: content.features,
          pickable: true,
          highlightedObjectIndex: selectedKey ? content.keys.indexOf(selectedKey) : -1,
          highlightColor: HIGHLIGHT,
          filled: !isLine,
          // No outlines on areas: they would also trace the tile edges that cut each polygon.
          stroked: isLine || layer.type === 'circle',
          extruded: layer.type === 'extrusion',
          wireframe: false,
          pointType: 'circle',
          getFillColor: (f: Feature) => colorOf(layer, scale, f),
          getLineColor: isLine ? (f: Feature) => colorOf(layer, scale, f) : OUTLINE,
          getElevation: (f: Feature) => layer.elevationOf(f),
          getPointRadius: layer.radius,
          pointRadiusUnits: 'pixels',
          getLineWidth: layer.lineWidth,
          lineWidthUnits: 'pixels',
          material: ROOF_TRUE_MATERIAL,
          updateTriggers: { getFillColor: style, getLineColor: style, getElevation: style },
        }) as unknown as Layer;
      },
      updateTriggers: { getTileData: [payload, sourceLayer], renderSubLayers: style },
      onClick: (info: { object?: unknown }) => {
        const key = info.object ? payload.keyOf(info.object as Feature) : undefined;
        const index = key === undefined ? -1 : store.indexOf(key);
        // The click came before the list refresh: list the features now so the index is valid.
        if (index >= 0 && (layer.sourceElement?.data?.features.length ?? 0) <= index)
          payload.refreshNow();
        if (index >= 0) layer.selectFeature(index);
        return true;
      },
    }) as unknown as Layer,
  ];
}

function legendOf(layer: DtLayer): Legend | undefined {
  const scale = scaleOf(layer);
  if (scale) return scale.legend;
  const none: Feature = {
    type: 'Feature',
    properties: {},
    geometry: { type: 'Point', coordinates: [0, 0] },
  };
  const color = toHex(layer.colorOf(none)); // no color-by: the fixed colour
  return { property: '', mode: 'categorical', entries: [{ value: '', color }] };
}

/** Renderers of this file, by payload kind or layer type: payload `vector-tiles` (MVT, PMTiles). */
export const vectorTileRenderers: Record<string, LayerRenderer> = {
  'vector-tiles': { render: renderVectorTiles, legend: legendOf },
};
