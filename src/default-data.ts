/**
 * The shipped Delft data files, as absolute URLs. They live next to this module in the source tree
 * (`src/data/`) and next to the bundles in `dist/` (`dist/data/`), so a page served from any path finds
 * them offline. (Each URL is written out whole: bundlers rewrite `new URL('./file', import.meta.url)`.)
 */
export const DELFT_DATA = {
  buildings: new URL('./data/delft/buildings.geojson', import.meta.url).href,
  landcover: new URL('./data/delft/bgt-landcover.geojson', import.meta.url).href,
} as const;

/** The view of the shipped Delft area: centre (lon, lat), zoom, pitch, bearing. */
export const DELFT_VIEW = {
  center: [4.3672, 52.0117] as [number, number],
  zoom: 16.75,
  pitch: 55,
  bearing: -25,
};
