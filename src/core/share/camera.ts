/**
 * MapLibre's view (centre, zoom, pitch, bearing) and a context document's camera (position, heading,
 * tilt) are two descriptions of the same thing. MapLibre looks from a camera at a distance
 * `D = (H / 2) / tan(fov / 2)` pixels from the centre of a viewport `H` pixels high (vertical field of
 * view `fov`, 36.87 degrees). At zoom `z` a pixel is `m = 2 pi R cos(lat) / (512 * 2^z)` metres at
 * the centre's latitude (R = 6371008.8 m, 512-pixel tiles). So the camera is `D m cos(pitch)` metres
 * above the centre and `D m sin(pitch)` metres behind it, on the side opposite to the bearing;
 * heading = bearing (in [0, 360)), tilt = pitch (both 0 = looking straight down). The offset is taken in Web
 * Mercator, as MapLibre does, so converting back gives the same view for the same viewport height.
 * The centre is taken at height 0 (sea level; Delft is within a few metres of NAP).
 */

/** CRS84 (longitude, latitude in WGS 84 degrees, with a height in metres), as OGC names it. */
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

/** MapLibre's default vertical field of view, degrees (atan(3/4), 36.87). */
export const MAPLIBRE_FOV_DEG = (Math.atan(0.75) * 180) / Math.PI;

/** MapLibre's earth radius, metres. */
const EARTH_RADIUS_M = 6371008.8;
const TILE_SIZE = 512;
const RAD = Math.PI / 180;

/** A view of the map. */
export interface MapView {
  /** [longitude, latitude] of the centre, WGS 84 degrees. */
  center: [number, number];
  /** MapLibre zoom. */
  zoom: number;
  /** Tilt from straight down, degrees. */
  pitch: number;
  /** Clockwise from north, degrees. */
  bearing: number;
}

/** A camera of a context document. */
export interface ContextCamera {
  /** Compass direction the camera looks in, degrees clockwise from north. */
  heading: number;
  /** Tilt from straight down, degrees (0 looks straight down, 90 at the horizon). */
  tilt: number;
  /** Where the camera is: WGS 84 degrees and metres above sea level. */
  position: { lat: number; lon: number; z: number };
  /** The CRS of the position: {@link CRS84}. */
  crs: string;
}

const mercatorX = (lon: number) => (180 + lon) / 360;
const mercatorY = (lat: number) =>
  (180 - (180 / Math.PI) * Math.log(Math.tan(Math.PI / 4 + (lat * RAD) / 2))) / 360;
const lonOf = (x: number) => x * 360 - 180;
const latOf = (y: number) => (360 / Math.PI) * Math.atan(Math.exp((180 - y * 360) * RAD)) - 90;
/** Web Mercator units (the world is 1 wide) per metre at a latitude. */
const mercatorPerMetre = (lat: number) => 1 / (2 * Math.PI * EARTH_RADIUS_M * Math.cos(lat * RAD));

/** Camera to centre, in pixels, for a viewport `heightPx` high. */
function centreDistancePx(heightPx: number, fovDeg: number): number {
  return heightPx / 2 / Math.tan((fovDeg * RAD) / 2);
}

/** The camera of a view in a viewport `heightPx` CSS pixels high. */
export function viewToCamera(
  view: MapView,
  heightPx: number,
  fovDeg = MAPLIBRE_FOV_DEG,
): ContextCamera {
  const [lon, lat] = view.center;
  const worldSize = TILE_SIZE * 2 ** view.zoom;
  const distancePx = centreDistancePx(heightPx, fovDeg);
  const pitch = view.pitch * RAD;
  const bearing = view.bearing * RAD;
  // Behind the centre: against the viewing direction (x east, Mercator y south).
  const back = (Math.sin(pitch) * distancePx) / worldSize;
  const x = mercatorX(lon) - Math.sin(bearing) * back;
  const y = mercatorY(lat) + Math.cos(bearing) * back;
  const metresPerPixel = 1 / (mercatorPerMetre(lat) * worldSize);
  return {
    heading: ((view.bearing % 360) + 360) % 360,
    tilt: view.pitch,
    position: { lat: latOf(y), lon: lonOf(x), z: Math.cos(pitch) * distancePx * metresPerPixel },
    crs: CRS84,
  };
}

/**
 * The view that shows what a camera sees, in a viewport `heightPx` CSS pixels high: the centre is
 * where the camera's line of sight meets height 0, the zoom the one that puts the camera at its
 * height. The tilt must be below 90 degrees (a camera looking at or above the horizon sees no centre).
 * @throws RangeError when the camera is not above the ground or looks at or above the horizon.
 */
export function cameraToView(
  camera: ContextCamera,
  heightPx: number,
  fovDeg = MAPLIBRE_FOV_DEG,
): MapView {
  const { lat, lon, z } = camera.position;
  if (!(z > 0)) throw new RangeError('the camera must be above the ground (z > 0)');
  if (!(camera.tilt >= 0 && camera.tilt < 90)) throw new RangeError('tilt must be in [0, 90)');
  const pitch = camera.tilt * RAD;
  const bearing = camera.heading * RAD;
  const ahead = z * Math.tan(pitch); // metres along the ground to the centre
  // The Mercator scale is the centre's, which depends on where the centre is: a few fixed-point
  // steps settle it (the latitude changes by far less than a degree).
  let centreLat = lat;
  let x = mercatorX(lon);
  let y = mercatorY(lat);
  for (let i = 0; i < 4; i++) {
    const offset = ahead * mercatorPerMetre(centreLat);
    x = mercatorX(lon) + Math.sin(bearing) * offset;
    y = mercatorY(lat) - Math.cos(bearing) * offset;
    centreLat = latOf(y);
  }
  const distancePx = centreDistancePx(heightPx, fovDeg);
  // z = cos(pitch) * distancePx / (worldSize * mercatorPerMetre): solve for worldSize.
  const worldSize = (Math.cos(pitch) * distancePx) / (z * mercatorPerMetre(centreLat));
  return {
    center: [lonOf(x), centreLat],
    zoom: Math.log2(worldSize / TILE_SIZE),
    pitch: camera.tilt,
    bearing: camera.heading,
  };
}
