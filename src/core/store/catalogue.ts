/**
 * Reads a store catalogue: a static `store.json` or an OGC API Records `/items` response (both a
 * GeoJSON FeatureCollection of store entries), following `next` links page by page up to a cap, and
 * validating every record. A Records collection document is accepted too: its `items` link is read.
 */
import { validateEntry, type EntryValidation } from './validate-entry.js';
import type { RecordLink, StoreEntry } from './store-entry.js';

/** One record of a catalogue, with where it came from and whether it is a valid store entry. @public */
export interface CatalogueEntry {
  /** The record's `id` (`(no id)` when it has none). */
  id: string;
  /** The record as read. */
  record: unknown;
  /** The record as a store entry, when it validates. */
  entry: StoreEntry | undefined;
  /** The schema validation result. */
  validation: EntryValidation;
  /**
   * The URL relative URLs of the entry resolve against: its `self` link (the package's
   * `tweeling.json`) when it has one, else the catalogue page it was listed on.
   */
  baseUrl: string;
  /** The catalogue page it was listed on. */
  page: string;
}

/** A catalogue read by {@link readCatalogue}. @public */
export interface Catalogue {
  /** The records in catalogue order, each id once (the first listing wins). */
  entries: CatalogueEntry[];
  /** The pages read, in order. */
  pages: string[];
  /** `numberMatched` of the first page, when the server gave it. */
  numberMatched: number | undefined;
  /** Whether a `next` link was left unread because of the page cap. */
  truncated: boolean;
  /** Ids listed more than once (the later listings were dropped). */
  duplicates: string[];
  /** Problems with pages after the first (unreadable, not a FeatureCollection), in English. */
  problems: string[];
}

/** Options of {@link readCatalogue}. @public */
export interface ReadCatalogueOptions {
  /** Aborts the reading. */
  signal?: AbortSignal;
  /** The most pages read (default 20): a server that keeps linking `next` cannot keep the page busy. */
  maxPages?: number;
}

/** Why a catalogue could not be read at all. @public */
export class DtCatalogueError extends Error {
  /** Always `DtCatalogueError`. */
  override readonly name = 'DtCatalogueError';
  constructor(
    /** The catalogue URL that failed. */
    readonly url: string,
    /** What was wrong, in English. */
    readonly reason: string,
    options: { cause?: unknown } = {},
  ) {
    super(`DtCatalogueError: catalogue ${url}: ${reason}`, { cause: options.cause });
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function linksOf(json: Record<string, unknown>): RecordLink[] {
  return Array.isArray(json.links)
    ? json.links.filter(
        (link): link is RecordLink =>
          isRecord(link) && typeof link.rel === 'string' && typeof link.href === 'string',
      )
    : [];
}

async function readJson(url: string, signal: AbortSignal | undefined): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: signal ?? null,
      headers: { Accept: 'application/geo+json, application/json' },
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new DtCatalogueError(url, `the request failed (${String(cause)})`, { cause });
  }
  if (!response.ok) {
    throw new DtCatalogueError(url, `HTTP ${response.status} ${response.statusText}`.trim());
  }
  try {
    return await response.json();
  } catch (cause) {
    throw new DtCatalogueError(url, 'the answer is not JSON', { cause });
  }
}

/**
 * Reads the catalogue at `url` and every page its `next` links lead to (at most `maxPages`, never a
 * page twice), validating each record with `validateEntry`. Invalid records are kept, with their
 * validation result, so a store can show why they are not admitted.
 * @throws DtCatalogueError when the first page cannot be read or is not a catalogue.
 * @public
 */
export async function readCatalogue(
  url: string,
  options: ReadCatalogueOptions = {},
): Promise<Catalogue> {
  const { signal, maxPages = 20 } = options;
  const base = globalThis.location?.href;
  const catalogue: Catalogue = {
    entries: [],
    pages: [],
    numberMatched: undefined,
    truncated: false,
    duplicates: [],
    problems: [],
  };
  const seenIds = new Set<string>();
  const seenPages = new Set<string>();
  let next: string | undefined = new URL(url, base).href;
  while (next) {
    if (catalogue.pages.length >= Math.max(1, maxPages)) {
      catalogue.truncated = true;
      break;
    }
    const pageUrl: string = next;
    next = undefined;
    seenPages.add(pageUrl);
    const first = catalogue.pages.length === 0;
    let json: unknown;
    try {
      json = await readJson(pageUrl, signal);
    } catch (error) {
      if (first || signal?.aborted) throw error;
      catalogue.problems.push(error instanceof Error ? error.message : String(error));
      break;
    }
    if (!isRecord(json)) {
      const reason = 'not a JSON object';
      if (first) throw new DtCatalogueError(pageUrl, reason);
      catalogue.problems.push(`${pageUrl}: ${reason}`);
      break;
    }
    const links = linksOf(json);
    // A Records collection document: read its items.
    const items = links.find((link) => link.rel === 'items');
    if (json.type !== 'FeatureCollection' && first && items) {
      next = new URL(items.href, pageUrl).href;
      continue;
    }
    if (json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
      const reason = 'not a FeatureCollection of records (an OGC API Records /items response)';
      if (first) throw new DtCatalogueError(pageUrl, reason);
      catalogue.problems.push(`${pageUrl}: ${reason}`);
      break;
    }
    catalogue.pages.push(pageUrl);
    if (first && typeof json.numberMatched === 'number')
      catalogue.numberMatched = json.numberMatched;
    for (const record of json.features) {
      const id = isRecord(record) && typeof record.id === 'string' ? record.id : '(no id)';
      if (seenIds.has(id)) {
        catalogue.duplicates.push(id);
        continue;
      }
      seenIds.add(id);
      const self = isRecord(record)
        ? linksOf(record).find((link) => link.rel === 'self')
        : undefined;
      const validation = validateEntry(record);
      catalogue.entries.push({
        id,
        record,
        entry: validation.valid ? (record as StoreEntry) : undefined,
        validation,
        baseUrl: self ? new URL(self.href, pageUrl).href : pageUrl,
        page: pageUrl,
      });
    }
    const nextLink = links.find((link) => link.rel === 'next');
    if (nextLink) {
      const nextUrl = new URL(nextLink.href, pageUrl).href;
      if (seenPages.has(nextUrl))
        catalogue.problems.push(`${pageUrl}: next link loops back to ${nextUrl}`);
      else next = nextUrl;
    }
  }
  return catalogue;
}
