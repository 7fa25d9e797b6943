import type { FeatureCollection, Feature } from 'geojson';
import type { DtSourceError } from '../../core/errors.js';
import type { DtLayerElement } from './dt-layer-element.js';

/** The view of a map: centre (longitude, latitude in degrees), zoom, pitch and bearing (degrees). */
export interface DtView {
  center: [number, number];
  zoom: number;
  pitch: number;
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
  feature: Feature;
}

/** Detail of every `dt-` event, by event name. */
export interface DtEventDetails {
  /** A map finished its first complete frame with every layer whose source had settled. */
  'dt-ready': { view: DtView };
  /** The user or the page moved the view (fired when the movement ends). */
  'dt-view-change': { view: DtView };
  /** A data source loaded (or reloaded) its data. */
  'dt-source-load': { sourceId: string; featureCount: number; data: FeatureCollection };
  /** A data source could not load; `error` names the source and the reason. */
  'dt-source-error': { sourceId: string; error: DtSourceError };
  /** A feature was selected (or the selection was cleared: `selection` is null). */
  'dt-select': { selection: DtSelection | null };
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
  }
}
