import type { Feature } from 'geojson';
import { featureFields, featureLabel, type SearchField } from './feature-fields.js';
import { normalizeText, queryTerms } from './normalize.js';

/** One feature of one source, with its searchable texts. */
export interface SearchEntry {
  /** The `id` of the source the feature belongs to. */
  readonly sourceId: string;
  /** Index of the feature in the source's `data.features`. */
  readonly index: number;
  /** Its address, name or id for result lists; undefined when it has none. */
  readonly label: string | undefined;
  /** Its searchable texts. */
  readonly fields: readonly SearchField[];
  /** Every normalized text joined (by U+0001): one substring test rules most features out. */
  readonly haystack: string;
}

/**
 * How a result matched, best first: `exact` (the query is an id or address of the feature),
 * `prefix` (a text starts with the query), `word` (a word in a text starts with it), `substring`
 * (a text contains it), `terms` (each word of the query is in some text of the feature).
 */
export type MatchRank = 'exact' | 'prefix' | 'word' | 'substring' | 'terms';

/** One search result. */
export interface SearchHit {
  /** The feature. */
  readonly entry: SearchEntry;
  /** The text that matched best. */
  readonly field: SearchField;
  /** How it matched. */
  readonly rank: MatchRank;
}

const RANK_ORDER: Record<MatchRank, number> = {
  exact: 0,
  prefix: 1,
  word: 2,
  substring: 3,
  terms: 4,
};
const KIND_ORDER: Record<SearchField['kind'], number> = {
  id: 0,
  address: 1,
  name: 2,
  attribute: 3,
};

/** The best way `field` matches the normalized query `q`, or undefined when it does not contain it. */
export function matchField(field: SearchField, q: string): MatchRank | undefined {
  const at = field.norm.indexOf(q);
  if (at < 0) {
    if (field.alias === q) return 'exact';
    return field.alias?.startsWith(q) ? 'prefix' : undefined;
  }
  if (at === 0) {
    const whole = field.norm.length === q.length;
    return whole && (field.kind === 'id' || field.kind === 'address') ? 'exact' : 'prefix';
  }
  if (field.alias === q) return 'exact';
  const before = field.norm.charCodeAt(at - 1);
  // A word starts after a space or punctuation (not after a letter or digit).
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(before)) ? 'substring' : 'word';
}

/** Orders hits: rank, then the kind of text (ids before attributes), then the shorter text. */
function compareHits(a: SearchHit, b: SearchHit): number {
  return (
    RANK_ORDER[a.rank] - RANK_ORDER[b.rank] ||
    KIND_ORDER[a.field.kind] - KIND_ORDER[b.field.kind] ||
    a.field.norm.length - b.field.norm.length ||
    0
  );
}

/** The best match of one entry, or undefined. */
function matchEntry(
  entry: SearchEntry,
  q: string,
  terms: readonly string[],
): SearchHit | undefined {
  // Aliases are parts of their id's text, so a feature whose joined text lacks the query (or, for
  // several words, one of them) cannot match.
  const { haystack } = entry;
  if (!haystack.includes(q) && (terms.length < 2 || !terms.every((t) => haystack.includes(t))))
    return undefined;
  let best: SearchHit | undefined;
  for (const field of entry.fields) {
    const rank = matchField(field, q);
    if (!rank) continue;
    const hit = { entry, field, rank };
    if (!best || compareHits(hit, best) < 0) best = hit;
  }
  if (best || terms.length < 2) return best;
  // Several words, none of the texts holds them all: each word in some text is a weaker match.
  let first: SearchField | undefined;
  for (const term of terms) {
    const found = entry.fields.find((f) => f.norm.includes(term) || f.alias?.startsWith(term));
    if (!found) return undefined;
    first ??= found;
  }
  return first ? { entry, field: first, rank: 'terms' } : undefined;
}

/** Options of {@link SearchIndex.search}. */
export interface SearchOptions {
  /** The most results returned (default 8). */
  max?: number;
  /** Only features of these sources (default: every source in the index). */
  sources?: ReadonlySet<string>;
}

/** The result of a search: the best hits and how many features matched in all. */
export interface SearchResult {
  /** The best hits, at most `max`, best first. */
  hits: SearchHit[];
  /** How many features matched (may be more than `hits.length`). */
  total: number;
}

/** Time slice (ms) after which {@link SearchIndex.sync} yields to the event loop while indexing. */
export const INDEX_SLICE_MS = 8;

/** Yields to the event loop (a macrotask), so input and rendering go on between slices. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A source to index: its id and its features (re-indexed only when this array is a new one). */
export interface IndexedSource {
  readonly id: string;
  readonly features: readonly Feature[];
}

/**
 * A text index over the features of several sources, DOM-free. {@link SearchIndex.sync} builds the
 * normalized texts once per loaded feature collection, in slices of {@link INDEX_SLICE_MS} so a large
 * source never blocks the page; {@link SearchIndex.search} then ranks by plain substring tests
 * (exact id first, then prefix, word start, substring, all words), case- and accent-insensitive.
 */
export class SearchIndex {
  readonly #sources = new Map<string, { features: readonly Feature[]; entries: SearchEntry[] }>();
  #sync: Promise<void> | undefined;
  /** Milliseconds spent indexing in the last {@link SearchIndex.sync} that indexed something. */
  lastIndexMs = 0;
  /** Milliseconds the last {@link SearchIndex.search} took. */
  lastSearchMs = 0;

  /** Number of features indexed. */
  get size(): number {
    let n = 0;
    for (const s of this.#sources.values()) n += s.entries.length;
    return n;
  }

  /**
   * Brings the index up to date with `sources`: indexes new or reloaded feature collections, drops
   * sources that are gone. Resolves when done; a call during a sync waits for it and syncs again.
   * `signal` stops it between slices (what was indexed so far is kept).
   */
  sync(sources: readonly IndexedSource[], signal?: AbortSignal): Promise<void> {
    const run = (this.#sync ?? Promise.resolve()).then(() => this.#syncNow(sources, signal));
    this.#sync = run.catch(() => undefined);
    return run;
  }

  async #syncNow(sources: readonly IndexedSource[], signal?: AbortSignal): Promise<void> {
    const wanted = new Set(sources.map((s) => s.id));
    for (const id of this.#sources.keys()) if (!wanted.has(id)) this.#sources.delete(id);
    let spent = 0;
    let worked = false;
    let sliceStart = performance.now();
    for (const source of sources) {
      if (this.#sources.get(source.id)?.features === source.features) continue;
      worked = true;
      const entries: SearchEntry[] = [];
      for (let index = 0; index < source.features.length; index++) {
        const feature = source.features[index];
        if (!feature) continue;
        const fields = featureFields(feature);
        const haystack = fields.map((f) => f.norm).join('\u0001');
        entries.push({ sourceId: source.id, index, label: featureLabel(fields), fields, haystack });
        if (performance.now() - sliceStart > INDEX_SLICE_MS) {
          spent += performance.now() - sliceStart;
          await yieldToLoop();
          if (signal?.aborted) return;
          sliceStart = performance.now();
        }
      }
      this.#sources.set(source.id, { features: source.features, entries });
    }
    spent += performance.now() - sliceStart;
    if (worked) this.lastIndexMs = spent;
  }

  /** The features matching `query` (see {@link MatchRank}), best first. An empty query finds nothing. */
  search(query: string, options: SearchOptions = {}): SearchResult {
    const started = performance.now();
    const q = normalizeText(query);
    const max = options.max ?? 8;
    const hits: SearchHit[] = [];
    if (q) {
      const terms = queryTerms(q);
      for (const [id, source] of this.#sources) {
        if (options.sources && !options.sources.has(id)) continue;
        for (const entry of source.entries) {
          const hit = matchEntry(entry, q, terms);
          if (hit) hits.push(hit);
        }
      }
      // Stable: equal hits keep source order, then feature order.
      hits.sort(compareHits);
    }
    this.lastSearchMs = performance.now() - started;
    return { hits: hits.slice(0, Math.max(0, max)), total: hits.length };
  }
}
