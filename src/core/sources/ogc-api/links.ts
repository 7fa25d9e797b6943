/**
 * Links of OGC API documents (landing page, collection, items page): `{ href, rel, type }` as in
 * OGC API - Features Part 1, section 7.2 (RFC 8288 web links written as JSON). DOM-free.
 */

/** One link of an OGC API document. */
export interface OgcLink {
  /** The target, absolute or relative to the document's URL. */
  href: string;
  /** The relation (`self`, `next`, `items`, `conformance`, or an OGC relation URI). */
  rel: string;
  /** The media type of the target, when given. */
  type?: string;
  /** A title, when given. */
  title?: string;
}

/** The media types of GeoJSON answers, most wanted first (the `Accept` header asks for them). */
export const GEOJSON_TYPES = ['application/geo+json', 'application/json'] as const;

/** The `Accept` header of every OGC API request: GeoJSON, else JSON. */
export const JSON_ACCEPT = 'application/geo+json, application/json;q=0.9';

/** The `links` array of a parsed document, keeping only well-formed entries (`href` and `rel` strings). */
export function linksOf(document: unknown): OgcLink[] {
  if (typeof document !== 'object' || document === null) return [];
  const links = (document as { links?: unknown }).links;
  if (!Array.isArray(links)) return [];
  return links.filter(
    (link): link is OgcLink =>
      typeof link === 'object' &&
      link !== null &&
      typeof (link as OgcLink).href === 'string' &&
      typeof (link as OgcLink).rel === 'string',
  );
}

/**
 * The absolute URL of the link with relation `rel` (any of `rels`), resolved against `baseUrl`:
 * the one whose `type` comes first in `preferTypes`, else one without a type, else undefined (a
 * link of another media type, such as `text/html`, is not taken).
 */
export function findLink(
  links: readonly OgcLink[],
  rels: string | readonly string[],
  baseUrl: string,
  preferTypes: readonly string[] = GEOJSON_TYPES,
): string | undefined {
  const wanted = typeof rels === 'string' ? [rels] : rels;
  const candidates = links.filter((link) => wanted.includes(link.rel));
  const rank = (link: OgcLink): number => {
    if (link.type === undefined) return preferTypes.length;
    const base = link.type.split(';')[0]?.trim().toLowerCase() ?? '';
    const i = preferTypes.indexOf(base);
    return i < 0 ? Infinity : i;
  };
  const best = candidates
    .map((link) => ({ link, rank: rank(link) }))
    .filter(({ rank }) => rank !== Infinity)
    .sort((a, b) => a.rank - b.rank)[0];
  if (!best) return undefined;
  try {
    return new URL(best.link.href, baseUrl).href;
  } catch {
    return undefined;
  }
}
