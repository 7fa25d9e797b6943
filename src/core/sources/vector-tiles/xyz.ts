import { DtSourceError } from '../../errors.js';
import { fetchText } from '../fetch-text.js';
import {
  countedTile,
  vectorLayersOf,
  type VectorLayerInfo,
  type VectorTileSource,
  type VectorTileStats,
} from './tile-source.js';

/** Loads the bytes of tile `tile` at `url` (the twin's request scheduler, or `fetchWithRetry`). */
export type TileLoader = (
  url: string,
  signal: AbortSignal,
  tile: { z: number; x: number; y: number },
) => Promise<ArrayBuffer>;

/** Options of {@link xyzTileSource}. */
export interface XyzOptions {
  /** Names the data source in errors. */
  sourceId: string;
  /** Loads tile bytes; a `DtSourceError` with status 404 means "no such tile". */
  load: TileLoader;
  /** Lowest zoom with tiles (default 0). */
  minZoom?: number;
  /** Highest zoom with tiles (default 14, as most MVT services); deeper views overzoom. */
  maxZoom?: number;
  /** Data bounds `[west, south, east, north]`: no tile outside is requested. */
  bounds?: [number, number, number, number];
  /** The layers in the tiles, when known. */
  layers?: VectorLayerInfo[];
  /** Attribution text, when known. */
  attribution?: string;
}

// `{z}`, or `%7Bz%7D` after URL resolution percent-encoded the braces.
const PLACEHOLDER = { z: /\{z\}|%7Bz%7D/gi, x: /\{x\}|%7Bx%7D/gi, y: /\{y\}|%7By%7D/gi };

/** Whether `url` is a tile template: it has `{z}`, `{x}` and `{y}`. */
export function isTileTemplate(url: string): boolean {
  return Object.values(PLACEHOLDER).every((pattern) => url.search(pattern) >= 0);
}

/** The URL of tile z/x/y of a template. */
export function tileUrl(template: string, z: number, x: number, y: number): string {
  return template
    .replace(PLACEHOLDER.z, String(z))
    .replace(PLACEHOLDER.x, String(x))
    .replace(PLACEHOLDER.y, String(y));
}

/**
 * A vector-tile source over an XYZ URL template (`.../{z}/{x}/{y}.pbf`). Nothing is fetched up
 * front; a tile the server answers with 404 (or an empty 200/204) is a missing tile, drawn empty, as
 * tile servers answer outside their data.
 * @throws DtSourceError `invalid-parameter` when `template` lacks `{z}`, `{x}` or `{y}`.
 */
export function xyzTileSource(template: string, options: XyzOptions): VectorTileSource {
  const { sourceId, load } = options;
  if (!isTileTemplate(template))
    throw new DtSourceError(
      sourceId,
      'invalid-parameter',
      'a vector-tile URL needs {z}, {x} and {y} (e.g. tiles/{z}/{x}/{y}.pbf), a TileJSON (.json) or a .pmtiles archive',
      { url: template },
    );
  const stats: VectorTileStats = { requested: 0, loaded: 0, missing: 0, failed: 0 };
  return {
    format: 'xyz',
    url: template,
    minZoom: options.minZoom ?? 0,
    maxZoom: options.maxZoom ?? 14,
    bounds: options.bounds,
    layers: options.layers ?? [],
    attribution: options.attribution,
    stats,
    getTile: (z, x, y, signal) =>
      countedTile(stats, async () => {
        try {
          const bytes = await load(tileUrl(template, z, x, y), signal, { z, x, y });
          return bytes.byteLength > 0 ? bytes : undefined;
        } catch (error) {
          if (error instanceof DtSourceError && error.status === 404) return undefined;
          throw error;
        }
      }),
  };
}

const isBBox = (value: unknown): value is [number, number, number, number] =>
  Array.isArray(value) && value.length === 4 && value.every((v) => Number.isFinite(v));

/**
 * Reads a TileJSON (https://github.com/mapbox/tilejson-spec) and gives the options of its first
 * tile template (resolved against the TileJSON's URL): zooms, bounds, layers and attribution.
 * @throws DtSourceError `parse` when it is not JSON or has no `tiles`; `http`/`network` when it
 *   can't be fetched.
 */
export async function readTileJson(
  url: string,
  options: { sourceId: string; signal: AbortSignal },
): Promise<{ template: string } & Omit<XyzOptions, 'sourceId' | 'load'>> {
  const { sourceId, signal } = options;
  const text = await fetchText(sourceId, url, signal);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DtSourceError(sourceId, 'parse', `TileJSON is not JSON: ${reason}`, { url });
  }
  const { tiles, minzoom, maxzoom, bounds, attribution } = (json ?? {}) as Record<string, unknown>;
  const first: unknown = Array.isArray(tiles) ? tiles[0] : undefined;
  if (typeof first !== 'string')
    throw new DtSourceError(sourceId, 'parse', 'TileJSON has no "tiles" URL template', { url });
  const template = new URL(first, url).href;
  return {
    template,
    minZoom: typeof minzoom === 'number' ? minzoom : undefined,
    maxZoom: typeof maxzoom === 'number' ? maxzoom : undefined,
    bounds: isBBox(bounds) ? bounds : undefined,
    layers: vectorLayersOf(json),
    attribution: typeof attribution === 'string' ? attribution : undefined,
  };
}
