/**
 * URLs of single tiles of OGC and XYZ tile services: WMS GetMap per Web Mercator tile, XYZ
 * templates, WMTS REST templates and WMTS KVP GetTile. All take XYZ tile coordinates (row 0 in the
 * north).
 */
import { tileBoxMercator } from './web-mercator.js';

/** The URL of tile z/x/y. */
export type TileUrlOf = (z: number, x: number, y: number) => string;

/**
 * `url` with the query parameters `params` set: existing parameters of the same name, in any letter
 * case (OGC parameter names are case-insensitive), are replaced; the others are kept in order.
 */
export function withParams(url: string, params: Record<string, string>): string {
  const parsed = new URL(url);
  const names = new Set(Object.keys(params).map((name) => name.toLowerCase()));
  const kept = [...parsed.searchParams].filter(([name]) => !names.has(name.toLowerCase()));
  const query = [...kept, ...Object.entries(params)]
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeQueryValue(value)}`)
    .join('&');
  parsed.search = query ? `?${query}` : '';
  return parsed.href;
}

/** Percent-encodes a query value but keeps `,` `:` and `/` readable (as WMS clients send them). */
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value)
    .replace(/%2C/gi, ',')
    .replace(/%3A/gi, ':')
    .replace(/%2F/gi, '/');
}

/** What a WMS GetMap request asks for, besides the box. */
export interface WmsGetMapOptions {
  /** `1.3.0` (uses `CRS=`) or `1.1.1` (uses `SRS=`). */
  version: string;
  /** Layer names, drawn bottom to top. */
  layers: string[];
  /** Style names, one per layer (empty: the default). */
  styles: string[];
  /** Output MIME type, e.g. `image/png`. */
  format: string;
  /** Whether the background is transparent. */
  transparent: boolean;
  /** The Web Mercator code the server offers (`EPSG:3857` or an alias). */
  crs: string;
  /** Tile size in pixels. */
  tileSize: number;
}

/**
 * GetMap URLs per Web Mercator tile: BBOX is the tile's EPSG:3857 box in metres. (The WMS 1.3.0
 * axis-order swap applies to geographic CRSs such as EPSG:4326, not to EPSG:3857: x, y either way.)
 */
export function wmsTileUrls(base: string, options: WmsGetMapOptions): TileUrlOf {
  const { version, tileSize } = options;
  const prefix = withParams(base, {
    SERVICE: 'WMS',
    VERSION: version,
    REQUEST: 'GetMap',
    LAYERS: options.layers.join(','),
    STYLES: options.styles.join(','),
    [version.startsWith('1.3') ? 'CRS' : 'SRS']: options.crs,
    WIDTH: String(tileSize),
    HEIGHT: String(tileSize),
    FORMAT: options.format,
    TRANSPARENT: options.transparent ? 'TRUE' : 'FALSE',
  });
  return (z, x, y) => {
    const box = tileBoxMercator(z, x, y).map((v) => v.toFixed(3));
    return `${prefix}&BBOX=${box.join(',')}`;
  };
}

/** Whether an XYZ template has the placeholders it needs: `{z}`, `{x}` and `{y}` (or `{-y}`, TMS rows). */
export function isXyzTemplate(template: string): boolean {
  return template.includes('{z}') && template.includes('{x}') && /\{-?y\}/.test(template);
}

/** URLs from an XYZ template; `{-y}` is the TMS row (counted from the south). */
export function xyzTileUrls(template: string): TileUrlOf {
  return (z, x, y) =>
    template
      .replaceAll('{z}', String(z))
      .replaceAll('{x}', String(x))
      .replaceAll('{y}', String(y))
      .replaceAll('{-y}', String(2 ** z - 1 - y));
}

/** What names a WMTS tile besides its position. */
export interface WmtsTileOptions {
  /** Layer identifier. */
  layer: string;
  /** Style identifier. */
  style: string;
  /** Tile format (KVP `FORMAT=`). */
  format: string;
  /** Tile matrix set identifier. */
  matrixSet: string;
  /** The `TileMatrix` identifier of each XYZ zoom level. */
  matrixOfZoom: (z: number) => string;
}

/** URLs from a WMTS REST template (`{TileMatrixSet}`, `{TileMatrix}`, `{TileRow}`, `{TileCol}`, `{Style}`, `{Layer}`). */
export function wmtsRestTileUrls(template: string, options: WmtsTileOptions): TileUrlOf {
  const fixed = template
    .replace(/\{TileMatrixSet\}/gi, options.matrixSet)
    .replace(/\{Style\}/gi, options.style)
    .replace(/\{Layer\}/gi, options.layer);
  return (z, x, y) =>
    fixed
      .replace(/\{TileMatrix\}/gi, options.matrixOfZoom(z))
      .replace(/\{TileRow\}/gi, String(y))
      .replace(/\{TileCol\}/gi, String(x));
}

/** URLs of KVP GetTile requests. */
export function wmtsKvpTileUrls(base: string, options: WmtsTileOptions): TileUrlOf {
  const prefix = withParams(base, {
    SERVICE: 'WMTS',
    REQUEST: 'GetTile',
    VERSION: '1.0.0',
    LAYER: options.layer,
    STYLE: options.style,
    FORMAT: options.format,
    TILEMATRIXSET: options.matrixSet,
  });
  return (z, x, y) =>
    `${prefix}&TILEMATRIX=${encodeQueryValue(options.matrixOfZoom(z))}&TILEROW=${y}&TILECOL=${x}`;
}
