/**
 * The conformance declaration of an OGC API (`/conformance`): which parts of the standard the server
 * implements. The loader sends CQL2 filters only to servers that declare them. DOM-free.
 */

/** Conformance class URIs the loader looks for. */
export const CONFORMANCE = {
  /** OGC API - Features Part 1: Core. */
  core: 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  /** Part 2: coordinate reference systems by reference (`crs`, `bbox-crs`). */
  crs: 'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  /** Part 3: the `filter` and `filter-lang` parameters. */
  filter: 'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  /** Part 3: filtering items of a collection (`/items?filter=`). */
  featuresFilter: 'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
  /** CQL2: the text encoding. */
  cql2Text: 'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
  /** CQL2: basic comparisons (`=`, `<`, `AND`, ...). */
  basicCql2: 'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
} as const;

/**
 * The conformance classes of a `/conformance` document (parsed JSON), without a trailing slash;
 * an empty set when it has no `conformsTo` array.
 */
export function parseConformance(json: unknown): Set<string> {
  const list =
    typeof json === 'object' && json !== null
      ? (json as { conformsTo?: unknown }).conformsTo
      : undefined;
  if (!Array.isArray(list)) return new Set();
  return new Set(
    list
      .filter((uri): uri is string => typeof uri === 'string')
      .map((uri) => uri.replace(/\/+$/, '')),
  );
}

/**
 * Whether a server takes `filter=...&filter-lang=cql2-text` on its items: it declares the Part 3
 * filter class and the CQL2 text encoding (OGC 19-079r2; CQL2 OGC 21-065r2).
 */
export function supportsCql2Text(conformance: ReadonlySet<string>): boolean {
  return conformance.has(CONFORMANCE.filter) && conformance.has(CONFORMANCE.cql2Text);
}
