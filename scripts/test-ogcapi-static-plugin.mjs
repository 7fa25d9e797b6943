/**
 * A small, static OGC API - Features server for the `ogc-api-features` tests, served by the test
 * runner's dev server (a koa middleware). It stands in for a server with Part 2 (CRS by reference)
 * and Part 3 (CQL2 filtering), which MapServer 8.0 lacks and pygeoapi (PyPI only) is not packaged
 * here. It serves the 160 shipped Delft buildings: in RD New (`src/data/delft/buildings.rd.geojson`)
 * when `crs=http://www.opengis.net/def/crs/EPSG/0/28992` is asked, else CRS84
 * (`buildings.geojson`); every property as text, as MapServer does; id = `identificatiebagpnd`.
 *
 * `/test-ogcapi/{service}/...` where service is
 * - `rd`: conformance with Part 2 and Part 3 (CQL2 text), collection `buildings` listing CRS84 and
 *   EPSG:28992, queryables typing the `ahn3_*` heights as numbers; items honour `bbox`, `bbox-crs`,
 *   `crs`, `limit`, `offset` and `filter` (comparisons joined by AND) with `Content-Crs`;
 * - `slow`: as `rd`, but the first items request after a reset waits 10 s (or until the client goes
 *   away): a view the user leaves before its page arrives;
 * - `plain`: Part 1 only (no CRS list, no CQL2), like MapServer 8.0;
 * - `bad-json`: items answer JSON that is not GeoJSON; `truncated`: items answer cut-off JSON;
 *   `bad-collection`: the collection document has no `id` and no `links`.
 *
 * `/test-ogcapi/stats?service=slow`: `{ started, completed, aborted, urls }` of items requests
 * (aborted: the client went away before the answer was finished); `/test-ogcapi/reset?service=...`.
 */
import { readFile } from 'node:fs/promises';
import { URLSearchParams } from 'node:url';

const DATA = new URL('../src/data/delft/', import.meta.url);
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const RD = 'http://www.opengis.net/def/crs/EPSG/0/28992';
const SLOW_MS = 10000;
const SERVICES = new Set(['rd', 'slow', 'plain', 'bad-json', 'truncated', 'bad-collection']);
const PATH =
  /^\/test-ogcapi\/([\w-]+)(\/conformance|\/collections\/buildings(?:\/items|\/queryables)?)?\/?$/;

/** @type {Promise<{ wgs84: any[], rd: any[] }> | undefined} */
let data;
function loadData() {
  return (data ??= Promise.all(
    ['buildings.geojson', 'buildings.rd.geojson'].map(async (name) =>
      JSON.parse(await readFile(new URL(name, DATA), 'utf8')),
    ),
  ).then(([wgs84, rd]) => ({ wgs84: wgs84.features, rd: rd.features })));
}

/** @type {Map<string, { started: number, completed: number, aborted: number, urls: string[] }>} */
const stats = new Map();
function statsOf(service) {
  let s = stats.get(service);
  if (!s) stats.set(service, (s = { started: 0, completed: 0, aborted: 0, urls: [] }));
  return s;
}

function send(ctx, status, body, type = 'application/json') {
  ctx.set('Cache-Control', 'no-store');
  ctx.status = status;
  ctx.type = type;
  ctx.body = typeof body === 'string' ? body : JSON.stringify(body);
}

function conformance(service) {
  const part1 = [
    'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
    'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  ];
  if (service === 'plain' || service === 'bad-json' || service === 'truncated') return part1;
  return [
    ...part1,
    'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
    'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
    'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
    'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
    'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
  ];
}

function collection(base, service) {
  if (service === 'bad-collection') return { title: 'a document without id or links' };
  const withCrs = service === 'rd' || service === 'slow';
  return {
    id: 'buildings',
    title: 'BAG buildings (static test server)',
    links: [
      { href: `${base}/collections/buildings`, rel: 'self', type: 'application/json' },
      { href: `${base}/collections/buildings/items?f=html`, rel: 'items', type: 'text/html' },
      { href: `${base}/collections/buildings/items`, rel: 'items', type: 'application/geo+json' },
      ...(withCrs
        ? [
            {
              href: `${base}/collections/buildings/queryables`,
              rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables',
              type: 'application/schema+json',
            },
          ]
        : []),
    ],
    extent: { spatial: { bbox: [[4.3634, 52.0105, 4.3723, 52.0143]], crs: CRS84 } },
    ...(withCrs ? { crs: [CRS84, RD], storageCrs: RD } : {}),
  };
}

const QUERYABLES = {
  $schema: 'https://json-schema.org/draft/2019-09/schema',
  type: 'object',
  properties: {
    identificatiebagpnd: { type: 'string' },
    bgt_status: { type: 'string' },
    ahn3_h_dak_50p: { type: 'number' },
    ahn3_h_dak_70p: { type: 'number' },
    ahn3_h_dak_max: { type: 'number' },
    ahn3_h_maaiveld: { type: 'number' },
    ahn3_n_roofpts: { type: 'integer' },
  },
};

/** The box of a geometry's positions. */
function boxOf(geometry) {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1]);
    } else c.forEach(walk);
  };
  walk(geometry.coordinates);
  return box;
}

/** A CQL2 text filter of `name op literal` comparisons joined by AND; undefined when not that. */
function parseCql(text) {
  const clauses = [];
  for (const part of text.split(/\s+AND\s+/i)) {
    const m =
      /^\s*"?([A-Za-z_]\w*)"?\s*(<>|<=|>=|=|<|>)\s*('(?:[^']|'')*'|-?[\d.]+(?:e[+-]?\d+)?)\s*$/i.exec(
        part,
      );
    if (!m) return undefined;
    const literal = m[3].startsWith("'") ? m[3].slice(1, -1).replaceAll("''", "'") : Number(m[3]);
    clauses.push({ name: m[1], op: m[2], literal });
  }
  return clauses;
}

function passes(properties, clauses) {
  return clauses.every(({ name, op, literal }) => {
    const raw = properties[name];
    const value = typeof literal === 'number' ? Number(raw) : String(raw);
    switch (op) {
      case '=':
        return value === literal;
      case '<>':
        return value !== literal;
      case '<':
        return value < literal;
      case '<=':
        return value <= literal;
      case '>':
        return value > literal;
      default:
        return value >= literal;
    }
  });
}

async function items(ctx, base, service) {
  const q = ctx.query;
  const { wgs84, rd } = await loadData();
  const inRd = q.crs === RD;
  if (q.crs !== undefined && q.crs !== RD && q.crs !== CRS84) {
    return send(ctx, 400, { code: 'InvalidParameterValue', description: `crs ${q.crs}` });
  }
  let clauses = [];
  if (q.filter !== undefined) {
    clauses = service === 'rd' || service === 'slow' ? parseCql(String(q.filter)) : undefined;
    if (!clauses || (q['filter-lang'] ?? 'cql2-text') !== 'cql2-text') {
      return send(ctx, 400, { code: 'InvalidParameterValue', description: `filter ${q.filter}` });
    }
  }
  const bboxRd = q['bbox-crs'] === RD;
  const bbox = q.bbox === undefined ? undefined : String(q.bbox).split(',').map(Number);
  const matched = wgs84
    .map((f, i) => ({ f, rdF: rd[i] }))
    .filter(({ f, rdF }) => {
      if (!passes(f.properties, clauses)) return false;
      if (!bbox) return true;
      const b = boxOf((bboxRd ? rdF : f).geometry);
      return b[0] <= bbox[2] && b[2] >= bbox[0] && b[1] <= bbox[3] && b[3] >= bbox[1];
    });
  const limit = Math.min(1000, Math.max(1, Number(q.limit ?? 10) || 10));
  const offset = Math.max(0, Number(q.offset ?? 0) || 0);
  const page = matched.slice(offset, offset + limit).map(({ f, rdF }) => ({
    type: 'Feature',
    id: f.properties.identificatiebagpnd,
    geometry: (inRd ? rdF : f).geometry,
    properties: Object.fromEntries(Object.entries(f.properties).map(([k, v]) => [k, String(v)])),
  }));
  const links = [];
  if (offset + limit < matched.length) {
    const next = new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]));
    next.set('offset', String(offset + limit));
    next.set('limit', String(limit));
    links.push({
      href: `${base}/collections/buildings/items?${next}`,
      rel: 'next',
      type: 'application/geo+json',
    });
  }
  const body = {
    type: 'FeatureCollection',
    features: page,
    links,
    numberMatched: matched.length,
    numberReturned: page.length,
  };
  ctx.set('Content-Crs', `<${inRd ? RD : CRS84}>`);
  if (service === 'bad-json')
    return send(ctx, 200, { type: 'Topology', objects: {} }, 'application/geo+json');
  if (service === 'truncated')
    return send(ctx, 200, JSON.stringify(body).slice(0, 1500), 'application/geo+json');
  send(ctx, 200, body, 'application/geo+json');
}

/** Counts an items request, waiting first for the `slow` service; false when the client left. */
async function track(ctx, service) {
  const s = statsOf(service);
  s.started++;
  s.urls.push(ctx.url);
  const res = ctx.res;
  const closed = new Promise((resolve) =>
    res.once('close', () => {
      if (res.writableFinished) s.completed++;
      else s.aborted++;
      resolve();
    }),
  );
  if (service !== 'slow' || s.started > 1) return true;
  let timer;
  await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, SLOW_MS))), closed]);
  clearTimeout(timer);
  if (res.destroyed || res.writableEnded) {
    ctx.status = 204; // for the log only: the client is gone, nothing is written
    ctx.respond = false;
    return false;
  }
  return true;
}

/** The dev-server middleware (registered in web-test-runner.config.mjs). */
export function testOgcApiStatic() {
  return async function testOgcApiStaticMiddleware(ctx, next) {
    if (!ctx.path.startsWith('/test-ogcapi/')) return next();
    const service = String(ctx.query.service ?? 'rd');
    if (ctx.path === '/test-ogcapi/stats') return send(ctx, 200, statsOf(service));
    if (ctx.path === '/test-ogcapi/reset') {
      stats.delete(service);
      return send(ctx, 200, statsOf(service));
    }
    const match = PATH.exec(ctx.path);
    if (!match || !SERVICES.has(match[1])) return send(ctx, 404, { code: 'NotFound' });
    const base = `${ctx.protocol}://${ctx.host}/test-ogcapi/${match[1]}`;
    const route = match[2] ?? '';
    if (route === '') return send(ctx, 200, { title: 'Tweeling static OGC API', links: [] });
    if (route === '/conformance') return send(ctx, 200, { conformsTo: conformance(match[1]) });
    if (route === '/collections/buildings') return send(ctx, 200, collection(base, match[1]));
    if (route === '/collections/buildings/queryables')
      return send(ctx, 200, QUERYABLES, 'application/schema+json');
    if (await track(ctx, match[1])) await items(ctx, base, match[1]);
  };
}
