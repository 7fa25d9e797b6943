/**
 * Pages of items (`/collections/{id}/items`): the request URL with `bbox`, `limit`, `crs` and CQL2
 * `filter`, one page read and checked, and the walk along `next` links. DOM-free.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { DtSourceError } from '../../errors.js';
import { GeoJsonError, toFeatureCollection } from '../../geo/geojson.js';
import { fetchWithRetry, readBody } from '../../tiles/retry.js';
import { WGS84, isKnownCrs } from '../reproject.js';
import { bboxIn, pageToWgs84, parseContentCrs } from './crs.js';
import { JSON_ACCEPT, findLink, linksOf } from './links.js';

/** What one items request asks for. */
export interface ItemsQuery {
  /** Longitude/latitude box (west, south, east, north) of the view; undefined: the whole collection. */
  bbox?: readonly [number, number, number, number] | undefined;
  /** Features per page (`limit`). */
  limit: number;
  /** The CRS to ask for (`crs`, and `bbox-crs` for the box); undefined: CRS84. */
  crs?: { code: string; uri: string } | undefined;
  /** CQL2 text sent as `filter` with `filter-lang=cql2-text`. */
  cql?: string | undefined;
}

/** Rounds a box outwards to `decimals`, so a request URL stays short and still covers the box. */
function roundOut(box: readonly number[], decimals: number): string {
  const f = 10 ** decimals;
  return box.map((v, i) => (i < 2 ? Math.floor(v * f) : Math.ceil(v * f)) / f).join(',');
}

/** The URL of the first page of items for `query` (the items URL's own parameters are kept). */
export function itemsPageUrl(itemsUrl: string, query: ItemsQuery): string {
  const url = new URL(itemsUrl);
  const params = url.searchParams;
  params.set('limit', String(query.limit));
  if (query.bbox) {
    if (query.crs) {
      params.set('bbox', roundOut(bboxIn(query.bbox, query.crs.code), 2));
      params.set('bbox-crs', query.crs.uri);
    } else params.set('bbox', roundOut(query.bbox, 7));
  }
  if (query.crs) params.set('crs', query.crs.uri);
  if (query.cql) {
    params.set('filter', query.cql);
    params.set('filter-lang', 'cql2-text');
  }
  return url.href;
}

/** One page of items, in WGS 84. */
export interface ItemsPage {
  /** The features of the page, reprojected to WGS 84. */
  features: Feature[];
  /** The `next` link, absolute; undefined on the last page. */
  next: string | undefined;
}

/**
 * Fetches and reads one page: GeoJSON FeatureCollection, CRS from the `Content-Crs` header (when the
 * browser may read it), else the CRS asked for, else CRS84.
 * @throws DtSourceError `parse` (not JSON), `invalid-geojson` (not a FeatureCollection), `crs`
 * (an unknown CRS, or positions that do not fit it), or the request's `http`/`network`/`timeout`.
 */
export async function fetchItemsPage(
  url: string,
  options: { sourceId: string; signal: AbortSignal; crs?: string | undefined },
): Promise<ItemsPage> {
  const { sourceId, signal } = options;
  const response = await fetchWithRetry(url, {
    signal,
    sourceId,
    init: { headers: { Accept: JSON_ACCEPT } },
  });
  const text = await readBody(response, (r) => r.text(), sourceId, signal);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DtSourceError(sourceId, 'parse', `the items page is not valid JSON: ${reason}`, {
      url,
      cause,
    });
  }
  const type =
    typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
  let page: FeatureCollection;
  try {
    if (type !== 'FeatureCollection')
      throw new GeoJsonError(
        `"type" is ${JSON.stringify(type) ?? 'missing'}, not "FeatureCollection"`,
      );
    page = toFeatureCollection(json);
  } catch (cause) {
    if (!(cause instanceof GeoJsonError)) throw cause;
    throw new DtSourceError(
      sourceId,
      'invalid-geojson',
      `the items page is not a GeoJSON FeatureCollection: ${cause.message}`,
      { url, cause },
    );
  }
  const crs = parseContentCrs(response.headers.get('Content-Crs')) ?? options.crs ?? WGS84;
  if (!isKnownCrs(crs)) {
    throw new DtSourceError(sourceId, 'crs', `the items are in an unknown CRS "${crs}"`, { url });
  }
  const problem = pageToWgs84(page, crs);
  if (problem)
    throw new DtSourceError(sourceId, 'crs', `the items do not fit their CRS: ${problem}`, { url });
  return { features: page.features, next: findLink(linksOf(json), 'next', url) };
}

/** The query parameters of the first request that every page must keep. */
const KEPT_PARAMS = ['bbox', 'bbox-crs', 'crs', 'filter', 'filter-lang'];

/**
 * A `next` link with the query parameters of the first request it dropped put back. MapServer 8.0
 * drops `bbox` from its `next` links (`items?f=json&limit=50&offset=50`), whose pages would then
 * hold the whole collection instead of the view.
 */
export function keepQuery(next: string, firstUrl: string): string {
  const url = new URL(next);
  const first = new URL(firstUrl).searchParams;
  for (const name of KEPT_PARAMS) {
    const value = first.get(name);
    if (value !== null && !url.searchParams.has(name)) url.searchParams.set(name, value);
  }
  return url.href;
}

/** Options of {@link loadItemPages}. */
export interface LoadItemPagesOptions {
  /** Names the source in errors. */
  sourceId: string;
  /** Aborts the page in flight; the promise then rejects with the abort reason. */
  signal: AbortSignal;
  /** The CRS asked for (normalised), when one was. */
  crs?: string | undefined;
  /** Stop following `next` once this many features arrived. */
  maxFeatures: number;
  /** Called with each page's features as it arrives. */
  onPage: (features: Feature[], pageUrl: string) => void;
}

/** What a walk along the `next` links did. */
export interface ItemPagesResult {
  /** Pages read. */
  pages: number;
  /** Features received (before deduplication). */
  features: number;
  /** Whether it stopped at `maxFeatures` with a `next` link left. */
  truncated: boolean;
}

/**
 * Reads the first page and follows `next` links until the last page, an empty page, a link seen
 * before, or `maxFeatures` features.
 */
export async function loadItemPages(
  firstUrl: string,
  options: LoadItemPagesOptions,
): Promise<ItemPagesResult> {
  const seen = new Set<string>();
  let url: string | undefined = firstUrl;
  let pages = 0;
  let features = 0;
  while (url && !seen.has(url)) {
    seen.add(url);
    const page: ItemsPage = await fetchItemsPage(url, options);
    pages++;
    features += page.features.length;
    options.onPage(page.features, url);
    if (page.features.length === 0) return { pages, features, truncated: false };
    if (features >= options.maxFeatures)
      return { pages, features, truncated: page.next !== undefined };
    url = page.next && keepQuery(page.next, firstUrl);
  }
  return { pages, features, truncated: false };
}
