/**
 * The collection document of OGC API - Features (`/collections/{collectionId}`): where its items
 * are, which CRSs it offers (Part 2), and where its queryables or schema are. DOM-free.
 */
import { DtSourceError } from '../../errors.js';
import { normalizeCrs } from '../reproject.js';
import { findLink, linksOf } from './links.js';

/** What the loader needs from a collection document. */
export interface OgcCollection {
  /** The collection's `id`. */
  id: string;
  /** Its title, when given. */
  title: string | undefined;
  /** The URL of the collection document that was read. */
  url: string;
  /** The items URL (the `items` link as GeoJSON, else `{collection}/items`). */
  itemsUrl: string;
  /**
   * The CRSs the collection offers (Part 2 `crs`), normalised (`EPSG:28992`; CRS84 as `EPSG:4326`),
   * with their URIs as the server wrote them. Empty when the server lists none (CRS84 only).
   */
  crs: { code: string; uri: string }[];
  /** The CRS the data is stored in (Part 2 `storageCrs`), normalised; undefined when not given. */
  storageCrs: string | undefined;
  /** The queryables (Part 3) or schema (Part 5) document, when the collection links one. */
  schemaUrl: string | undefined;
}

/** Query parameters of an items request, left out of the collection and conformance URLs. */
const ITEM_PARAMS = ['f', 'bbox', 'bbox-crs', 'crs', 'limit', 'offset', 'filter', 'filter-lang'];

/** The link relations of a JSON Schema of the collection's properties: queryables first. */
export const SCHEMA_RELS = [
  'http://www.opengis.net/def/rel/ogc/1.0/queryables',
  'queryables',
  'http://www.opengis.net/def/rel/ogc/1.0/schema',
  'describedby',
] as const;

/** The URLs a `src` stands for: the collection document and, when `src` is the items URL, that. */
export interface OgcSourceUrls {
  /** `.../collections/{collectionId}` (with the query parameters of `src` that are not item ones). */
  collectionUrl: string;
  /** `src` itself when it is the items URL (`.../items`), else undefined. */
  itemsUrl: string | undefined;
  /** `.../conformance` of the API (the path before `/collections/`). */
  conformanceUrl: string;
}

/** Splits `src` (a collection URL or its items URL) into the URLs the loader reads. */
export function ogcSourceUrls(src: string): OgcSourceUrls {
  const url = new URL(src);
  const path = url.pathname.replace(/\/+$/, '');
  const isItems = /\/items$/.test(path);
  const collection = new URL(url.href);
  collection.pathname = isItems ? path.replace(/\/items$/, '') : path;
  for (const name of ITEM_PARAMS) collection.searchParams.delete(name);
  const conformance = new URL(collection.href);
  const at = collection.pathname.lastIndexOf('/collections/');
  conformance.pathname = `${at >= 0 ? collection.pathname.slice(0, at) : collection.pathname}/conformance`;
  return {
    collectionUrl: collection.href,
    itemsUrl: isItems ? url.href : undefined,
    conformanceUrl: conformance.href,
  };
}

/**
 * Reads a collection document (parsed JSON) fetched from `url`.
 * @throws DtSourceError with code `invalid-collection` when it is not one (no `id` or no `links`).
 */
export function parseCollection(json: unknown, url: string, sourceId: string): OgcCollection {
  const doc = typeof json === 'object' && json !== null && !Array.isArray(json) ? json : undefined;
  const record = doc as Record<string, unknown> | undefined;
  if (!record || typeof record.id !== 'string' || !Array.isArray(record.links)) {
    const what = !record
      ? 'not a JSON object'
      : typeof record.id !== 'string'
        ? 'no "id"'
        : 'no "links"';
    throw new DtSourceError(
      sourceId,
      'invalid-collection',
      `not an OGC API collection document (${what}): give the URL of .../collections/{id}`,
      { url },
    );
  }
  const links = linksOf(record);
  const itemsUrl =
    findLink(links, 'items', url) ??
    new URL(`${new URL(url).pathname.replace(/\/+$/, '')}/items`, url).href;
  const crsList = Array.isArray(record.crs) ? record.crs : [];
  const crs = crsList
    .filter((uri): uri is string => typeof uri === 'string')
    .map((uri) => ({ code: normalizeCrs(uri), uri }));
  return {
    id: record.id,
    title: typeof record.title === 'string' ? record.title : undefined,
    url,
    itemsUrl,
    crs,
    storageCrs: typeof record.storageCrs === 'string' ? normalizeCrs(record.storageCrs) : undefined,
    schemaUrl: findLink(links, SCHEMA_RELS, url, ['application/schema+json', 'application/json']),
  };
}
