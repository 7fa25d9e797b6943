import { COORDINATE_SYSTEM, type Layer, type LayerContext, type PickingInfo } from '@deck.gl/core';
import type { Tile3DLayerProps } from '@deck.gl/geo-layers';
import type { Tile3D } from '@loaders.gl/tiles';
import type { Feature } from 'geojson';
import { DtSourceError } from '../../../core/errors.js';
import { toHex, type RGBA } from '../../../core/style/color.js';
import type { Legend } from '../../../core/style/color-scale.js';
import { fetchWithRetry } from '../../../core/tiles/retry.js';
import type { DtDataSourceElement } from '../../base/dt-data-source-element.js';
import type { Tiles3dPayload } from '../../data-source/kinds/tiles-3d.js';
import type { DtLayer } from '../dt-layer.js';
import type { LayerRenderer } from '../layer-renderers.js';
import { ROOF_TRUE_MATERIAL } from '../../map/lighting.js';
import { lazyModule } from './lazy-module.js';
import { tileMesh } from './tiles-3d-mesh.js';

const HIGHLIGHT: RGBA = [255, 255, 255, 160];
const SINGLE_DATUM = [0];
/** What a tile without a feature is coloured as (no properties). */
const NO_FEATURE = { type: 'Feature', properties: {}, geometry: null } as unknown as Feature;

/** What Tweeling adds to deck.gl's Tile3DLayer. */
interface TweelingTilesProps {
  /** Aborted when the layer is finalized: stops its tile requests. */
  abort: AbortController;
  /** The colour of a tile's content (its building's colour). */
  tileColor: (tile: Tile3D) => RGBA;
  /** The content URL of the selected tile, if any: drawn highlighted. */
  selectedContent: string | undefined;
}

type TilesLayerProps = Tile3DLayerProps & TweelingTilesProps;

/** SimpleMeshLayer `mesh` props per tile content (kept, so deck.gl uploads each mesh once). */
const meshes = new WeakMap<object, { attributes: object; indices: object } | null>();

function meshOf(tile: Tile3D): { attributes: object; indices: object } | undefined {
  const content = tile.content as { gltf?: unknown } | undefined;
  if (!content) return undefined;
  let mesh = meshes.get(content);
  if (mesh === undefined) {
    const triangles = tileMesh(content.gltf);
    mesh = triangles
      ? {
          attributes: {
            positions: { value: triangles.positions, size: 3 },
            normals: { value: triangles.normals, size: 3 },
          },
          indices: { value: triangles.indices, size: 1 },
        }
      : null;
    meshes.set(content, mesh);
  }
  return mesh ?? undefined;
}

/**
 * deck.gl's Tile3DLayer with a colour per tile (per building, for `color` and `color-by`), the
 * selected tile highlighted, and its requests aborted when the layer goes away. Untextured glTF
 * tiles draw as SimpleMeshLayers with the twin's lighting (flat roofs in their legend colour, like
 * extrusions); textured ones keep the ScenegraphLayer. Defined when the deck.gl modules have loaded.
 */
function defineTilesLayer([geo, meshLayers]: [
  typeof import('@deck.gl/geo-layers'),
  typeof import('@deck.gl/mesh-layers'),
]) {
  const { SimpleMeshLayer } = meshLayers;
  class TweelingTile3DLayer extends geo.Tile3DLayer<unknown, TweelingTilesProps> {
    static override layerName = 'TweelingTile3DLayer';
    static override defaultProps = {
      ...geo.Tile3DLayer.defaultProps,
      // compare: a new colour function (new colour settings) redraws the tiles.
      tileColor: { type: 'function', value: () => [255, 255, 255, 255], compare: true },
    } as typeof geo.Tile3DLayer.defaultProps;

    override renderLayers(): Layer[] {
      const rendered = super.renderLayers();
      const layers = (Array.isArray(rendered) ? rendered.flat() : [rendered]).filter(
        (layer): layer is Layer => !!layer,
      );
      return layers.map((layer) => this.#styled(layer));
    }

    /** A glTF tile's layer in its tile's colour and highlight (point clouds keep theirs). */
    #styled(layer: Layer): Layer {
      const tile = (layer.props as { tile?: Tile3D }).tile;
      if (!tile || !layer.id.includes('-scenegraph-')) return layer;
      const { tileColor, selectedContent } = this.props;
      const highlight = {
        getColor: tileColor(tile),
        highlightColor: HIGHLIGHT,
        highlightedObjectIndex: tile.contentUrl === selectedContent ? 0 : -1,
      };
      const mesh = meshOf(tile);
      if (!mesh) return layer.clone(highlight as Partial<Layer['props']>);
      const content = tile.content as { cartographicOrigin: number[]; modelMatrix: number[] };
      tile.tileDrawn = true; // no transition hold (that is for REPLACE refinement of scenegraphs)
      return new SimpleMeshLayer(this.getSubLayerProps({ id: 'mesh' }), {
        ...highlight,
        id: `${this.id}-mesh-${tile.id}`,
        tile,
        data: SINGLE_DATUM,
        mesh,
        getPosition: [0, 0, 0],
        coordinateSystem: COORDINATE_SYSTEM.METER_OFFSETS,
        coordinateOrigin: content.cartographicOrigin,
        modelMatrix: content.modelMatrix,
        material: ROOF_TRUE_MATERIAL,
      } as unknown as ConstructorParameters<typeof SimpleMeshLayer>[1]) as Layer;
    }

    override finalizeState(context: LayerContext): void {
      this.props.abort.abort();
      super.finalizeState(context);
    }
  }
  return TweelingTile3DLayer as unknown as new (props: TilesLayerProps) => Layer;
}

const tilesLayerClass = lazyModule(() =>
  Promise.all([import('@deck.gl/geo-layers'), import('@deck.gl/mesh-layers')]).then(
    defineTilesLayer,
  ),
);

/** Per layer element: its payload's fetch, errors and the abort of its deck.gl layer. */
interface LayerLoad {
  payload: Tiles3dPayload;
  abort: AbortController;
  loadOptions: Record<string, unknown>;
  /** The last DtSourceError of each failed tile URL (loaders.gl only passes the message on). */
  errors: Map<string, DtSourceError>;
}

const loads = new WeakMap<DtLayer, LayerLoad>();
const payloadNumbers = new WeakMap<Tiles3dPayload, number>();
let nextPayloadNumber = 1;

/** A Response that says it came from `url` (loaders.gl resolves tile URLs against it). */
function responseFrom(text: string, url: string): Response {
  const response = new Response(text, { headers: { 'Content-Type': 'application/json' } });
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

function loadOf(layer: DtLayer, payload: Tiles3dPayload): LayerLoad {
  const known = loads.get(layer);
  if (known?.payload === payload && !known.abort.signal.aborted) return known;
  const abort = new AbortController();
  const errors = new Map<string, DtSourceError>();
  const { signal } = abort;
  const fetchTile = async (input: RequestInfo | URL): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    // tileset.json was fetched (and checked) by the source: no second request.
    if (url === payload.url) return responseFrom(payload.text, url);
    try {
      return await fetchWithRetry(url, { signal, sourceId: payload.sourceId });
    } catch (error) {
      if (error instanceof DtSourceError) errors.set(url, error);
      throw error;
    }
  };
  // No worker: loaders.gl would fetch its worker scripts from a public CDN.
  const loadOptions = { core: { worker: false, fetch: fetchTile } };
  const load = { payload, abort, loadOptions, errors };
  loads.set(layer, load);
  return load;
}

/** The index in `source.data.features` of a picked tile (`info.object` of the layer), or -1. */
export function tileFeatureIndex(payload: Tiles3dPayload, tile: unknown): number {
  const url = (tile as { contentUrl?: unknown } | null)?.contentUrl;
  return typeof url === 'string' ? (payload.featureIndexByContent.get(url) ?? -1) : -1;
}

/** The colour of each tile: its feature's colour by `color`/`color-by`, memoised per settings. */
const colorFunctions = new WeakMap<DtLayer, { key: unknown[]; color: (tile: Tile3D) => RGBA }>();
function tileColorOf(layer: DtLayer, payload: Tiles3dPayload): (tile: Tile3D) => RGBA {
  const source = layer.sourceElement;
  const key: unknown[] = [payload, source?.data, layer.color, layer.colorBy, layer.colorMode];
  key.push(layer.ramp, layer.classes, layer.colors);
  const known = colorFunctions.get(layer);
  if (known && known.key.every((k, i) => k === key[i])) return known.color;
  const features = source?.data?.features ?? [];
  const color = (tile: Tile3D): RGBA =>
    layer.colorOf(features[tileFeatureIndex(payload, tile)] ?? NO_FEATURE);
  colorFunctions.set(layer, { key, color });
  return color;
}

/** Tells the source that a tile failed to load: `dt-source-error`, the layer keeps drawing the rest. */
function reportTileError(
  source: DtDataSourceElement | undefined,
  load: LayerLoad,
  url: string,
  message: string,
): void {
  if (!source || load.abort.signal.aborted) return;
  const error =
    load.errors.get(url) ??
    new DtSourceError(load.payload.sourceId, 'parse', `tile failed to load: ${message}`, { url });
  source.emit('dt-source-error', { sourceId: load.payload.sourceId, error });
}

function renderTiles3d(layer: DtLayer): Layer[] {
  const source = layer.sourceElement;
  const payload = source?.payload;
  if (payload?.kind !== '3d-tiles') return [];
  const tiles = payload as Tiles3dPayload;
  const LayerClass = tilesLayerClass(() => layer.requestRedraw());
  if (!LayerClass) return [];
  let number = payloadNumbers.get(tiles);
  if (number === undefined) payloadNumbers.set(tiles, (number = nextPayloadNumber++));
  const load = loadOf(layer, tiles);
  const selection = layer.twin?.selection;
  const selectedFeature = selection?.layer === layer ? selection.index : -1;
  let selectedContent: string | undefined;
  for (const [url, index] of tiles.featureIndexByContent)
    if (index === selectedFeature) selectedContent = url;
  return [
    new LayerClass({
      // A new payload (the source reloaded) is a new tileset: a new layer.
      id: `${layer.layerId}-tiles-${number}`,
      data: tiles.url,
      loadOptions: load.loadOptions,
      abort: load.abort,
      tileColor: tileColorOf(layer, tiles),
      selectedContent,
      visible: layer.visible,
      opacity: layer.opacity,
      pickable: true,
      onTileError: (tile: Tile3D, message: string) =>
        reportTileError(source, load, tile.contentUrl, message),
      onClick: (info: PickingInfo) => {
        const index = tileFeatureIndex(tiles, info.object);
        if (index >= 0) layer.selectFeature(index);
        return true;
      },
    } as TilesLayerProps),
  ];
}

/** The legend: the `color-by` scale, else the one fixed colour. */
function legendTiles3d(layer: DtLayer): Legend | undefined {
  const scale = layer.colorScale();
  if (scale) return scale.legend;
  return {
    property: '',
    mode: 'categorical',
    entries: [{ value: '', color: toHex(layer.colorOf(NO_FEATURE)) }],
  };
}

/** Renderers of this file, by payload kind or layer type: payload `3d-tiles`. */
export const tiles3dRenderers: Record<string, LayerRenderer> = {
  '3d-tiles': { render: renderTiles3d, legend: legendTiles3d },
};
