/**
 * Tweeling: digital twins as HTML. This module exports the classes and types; it registers no tags.
 * Import `tweeling/define` to register every `dt-*` element.
 * @packageDocumentation
 */
export { DtElement } from './components/base/dt-element.js';
export { DtDataSourceElement, type SourceState } from './components/base/dt-data-source-element.js';
export { DtLayerElement } from './components/base/dt-layer-element.js';
export { DtScenarioElement } from './components/base/dt-scenario-element.js';
export { DtPanelElement, panelStyles } from './components/base/dt-panel-element.js';
export { TwinController, type TwinChangeKind } from './components/base/twin-controller.js';
export { twinContext } from './components/base/twin-context.js';
export type { DtEventDetails, DtEventName, DtSelection, DtView } from './components/base/events.js';
export { DtTwin } from './components/twin/dt-twin.js';
export { DtMap } from './components/map/dt-map.js';
export { DtDataSource } from './components/data-source/dt-data-source.js';
export {
  registerSourceKind,
  type SourceKindInput,
  type SourceKindLoader,
} from './components/data-source/source-kinds.js';
export { DtLayer, type DtLayerType } from './components/layer/dt-layer.js';
export { DtLayerList } from './components/layer-list/dt-layer-list.js';
export { DtLegend } from './components/legend/dt-legend.js';
export { DtFeatureList } from './components/feature-list/dt-feature-list.js';
export { DtFeatureInfo } from './components/feature-info/dt-feature-info.js';
export { DtTimeline } from './components/timeline/dt-timeline.js';
export type {
  TimeVarying,
  TimeVaryingTarget,
  DtTimeChangeDetail,
  DtTimesChangeDetail,
} from './components/timeline/time-varying.js';
export {
  gridToGeoTiff,
  featuresToGeoJson,
  toCsv,
  downloadBlob,
  MAX_DESCRIPTION_BYTES,
  type GridToGeoTiffOptions,
  type FeaturesToGeoJsonOptions,
  type CsvValue,
} from './core/export/index.js';
export { DtSourceError, type DtSourceErrorCode } from './core/errors.js';
export {
  buildColorScale,
  type ColorMode,
  type ColorScale,
  type Legend,
  type LegendEntry,
} from './core/style/color-scale.js';
export { RAMPS, type RampName } from './core/style/ramps.js';
export { type Locale, translate, formatNumber } from './core/i18n/localize.js';
export { DELFT_DATA, DELFT_VIEW } from './default-data.js';
export type { BBox } from './core/geo/geojson.js';
export type { RGBA } from './core/style/color.js';
export type { ColorScaleOptions } from './core/style/color-scale.js';
export { DtScenario } from './components/scenario/dt-scenario.js';
export { DtScenarioPanel } from './components/scenario-panel/dt-scenario-panel.js';
export {
  registerScenarioKind,
  type ScenarioKind,
  type ScenarioRunContext,
} from './components/scenario/scenario-kinds.js';
export type { SourceContent } from './components/base/dt-data-source-element.js';
export type { ScenarioResult, ScenarioStat, StatUnit } from './core/sim/scenario-result.js';
export type { Grid, GeoTransform, CrsCode } from './core/raster/grid.js';
export * as sim from './core/sim/index.js';
export {
  DtEdit,
  EDIT_ERROR_EVENT,
  type DtEditErrorDetail,
  type DtEditsChangeDetail,
} from './components/edit/dt-edit.js';
export { DtPlanEditor, type PlanImport } from './components/edit/dt-plan-editor.js';
export { EDITS_CHANGE_EVENT } from './components/scenario/scenario-edits.js';
export type { GreeneryEdit, EditAction, EditProperties } from './core/sim/greenery-edits.js';
// The supplier contract (docs/write-a-component.md) and the component store (issue 7).
export { registerMessages } from './core/i18n/supplier-messages.js';
export { numberAttribute } from './components/scenario/scenario-kinds.js';
export { RequestScheduler, type SchedulerOptions, type Loader } from './core/tiles/scheduler.js';
export { fetchBytes, fetchWithRetry } from './core/tiles/retry.js';
export { tileKey, tileBounds, lonLatToTile, type TileId } from './core/tiles/tile-id.js';
export type { WorkerPoolHandle } from './core/workers/pool.js';
export { transformer, rdToLonLat, lonLatToRd } from './core/raster/crs.js';
export { deckLayers, litTemplates } from './components/store/supplier-kit.js';
export {
  validateEntry,
  type EntryValidation,
  type EntryValidationError,
} from './core/store/validate-entry.js';
export type {
  StoreEntry,
  EntryProperties,
  EntryAgent,
  EntryConcept,
  EntryTheme,
  EntryModule,
  EntryCapabilities,
  EntryAccessibility,
  EntryTerms,
  EntryStatusInfo,
  ComponentBlock,
  ComponentKind,
  ElementSpec,
  EntryStatus,
  LanguageMap,
  RecordLink,
  TermsModel,
} from './core/store/store-entry.js';
export {
  readCatalogue,
  DtCatalogueError,
  type Catalogue,
  type CatalogueEntry,
  type ReadCatalogueOptions,
} from './core/store/catalogue.js';
export {
  checkAdmission,
  DtStoreError,
  sha384Integrity,
  type Admission,
  type AdmissionCheck,
  type AdmissionCheckName,
  type AdmissionContext,
  type StoreErrorCode,
  type StoreErrorDetail,
} from './core/store/admission.js';
export {
  installComponent,
  uninstallComponent,
  installedComponents,
  checkEntryAdmission,
  type InstalledComponent,
  type InstallOptions,
  type InstallResult,
  type InstallSuccess,
  type InstallFailure,
  type TwinLike,
  type TwinHolder,
} from './core/store/loader.js';
export { SDK_VERSION } from './core/store/sdk-version.js';
export { DtStore } from './components/store/dt-store.js';
// Compare two scenarios: swipe, side by side, difference (issue 8).
export { DtCompare } from './components/compare/dt-compare.js';
export { DtCompareDifference } from './components/compare/dt-compare-difference.js';
export type {
  DtCompareChangeDetail,
  DtCompareErrorDetail,
} from './components/compare/compare-events.js';
export type { CompareMode } from './components/compare/compare-sides.js';
export {
  SwipeClipExtension,
  type SwipeClipOptions,
  type SwipeSplit,
  type SwipeSide,
} from './components/compare/swipe-clip.js';
export {
  gridDifference,
  symmetricDomain,
  compareStats,
  type EmptyCells,
  type StatComparison,
} from './components/compare/difference.js';
export type { LayerDecorator } from './components/map/dt-map.js';
// Image export, scenario report and measuring (issue 8).
export {
  DtExportError,
  parseResolution,
  planSnapshot,
  scaleBarLength,
  webMercatorMetresPerPixel,
  modelCardFile,
  type DtExportErrorCode,
  type SnapshotResolution,
  type SnapshotLayout,
  type ScenarioReport,
} from './core/export/index.js';
export { DtSnapshot } from './components/snapshot/dt-snapshot.js';
export {
  snapshotTwin,
  type TwinSnapshot,
  type TwinSnapshotOptions,
} from './components/snapshot/twin-snapshot.js';
export {
  makeScenarioReport,
  showReport,
  type MadeReport,
  type ScenarioReportOptions,
} from './components/report/scenario-report.js';
export { DtMeasure } from './components/measure/dt-measure.js';
// Finding things (issue 4): search box, PDOK Locatieserver (opt-in), pointer coordinates.
export { DtSearch, type SearchOption } from './components/search/dt-search.js';
export type {
  DtSearchChoice,
  DtSearchSelectDetail,
  DtSearchErrorDetail,
} from './components/search/search-events.js';
export { DtCoordinates } from './components/coordinates/dt-coordinates.js';
export {
  SearchIndex,
  type SearchEntry,
  type SearchHit,
  type SearchResult,
  type MatchRank,
} from './core/search/search-index.js';
export type { SearchField, SearchFieldKind } from './core/search/feature-fields.js';
export {
  PDOK_LOCATIESERVER_URL,
  suggestPlaces,
  lookupPlace,
  type LocatieSuggestion,
  type LocatiePlace,
} from './core/search/locatieserver.js';
export {
  measure,
  lineLengthM,
  ringAreaM2,
  webMercatorLengthM,
  type Measurement,
  type MeasureKind,
  type PointHeight,
} from './components/measure/measure-geometry.js';
// Share and reproduce (issue 8): permalinks, context documents, run provenance.
export { DtSharePanel } from './components/share/dt-share-panel.js';
export { DtRunInfo, type RunInfoTarget } from './components/share/dt-run-info.js';
export {
  PermalinkController,
  PERMALINK_DEBOUNCE_MS,
  type PermalinkHost,
} from './components/share/permalink-controller.js';
export type { DtShareApplyDetail, DtShareErrorDetail } from './components/share/share-events.js';
export {
  exportContextDocument,
  type ContextExportOptions,
} from './components/share/context-export.js';
export {
  importContextDocument,
  loadContextDocument,
  type ContextImportResult,
} from './components/share/context-import.js';
export {
  encodePermalink,
  decodePermalink,
  permalinkPayload,
  withPermalinkPayload,
  PERMALINK_PARAM,
} from './core/share/permalink.js';
export type { ShareState, CompareState } from './core/share/share-state.js';
export {
  CONTEXT_SCHEMA_ID,
  type ContextDocument,
  type ContextLink,
  type ElementSpec as ContextElementSpec,
  type SceneLayer,
  type ScenarioSpec,
  type TweelingExtension,
} from './core/share/context-document.js';
export { readContextDocument, type ContextImport } from './core/share/context-read.js';
export {
  viewToCamera,
  cameraToView,
  CRS84,
  MAPLIBRE_FOV_DEG,
  type ContextCamera,
  type MapView,
} from './core/share/camera.js';
export {
  DtShareError,
  type DtShareErrorCode,
  type DtShareOrigin,
} from './core/share/share-error.js';
export {
  buildProvenance,
  runInputs,
  runParameters,
  type RunProvenance,
  type SourceProvenance,
} from './core/share/provenance.js';
export { canonicalJson, sha256Hex } from './core/share/canonical.js';
export { snapEdit, EDIT_STEP_DEG } from './core/share/edit-snap.js';
