/**
 * Measuring on the twin's MapLibre map: clicks place points, a preview follows, double-click or
 * Enter ends, Backspace takes the last point back and Escape cancels (the plan editor's keys). The
 * finished measurements are drawn too, as MapLibre layers, so they are part of the map's canvas and
 * of an exported image. The layers are added again after a style change (a basemap switch).
 */
import type { Feature, FeatureCollection, Position } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import {
  addSketchLayers,
  featureCollection,
  inFormControl as inControl,
} from '../base/map-sketch.js';
import type { Measurement, MeasureKind } from './measure-geometry.js';

/** What drawing reports to the tool. */
export interface MeasureDrawingCallbacks {
  /** The points changed (a click or Backspace). */
  onChange(points: readonly Position[]): void;
  /** The user ended the drawing (double-click, Enter, the finish button, or the second height point). */
  onFinish(points: readonly Position[]): void;
  /** The user cancelled (Escape). */
  onCancel(): void;
}

const DRAFT = 'dt-measure-draft';
const DONE = 'dt-measure-done';
const COLOR = '#b3005e';
/** Two clicks closer than this (CSS pixels) are one point: the two clicks of a double-click. */
const SAME_POINT_PX = 4;

const feature = (geometry: Feature['geometry']): Feature => ({
  type: 'Feature',
  properties: {},
  geometry,
});

/** The features that show points of a measurement of `kind`: its points, and its line or polygon. */
export function measureFeatures(kind: MeasureKind, points: readonly Position[]): Feature[] {
  const out = points.map((p) => feature({ type: 'Point', coordinates: [...p] }));
  if (kind === 'area' && points.length >= 3)
    out.push(feature({ type: 'Polygon', coordinates: [[...points, points[0] as Position]] }));
  else if (points.length >= 2) out.push(feature({ type: 'LineString', coordinates: [...points] }));
  return out;
}

function ensureLayers(map: MapLibreMap): boolean {
  if (!map.isStyleLoaded()) return false;
  for (const id of [DONE, DRAFT]) {
    if (map.getSource(id)) continue;
    addSketchLayers(map, id, {
      color: COLOR,
      fillOpacity: 0.15,
      haloWidth: 5,
      lineWidth: 2.5,
      pointRadius: 4,
      dashed: id === DRAFT,
    });
  }
  return true;
}

/**
 * Puts `data` in source `id`, adding the sources and layers first when they are missing. Returns
 * false when they could not be added yet (the style is still loading).
 */
function setData(map: MapLibreMap, id: string, data: FeatureCollection): boolean {
  // An existing source takes new data at any time; adding one needs a loaded style.
  if (!map.getSource(id) && !ensureLayers(map)) return false;
  (map.getSource(id) as GeoJSONSource | undefined)?.setData(data);
  return true;
}

/** One drawing session at a time on the twin's map, and the finished measurements shown on it. */
export class MeasureDrawing {
  /** The points placed so far (WGS 84). */
  points: Position[] = [];
  /** The kind being measured, or undefined when not drawing. */
  kind: MeasureKind | undefined;

  #map: MapLibreMap | undefined;
  #doubleClickZoom = true;
  #done: FeatureCollection = featureCollection([]);
  #shownOn: MapLibreMap | undefined;

  /**
   * @param keyTarget Where Enter, Backspace and Escape are heard (the twin: map and panel).
   * @param callbacks What the tool does with the drawing.
   */
  constructor(
    private readonly keyTarget: HTMLElement,
    private readonly callbacks: MeasureDrawingCallbacks,
  ) {}

  /** Whether a session is running. */
  get active(): boolean {
    return this.kind !== undefined;
  }

  /** Starts measuring `kind` on `map` (ending a session in progress without a result). */
  start(map: MapLibreMap, kind: MeasureKind): void {
    this.stop();
    this.kind = kind;
    this.#map = map;
    this.#doubleClickZoom = map.doubleClickZoom.isEnabled();
    map.doubleClickZoom.disable();
    map.getCanvas().style.cursor = 'crosshair';
    map.on('click', this.#onClick);
    map.on('dblclick', this.#onDoubleClick);
    this.keyTarget.addEventListener('keydown', this.#onKeydown, { capture: true });
    this.#redraw();
  }

  /** Ends the drawing: reports the points and stops. */
  finish(): void {
    if (!this.kind) return;
    const points = this.points;
    this.stop();
    this.callbacks.onFinish(points);
  }

  /** Cancels the drawing and reports it. */
  cancel(): void {
    if (!this.active) return;
    this.stop();
    this.callbacks.onCancel();
  }

  /** Ends the session silently: listeners off, preview gone, the map as it was. */
  stop(): void {
    const map = this.#map;
    this.kind = undefined;
    this.points = [];
    this.keyTarget.removeEventListener('keydown', this.#onKeydown, { capture: true });
    this.#map = undefined;
    if (!map) return;
    map.off('click', this.#onClick);
    map.off('dblclick', this.#onDoubleClick);
    if (this.#doubleClickZoom) map.doubleClickZoom.enable();
    map.getCanvas().style.cursor = '';
    setData(map, DRAFT, featureCollection([]));
  }

  /** Draws the finished measurements on `map`, and again after its style is replaced. */
  show(map: MapLibreMap | undefined, measurements: readonly Measurement[]): void {
    this.#done = featureCollection(measurements.flatMap((m) => measureFeatures(m.kind, m.points)));
    if (map !== this.#shownOn) {
      this.#shownOn?.off('styledata', this.#restore);
      this.#shownOn = map;
      map?.on('styledata', this.#restore);
    }
    // While the style loads, draw them once it is idle.
    if (map && !setData(map, DONE, this.#done)) map.once('idle', this.#restore);
  }

  /** Stops drawing and forgets the map (the tool leaves). */
  dispose(): void {
    this.stop();
    this.#shownOn?.off('styledata', this.#restore);
    this.#shownOn = undefined;
  }

  readonly #restore = () => {
    const map = this.#shownOn;
    if (!map || map.getSource(DONE) || !setData(map, DONE, this.#done)) return;
    if (this.#map === map) this.#redraw();
  };

  readonly #redraw = () => {
    const map = this.#map;
    if (map && this.kind)
      setData(map, DRAFT, featureCollection(measureFeatures(this.kind, this.points)));
  };

  readonly #onClick = (event: MapMouseEvent) => {
    const map = this.#map;
    if (!map) return;
    const last = this.points[this.points.length - 1];
    if (last) {
      const a = map.project([last[0] ?? 0, last[1] ?? 0]);
      if (Math.hypot(a.x - event.point.x, a.y - event.point.y) < SAME_POINT_PX) return;
    }
    this.points = [...this.points, [event.lngLat.lng, event.lngLat.lat]];
    this.#redraw();
    this.callbacks.onChange(this.points);
    // A height difference has two points: the second one ends it.
    if (this.kind === 'height' && this.points.length === 2) this.finish();
  };

  readonly #onDoubleClick = (event: MapMouseEvent) => {
    event.preventDefault();
    this.finish();
  };

  readonly #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation(); // Escape ends the measuring, not the panel (a bottom sheet closes on it)
      this.cancel();
    } else if (event.key === 'Enter' && !inControl(event)) {
      event.preventDefault();
      this.finish();
    } else if (event.key === 'Backspace' && !inControl(event)) {
      event.preventDefault();
      this.points = this.points.slice(0, -1);
      this.#redraw();
      this.callbacks.onChange(this.points);
    }
  };
}
