/**
 * The content hash of a data source: SHA-256 over the bytes that were fetched when a loader hands
 * them over, else over a canonical serialisation of what was loaded (the features as JSON, each
 * raster band's grid header and its Float32 values). Two loads of the same file give the same hash,
 * on any machine, so a run's provenance can name exactly what it read.
 */
import type { FeatureCollection } from 'geojson';
import type { Grid } from '../raster/grid.js';
import { canonicalJson, sha256Hex } from './canonical.js';

/** What a content hash is computed from. */
export interface HashableContent {
  /** The bytes as fetched, when the loader has them: the hash is then that of the file. */
  bytes?: ArrayBuffer | Uint8Array | undefined;
  /** The loaded features. */
  data: FeatureCollection;
  /** The loaded raster bands by name. */
  bands: Readonly<Record<string, Grid>>;
}

/** The canonical bytes of loaded content: a JSON header (features, band headers) and then each band's values. */
export function canonicalContentBytes(content: HashableContent): Uint8Array {
  const names = Object.keys(content.bands).sort();
  const header = canonicalJson({
    features: content.data,
    bands: names.map((name) => {
      const grid = content.bands[name] as Grid;
      const { width, height, geotransform, crs, nodata } = grid;
      return { name, width, height, geotransform, crs, nodata: nodata ?? null };
    }),
  });
  const head = new TextEncoder().encode(header);
  const grids = names.map((name) => (content.bands[name] as Grid).values);
  const total = head.byteLength + grids.reduce((sum, values) => sum + values.byteLength, 0);
  const out = new Uint8Array(total);
  out.set(head, 0);
  let offset = head.byteLength;
  for (const values of grids) {
    // Little-endian on every platform the SDK runs on (x86, ARM): the same bytes everywhere.
    out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), offset);
    offset += values.byteLength;
  }
  return out;
}

/** SHA-256 (64 hex digits) of the fetched bytes, or of the canonical serialisation when there are none. */
export function contentHashOf(content: HashableContent): Promise<string> {
  return sha256Hex(content.bytes ?? canonicalContentBytes(content));
}
