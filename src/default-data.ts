/**
 * The shipped Delft data files, as absolute URLs. They live next to this module in the source tree
 * (`src/data/`) and next to the bundles in `dist/` (`dist/data/`), so a page served from any path finds
 * them offline. (Each URL is written out whole: bundlers rewrite `new URL('./file', import.meta.url)`.)
 */
export const DELFT_DATA = {
  /** 160 BAG building footprints with AHN3 heights (metres NAP), WGS 84 longitude/latitude GeoJSON. */
  buildings: new URL('./data/delft/buildings.geojson', import.meta.url).href,
  /** 422 BGT land-cover polygons, WGS 84 longitude/latitude GeoJSON. */
  landcover: new URL('./data/delft/bgt-landcover.geojson', import.meta.url).href,
  /** AHN3 terrain (ground) heights, metres NAP: GeoTIFF, Float32, 529 x 458 cells of 0.5 m, EPSG:28992, gaps filled. */
  dtm: new URL('./data/delft/ahn3-dtm-50cm.tif', import.meta.url).href,
} as const;

/** The view of the shipped Delft area: centre (lon, lat), zoom, pitch, bearing. */
export const DELFT_VIEW = {
  /** [longitude, latitude] in WGS 84 degrees. */
  center: [4.3672, 52.0117] as [number, number],
  /** Zoom level (MapLibre). */
  zoom: 16.75,
  /** Tilt from straight down, in degrees. */
  pitch: 55,
  /** Compass direction at the top of the map, in degrees clockwise from north. */
  bearing: -25,
};
