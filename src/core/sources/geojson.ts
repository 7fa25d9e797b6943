import type { FeatureCollection } from 'geojson';
import { DtSourceError } from '../errors.js';
import { GeoJsonError, toFeatureCollection } from '../geo/geojson.js';

/**
 * Parses GeoJSON text for data source `sourceId` into a FeatureCollection.
 * @throws DtSourceError with code `parse` (not JSON, with the parser's position) or `invalid-geojson`
 * (not GeoJSON, naming the first wrong member).
 */
export function parseGeoJsonText(sourceId: string, text: string, url?: string): FeatureCollection {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DtSourceError(sourceId, 'parse', `not valid JSON: ${reason}`, {
      cause,
      ...(url ? { url } : {}),
    });
  }
  try {
    return toFeatureCollection(json);
  } catch (cause) {
    if (!(cause instanceof GeoJsonError)) throw cause;
    throw new DtSourceError(sourceId, 'invalid-geojson', `not GeoJSON: ${cause.message}`, {
      cause,
      ...(url ? { url } : {}),
    });
  }
}
