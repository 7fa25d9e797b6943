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
