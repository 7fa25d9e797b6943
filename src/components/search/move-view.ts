import type { Map as MapLibreMap } from 'maplibre-gl';
import type { BBox } from '../../core/geo/geojson.js';
import type { TwinController } from '../base/twin-controller.js';
import type { DtMap } from '../map/dt-map.js';

/** The zoom a search result is shown at, at most (a building fills a good part of the map). */
export const RESULT_MAX_ZOOM = 18.5;
/** The zoom a found address (a point) is shown at. */
export const PLACE_ZOOM = 18;
/** How long the move to a result takes (ms); a jump when the user prefers reduced motion. */
export const MOVE_DURATION_MS = 600;

/** The twin's MapLibre map (its `<dt-map>` child, or the one it made), if it exists yet. */
export function twinMap(twin: TwinController | undefined): MapLibreMap | undefined {
  const host = twin?.host;
  const element: DtMap | null =
    host?.querySelector('dt-map') ?? host?.shadowRoot?.querySelector('dt-map') ?? null;
  return element?.map;
}

/**
 * Moves the view to a feature's bounding box (longitude/latitude degrees), or to a point, keeping
 * the pitch and bearing: the box fits the map with some room around it, no closer than
 * {@link RESULT_MAX_ZOOM}. MapLibre makes the animation a jump when the user prefers reduced motion.
 */
export function moveViewTo(map: MapLibreMap, target: BBox | [number, number]): void {
  const pitch = map.getPitch();
  const bearing = map.getBearing();
  if (target.length === 2) {
    map.easeTo({ center: target, zoom: PLACE_ZOOM, pitch, bearing, duration: MOVE_DURATION_MS });
    return;
  }
  const [west, south, east, north] = target;
  const center: [number, number] = [(west + east) / 2, (south + north) / 2];
  let zoom = RESULT_MAX_ZOOM;
  try {
    const camera = map.cameraForBounds(
      [
        [west, south],
        [east, north],
      ],
      { padding: 48, maxZoom: RESULT_MAX_ZOOM, bearing },
    );
    if (camera?.zoom !== undefined && Number.isFinite(camera.zoom)) zoom = camera.zoom;
  } catch {
    // A map too small for the padding has no camera for the box: the centre at the default zoom.
  }
  map.easeTo({ center, zoom, pitch, bearing, duration: MOVE_DURATION_MS });
}
