import type { Feature } from 'geojson';
import { DtSourceError } from '../../../core/errors.js';
import { geometryBBox } from '../../../core/geo/geojson.js';
import { TileFeatureStore } from '../../../core/sources/vector-tiles/feature-store.js';
import type { VectorTileSource } from '../../../core/sources/vector-tiles/tile-source.js';
import {
  readTileJson,
  xyzTileSource,
  type TileLoader,
  type XyzOptions,
} from '../../../core/sources/vector-tiles/xyz.js';
import { lonLatToTileXY } from '../../../core/tiles/tile-id.js';
import { fetchBytes } from '../../../core/tiles/retry.js';
import type { SourceContent, SourcePayload } from '../../base/dt-data-source-element.js';
import type { TwinController } from '../../base/twin-controller.js';
import type { DtDataSource } from '../dt-data-source.js';
import type { SourceKindInput, SourceKindLoader } from '../source-kinds.js';

/** One layer of a loaded tile: its features and their keys in the source's feature store. */
export interface TileLayerFeatures {
  /** GeoJSON features (WGS 84), clipped to the tile (plus the tile's buffer). */
  features: Feature[];
  /** Store key of each feature (parallel to `features`): the same feature in two tiles has one key. */
  keys: string[];
}

/** A loaded vector tile: features by MVT layer name. */
export interface LoadedVectorTile {
  /** The tile's zoom. */
  z: number;
  /** Features and keys by layer. */
  layers: Record<string, TileLayerFeatures>;
}

/**
 * The payload of a `vector-tiles` source: the tile service, decoded tiles on demand, and the store
 * of the features loaded so far (which the source lists as its `data`).
 */
export interface VectorTilePayload extends SourcePayload {
  readonly kind: 'vector-tiles';
  /** The XYZ template or PMTiles archive. */
  readonly tiles: VectorTileSource;
  /** The features of the tiles loaded so far, one per feature id. */
  readonly store: TileFeatureStore;
  /**
   * Tile z/x/y fetched and decoded in the worker pool (cached for other layers of the source), or
   * null when the service has no such tile. Rejects with an AbortError when `signal` aborts.
   */
  loadTile(z: number, x: number, y: number, signal: AbortSignal): Promise<LoadedVectorTile | null>;
  /** The store key of a drawn feature (from a loaded tile), for picking. */
  keyOf(feature: Feature): string | undefined;
  /** Lists the stored features as the source's `data` now (it otherwise follows within 150 ms). */
  refreshNow(): void;
  /** Tiles being fetched or decoded now (0 when every tile asked for is drawn or given up). */
  readonly loading: number;
}

const DECODED_TILES_KEPT = 128;
/** The source's `data` is refreshed at most this often while tiles arrive (ms). */
const LIST_REFRESH_MS = 150;

function numberAttribute(
  element: DtDataSource,
  name: string,
  sourceId: string,
): number | undefined {
  const text = element.getAttribute(name);
  if (text === null || text.trim() === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 24)
    throw new DtSourceError(
      sourceId,
      'invalid-parameter',
      `${name}="${text}" is not a zoom level 0-24`,
    );
  return value;
}

function boundsAttribute(element: DtDataSource, sourceId: string): XyzOptions['bounds'] {
  const text = element.getAttribute('bounds');
  if (text === null) return undefined;
  const values = text.split(',').map(Number);
  const [w = NaN, s = NaN, e = NaN, n = NaN] = values;
  if (values.length !== 4 || !values.every(Number.isFinite) || w >= e || s >= n)
    throw new DtSourceError(
      sourceId,
      'invalid-parameter',
      `bounds="${text}" is not "west,south,east,north" in degrees`,
    );
  return [w, s, e, n];
}

/** Tiles through the twin's request scheduler (nearest the view centre first), else with retries. */
function tileLoader(element: DtDataSource, sourceId: string): TileLoader {
  return (url, signal, { z, x, y }) => {
    const twin = element.twin;
    if (!twin) return fetchBytes(url, signal, sourceId);
    const bounds = twin.viewBounds;
    let priority = 0;
    if (bounds) {
      const [cx, cy] = lonLatToTileXY((bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, z);
      priority = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
    }
    return twin.tiles.request(url, url, { priority, signal });
  };
}

/** The payload over a tile service: decoding in the worker pool, features listed as they arrive. */
function vectorTilePayload(
  element: DtDataSource,
  tiles: VectorTileSource,
  store: TileFeatureStore,
  signal: AbortSignal,
): VectorTilePayload {
  const decoded = new Map<string, LoadedVectorTile | null>();
  const keys = new WeakMap<Feature, string>();
  let refresh: ReturnType<typeof setTimeout> | undefined;
  let listed = -1;
  let loading = 0;
  const payload: VectorTilePayload = {
    kind: 'vector-tiles',
    get loading() {
      return loading;
    },
    tiles,
    store,
    keyOf: (feature) => keys.get(feature),
    refreshNow: () => {
      clearTimeout(refresh);
      refresh = undefined;
      listFeatures();
    },
    async loadTile(z, x, y, tileSignal) {
      const tileKey = `${z}/${x}/${y}`;
      const cached = decoded.get(tileKey);
      if (cached !== undefined) return cached;
      const twin = element.twin;
      if (!twin) throw new DOMException('the source left its twin', 'AbortError');
      loading++;
      try {
        return await decodeTile(twin, z, x, y, tileSignal);
      } finally {
        loading--;
      }
    },
  };
  async function decodeTile(
    twin: TwinController,
    z: number,
    x: number,
    y: number,
    tileSignal: AbortSignal,
  ): Promise<LoadedVectorTile | null> {
    const tileKey = `${z}/${x}/${y}`;
    const bytes = await tiles.getTile(z, x, y, tileSignal);
    let tile: LoadedVectorTile | null = null;
    if (bytes) {
      // Copied, not moved: the scheduler may hand the same bytes to another layer.
      const result = await twin.workers.request(
        'vector-tile-decode',
        { bytes, z, x, y },
        { signal: tileSignal },
      );
      tile = { z, layers: {} };
      for (const [layer, features] of Object.entries(result.layers)) {
        const featureKeys = store.add(layer, tileKey, z, features);
        features.forEach((f, i) => keys.set(f, featureKeys[i] as string));
        tile.layers[layer] = { features, keys: featureKeys };
      }
      scheduleRefresh();
    }
    decoded.set(tileKey, tile);
    if (decoded.size > DECODED_TILES_KEPT) decoded.delete(decoded.keys().next().value as string);
    return tile;
  }
  function listFeatures(): void {
    // A newer load (another src) owns the element now: this payload is stale.
    if (signal.aborted || element.payload !== payload || listed === store.version) return;
    listed = store.version;
    const features = store.features();
    element.data = { type: 'FeatureCollection', features };
    element.featureBBoxes = features.map((f) => geometryBBox(f.geometry));
    element.twin?.changed('sources');
  }
  function scheduleRefresh(): void {
    refresh ??= setTimeout(() => {
      refresh = undefined;
      listFeatures();
    }, LIST_REFRESH_MS);
  }
  signal.addEventListener('abort', () => clearTimeout(refresh), { once: true });
  return payload;
}

const isPmtilesUrl = (src: string, url: string): boolean =>
  src.startsWith('pmtiles://') || new URL(url).pathname.toLowerCase().endsWith('.pmtiles');

/**
 * `vector-tiles`: Mapbox Vector Tiles from an XYZ template (`.../{z}/{x}/{y}.pbf`), a TileJSON
 * (`.json`) or a PMTiles archive (`.pmtiles`, or a `pmtiles://` prefix), in Web Mercator. The load
 * checks the service (a PMTiles header and metadata by byte ranges, a TileJSON); tiles load as
 * layers draw them. Attributes: `min-zoom`, `max-zoom` (XYZ default 0-14; TileJSON and PMTiles say
 * their own), `bounds` (`west,south,east,north`), `id-property` (the attribute that identifies a
 * feature across tiles; default the MVT feature id).
 */
async function loadVectorTiles(input: SourceKindInput): Promise<SourceContent> {
  const { sourceId, url, signal, crs, element } = input;
  if (!url)
    throw new DtSourceError(
      sourceId,
      'missing-input',
      'no data: give a "src" with an XYZ template ({z}/{x}/{y}.pbf), a TileJSON or a .pmtiles archive',
    );
  if (crs && !/^EPSG:(3857|900913)$/i.test(crs.trim()))
    throw new DtSourceError(
      sourceId,
      'invalid-parameter',
      `vector tiles are in Web Mercator (EPSG:3857); crs="${crs}" is not supported`,
      { url },
    );
  const minZoom = numberAttribute(element, 'min-zoom', sourceId);
  const maxZoom = numberAttribute(element, 'max-zoom', sourceId);
  const bounds = boundsAttribute(element, sourceId);
  const src = element.getAttribute('src') ?? '';
  let tiles: VectorTileSource;
  if (isPmtilesUrl(src, url)) {
    const archiveUrl = src.startsWith('pmtiles://')
      ? new URL(src.slice('pmtiles://'.length), element.baseURI).href
      : url;
    // The pmtiles reader loads only for pages that use an archive.
    const { openPmtiles } = await import('../../../core/sources/vector-tiles/pmtiles-archive.js');
    tiles = await openPmtiles(archiveUrl, { sourceId, signal });
  } else {
    const load = tileLoader(element, sourceId);
    const fromJson = /\.json$/i.test(new URL(url).pathname)
      ? await readTileJson(url, { sourceId, signal })
      : undefined;
    const given = Object.fromEntries(
      Object.entries({ minZoom, maxZoom, bounds }).filter(([, v]) => v !== undefined),
    );
    tiles = xyzTileSource(fromJson?.template ?? url, { ...fromJson, ...given, sourceId, load });
  }
  if (tiles.minZoom > tiles.maxZoom)
    throw new DtSourceError(
      sourceId,
      'invalid-parameter',
      `min-zoom ${tiles.minZoom} is above max-zoom ${tiles.maxZoom}`,
      { url },
    );
  const store = new TileFeatureStore(element.getAttribute('id-property') ?? undefined);
  return {
    data: { type: 'FeatureCollection', features: [] },
    bands: {},
    payload: vectorTilePayload(element, tiles, store, signal),
  };
}

/** The data-source kinds of this file: `vector-tiles` (XYZ MVT and PMTiles). */
export const vectorTileKinds: Record<string, SourceKindLoader> = {
  'vector-tiles': loadVectorTiles,
};
