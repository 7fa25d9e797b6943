/**
 * Exporting results: grids as GeoTIFF, features as GeoJSON, tables as CSV, and a download helper.
 * Everything but {@link downloadBlob} is DOM-free.
 */
export { gridToGeoTiff, MAX_DESCRIPTION_BYTES, type GridToGeoTiffOptions } from './geotiff.js';
export { featuresToGeoJson, type FeaturesToGeoJsonOptions } from './geojson.js';
export { toCsv, type CsvValue } from './csv.js';
export { downloadBlob } from './download.js';
export { DtExportError, type DtExportErrorCode, type DtExportTool } from './export-error.js';
export {
  parseResolution,
  checkResolution,
  planSnapshot,
  composeSnapshot,
  scaleBarLength,
  webMercatorMetresPerPixel,
  SNAPSHOT_SCALE_RANGE,
  SNAPSHOT_SIDE_RANGE,
  type SnapshotResolution,
  type SnapshotPlan,
  type SnapshotLegend,
  type SnapshotOverlays,
  type SnapshotLayout,
} from './png-snapshot.js';
export {
  modelCardFile,
  REPORT_STYLES,
  type ScenarioReport,
  type ReportTable,
  type ReportLegend,
} from './report-html.js';
