/**
 * The seam between a vector-tile service (an XYZ template or a PMTiles archive) and whoever draws
 * it: tile bytes by z/x/y with an AbortSignal, and what the service says about itself.
 */

/** A layer of a vector-tile set, as TileJSON and PMTiles metadata list it (`vector_layers`). */
export interface VectorLayerInfo {
  /** The layer name inside the tiles (`source-layer`). */
  id: string;
  /** Attribute names and their types (`String`, `Number`, `Boolean`), when listed. */
  fields?: Record<string, string>;
}

/** Counters of a tile source, for diagnostics and tests. */
export interface VectorTileStats {
  /** Tiles asked for. */
  requested: number;
  /** Tiles that came back with bytes. */
  loaded: number;
  /** Tiles the service does not have (HTTP 404, or absent from the archive): drawn empty. */
  missing: number;
  /** Tiles that failed otherwise (after the retry policy). */
  failed: number;
}

/** A vector-tile service in Web Mercator XYZ tiles (row 0 in the north). */
export interface VectorTileSource {
  /** `xyz` (a URL template or TileJSON) or `pmtiles` (one archive read by byte ranges). */
  readonly format: 'xyz' | 'pmtiles';
  /** The template or archive URL. */
  readonly url: string;
  /** The lowest zoom with tiles. */
  readonly minZoom: number;
  /** The highest zoom with tiles; deeper views reuse (overzoom) these tiles. */
  readonly maxZoom: number;
  /** Longitude/latitude box of the data `[west, south, east, north]`, when known. */
  readonly bounds: [number, number, number, number] | undefined;
  /** The layers in the tiles, when the service lists them. */
  readonly layers: readonly VectorLayerInfo[];
  /** Attribution text from the service's metadata, if any. */
  readonly attribution: string | undefined;
  /** Counters since the source was opened. */
  readonly stats: VectorTileStats;
  /**
   * The bytes of tile z/x/y: an uncompressed or gzip-compressed MVT, or undefined when the service
   * has no such tile. Rejects with an AbortError when `signal` aborts, and with a `DtSourceError`
   * when the tile can't be read.
   */
  getTile(z: number, x: number, y: number, signal: AbortSignal): Promise<ArrayBuffer | undefined>;
}

/** Counts one tile read in `stats`: bytes, a missing tile, or a failure (aborts not counted). */
export async function countedTile(
  stats: VectorTileStats,
  read: () => Promise<ArrayBuffer | undefined>,
): Promise<ArrayBuffer | undefined> {
  stats.requested++;
  try {
    const bytes = await read();
    if (bytes) stats.loaded++;
    else stats.missing++;
    return bytes;
  } catch (error) {
    if (!(error instanceof DOMException && error.name === 'AbortError')) stats.failed++;
    throw error;
  }
}

/** `vector_layers` of TileJSON or PMTiles metadata, keeping only well-formed entries. */
export function vectorLayersOf(metadata: unknown): VectorLayerInfo[] {
  const list = (metadata as { vector_layers?: unknown } | null)?.vector_layers;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: unknown) => {
    const { id, fields } = (entry ?? {}) as { id?: unknown; fields?: unknown };
    if (typeof id !== 'string') return [];
    return [
      typeof fields === 'object' && fields !== null
        ? { id, fields: fields as Record<string, string> }
        : { id },
    ];
  });
}
