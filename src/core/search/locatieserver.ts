import { DtSourceError } from '../errors.js';
import { fetchWithRetry } from '../tiles/retry.js';

/** The public PDOK Locatieserver (v3.1), used only when a page opts in (`geocoder="pdok"`). */
export const PDOK_LOCATIESERVER_URL = 'https://api.pdok.nl/bzk/locatieserver/search/v3_1';

/** The name errors of the geocoder carry in place of a data source id. */
export const GEOCODER_SOURCE_ID = 'geocoder:pdok';

/** How many suggestions are asked for. */
export const SUGGEST_ROWS = 5;

/** One suggestion of `/suggest`: what the user may choose. */
export interface LocatieSuggestion {
  /** The Locatieserver id (`adr-...`, `weg-...`, `wpl-...`), for `/lookup`. */
  id: string;
  /** The display name, `Oude Delft 12, 2611BA Delft`. */
  label: string;
  /** Object type: `adres`, `weg`, `woonplaats`, `postcode`, `perceel`, ... */
  type: string;
  /** Solr relevance score (higher is better). */
  score: number;
  /** The label split where the server highlighted the query (`<b>` in `highlighting`); text only. */
  highlight: { text: string; match: boolean }[];
}

/** The location of one object, from `/lookup`. */
export interface LocatiePlace {
  /** The Locatieserver id. */
  id: string;
  /** The display name. */
  label: string;
  /** Object type. */
  type: string;
  /** `centroide_ll`: WGS 84 [longitude, latitude] in degrees. */
  lonLat: [number, number];
  /** `centroide_rd`: RD New [x, y] in metres (EPSG:28992), when given. */
  rd: [number, number] | undefined;
}

/** Parses a WKT `POINT(x y)`; undefined when it is not one with two finite numbers. */
export function parseWktPoint(text: unknown): [number, number] | undefined {
  if (typeof text !== 'string') return undefined;
  const m = /^\s*POINT\s*\(\s*(-?[\d.]+(?:e-?\d+)?)\s+(-?[\d.]+(?:e-?\d+)?)\s*\)\s*$/i.exec(text);
  if (!m) return undefined;
  const x = Number(m[1]);
  const y = Number(m[2]);
  return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : undefined;
}

/**
 * Splits a highlighted snippet (`<b>Oude</b> Delft 12`) into plain text pieces, marking the
 * highlighted ones. Only `<b>` and `</b>` are read; anything else stays literal text, so nothing
 * from the server is ever treated as markup.
 */
export function highlightSegments(snippet: string): { text: string; match: boolean }[] {
  const segments: { text: string; match: boolean }[] = [];
  let match = false;
  for (const part of snippet.split(/(<\/?b>)/i)) {
    if (/^<b>$/i.test(part)) match = true;
    else if (/^<\/b>$/i.test(part)) match = false;
    else if (part) segments.push({ text: part, match });
  }
  return segments;
}

function fail(url: string, reason: string): DtSourceError {
  return new DtSourceError(GEOCODER_SOURCE_ID, 'parse', reason, { url });
}

/** The `response.docs` of a Solr-style answer, or a parse error naming the URL. */
async function readDocs(
  response: Response,
  url: string,
): Promise<{ docs: Record<string, unknown>[]; body: Record<string, unknown> }> {
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw new DtSourceError(GEOCODER_SOURCE_ID, 'parse', 'the answer is not valid JSON', {
      url,
      cause,
    });
  }
  const docs = (body as { response?: { docs?: unknown } } | null)?.response?.docs;
  if (!Array.isArray(docs)) throw fail(url, 'the answer has no "response.docs" list');
  return {
    docs: docs.filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null),
    body: body as Record<string, unknown>,
  };
}

/** Joins the service URL and an endpoint with its query. */
function endpoint(baseUrl: string, path: 'suggest' | 'lookup', params: Record<string, string>) {
  const base = baseUrl.replace(/\/+$/, '');
  return `${base}/${path}?${new URLSearchParams(params).toString()}`;
}

/**
 * Asks `/suggest` for places matching `query` (through the core's retry policy, one retry: a
 * type-ahead answer that comes late is worth little). Rejects with a `DtSourceError` (`http`,
 * `network`, `parse`) naming the URL, or with the signal's reason when aborted.
 */
export async function suggestPlaces(
  baseUrl: string,
  query: string,
  signal?: AbortSignal,
): Promise<LocatieSuggestion[]> {
  const url = endpoint(baseUrl, 'suggest', { q: query, rows: String(SUGGEST_ROWS) });
  const response = await fetchWithRetry(url, { signal, sourceId: GEOCODER_SOURCE_ID, retries: 1 });
  const { docs, body } = await readDocs(response, url);
  const highlighting = (body.highlighting ?? {}) as Record<string, { suggest?: unknown } | null>;
  return docs.flatMap((doc) => {
    const id = doc.id;
    const label = doc.weergavenaam;
    if (typeof id !== 'string' || typeof label !== 'string') return [];
    const snippet = highlighting[id]?.suggest;
    const first = Array.isArray(snippet) && typeof snippet[0] === 'string' ? snippet[0] : label;
    return [
      {
        id,
        label,
        type: typeof doc.type === 'string' ? doc.type : '',
        score: typeof doc.score === 'number' ? doc.score : 0,
        highlight: highlightSegments(first),
      },
    ];
  });
}

/**
 * Asks `/lookup` for the location of suggestion `id`. Rejects as {@link suggestPlaces} does, and
 * with a `parse` error when the answer has no object or no readable `centroide_ll`.
 */
export async function lookupPlace(
  baseUrl: string,
  id: string,
  signal?: AbortSignal,
): Promise<LocatiePlace> {
  const url = endpoint(baseUrl, 'lookup', { id });
  const response = await fetchWithRetry(url, { signal, sourceId: GEOCODER_SOURCE_ID, retries: 1 });
  const { docs } = await readDocs(response, url);
  const doc = docs[0];
  if (!doc) throw fail(url, `no object with id "${id}"`);
  const lonLat = parseWktPoint(doc.centroide_ll);
  if (!lonLat || Math.abs(lonLat[1]) > 90 || Math.abs(lonLat[0]) > 180)
    throw fail(
      url,
      `"centroide_ll" is not a WGS 84 POINT: ${String(JSON.stringify(doc.centroide_ll)).slice(0, 80)}`,
    );
  return {
    id: typeof doc.id === 'string' ? doc.id : id,
    label: typeof doc.weergavenaam === 'string' ? doc.weergavenaam : id,
    type: typeof doc.type === 'string' ? doc.type : '',
    lonLat,
    rd: parseWktPoint(doc.centroide_rd),
  };
}
