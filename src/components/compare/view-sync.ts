/**
 * Keeps two MapLibre maps at the same camera (side by side): moving either one, by pointer, keyboard,
 * buttons or script, moves the other to the same centre, zoom, pitch and bearing in the same frame.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

/** The camera of `from` on `to`, without animation. */
function copyCamera(from: MapLibreMap, to: MapLibreMap): void {
  to.jumpTo({
    center: from.getCenter(),
    zoom: from.getZoom(),
    pitch: from.getPitch(),
    bearing: from.getBearing(),
  });
}

/**
 * Links two maps: `second` starts at `first`'s camera, and every `move` of one is copied to the
 * other. A flag stops the copy from echoing back (jumpTo fires `move` on the map it moves). Returns
 * the function that unlinks them.
 */
export function linkViews(first: MapLibreMap, second: MapLibreMap): () => void {
  let copying = false;
  const follow = (from: MapLibreMap, to: MapLibreMap) => () => {
    if (copying) return;
    copying = true;
    try {
      copyCamera(from, to);
    } finally {
      copying = false;
    }
  };
  const firstMoved = follow(first, second);
  const secondMoved = follow(second, first);
  copyCamera(first, second);
  first.on('move', firstMoved);
  second.on('move', secondMoved);
  return () => {
    first.off('move', firstMoved);
    second.off('move', secondMoved);
  };
}
