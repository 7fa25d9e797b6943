import type { FeatureCollection, Feature } from 'geojson';
import type { DtSourceError } from '../../core/errors.js';
import type { DtLayerElement } from './dt-layer-element.js';
import type { ScenarioResult } from '../../core/sim/scenario-result.js';

/** The view of a map: centre (longitude, latitude in degrees), zoom, pitch and bearing (degrees). */
export interface DtView {
  /** Centre of the view: [longitude, latitude] in WGS 84 degrees. */
  center: [number, number];
  /** Zoom level (MapLibre: 0 shows the whole world, each step doubles the scale). */
  zoom: number;
  /** Tilt away from straight down, in degrees (0 looks straight down). */
  pitch: number;
  /** Compass direction at the top of the map, in degrees clockwise from north (90: east is up). */
  bearing: number;
}

/** A feature the user selected, and where it comes from. */
export interface DtSelection {
  /** The `<dt-layer>` (or supplier layer) that drew it. */
  layer: DtLayerElement;
  /** The `id` of the data source. */
  sourceId: string;
  /** Index of the feature in the source's FeatureCollection. */
  index: number;
  /** The selected GeoJSON feature itself. */
  feature: Feature;
}

/** Detail of every `dt-` event, by event name. */
export interface DtEventDetails {
  /** A map finished its first complete frame with every layer whose source had settled. */
  'dt-ready': {
    /** The map's view at that moment. */
    view: DtView;
  };
  /** The user or the page moved the view (fired when the movement ends). */
  'dt-view-change': {
    /** The view after the movement. */
    view: DtView;
  };
  /** A data source loaded (or reloaded) its data. */
  'dt-source-load': {
    /** The `id` of the data source (or `(anonymous)`). */
    sourceId: string;
    /** Number of features in the loaded data. */
    featureCount: number;
    /** The loaded data. */
    data: FeatureCollection;
    /** Names of the raster bands loaded (empty for a vector source). */
    bands: string[];
  };
  /** A data source could not load; `error` names the source and the reason. */
  'dt-source-error': {
    /** The `id` of the data source (or `(anonymous)`). */
    sourceId: string;
    /** What went wrong. */
    error: DtSourceError;
  };
  /** A scenario's run advanced. */
  'dt-scenario-progress': {
    /** The `id` of the scenario. */
    scenarioId: string;
    /** Share done, 0..1. */
    share: number;
  };
  /** A scenario finished a run; its `result` holds the grids and statistics. */
  'dt-scenario-complete': {
    /** The `id` of the scenario. */
    scenarioId: string;
    /** The run's result. */
    result: ScenarioResult;
  };
  /** A scenario could not run: bad parameters, a missing input, a failed model. */
  'dt-scenario-error': {
    /** The `id` of the scenario. */
    scenarioId: string;
    /** What went wrong (`code` `invalid-parameter`, `missing-input` or `model`). */
    error: DtSourceError;
  };
  /** A feature was selected (or the selection was cleared: `selection` is null). */
  'dt-select': {
    /** The selected feature, or null when the selection was cleared. */
    selection: DtSelection | null;
  };
}

/** Names of the events Tweeling fires. */
export type DtEventName = keyof DtEventDetails;

declare global {
  interface GlobalEventHandlersEventMap {
    'dt-ready': CustomEvent<DtEventDetails['dt-ready']>;
    'dt-view-change': CustomEvent<DtEventDetails['dt-view-change']>;
    'dt-source-load': CustomEvent<DtEventDetails['dt-source-load']>;
    'dt-source-error': CustomEvent<DtEventDetails['dt-source-error']>;
    'dt-select': CustomEvent<DtEventDetails['dt-select']>;
    'dt-scenario-progress': CustomEvent<DtEventDetails['dt-scenario-progress']>;
    'dt-scenario-complete': CustomEvent<DtEventDetails['dt-scenario-complete']>;
    'dt-scenario-error': CustomEvent<DtEventDetails['dt-scenario-error']>;
  }
}
