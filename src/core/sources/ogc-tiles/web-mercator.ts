/**
 * Web Mercator (EPSG:3857) tile math for OGC tile services: the metre box of an XYZ tile (a WMS
 * GetMap BBOX) and the checks that tell a WMTS tile matrix set on the GoogleMapsCompatible grid.
 */

/** Half the width of the Web Mercator world in metres (π · 6378137). */
export const WEB_MERCATOR_HALF_WORLD_M = Math.PI * 6378137;

/**
 * Scale denominator of zoom 0 of the GoogleMapsCompatible well-known scale set (256-px tiles, 0.28 mm
 * pixels; OGC WMTS 1.0 annex E.4). Zoom z has this divided by 2^z.
 */
export const GOOGLE_MAPS_SCALE_Z0 = 559082264.0287178;

/** A box `[minX, minY, maxX, maxY]` in EPSG:3857 metres. */
export type MercatorBox = [number, number, number, number];

/** The EPSG:3857 box of XYZ tile z/x/y (row 0 in the north), in metres. */
export function tileBoxMercator(z: number, x: number, y: number): MercatorBox {
  const size = (2 * WEB_MERCATOR_HALF_WORLD_M) / 2 ** z;
  const minX = -WEB_MERCATOR_HALF_WORLD_M + x * size;
  const maxY = WEB_MERCATOR_HALF_WORLD_M - y * size;
  return [minX, maxY - size, minX + size, maxY];
}

/**
 * Whether a CRS name means Web Mercator: `EPSG:3857` in any of its spellings (`urn:ogc:def:crs:EPSG::3857`,
 * `urn:ogc:def:crs:EPSG:6.3:3857`, `http://www.opengis.net/def/crs/EPSG/0/3857`) or its old aliases
 * (900913, 3785, 102100, 102113).
 */
export function isWebMercatorCrs(name: string): boolean {
  const code = /(?:EPSG|epsg)[^0-9]*(?:[0-9.]*[:/])?(\d+)\s*$/.exec(name.trim())?.[1];
  return code !== undefined && ['3857', '900913', '3785', '102100', '102113'].includes(code);
}

/** One tile matrix (one zoom level) of a WMTS tile matrix set. */
export interface TileMatrix {
  /** The identifier the service uses in tile requests (`TileMatrix=`), e.g. `16` or `EPSG:3857:16`. */
  identifier: string;
  /** Scale denominator (0.28 mm pixels). */
  scaleDenominator: number;
  /** Top-left corner in the set's CRS, as written (x then y for EPSG:3857). */
  topLeft: [number, number];
  /** Tile width in pixels. */
  tileWidth: number;
  /** Tile height in pixels. */
  tileHeight: number;
  /** Tiles across. */
  matrixWidth: number;
  /** Tiles down. */
  matrixHeight: number;
}

/**
 * The XYZ zoom level of a matrix when it is a level of the GoogleMapsCompatible grid (top-left at
 * the world's corner, 2^z tiles across, the scale of zoom z for its tile size within 1 %), else
 * undefined. Such a matrix's TileCol/TileRow are XYZ x/y.
 */
export function webMercatorZoomOf(matrix: TileMatrix): number | undefined {
  const { topLeft, tileWidth, tileHeight, scaleDenominator, matrixWidth } = matrix;
  if (tileWidth !== tileHeight || tileWidth <= 0) return undefined;
  const corner = WEB_MERCATOR_HALF_WORLD_M;
  const tolerance = 1; // metres: capabilities round the corner to mm or cm
  if (Math.abs(topLeft[0] + corner) > tolerance || Math.abs(topLeft[1] - corner) > tolerance)
    return undefined;
  const z = Math.log2(matrixWidth);
  if (!Number.isInteger(z)) return undefined;
  const expected = (GOOGLE_MAPS_SCALE_Z0 * (256 / tileWidth)) / 2 ** z;
  return Math.abs(scaleDenominator / expected - 1) < 0.01 ? z : undefined;
}
