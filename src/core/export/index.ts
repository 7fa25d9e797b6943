/**
 * Exporting results: grids as GeoTIFF, features as GeoJSON, tables as CSV, and a download helper.
 * Everything but {@link downloadBlob} is DOM-free.
 */
export { gridToGeoTiff, MAX_DESCRIPTION_BYTES, type GridToGeoTiffOptions } from './geotiff.js';
export { featuresToGeoJson, type FeaturesToGeoJsonOptions } from './geojson.js';
export { toCsv, type CsvValue } from './csv.js';
export { downloadBlob } from './download.js';
