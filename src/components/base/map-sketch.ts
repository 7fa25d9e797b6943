/**
 * What the tools that draw on the twin's MapLibre map share (the plan editor, the measure tool): a
 * GeoJSON source with its fill, halo, line and point layers in one colour, and the test whether a
 * key press belongs to a form control rather than to the drawing.
 */
import type { Feature, FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';

/** How one sketch source is drawn. */
export interface SketchStyle {
  /** Fill, line and point colour. */
  color: string;
  /** Fill opacity of polygons. */
  fillOpacity: number;
  /** Width of the white halo under lines, px. */
  haloWidth: number;
  /** Line width, px. */
  lineWidth: number;
  /** Point radius, px. */
  pointRadius: number;
  /** Dashed lines (finished shapes, a draft: whichever the tool wants to set apart). */
  dashed: boolean;
}

/** A feature collection of `features`. */
export const featureCollection = (features: Feature[]): FeatureCollection => ({
  type: 'FeatureCollection',
  features,
});

/** Adds GeoJSON source `id` (empty) and its four layers `<id>-fill|halo|line|point` to the map's style. */
export function addSketchLayers(map: MapLibreMap, id: string, style: SketchStyle): void {
  map.addSource(id, { type: 'geojson', data: featureCollection([]) });
  map.addLayer({
    id: `${id}-fill`,
    type: 'fill',
    source: id,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': style.color, 'fill-opacity': style.fillOpacity },
  });
  map.addLayer({
    id: `${id}-halo`,
    type: 'line',
    source: id,
    filter: ['!=', ['geometry-type'], 'Point'],
    paint: { 'line-color': '#ffffff', 'line-width': style.haloWidth },
  });
  map.addLayer({
    id: `${id}-line`,
    type: 'line',
    source: id,
    filter: ['!=', ['geometry-type'], 'Point'],
    paint: {
      'line-color': style.color,
      'line-width': style.lineWidth,
      ...(style.dashed ? { 'line-dasharray': [2, 1] } : {}),
    },
  });
  map.addLayer({
    id: `${id}-point`,
    type: 'circle',
    source: id,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-radius': style.pointRadius,
      'circle-color': style.color,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
}

/** Whether a key press belongs to a form control (Enter in a text field, Backspace while typing). */
export function inFormControl(event: Event): boolean {
  const target = event.composedPath()[0];
  return (
    target instanceof HTMLElement &&
    (['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(target.tagName) || target.isContentEditable)
  );
}
