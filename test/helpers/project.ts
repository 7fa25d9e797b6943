import { WebMercatorViewport } from '@deck.gl/core';
import type { DtMap } from '../../src/components/map/dt-map.js';

/**
 * Projects longitude, latitude and height (metres) to pixels of the map canvas, with deck.gl's
 * public viewport class set to the map's current view: the same camera MapLibre draws with. With
 * terrain, MapLibre (and deck.gl) raise the camera to the terrain height at the centre; so does this.
 */
export function projector(
  dtMap: DtMap,
): (lon: number, lat: number, heightM?: number) => [number, number] {
  const canvas = dtMap.map?.getCanvas();
  const view = dtMap.view;
  const viewport = new WebMercatorViewport({
    width: canvas?.clientWidth ?? 0,
    height: canvas?.clientHeight ?? 0,
    longitude: view.center[0],
    latitude: view.center[1],
    zoom: view.zoom,
    pitch: view.pitch,
    bearing: view.bearing,
    position: [0, 0, dtMap.map?.getCenterElevation() ?? 0],
  });
  return (lon, lat, heightM = 0) => {
    const [x = NaN, y = NaN] = viewport.project([lon, lat, heightM]);
    return [x, y];
  };
}
