import type { FeatureCollection } from 'geojson';
import { DtSourceError } from '../../core/errors.js';
import { fetchText } from '../../core/sources/fetch-text.js';
import { readGeoTiff, resolveGridCrs } from '../../core/raster/geotiff.js';
import { parseGeoJsonDocument, toWgs84 } from '../../core/sources/geojson.js';
import { acquireWorkerPool } from '../../core/workers/pool.js';
import type { SourceContent } from '../base/dt-data-source-element.js';
import type { DtDataSource } from './dt-data-source.js';
import { cityJsonKinds } from './kinds/cityjson.js';
import { ogcApiFeaturesKinds } from './kinds/ogc-api-features.js';
import { pointCloudKinds } from './kinds/pointcloud.js';
import { rasterTileKinds } from './kinds/raster-tiles.js';
import { tiles3dKinds } from './kinds/tiles-3d.js';
import { vectorTileKinds } from './kinds/vector-tiles.js';

/** What a data-source kind gets to load from: the element's attributes and inline content. */
export interface SourceKindInput {
  /** The `id` of the data source (or `(anonymous)`), for error messages. */
  sourceId: string;
  /** `src`, resolved against the document's base URL; undefined when absent. */
  url: string | undefined;
  /** The text of an inline `<script type="...">` child, if any. */
  inline:
    | {
        /** The script's `type` attribute. */
        type: string;
        /** The script's text content. */
        text: string;
      }
    | undefined;
  /** Aborted when the load is superseded or the element is disconnected. */
  signal: AbortSignal;
  /**
   * The `crs` attribute (`EPSG:28992`, `EPSG:4326`, ...), or undefined: the kind's own default
   * (GeoJSON: WGS 84; GeoTIFF: its own georeferencing).
   */
  crs: string | undefined;
  /** The element: kind-specific attributes (`getAttribute`), its twin (view, workers, tiles). */
  element: DtDataSource;
}

/** Loads one kind of data source (`type="..."`): features, or features and raster bands. */
export type SourceKindLoader = (
  input: SourceKindInput,
) => Promise<FeatureCollection | SourceContent>;

/** GeoJSON (RFC 7946), reprojected to WGS 84 from `crs` or a legacy `crs` member (see core/sources/geojson). */
async function loadGeoJson({
  sourceId,
  url,
  inline,
  signal,
  crs,
}: SourceKindInput): Promise<FeatureCollection> {
  if (!url && !inline)
    throw new DtSourceError(
      sourceId,
      'missing-input',
      'no data: give a "src" URL or an inline <script type="application/geo+json"> child',
    );
  const text = url ? await fetchText(sourceId, url, signal) : (inline?.text ?? '');
  const document = parseGeoJsonDocument(sourceId, text, url);
  return toWgs84(sourceId, document.data, {
    crs,
    declaredCrs: document.declaredCrs,
    url,
    // Large files are reprojected in the worker pool (the main thread stays free).
    elsewhere: async (positions, from) => {
      const pool = acquireWorkerPool();
      try {
        const result = await pool.request(
          'reproject-positions',
          { positions, from },
          { signal, transfer: [positions.buffer] },
        );
        return result.positions;
      } finally {
        pool.release();
      }
    },
  });
}

/**
 * A single-band GeoTIFF or COG: its values become the band `value`. `crs` names the CRS of a file
 * without one; a file whose CRS proj4 does not know, or whose extent does not fit it, fails.
 */
async function loadGeoTiff({
  sourceId,
  url,
  signal,
  crs,
}: SourceKindInput): Promise<SourceContent> {
  if (!url)
    throw new DtSourceError(sourceId, 'missing-input', 'no data: give a "src" URL of a GeoTIFF');
  const grid = resolveGridCrs(await readGeoTiff(url, { signal, sourceId }), crs, sourceId, url);
  return { data: { type: 'FeatureCollection', features: [] }, bands: { value: grid } };
}

/**
 * The data-source kinds `<dt-data-source type="...">` knows. Later kinds (OGC API Features, vector
 * tiles, GeoTIFF, ...) register here with {@link registerSourceKind}.
 */
const kinds = new Map<string, SourceKindLoader>([
  ['geojson', loadGeoJson],
  ['geotiff', loadGeoTiff],
  ...Object.entries(ogcApiFeaturesKinds),
  ...Object.entries(rasterTileKinds),
  ...Object.entries(vectorTileKinds),
  ...Object.entries(cityJsonKinds),
  ...Object.entries(tiles3dKinds),
  ...Object.entries(pointCloudKinds),
]);

/** Adds a data-source kind, so `<dt-data-source type="name">` loads with `loader`. */
export function registerSourceKind(name: string, loader: SourceKindLoader): void {
  kinds.set(name, loader);
}

/** The loader for a kind, or undefined when none is registered. */
export function sourceKind(name: string): SourceKindLoader | undefined {
  return kinds.get(name);
}

/** The names of the registered kinds. */
export function sourceKindNames(): string[] {
  return [...kinds.keys()];
}
