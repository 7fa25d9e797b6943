import { PMTiles, TileType, type Header } from 'pmtiles';
import { DtSourceError } from '../../errors.js';
import { HttpRangeSource } from './range-source.js';
import {
  countedTile,
  vectorLayersOf,
  type VectorTileSource,
  type VectorTileStats,
} from './tile-source.js';

/** A PMTiles archive opened by {@link openPmtiles}: a tile source plus its header. */
export interface PmtilesTileSource extends VectorTileSource {
  readonly format: 'pmtiles';
  /** The archive's header (spec v3). */
  readonly header: Header;
  /** The range reader: requests and bytes read so far. */
  readonly rangeSource: HttpRangeSource;
}

const isAbort = (error: unknown): boolean =>
  (error instanceof DOMException || error instanceof Error) && error.name === 'AbortError';

/** Turns what the reader threw into a `DtSourceError` (aborts and ours pass through). */
function asSourceError(sourceId: string, url: string, what: string, error: unknown): unknown {
  if (isAbort(error) || error instanceof DtSourceError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new DtSourceError(sourceId, 'parse', `${what}: ${reason}`, { url, cause: error });
}

/**
 * Opens a PMTiles v3 archive of vector tiles at `url` by byte ranges and checks it before any tile
 * is drawn: the magic number and spec version, that the file is as long as its header says (a
 * truncated download fails here, not tile by tile), that it holds MVT tiles, and that its JSON
 * metadata parses. Every request goes through the core's retry policy with `signal`.
 * @throws DtSourceError `parse` for a file that is not a (whole) PMTiles archive, `invalid-parameter`
 *   for an archive of raster tiles, `http`/`network` when it can't be fetched.
 */
export async function openPmtiles(
  url: string,
  options: { sourceId: string; signal: AbortSignal },
): Promise<PmtilesTileSource> {
  const { sourceId, signal } = options;
  const rangeSource = new HttpRangeSource(url, sourceId, signal);
  const archive = new PMTiles(rangeSource);
  let header: Header;
  try {
    header = await archive.getHeader();
  } catch (error) {
    if (error instanceof RangeError)
      throw new DtSourceError(sourceId, 'parse', 'too short for a PMTiles header (127 bytes)', {
        url,
      });
    throw asSourceError(sourceId, url, 'not a PMTiles v3 archive', error);
  }
  const declared = header.tileDataOffset + (header.tileDataLength ?? 0);
  const jsonEnd = header.jsonMetadataOffset + header.jsonMetadataLength;
  const size = rangeSource.size;
  if (size !== undefined && size < Math.max(declared, jsonEnd))
    throw new DtSourceError(
      sourceId,
      'parse',
      `truncated PMTiles archive: its header declares ${Math.max(declared, jsonEnd)} bytes, the file has ${size}`,
      { url },
    );
  if (header.tileType !== TileType.Mvt)
    throw new DtSourceError(
      sourceId,
      'invalid-parameter',
      `the archive holds ${TileType[header.tileType] ?? 'unknown'} tiles, not vector tiles (MVT)`,
      { url },
    );
  let metadata: unknown;
  try {
    metadata = await archive.getMetadata();
  } catch (error) {
    throw asSourceError(sourceId, url, 'unreadable PMTiles metadata', error);
  }
  signal.throwIfAborted();
  const stats: VectorTileStats = { requested: 0, loaded: 0, missing: 0, failed: 0 };
  const attribution = (metadata as { attribution?: unknown } | null)?.attribution;
  return {
    format: 'pmtiles',
    url,
    header,
    rangeSource,
    minZoom: header.minZoom,
    maxZoom: header.maxZoom,
    bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
    layers: vectorLayersOf(metadata),
    attribution: typeof attribution === 'string' ? attribution : undefined,
    stats,
    getTile: (z, x, y, tileSignal) =>
      countedTile(stats, async () => {
        try {
          return (await archive.getZxy(z, x, y, tileSignal))?.data;
        } catch (error) {
          throw asSourceError(sourceId, url, `tile ${z}/${x}/${y}`, error);
        }
      }),
  };
}
