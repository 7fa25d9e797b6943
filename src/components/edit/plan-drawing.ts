/**
 * Drawing a plan edit on the twin's MapLibre map: clicks add corners (or, for single trees, place a
 * tree each), a preview follows on the map, double-click or Enter closes the shape, Backspace takes
 * the last corner back and Escape cancels. The plan's edits are outlined on the map too. The map's
 * own double-click zoom is off while drawing. Everything drawn lives in two GeoJSON sources of the
 * map's style, added again when the style is replaced (a basemap switch).
 */
import type { Feature, FeatureCollection, Position } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import type { GreeneryEdit } from '../../core/sim/greenery-edits.js';
import {
  addSketchLayers,
  featureCollection,
  inFormControl as inControl,
} from '../base/map-sketch.js';

/** What drawing reports to the editor. */
export interface DrawingCallbacks {
  /** The corners changed (a click or Backspace). */
  onChange(points: readonly Position[]): void;
  /** Points mode: a click placed a tree here. */
  onTree(point: Position): void;
  /** The user closed the shape (double-click, Enter, or the editor's finish button). */
  onFinish(points: readonly Position[], mode: DrawingMode): void;
  /** The user cancelled (Escape). */
  onCancel(): void;
}

/** `polygon`: clicks are corners; `points`: each click is a tree. */
export type DrawingMode = 'polygon' | 'points';

const DRAFT = 'dt-plan-draft';
const PLAN = 'dt-plan-edits';
const COLOR = '#1a56c4';
/** Two clicks closer than this (CSS pixels) are one corner: the two clicks of a double-click. */
const SAME_CORNER_PX = 4;

/** The draft as features: the closed polygon (3+ corners), its outline, and its corners. */
function draftFeatures(points: readonly Position[]): FeatureCollection {
  const features: Feature[] = points.map((p) => ({
    type: 'Feature',
    properties: {},
    geometry: { type: 'Point', coordinates: p },
  }));
  if (points.length >= 3)
    features.push({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [[...points, points[0] as Position]] },
    });
  else if (points.length === 2)
    features.push({
      type: 'Feature',
      properties: {},
      geometry: { type: 'LineString', coordinates: [...points] },
    });
  return featureCollection(features);
}

/**
 * Adds the draft and plan sources and layers to the map's style when they are missing. Returns
 * false while the style is loading, else whether it had to add them.
 */
function ensureLayers(map: MapLibreMap): 'loading' | 'added' | 'present' {
  if (!map.isStyleLoaded()) return 'loading';
  if (map.getSource(PLAN) && map.getSource(DRAFT)) return 'present';
  for (const id of [PLAN, DRAFT]) {
    if (map.getSource(id)) continue;
    const plan = id === PLAN;
    addSketchLayers(map, id, {
      color: COLOR,
      fillOpacity: plan ? 0.15 : 0.3,
      haloWidth: 4,
      lineWidth: 2,
      pointRadius: plan ? 6 : 4,
      dashed: plan,
    });
  }
  return 'added';
}

function setData(map: MapLibreMap, id: string, data: FeatureCollection): void {
  if (ensureLayers(map) === 'loading') return;
  (map.getSource(id) as GeoJSONSource | undefined)?.setData(data);
}

/** One drawing session at a time, on whatever map the editor hands it. */
export class PlanDrawing {
  /** The corners so far (WGS 84). */
  points: Position[] = [];
  /** The mode of the session, or undefined when not drawing. */
  mode: DrawingMode | undefined;

  #map: MapLibreMap | undefined;
  #doubleClickZoom = true;
  #plan: FeatureCollection = featureCollection([]);
  /** The map the plan is outlined on (listened to for style changes). */
  #planMap: MapLibreMap | undefined;

  /**
   * @param keyTarget Where Enter, Backspace and Escape are heard (the twin: the map and the panel).
   * @param callbacks What the editor does with the drawing.
   */
  constructor(
    private readonly keyTarget: HTMLElement,
    private readonly callbacks: DrawingCallbacks,
  ) {}

  /** Whether a session is running. */
  get active(): boolean {
    return this.mode !== undefined;
  }

  /** Starts drawing on `map` (ending a session in progress without a result). */
  start(map: MapLibreMap, mode: DrawingMode): void {
    this.stop();
    this.mode = mode;
    this.points = [];
    this.#map = map;
    this.#doubleClickZoom = map.doubleClickZoom.isEnabled();
    map.doubleClickZoom.disable();
    map.getCanvas().style.cursor = 'crosshair';
    map.on('click', this.#onClick);
    map.on('dblclick', this.#onDoubleClick);
    this.keyTarget.addEventListener('keydown', this.#onKeydown, { capture: true });
    if (map !== this.#planMap) this.showPlan(map, this.#plan.features as GreeneryEdit[]);
    this.#redraw();
  }

  /** Closes the shape: reports the corners and ends the session. */
  finish(): void {
    const mode = this.mode;
    if (!mode) return;
    const points = this.points;
    this.stop();
    this.callbacks.onFinish(points, mode);
  }

  /** Cancels the session and reports it. */
  cancel(): void {
    if (!this.active) return;
    this.stop();
    this.callbacks.onCancel();
  }

  /** Ends the session silently: listeners off, preview gone, the map as it was. */
  stop(): void {
    const map = this.#map;
    this.mode = undefined;
    this.points = [];
    this.keyTarget.removeEventListener('keydown', this.#onKeydown, { capture: true });
    if (!map) return;
    map.off('click', this.#onClick);
    map.off('dblclick', this.#onDoubleClick);
    if (this.#doubleClickZoom) map.doubleClickZoom.enable();
    map.getCanvas().style.cursor = '';
    setData(map, DRAFT, featureCollection([]));
  }

  /** Outlines the plan's edits on `map`, and again after its style is replaced. */
  showPlan(map: MapLibreMap | undefined, edits: readonly GreeneryEdit[]): void {
    this.#plan = featureCollection([...edits]);
    if (map !== this.#planMap) {
      this.#planMap?.off('styledata', this.#restore);
      this.#planMap = map;
      map?.on('styledata', this.#restore);
    }
    if (map) setData(map, PLAN, this.#plan);
  }

  /** Stops drawing and takes the plan's outline and listeners off the map (the editor leaves). */
  dispose(): void {
    this.stop();
    this.#planMap?.off('styledata', this.#restore);
    this.#planMap = undefined;
  }

  /** A new style (or the first one loaded): put the outline and the draft back. */
  readonly #restore = () => {
    const map = this.#planMap;
    if (!map || ensureLayers(map) !== 'added') return;
    setData(map, PLAN, this.#plan);
    if (this.#map === map && this.active) this.#redraw();
  };

  readonly #redraw = () => {
    const map = this.#map;
    if (map) setData(map, DRAFT, draftFeatures(this.mode === 'polygon' ? this.points : []));
  };

  readonly #onClick = (event: MapMouseEvent) => {
    const map = this.#map;
    if (!map) return;
    const point: Position = [event.lngLat.lng, event.lngLat.lat];
    if (this.mode === 'points') {
      this.callbacks.onTree(point);
      return;
    }
    const last = this.points[this.points.length - 1];
    if (last) {
      const a = map.project([last[0] ?? 0, last[1] ?? 0]);
      if (Math.hypot(a.x - event.point.x, a.y - event.point.y) < SAME_CORNER_PX) return;
    }
    this.points = [...this.points, point];
    this.#redraw();
    this.callbacks.onChange(this.points);
  };

  readonly #onDoubleClick = (event: MapMouseEvent) => {
    event.preventDefault();
    this.finish();
  };

  readonly #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation(); // Escape ends the drawing, not the panel (a bottom sheet closes on it)
      this.cancel();
    } else if (event.key === 'Enter' && !inControl(event)) {
      event.preventDefault();
      this.finish();
    } else if (event.key === 'Backspace' && this.mode === 'polygon' && !inControl(event)) {
      event.preventDefault();
      this.points = this.points.slice(0, -1);
      this.#redraw();
      this.callbacks.onChange(this.points);
    }
  };
}
