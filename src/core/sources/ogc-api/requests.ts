/**
 * The documents an OGC API - Features source reads besides its items: the collection, the
 * conformance declaration and the queryables or schema; and what the loader derives from them
 * (where a CQL2 filter runs, which properties are numbers, the features to draw). DOM-free.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { DtSourceError } from '../../errors.js';
import type { BBox } from '../../geo/geojson.js';
import { fetchWithRetry, readBody } from '../../tiles/retry.js';
import { cql2ToClientFilter, matchesFilter, type ClientFilter } from './client-filter.js';
import { autoNumericProperties, coerceNumbers, numericPropertiesOfSchema } from './coerce.js';
import { parseCollection, type OgcCollection } from './collection.js';
import { parseConformance, supportsCql2Text } from './conformance.js';
import { JSON_ACCEPT } from './links.js';

/**
 * Fetches a JSON document with the core's retry policy.
 * @throws DtSourceError `parse` naming `what` and the URL when the answer is not JSON.
 */
export async function fetchJson(
  url: string,
  what: string,
  sourceId: string,
  signal: AbortSignal,
): Promise<unknown> {
  const response = await fetchWithRetry(url, {
    signal,
    sourceId,
    init: { headers: { Accept: JSON_ACCEPT } },
  });
  const text = await readBody(response, (r) => r.text(), sourceId, signal);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DtSourceError(sourceId, 'parse', `the ${what} is not valid JSON: ${reason}`, {
      url,
      cause,
    });
  }
}

/** Reads the collection document. @throws DtSourceError (`http`, `parse`, `invalid-collection`, ...). */
export async function readCollection(
  url: string,
  sourceId: string,
  signal: AbortSignal,
): Promise<OgcCollection> {
  return parseCollection(
    await fetchJson(url, 'collection document', sourceId, signal),
    url,
    sourceId,
  );
}

/** Reads `/conformance`; a server without one (HTTP 404) declares nothing. */
export async function readConformance(
  url: string,
  sourceId: string,
  signal: AbortSignal,
): Promise<Set<string>> {
  try {
    return parseConformance(await fetchJson(url, 'conformance declaration', sourceId, signal));
  } catch (error) {
    if (error instanceof DtSourceError && error.code === 'http' && error.status === 404)
      return new Set();
    throw error;
  }
}

/**
 * The properties the collection's queryables or schema type as numbers; none when it links neither,
 * or when that document cannot be read (it is optional: the features still load).
 */
export async function readSchemaNumbers(
  collection: OgcCollection,
  sourceId: string,
  signal: AbortSignal,
): Promise<Set<string>> {
  if (!collection.schemaUrl) return new Set();
  try {
    return numericPropertiesOfSchema(
      await fetchJson(collection.schemaUrl, 'schema', sourceId, signal),
    );
  } catch (error) {
    if (signal.aborted) throw error;
    console.warn(
      `Tweeling: source "${sourceId}": the schema was not read, so no numbers from it`,
      error,
    );
    return new Set();
  }
}

/** Where a `cql` expression is evaluated. */
export interface CqlPlan {
  /** CQL2 text to send as `filter` (the server declares CQL2 text), else undefined. */
  serverCql: string | undefined;
  /** The clauses to apply here: `filter`, plus the CQL2 when the server cannot take it. */
  filter: ClientFilter;
}

/**
 * Sends `cql` to the server when its conformance declares Part 3 filtering and CQL2 text; else
 * evaluates it here when it is simple enough (comparisons joined by AND).
 * @throws DtSourceError `unsupported` when the server does not declare CQL2 and the expression is
 * more than this browser-side subset.
 */
export function planCql(
  cql: string | undefined,
  filter: ClientFilter,
  conformance: ReadonlySet<string> | undefined,
  sourceId: string,
  conformanceUrl: string,
): CqlPlan {
  if (!cql) return { serverCql: undefined, filter };
  if (conformance && supportsCql2Text(conformance)) return { serverCql: cql, filter };
  const clauses = cql2ToClientFilter(cql);
  if (!clauses) {
    throw new DtSourceError(
      sourceId,
      'unsupported',
      `the server does not declare CQL2 text filtering (OGC API - Features Part 3) and cql="${cql}" is more than ` +
        'comparisons joined by AND, which are evaluated in the browser instead',
      { url: conformanceUrl },
    );
  }
  return { serverCql: undefined, filter: [...filter, ...clauses] };
}

/**
 * The features to draw: numbers coerced in place (`numeric`, plus `auto` ones), then those that pass
 * the client filter, in a new collection.
 */
export function featuresForDrawing(
  features: Feature[],
  numeric: ReadonlySet<string>,
  auto: boolean,
  filter: ClientFilter,
): FeatureCollection {
  coerceNumbers(features, numeric);
  if (auto) coerceNumbers(features, autoNumericProperties(features));
  return {
    type: 'FeatureCollection',
    features:
      filter.length === 0 ? features : features.filter((f) => matchesFilter(f.properties, filter)),
  };
}

/** Whether box `view` lies inside one of `boxes` (all longitude/latitude). */
export function coveredBy(view: BBox | undefined, boxes: readonly BBox[]): boolean {
  if (!view) return false;
  return boxes.some(
    (b) => view[0] >= b[0] && view[1] >= b[1] && view[2] <= b[2] && view[3] <= b[3],
  );
}
