import { lonLatToTileXY, tileXYToLonLat, type TileId } from './tile-id.js';

/** A map view as MapLibre describes it. */
export interface TileView {
  /** View centre, degrees longitude. */
  longitude: number;
  /** View centre, degrees latitude. */
  latitude: number;
  /** Map zoom (fractional); 512-px tiles by default, as in MapLibre. */
  zoom: number;
  /** Tilt from straight down, degrees (0 to < 90). */
  pitch?: number;
  /** Rotation of the map, degrees clockwise from north. */
  bearing?: number;
  /** Viewport width, CSS px. */
  width: number;
  /** Viewport height, CSS px. */
  height: number;
}

/** Options of {@link tilesInView}. */
export interface TraversalOptions {
  /** Tile size in CSS px at integer zooms (512 like MapLibre; 256 gives one zoom level more). */
  tileSize?: number;
  /** Lowest and highest tile zoom the source has. */
  minZoom?: number;
  /** Highest tile zoom the source has; views beyond it use it (overzoom). */
  maxZoom?: number;
  /**
   * Farthest visible ground, as a multiple of the camera-to-centre distance, measured from the
   * camera's ground position. Default: the far edge of a 60° pitched view (about 2.44), so views
   * pitched further (towards the horizon) stop there, as MapLibre does.
   */
  maxDistance?: number;
  /**
   * When set, tiles farther than this multiple of the camera-to-centre distance use one zoom level
   * less per doubling of distance (at most 4 less). Off by default.
   */
  lodDistance?: number;
}

/** Vertical field of view of MapLibre and deck.gl's default camera (altitude 1.5), in radians. */
const FOV = 2 * Math.atan(1 / 3);
const DEG = Math.PI / 180;

/** The visible ground: four corners in world px at map zoom, and the camera's ground position. */
interface Footprint {
  corners: [number, number][];
  camera: [number, number];
  /** Camera-to-centre distance in world px (the unit of `maxDistance` and `lodDistance`). */
  unit: number;
}

function footprint(view: TileView, maxDistance: number): Footprint {
  const pitch = Math.min(89, Math.max(0, view.pitch ?? 0)) * DEG;
  const bearing = (view.bearing ?? 0) * DEG;
  const worldSize = 512 * 2 ** view.zoom;
  const [cx, cy] = lonLatToTileXY(view.longitude, view.latitude, 0).map((v) => v * worldSize) as [
    number,
    number,
  ];
  const focal = view.height / 2 / Math.tan(FOV / 2); // px; also the camera-to-centre distance
  const cameraHeight = focal * Math.cos(pitch);
  const cameraBack = focal * Math.sin(pitch);
  // The highest screen row (offset up from the centre, px) whose ray meets the ground within reach.
  const farthestDown = Math.atan2(cameraHeight, maxDistance * focal); // ray angle below horizontal
  const topOffset = Math.min(view.height / 2, focal * Math.tan(Math.PI / 2 - pitch - farthestDown));
  // Ground point (right, forward from the centre, px) of the ray through screen offset (u, v).
  const ground = (u: number, v: number): [number, number] => {
    const dy = v * Math.cos(pitch) + focal * Math.sin(pitch);
    const dz = v * Math.sin(pitch) - focal * Math.cos(pitch); // < 0: the ray goes down
    const t = cameraHeight / -dz;
    return [t * u, -cameraBack + t * dy];
  };
  // Screen "forward" is the bearing direction; world y grows southwards.
  const toWorld = ([right, forward]: [number, number]): [number, number] => [
    cx + right * Math.cos(bearing) + forward * Math.sin(bearing),
    cy + right * Math.sin(bearing) - forward * Math.cos(bearing),
  ];
  const w = view.width / 2;
  const h = view.height / 2;
  const corners = [ground(-w, -h), ground(w, -h), ground(w, topOffset), ground(-w, topOffset)].map(
    toWorld,
  );
  return { corners, camera: toWorld([0, -cameraBack]), unit: focal };
}

/** Whether the axis-aligned box overlaps the convex polygon (separating axis test). */
function boxMeetsPolygon(box: [number, number, number, number], poly: [number, number][]): boolean {
  const [x0, y0, x1, y1] = box;
  const xs = poly.map((p) => p[0]);
  const ys = poly.map((p) => p[1]);
  if (Math.max(...xs) < x0 || Math.min(...xs) > x1 || Math.max(...ys) < y0 || Math.min(...ys) > y1)
    return false;
  const boxCorners: [number, number][] = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
  for (let i = 0; i < poly.length; i++) {
    const [ax, ay] = poly[i] ?? [0, 0];
    const [bx, by] = poly[(i + 1) % poly.length] ?? [0, 0];
    const [nx, ny] = [ay - by, bx - ax]; // edge normal
    const project = (p: [number, number]): number => p[0] * nx + p[1] * ny;
    const polyValues = poly.map(project);
    const boxValues = boxCorners.map(project);
    if (Math.max(...boxValues) < Math.min(...polyValues)) return false;
    if (Math.min(...boxValues) > Math.max(...polyValues)) return false;
  }
  return true;
}

/**
 * The ground distance from the camera's ground position to the far edge of a 60°-pitched view, in
 * camera-to-centre distances (about 2.44): the default reach of {@link tilesInView}.
 */
export const DEFAULT_MAX_DISTANCE = Math.cos(60 * DEG) / Math.tan(Math.PI / 2 - 60 * DEG - FOV / 2);

/**
 * The tile ids that cover the visible ground of `view`, nearest to the camera's ground position
 * first (for a view without pitch that is the view centre). Tiles past the antimeridian are left
 * out. The tile zoom is `floor(zoom + log2(512 / tileSize))`, clamped to `minZoom`..`maxZoom`.
 */
export function tilesInView(view: TileView, options: TraversalOptions = {}): TileId[] {
  const tileSize = options.tileSize ?? 512;
  const maxDistance = options.maxDistance ?? DEFAULT_MAX_DISTANCE;
  const zoomOffset = Math.log2(512 / tileSize);
  const tileZoom = Math.max(
    options.minZoom ?? 0,
    Math.min(options.maxZoom ?? 24, Math.floor(view.zoom + zoomOffset)),
  );
  const { corners, camera, unit } = footprint(view, maxDistance);
  const worldSize = 512 * 2 ** view.zoom;
  const found: { tile: TileId; distance: number }[] = [];
  // Quadtree descent from the world tile: only tiles that meet the footprint are split.
  const visit = (z: number, x: number, y: number): void => {
    const size = worldSize / 2 ** z;
    const box: [number, number, number, number] = [
      x * size,
      y * size,
      (x + 1) * size,
      (y + 1) * size,
    ];
    if (!boxMeetsPolygon(box, corners)) return;
    const nearX = Math.max(box[0], Math.min(camera[0], box[2]));
    const nearY = Math.max(box[1], Math.min(camera[1], box[3]));
    const near = Math.hypot(nearX - camera[0], nearY - camera[1]) / unit;
    let wanted = tileZoom;
    if (options.lodDistance !== undefined && near > options.lodDistance)
      wanted -= Math.min(4, Math.floor(Math.log2(near / options.lodDistance)) + 1);
    if (z >= Math.max(wanted, options.minZoom ?? 0, 0)) {
      const centre = Math.hypot((x + 0.5) * size - camera[0], (y + 0.5) * size - camera[1]);
      found.push({ tile: { z, x, y }, distance: centre });
      return;
    }
    for (const [dx, dy] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ] as const)
      visit(z + 1, 2 * x + dx, 2 * y + dy);
  };
  visit(0, 0, 0);
  return found.sort((a, b) => a.distance - b.distance).map((entry) => entry.tile);
}

/**
 * The visible ground of `view` as four lon/lat corners (degrees): bottom left, bottom right, top
 * right, top left of the screen, the top edge pulled in to `maxDistance` when the view looks far.
 */
export function groundFootprint(
  view: TileView,
  maxDistance = DEFAULT_MAX_DISTANCE,
): [number, number][] {
  const worldSize = 512 * 2 ** view.zoom;
  return footprint(view, maxDistance).corners.map(([x, y]) =>
    tileXYToLonLat(x / worldSize, y / worldSize, 0),
  );
}
