import type { Feature, FeatureCollection } from 'geojson';
import { DtSourceError } from '../../../core/errors.js';
import { fetchWithRetry, readBody } from '../../../core/tiles/retry.js';
import type { SourceContent, SourcePayload } from '../../base/dt-data-source-element.js';
import type { SourceKindInput, SourceKindLoader } from '../source-kinds.js';

/** One tile of a 3D Tiles tileset.json, as far as Tweeling reads it. */
export interface Tiles3dTileJson {
  /** `box` (12 numbers), `region` (6: radians and metres) or `sphere` (4). */
  boundingVolume?: { box?: number[]; region?: number[]; sphere?: number[] };
  /** The tile's geometric error (m). */
  geometricError?: number;
  /** Column-major 4x4 from the tile's frame to its parent's (ECEF at the root). */
  transform?: number[];
  /** The tile's content (3D Tiles 1.0 and 1.1). */
  content?: { uri?: string; url?: string };
  /** 3D Tiles 1.1 tile metadata: its class and property values. */
  metadata?: { class?: string; properties?: Record<string, unknown> };
  /** The child tiles. */
  children?: Tiles3dTileJson[];
}

/** A 3D Tiles tileset.json (1.0 or 1.1), as far as Tweeling reads it. */
export interface Tiles3dTilesetJson {
  /** The tileset's asset description; `version` is `1.0` or `1.1`. */
  asset: { version: string; [key: string]: unknown };
  /** The tileset's geometric error (m). */
  geometricError: number;
  /** The root tile. */
  root: Tiles3dTileJson;
}

/**
 * What a `3d-tiles` source hands its layers (`payload.kind === '3d-tiles'`): the tileset as loaded
 * and validated, and which feature of `source.data` each tile's content is.
 */
export interface Tiles3dPayload extends SourcePayload {
  /** Always `3d-tiles`. */
  readonly kind: '3d-tiles';
  /** The id of the source, for errors of tile loads. */
  readonly sourceId: string;
  /** The absolute URL of tileset.json. */
  readonly url: string;
  /** tileset.json as fetched: the layer reads it from here instead of fetching it again. */
  readonly text: string;
  /** The parsed tileset. */
  readonly tileset: Tiles3dTilesetJson;
  /** The index in `source.data.features` of each tile's content, by its absolute content URL. */
  readonly featureIndexByContent: ReadonlyMap<string, number>;
}

/** CRS names that agree with 3D Tiles' own: ECEF (EPSG:4978) and its geographic forms. */
const ECEF_COMPATIBLE = new Set(['EPSG:4978', 'EPSG:4979', 'EPSG:4326', 'OGC:CRS84']);
const BOUNDING_LENGTHS = { box: 12, region: 6, sphere: 4 } as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumberArray = (value: unknown, length: number): value is number[] =>
  Array.isArray(value) && value.length === length && value.every(Number.isFinite);

/** Why a parsed JSON value is not a tileset 3D Tiles 1.x describes, or undefined when it is one. */
function tilesetProblem(json: unknown): string | undefined {
  if (!isObject(json)) return 'tileset.json is not a JSON object';
  const { asset, root, geometricError } = json;
  if (!isObject(asset) || typeof asset.version !== 'string') return 'no "asset.version"';
  if (!/^[01]\.\d+$/.test(asset.version))
    return `unsupported 3D Tiles version "${asset.version}" (1.0 and 1.1 are read)`;
  if (typeof geometricError !== 'number') return 'no "geometricError"';
  if (!isObject(root)) return 'no "root" tile';
  const volume = root.boundingVolume;
  const known = isObject(volume)
    ? Object.entries(BOUNDING_LENGTHS).some(([key, n]) => isNumberArray(volume[key], n))
    : false;
  if (!known) return 'the root tile has no valid "boundingVolume" (box, region or sphere)';
  return undefined;
}

/** 4x4 column-major product a · b. */
function multiply(a: number[], b: number[]): number[] {
  const out = new Array<number>(16).fill(0);
  for (let c = 0; c < 4; c++)
    for (let r = 0; r < 4; r++)
      for (let k = 0; k < 4; k++) out[c * 4 + r] += (a[k * 4 + r] ?? 0) * (b[c * 4 + k] ?? 0);
  return out;
}

const IDENTITY = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

/** Longitude and latitude (degrees) of an ECEF point (WGS 84), by Bowring's formula. */
function ecefToLonLat([x, y, z]: number[]): [number, number] {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const b = a * (1 - f);
  const e2 = f * (2 - f);
  const ep2 = (a * a - b * b) / (b * b);
  const p = Math.hypot(x ?? 0, y ?? 0);
  const theta = Math.atan2((z ?? 0) * a, p * b);
  const lat = Math.atan2(
    (z ?? 0) + ep2 * b * Math.sin(theta) ** 3,
    p - e2 * a * Math.cos(theta) ** 3,
  );
  return [(Math.atan2(y ?? 0, x ?? 0) * 180) / Math.PI, (lat * 180) / Math.PI];
}

/** The centre of a tile's bounding volume in longitude and latitude, or undefined. */
function tileCentre(tile: Tiles3dTileJson, transform: number[]): [number, number] | undefined {
  const { region, box, sphere } = tile.boundingVolume ?? {};
  if (isNumberArray(region, 6)) {
    const [w, s, e, n] = region.map((r) => (r * 180) / Math.PI) as [number, number, number, number];
    return [(w + e) / 2, (s + n) / 2];
  }
  const centre = isNumberArray(box, 12) ? box : isNumberArray(sphere, 4) ? sphere : undefined;
  if (!centre) return undefined;
  const [x = 0, y = 0, z = 0] = centre;
  const t = transform;
  const world = [0, 1, 2].map(
    (r) => (t[r] ?? 0) * x + (t[4 + r] ?? 0) * y + (t[8 + r] ?? 0) * z + (t[12 + r] ?? 0),
  );
  return ecefToLonLat(world);
}

/**
 * One feature per tile that has both content and 3D Tiles 1.1 tile `metadata`: its properties are
 * the metadata's property values, its geometry the centre of its bounding volume. Tiles without
 * metadata, and external tilesets, give none.
 */
function tileFeatures(
  tileset: Tiles3dTilesetJson,
  url: string,
): { features: Feature[]; featureIndexByContent: Map<string, number> } {
  const features: Feature[] = [];
  const featureIndexByContent = new Map<string, number>();
  const stack: [Tiles3dTileJson, number[]][] = [[tileset.root, IDENTITY]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [tile, parentTransform] = entry;
    const transform = isNumberArray(tile.transform, 16)
      ? multiply(parentTransform, tile.transform)
      : parentTransform;
    const uri = tile.content?.uri ?? tile.content?.url;
    const properties = tile.metadata?.properties;
    const centre = tileCentre(tile, transform);
    if (typeof uri === 'string' && isObject(properties) && centre) {
      featureIndexByContent.set(contentUrl(uri, url), features.length);
      features.push({
        type: 'Feature',
        properties: { ...properties },
        geometry: { type: 'Point', coordinates: centre },
      });
    }
    if (Array.isArray(tile.children))
      for (const child of [...tile.children].reverse())
        if (isObject(child)) stack.push([child, transform]);
  }
  return { features, featureIndexByContent };
}

/** A tile's content URL as loaders.gl resolves it (against the tileset's folder, decoded). */
export function contentUrl(uri: string, tilesetUrl: string): string {
  return decodeURI(new URL(uri, tilesetUrl).href);
}

/**
 * `type="3d-tiles"`: an OGC 3D Tiles 1.0 or 1.1 tileset (`src` = its tileset.json). The kind fetches
 * and checks tileset.json; layers (`<dt-layer type="3d-tiles">`) load the tiles as the view needs them.
 * Tiles with 3D Tiles 1.1 tile metadata become features (search, list, select).
 */
async function loadTiles3d({
  sourceId,
  url,
  signal,
  crs,
}: SourceKindInput): Promise<SourceContent> {
  if (!url)
    throw new DtSourceError(
      sourceId,
      'missing-input',
      'no data: give a "src" URL of a tileset.json',
    );
  if (crs && !ECEF_COMPATIBLE.has(crs.toUpperCase()))
    throw new DtSourceError(
      sourceId,
      'crs',
      `crs "${crs}" does not apply: 3D Tiles are always in ECEF (EPSG:4978)`,
      { url },
    );
  const response = await fetchWithRetry(url, { signal, sourceId });
  const bytes = await readBody(response, (r) => r.arrayBuffer(), sourceId, signal);
  const text = new TextDecoder().decode(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DtSourceError(sourceId, 'parse', `tileset.json is not JSON (${reason})`, {
      url,
      cause,
    });
  }
  const problem = tilesetProblem(json);
  if (problem) throw new DtSourceError(sourceId, 'invalid-tileset', problem, { url });
  const tileset = json as Tiles3dTilesetJson;
  const { features, featureIndexByContent } = tileFeatures(tileset, url);
  const data: FeatureCollection = { type: 'FeatureCollection', features };
  const payload: Tiles3dPayload = {
    kind: '3d-tiles',
    sourceId,
    url,
    text,
    tileset,
    featureIndexByContent,
  };
  return { data, bands: {}, bytes, payload };
}

/** The data-source kinds of this file: `3d-tiles`. */
export const tiles3dKinds: Record<string, SourceKindLoader> = { '3d-tiles': loadTiles3d };
