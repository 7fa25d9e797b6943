import type { Feature, FeatureCollection } from 'geojson';
import { DtSourceError } from '../../../core/errors.js';
import { geometryBBox, type BBox } from '../../../core/geo/geojson.js';
import {
  parseClientFilter,
  type ClientFilter,
} from '../../../core/sources/ogc-api/client-filter.js';
import { ogcSourceUrls } from '../../../core/sources/ogc-api/collection.js';
import { FeatureStore } from '../../../core/sources/ogc-api/feature-store.js';
import { loadItemPages, itemsPageUrl } from '../../../core/sources/ogc-api/items.js';
import { requestCrs } from '../../../core/sources/ogc-api/crs.js';
import { isKnownCrs, normalizeCrs } from '../../../core/sources/reproject.js';
import type { SourceKindInput, SourceKindLoader } from '../source-kinds.js';
import type { OgcCollection } from '../../../core/sources/ogc-api/collection.js';
import {
  coveredBy,
  featuresForDrawing,
  planCql,
  readCollection,
  readConformance,
  readSchemaNumbers,
} from '../../../core/sources/ogc-api/requests.js';
import { watchView, type ViewSession } from './ogc-api-view.js';

/** Default `limit`: features per page. */
export const OGC_DEFAULT_LIMIT = 100;
/** Default `max-features`: the most features one view load reads before it stops following `next`. */
export const OGC_DEFAULT_MAX_FEATURES = 10_000;

/** The attributes of `type="ogc-api-features"` besides `src` and `crs`, read at each load. */
export interface OgcApiSettings {
  /** Features per page (`limit`, default 100). */
  limit: number;
  /** Cap on features per view load (`max-features`, default 10,000). */
  maxFeatures: number;
  /** The `filter` attribute: clauses evaluated in the browser. */
  filter: ClientFilter;
  /** The `cql` attribute: CQL2 text, sent to servers that declare CQL2, else evaluated here. */
  cql: string | undefined;
  /** `numbers="auto"`, or the properties named in `numbers` (read as numbers). */
  numbers: 'auto' | string[];
  /** `load="all"` (or `bbox="all"`): the whole collection once, whatever the view. */
  loadAll: boolean;
}

function positiveInteger(
  element: Element,
  name: string,
  fallback: number,
  sourceId: string,
): number {
  const text = element.getAttribute(name);
  if (text === null || text.trim() === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new DtSourceError(
      sourceId,
      'invalid-parameter',
      `${name}="${text}" is not a whole number of 1 or more`,
    );
  }
  return n;
}

/** Reads the kind's attributes. @throws DtSourceError `invalid-parameter` naming the attribute. */
export function readOgcApiSettings(element: Element, sourceId: string): OgcApiSettings {
  let filter: ClientFilter = [];
  const filterText = element.getAttribute('filter');
  if (filterText?.trim()) {
    try {
      filter = parseClientFilter(filterText);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new DtSourceError(sourceId, 'invalid-parameter', `filter="${filterText}": ${reason}`, {
        cause,
      });
    }
  }
  const load = (element.getAttribute('load') ?? 'view').trim();
  const bbox = (element.getAttribute('bbox') ?? '').trim();
  if (load !== 'view' && load !== 'all') {
    throw new DtSourceError(sourceId, 'invalid-parameter', `load="${load}" is not "view" or "all"`);
  }
  if (bbox !== '' && bbox !== 'all' && bbox !== 'view') {
    throw new DtSourceError(sourceId, 'invalid-parameter', `bbox="${bbox}" is not "view" or "all"`);
  }
  const numbers = (element.getAttribute('numbers') ?? '').trim();
  return {
    limit: positiveInteger(element, 'limit', OGC_DEFAULT_LIMIT, sourceId),
    maxFeatures: positiveInteger(element, 'max-features', OGC_DEFAULT_MAX_FEATURES, sourceId),
    filter,
    cql: element.getAttribute('cql')?.trim() || undefined,
    numbers: numbers === 'auto' ? 'auto' : numbers.split(/[\s,]+/).filter((n) => n !== ''),
    loadAll: load === 'all' || bbox === 'all',
  };
}

/** The state a source keeps between its loads: the features so far and what was read once. */
interface OgcSession extends ViewSession {
  /** What the server's answers depend on: a change starts afresh. */
  key: string;
  store: FeatureStore;
  /** Views (longitude/latitude boxes) read completely: a view inside one needs no request. */
  loadedBoxes: BBox[];
  loadedAll: boolean;
  /** Read once per session. */
  collection?: OgcCollection | undefined;
  conformance?: Set<string> | undefined;
  schemaNumbers?: Set<string> | undefined;
}

const sessions = new WeakMap<SourceKindInput['element'], OgcSession>();

function sessionOf(input: SourceKindInput, settings: OgcApiSettings): OgcSession {
  const numbers = settings.numbers === 'auto' ? 'auto' : settings.numbers.join(' ');
  const key = JSON.stringify([input.url, input.crs, settings.cql, settings.loadAll, numbers]);
  let session = sessions.get(input.element);
  if (!session || session.key !== key) {
    session?.dispose();
    session = {
      key,
      store: new FeatureStore(),
      loadedBoxes: [],
      loadedAll: false,
      dispose: () => undefined,
    };
    sessions.set(input.element, session);
  }
  return session;
}

/** Shows the features so far while the next pages load. */
function showPartial(input: SourceKindInput, data: FeatureCollection, session: OgcSession): void {
  if (input.signal.aborted) return;
  const element = input.element;
  element.data = data;
  element.featureBBoxes = data.features.map((f) => geometryBBox(f.geometry));
  session.twin?.changed('sources');
}

/**
 * `type="ogc-api-features"`: the features of an OGC API - Features collection (`src`: the collection
 * URL, or its items URL) in the view, page by page along `next` links, kept once per id across views.
 * Reloads (debounced) when the view settles elsewhere; a view left before its pages arrived has its
 * requests aborted. See docs/data-sources/ogc-api-features.md.
 */
async function loadOgcApiFeatures(input: SourceKindInput): Promise<FeatureCollection> {
  const { sourceId, url, signal, element } = input;
  if (!url) {
    throw new DtSourceError(
      sourceId,
      'missing-input',
      'no data: give "src", the URL of an OGC API collection (.../collections/{id})',
    );
  }
  const settings = readOgcApiSettings(element, sourceId);
  if (input.crs && !isKnownCrs(normalizeCrs(input.crs))) {
    throw new DtSourceError(
      sourceId,
      'crs',
      `unknown CRS "${input.crs}": known are EPSG:28992, EPSG:4326, EPSG:3857 and codes given to proj4.defs`,
    );
  }
  const urls = ogcSourceUrls(url);
  const session = sessionOf(input, settings);
  watchView(
    session,
    input,
    () => !settings.loadAll && !coveredBy(session.twin?.viewBounds, session.loadedBoxes),
  );

  const collection = (session.collection ??= await readCollection(
    urls.collectionUrl,
    sourceId,
    signal,
  ));
  const crs = requestCrs(collection, input.crs);
  if (settings.cql)
    session.conformance ??= await readConformance(urls.conformanceUrl, sourceId, signal);
  const { serverCql, filter } = planCql(
    settings.cql,
    settings.filter,
    session.conformance,
    sourceId,
    urls.conformanceUrl,
  );
  session.schemaNumbers ??= await readSchemaNumbers(collection, sourceId, signal);
  const auto = settings.numbers === 'auto';
  const numeric = new Set([...session.schemaNumbers, ...(auto ? [] : settings.numbers)]);
  const drawn = (): FeatureCollection =>
    featuresForDrawing(session.store.features, numeric, auto, filter);

  const bbox = settings.loadAll ? undefined : await viewBounds(session, signal);
  const done = bbox ? coveredBy(bbox, session.loadedBoxes) : session.loadedAll;
  if (!done) {
    const first = itemsPageUrl(urls.itemsUrl ?? collection.itemsUrl, {
      bbox,
      limit: settings.limit,
      crs,
      cql: serverCql,
    });
    const result = await loadItemPages(first, {
      sourceId,
      signal,
      crs: crs?.code,
      maxFeatures: settings.maxFeatures,
      onPage: (features: Feature[]) => {
        session.store.add(features);
        showPartial(input, drawn(), session);
      },
    });
    if (!result.truncated) {
      if (bbox) session.loadedBoxes.push(bbox);
      else session.loadedAll = true;
    }
  }
  return drawn();
}

/** The view to load: the twin's, once its map has settled (immediately when it has). */
function viewBounds(session: OgcSession, signal: AbortSignal): Promise<BBox | undefined> {
  const twin = session.twin;
  if (!twin) return Promise.resolve(undefined); // outside a twin: the whole collection
  if (twin.viewBounds) return Promise.resolve(twin.viewBounds);
  return new Promise((resolve, reject) => {
    const onChange = (): void => {
      if (!twin.viewBounds) return;
      twin.removeEventListener('change', onChange);
      resolve(twin.viewBounds);
    };
    twin.addEventListener('change', onChange);
    signal.addEventListener(
      'abort',
      () => {
        twin.removeEventListener('change', onChange);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** The data-source kinds of this file: `ogc-api-features`. */
export const ogcApiFeaturesKinds: Record<string, SourceKindLoader> = {
  'ogc-api-features': loadOgcApiFeatures,
};
