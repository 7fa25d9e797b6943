/** Largest latitude (degrees) of the square Web Mercator world (EPSG:3857). */
export const MAX_LATITUDE = 85.0511287798066;

/** A Web Mercator XYZ tile: zoom `z`, column `x` (west to east), row `y` (north to south). */
export interface TileId {
  /** Zoom level: the world is 2^z by 2^z tiles. */
  readonly z: number;
  /** Column, 0 at 180°W. */
  readonly x: number;
  /** Row, 0 at the northern edge (85.05°N). */
  readonly y: number;
}

/** A lon/lat box in degrees (WGS84). */
export interface LonLatBounds {
  /** Western edge, degrees longitude. */
  readonly west: number;
  /** Southern edge, degrees latitude. */
  readonly south: number;
  /** Eastern edge, degrees longitude. */
  readonly east: number;
  /** Northern edge, degrees latitude. */
  readonly north: number;
}

/** The string key of a tile, `"z/x/y"`: use it for maps, caches and request sharing. */
export function tileKey(tile: TileId): string {
  return `${tile.z}/${tile.x}/${tile.y}`;
}

/** Reads a `"z/x/y"` key back; throws a RangeError for anything else. */
export function parseTileKey(key: string): TileId {
  const match = /^(\d+)\/(\d+)\/(\d+)$/.exec(key);
  if (!match) throw new RangeError(`not a tile key: "${key}"`);
  const tile = { z: Number(match[1]), x: Number(match[2]), y: Number(match[3]) };
  if (!isValidTile(tile)) throw new RangeError(`tile ${key} is outside the world`);
  return tile;
}

/** Whether `tile` has integer coordinates inside the 2^z by 2^z grid. */
export function isValidTile(tile: TileId): boolean {
  const n = 2 ** tile.z;
  return (
    Number.isInteger(tile.z) &&
    Number.isInteger(tile.x) &&
    Number.isInteger(tile.y) &&
    tile.z >= 0 &&
    tile.x >= 0 &&
    tile.y >= 0 &&
    tile.x < n &&
    tile.y < n
  );
}

/**
 * Fractional tile coordinates of a lon/lat (degrees) at zoom `z`: `[x, y]`, both in tiles. Latitude is
 * clamped to ±{@link MAX_LATITUDE}.
 */
export function lonLatToTileXY(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const x = ((lon + 180) / 360) * n;
  const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n;
  return [x, y];
}

/** Lon/lat (degrees) of fractional tile coordinates `x`, `y` at zoom `z`. */
export function tileXYToLonLat(x: number, y: number, z: number): [number, number] {
  const n = 2 ** z;
  const lon = (x / n) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
  return [lon, lat];
}

/** The tile at zoom `z` that contains lon/lat (degrees); points on the world's edge go to the edge tile. */
export function lonLatToTile(lon: number, lat: number, z: number): TileId {
  const n = 2 ** z;
  const [x, y] = lonLatToTileXY(lon, lat, z);
  const clamp = (v: number): number => Math.max(0, Math.min(n - 1, Math.floor(v)));
  return { z, x: clamp(x), y: clamp(y) };
}

/** The lon/lat box of a tile, in degrees. */
export function tileBounds(tile: TileId): LonLatBounds {
  const [west, north] = tileXYToLonLat(tile.x, tile.y, tile.z);
  const [east, south] = tileXYToLonLat(tile.x + 1, tile.y + 1, tile.z);
  return { west, south, east, north };
}

/** The tile one zoom level up that contains `tile`, or undefined for the zoom-0 tile. */
export function tileParent(tile: TileId): TileId | undefined {
  if (tile.z === 0) return undefined;
  return { z: tile.z - 1, x: Math.floor(tile.x / 2), y: Math.floor(tile.y / 2) };
}

/** The four tiles one zoom level down, in the order NW, NE, SW, SE. */
export function tileChildren(tile: TileId): [TileId, TileId, TileId, TileId] {
  const z = tile.z + 1;
  const x = tile.x * 2;
  const y = tile.y * 2;
  return [
    { z, x, y },
    { z, x: x + 1, y },
    { z, x, y: y + 1 },
    { z, x: x + 1, y: y + 1 },
  ];
}
