/**
 * Worker tasks for vector tiles. The types join {@link WorkerTasks} (messages.ts) and the handlers
 * join the worker's table (handlers.ts); @loaders.gl/mvt loads inside the handler with `import()`,
 * and parses with `worker: false` semantics (its parser is called directly: no CDN worker).
 *
 * `vector-tile-decode` request: `{ bytes, z, x, y, layers? }`: one MVT tile as served (plain or
 * gzip; transfer the bytes), its Web Mercator tile index and, optionally, the layers to keep.
 * Response: `{ layers }`: GeoJSON features in WGS 84 (longitude, latitude) by MVT layer name, with
 * their MVT `id` when the tile has one. Bytes that are not an MVT fail with an Error naming the reason.
 */
import type { Feature } from 'geojson';
import type { TaskHandler } from '../serve.js';

/** A decoded tile: GeoJSON features (WGS 84) by MVT layer name. */
export interface DecodedVectorTile {
  /** Features of each layer of the tile, in the tile's order. */
  layers: Record<string, Feature[]>;
}

/** The tasks of this file, by name: `request`, `response` and `progress` types of each. */
export interface VectorTileTasks {
  /** Decodes one MVT tile into GeoJSON features in WGS 84 (see the file comment). */
  'vector-tile-decode': {
    request: { bytes: ArrayBuffer; z: number; x: number; y: number; layers?: string[] };
    response: DecodedVectorTile;
    progress: never;
  };
}

/** A property name no real tile uses: the layer of each feature while grouping. */
const LAYER_KEY = '__dt_mvt_layer__';

/** Gunzips `bytes` when they start with the gzip magic (servers often send .pbf gzipped as-is). */
async function gunzipIfNeeded(bytes: ArrayBuffer): Promise<ArrayBuffer> {
  const head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
  if (head[0] !== 0x1f || head[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).arrayBuffer();
}

const decodeVectorTile: TaskHandler<'vector-tile-decode'> = async (
  { bytes, z, x, y, layers },
  context,
) => {
  const { MVTLoader } = await import('@loaders.gl/mvt');
  const plain = await gunzipIfNeeded(bytes);
  await context.checkpoint();
  let features: Feature[];
  try {
    features = (await MVTLoader.parse(plain, {
      worker: false,
      mvt: {
        shape: 'geojson',
        coordinates: 'wgs84',
        tileIndex: { x, y, z },
        layerProperty: LAYER_KEY,
        ...(layers ? { layers } : {}),
      },
    })) as Feature[];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`tile ${z}/${x}/${y} is not a vector tile (MVT): ${reason}`);
  }
  const byLayer: Record<string, Feature[]> = {};
  for (const feature of features) {
    const properties = feature.properties ?? {};
    const layer = String(properties[LAYER_KEY]);
    delete properties[LAYER_KEY];
    (byLayer[layer] ??= []).push(feature);
  }
  return { layers: byLayer };
};

/** The handlers of this file's tasks. */
export const vectorTileHandlers: { [T in keyof VectorTileTasks]: TaskHandler<T> } = {
  'vector-tile-decode': decodeVectorTile,
};
