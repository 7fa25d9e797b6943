import type { Feature, FeatureCollection } from 'geojson';

/** Options of {@link featuresToGeoJson}. */
export interface FeaturesToGeoJsonOptions {
  /** A `name` member on the FeatureCollection (GDAL and QGIS use it as the layer name). */
  name?: string;
  /** Indentation of the JSON text (spaces); default none, the smallest file. */
  indent?: number;
  /**
   * Round coordinates to this many decimals (6 is about 0.1 m in degrees, as RFC 7946 suggests);
   * default: as they are.
   */
  coordinateDecimals?: number;
}

/**
 * Writes features as a GeoJSON FeatureCollection (RFC 7946): every feature gets `type`, `geometry`
 * (or null) and `properties` (or null); `id` and `bbox` are kept. Coordinates are written as given:
 * RFC 7946 expects WGS 84 longitude/latitude.
 *
 * @returns The JSON text.
 */
export function featuresToGeoJson(
  features: Feature[] | FeatureCollection,
  options: FeaturesToGeoJsonOptions = {},
): string {
  const list = Array.isArray(features) ? features : features.features;
  const { coordinateDecimals: decimals } = options;
  const collection = {
    type: 'FeatureCollection',
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(!Array.isArray(features) && features.bbox ? { bbox: features.bbox } : {}),
    features: list.map((feature) => ({
      type: 'Feature',
      ...(feature.id !== undefined ? { id: feature.id } : {}),
      ...(feature.bbox ? { bbox: feature.bbox } : {}),
      geometry: feature.geometry ?? null,
      properties: feature.properties ?? null,
    })),
  };
  const replacer =
    decimals === undefined
      ? undefined
      : (key: string, value: unknown) =>
          key === 'coordinates' ? roundDeep(value, 10 ** decimals) : value;
  return JSON.stringify(collection, replacer, options.indent);
}

/** Rounds every number in nested coordinate arrays. */
function roundDeep(value: unknown, factor: number): unknown {
  if (typeof value === 'number') return Math.round(value * factor) / factor;
  return Array.isArray(value) ? value.map((item) => roundDeep(item, factor)) : value;
}
