import type { Layer, Viewport } from '@deck.gl/core';
import type {
  TileLayerProps,
  _Tile2DHeader as Tile2DHeader,
  _TileLoadProps as TileLoadProps,
  _Tileset2D as Tileset2D,
} from '@deck.gl/geo-layers';
import { BitmapLayer } from '@deck.gl/layers';
import { DtSourceError } from '../../../core/errors.js';
import { exceptionMessage } from '../../../core/sources/ogc-tiles/xml.js';
import { lonLatToTileXY } from '../../../core/tiles/tile-id.js';
import type { RequestScheduler } from '../../../core/tiles/scheduler.js';
import type { RasterTilesPayload } from '../../data-source/kinds/raster-tiles.js';
import type { DtLayer } from '../dt-layer.js';
import type { LayerRenderer } from '../layer-renderers.js';
import { lazyModule } from './lazy-module.js';

type GeoLayers = typeof import('@deck.gl/geo-layers');
type TileImage = ImageBitmap | null;

const geoLayers = lazyModule(() => import('@deck.gl/geo-layers'));

/** What one layer keeps for the payload it draws: tile loading, errors and its load waiters. */
interface TilesState {
  payload: RasterTilesPayload;
  /** Part of the deck.gl layer id: a new payload (the source reloaded) is a new tileset. */
  number: number;
  /** Longitude/latitude of the view centre at the last tileset update: tiles near it load first. */
  centre: [number, number] | undefined;
  /** Whether every tile of the current view has loaded (or failed). */
  loaded: boolean;
  waiters: Set<() => void>;
  getTileData: (props: TileLoadProps) => Promise<TileImage>;
  props: Partial<TileLayerProps<TileImage>> | undefined;
}

type SubLayerProps = TileLayerProps<TileImage> & {
  id: string;
  data: TileImage;
  tile: Tile2DHeader<TileImage>;
};

const states = new WeakMap<DtLayer, TilesState>();
/** Tile failures already reported per payload, by code and status: one `dt-source-error` each. */
const reported = new WeakMap<RasterTilesPayload, Set<string>>();
let nextNumber = 1;

/** Tells the layer's source that tiles failed, once per kind of failure; the other tiles draw on. */
function reportTileError(layer: DtLayer, payload: RasterTilesPayload, error: DtSourceError): void {
  const seen = reported.get(payload) ?? new Set<string>();
  reported.set(payload, seen);
  const key = `${error.code} ${error.status ?? ''}`;
  if (seen.has(key)) return;
  seen.add(key);
  layer.sourceElement?.emit('dt-source-error', { sourceId: payload.sourceId, error });
}

/** Whether the bytes start like XML: an OGC exception report sent instead of an image. */
function looksLikeXml(bytes: ArrayBuffer): boolean {
  const head = new TextDecoder().decode(bytes.slice(0, 64)).trimStart();
  return head.startsWith('<');
}

/** Decodes tile bytes off the main thread (createImageBitmap); an empty answer is an empty tile. */
async function decodeTile(bytes: ArrayBuffer, sourceId: string, url: string): Promise<TileImage> {
  if (bytes.byteLength === 0) return null;
  if (looksLikeXml(bytes)) {
    const doc = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'application/xml');
    const reason = exceptionMessage(doc) ?? 'an XML document instead of an image';
    throw new DtSourceError(sourceId, 'parse', `tile: ${reason}`, { url });
  }
  try {
    return await createImageBitmap(new Blob([bytes]));
  } catch (cause) {
    throw new DtSourceError(sourceId, 'parse', 'tile is not a readable image', { url, cause });
  }
}

/** The tile's load rank: its distance in tiles from the view centre (nearest first). */
function priorityOf(state: TilesState, z: number, x: number, y: number): number {
  if (!state.centre) return 0;
  const [cx, cy] = lonLatToTileXY(state.centre[0], state.centre[1], z);
  return Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
}

/** Loads one tile through the twin's request scheduler (per-origin limits, priority, abort). */
function tileLoader(layer: DtLayer, state: TilesState) {
  const { payload } = state;
  return async ({ index: { x, y, z }, signal }: TileLoadProps): Promise<TileImage> => {
    const url = payload.tileUrl(z, x, y);
    const scheduler: RequestScheduler<ArrayBuffer> | undefined = layer.twin?.tiles;
    if (!scheduler) return null;
    try {
      const options = { priority: priorityOf(state, z, x, y), ...(signal ? { signal } : {}) };
      const bytes = await scheduler.request(url, url, options);
      return await decodeTile(bytes, payload.sourceId, url);
    } catch (error) {
      if (signal?.aborted) throw error;
      const failure =
        error instanceof DtSourceError
          ? new DtSourceError(payload.sourceId, error.code, `tile: ${error.reason}`, {
              url: error.url ?? url,
              ...(error.status === undefined ? {} : { status: error.status }),
              cause: error,
            })
          : new DtSourceError(payload.sourceId, 'network', `tile: ${String(error)}`, { url });
      reportTileError(layer, payload, failure);
      throw failure; // deck.gl leaves a hole where this tile is
    }
  };
}

/**
 * deck.gl's tileset with two additions: it remembers the view centre (tiles load nearest first and
 * queued ones are re-ranked as the view moves) and aborts the loads of tiles that left the view.
 */
function defineTileset(geo: GeoLayers, layer: DtLayer, state: TilesState): typeof Tileset2D {
  return class RasterTileset extends geo._Tileset2D {
    override update(viewport: Viewport, options?: Parameters<Tileset2D['update']>[1]): number {
      const { longitude, latitude } = viewport as Viewport & {
        longitude?: number;
        latitude?: number;
      };
      if (longitude !== undefined && latitude !== undefined) state.centre = [longitude, latitude];
      const frame = super.update(viewport, options);
      const scheduler = layer.twin?.tiles;
      for (const tile of this.tiles as Tile2DHeader<TileImage>[]) {
        if (!tile.isLoading) continue;
        const { x, y, z } = tile.index;
        if (!tile.isSelected && !tile.isVisible) tile.abort();
        else scheduler?.setPriority(state.payload.tileUrl(z, x, y), priorityOf(state, z, x, y));
      }
      state.loaded = this.isLoaded;
      if (state.loaded) settle(state);
      return frame;
    }
  };
}

function settle(state: TilesState): void {
  for (const resolve of state.waiters) resolve();
  state.waiters.clear();
}

function stateOf(layer: DtLayer, payload: RasterTilesPayload): TilesState {
  const known = states.get(layer);
  if (known?.payload === payload) return known;
  const state: TilesState = {
    payload,
    number: nextNumber++,
    centre: known?.centre,
    loaded: false,
    waiters: known?.waiters ?? new Set(),
    getTileData: async () => null,
    props: undefined,
  };
  state.getTileData = tileLoader(layer, state);
  states.set(layer, state);
  return state;
}

/** The TileLayer props that stay the same while the payload does (so deck.gl keeps its sub-layers). */
function stableProps(geo: GeoLayers, layer: DtLayer, state: TilesState) {
  const { bounds } = state.payload;
  return (state.props ??= {
    TilesetClass: defineTileset(geo, layer, state),
    getTileData: state.getTileData,
    extent: bounds ? [bounds.west, bounds.south, bounds.east, bounds.north] : null,
    onViewportLoad: () => {
      state.loaded = true;
      settle(state);
    },
    onTileError: () => undefined, // reported once per kind of failure by the loader
    onTileUnload: (tile: Tile2DHeader<TileImage>) => tile.content?.close(),
    renderSubLayers: (sub: SubLayerProps) => {
      const image = sub.data;
      if (!image) return null;
      const [[west, south], [east, north]] = sub.tile.boundingBox;
      return new BitmapLayer({
        ...sub,
        data: undefined,
        image,
        bounds: [west, south, east, north],
      });
    },
  });
}

function renderRasterTiles(layer: DtLayer): Layer[] {
  const payload = layer.sourceElement?.payload;
  if (payload?.kind !== 'raster-tiles') return [];
  const state = stateOf(layer, payload as RasterTilesPayload);
  if (!layer.visible) {
    state.loaded = false; // the tile layer goes away; shown again, it loads anew
    return [];
  }
  const geo = geoLayers(() => layer.requestRedraw());
  if (!geo) return [];
  const { tileSize, minZoom, maxZoom } = state.payload;
  const props: Partial<TileLayerProps<TileImage>> = {
    ...stableProps(geo, layer, state),
    id: `${layer.layerId}-raster-tiles-${state.number}`,
    tileSize,
    minZoom,
    maxZoom,
    maxRequests: 0, // the twin's scheduler limits requests per origin, for every layer together
    opacity: layer.opacity,
    pickable: false,
  };
  return [new geo.TileLayer<TileImage>(props) as unknown as Layer];
}

/**
 * Resolves when every tile of the layer's current view has loaded or failed (at once when it has).
 * For tests and screenshots: a raster-tiles layer draws a moment after the map is idle.
 */
export function rasterTilesSettled(layer: DtLayer): Promise<void> {
  const payload = layer.sourceElement?.payload;
  if (payload?.kind !== 'raster-tiles') return Promise.resolve();
  const state = stateOf(layer, payload as RasterTilesPayload);
  if (state.loaded) return Promise.resolve();
  return new Promise((resolve) => state.waiters.add(resolve));
}

/** Renderers of this file, by payload kind or layer type: payload `raster-tiles` (WMS, XYZ, WMTS). */
export const rasterTileRenderers: Record<string, LayerRenderer> = {
  'raster-tiles': { render: renderRasterTiles },
};
