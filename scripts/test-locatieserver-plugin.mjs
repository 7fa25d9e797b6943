/**
 * A loopback stand-in for the PDOK Locatieserver v3.1 (https://api.pdok.nl/bzk/locatieserver/search/v3_1),
 * served by the test runner's dev server for `<dt-search geocoder="pdok">` tests. It answers in the
 * service's Solr-style format, from test/fixtures/find/locatieserver-docs.json (made by
 * scripts/make-locatieserver-fixture.mjs from the shipped Delft buildings, with made-up addresses on
 * "Oude Delft"):
 *
 * - `/test-locatieserver/{run}/{mode}/suggest?q=...&rows=n`: `{ response: { numFound, start, maxScore,
 *   numFoundExact, docs: [{ type, weergavenaam, id, score }] }, highlighting: { [id]: { suggest: [...] } } }`,
 *   the objects whose name holds every word of `q` (case-insensitive), a name starting with `q` first,
 *   the matched words in `<b>`.
 * - `/test-locatieserver/{run}/{mode}/lookup?id=...`: `{ response: { numFound, docs: [the whole object] } }`.
 * - `/test-locatieserver/{run}/stats`: JSON `{ suggest: [q of each request], lookup: [ids], aborted }`
 *   (`aborted`: requests the browser gave up before the answer was sent).
 *
 * `mode`: `ok`; `slow` (answers after 600 ms); `fail` (HTTP 500 on suggest and lookup); `broken`
 * (truncated JSON); `nopoint` (lookup objects without `centroide_ll`).
 */

import { readFile } from 'node:fs/promises';

const PATH = /^\/test-locatieserver\/([\w-]+)\/(ok|slow|fail|broken|nopoint)\/(suggest|lookup)$/;
const STATS = /^\/test-locatieserver\/([\w-]+)\/stats$/;
const SLOW_MS = 600;

/** @type {Promise<Record<string, unknown>[]> | undefined} */
let docsLoad;
const loadDocs = () =>
  (docsLoad ??= readFile(
    new URL('../test/fixtures/find/locatieserver-docs.json', import.meta.url),
    'utf8',
  ).then((text) => JSON.parse(text)));

/** @type {Map<string, { suggest: string[], lookup: string[], aborted: number }>} */
const runs = new Map();
function statsOf(run) {
  let stats = runs.get(run);
  if (!stats) runs.set(run, (stats = { suggest: [], lookup: [], aborted: 0 }));
  return stats;
}

function json(ctx, body, status = 200) {
  ctx.status = status;
  ctx.set('Content-Type', 'application/json; charset=utf-8');
  ctx.set('Cache-Control', 'no-store');
  ctx.body = typeof body === 'string' ? body : JSON.stringify(body);
}

const words = (text) =>
  text
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);

function suggest(docs, q, rows) {
  const terms = words(q);
  const lower = q.toLowerCase().trim();
  const found = docs
    .filter((doc) => {
      const name = String(doc.weergavenaam).toLowerCase();
      return terms.length > 0 && terms.every((t) => name.includes(t));
    })
    .map((doc) => {
      const name = String(doc.weergavenaam);
      const score = (name.toLowerCase().startsWith(lower) ? 10 : 5) - name.length / 100;
      return { doc, score: Number(score.toFixed(4)) };
    })
    .sort((a, b) => b.score - a.score);
  const shown = found.slice(0, rows);
  const mark = (name) =>
    terms.reduce(
      (text, term) =>
        text.replace(
          new RegExp(`(${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'ig'),
          '<b>$1</b>',
        ),
      name,
    );
  return {
    response: {
      numFound: found.length,
      start: 0,
      maxScore: found[0]?.score ?? 0,
      numFoundExact: true,
      docs: shown.map(({ doc, score }) => ({
        type: doc.type,
        weergavenaam: doc.weergavenaam,
        id: doc.id,
        score,
      })),
    },
    highlighting: Object.fromEntries(
      shown.map(({ doc }) => [doc.id, { suggest: [mark(String(doc.weergavenaam))] }]),
    ),
  };
}

/** The koa middleware. */
export function testLocatieserver() {
  return async function testLocatieserverMiddleware(ctx, next) {
    const stats = STATS.exec(ctx.path);
    if (stats) return json(ctx, statsOf(stats[1]));
    const match = PATH.exec(ctx.path);
    if (!match) return next();
    const [, run, mode, endpoint] = match;
    const record = statsOf(run);
    const q = String(ctx.query.q ?? '');
    const id = String(ctx.query.id ?? '');
    if (endpoint === 'suggest') record.suggest.push(q);
    else record.lookup.push(id);
    if (mode === 'slow') {
      let closed = false;
      const onClose = () => (closed = true);
      ctx.req.once('close', onClose);
      await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
      ctx.req.off('close', onClose);
      if (closed || ctx.req.destroyed) {
        record.aborted++;
        ctx.status = 499;
        return;
      }
    }
    if (mode === 'fail') return json(ctx, { message: 'Internal Server Error' }, 500);
    if (mode === 'broken') return json(ctx, '{"response":{"numFound":3,"docs":[{"id":"adr-');
    const docs = await loadDocs();
    if (endpoint === 'suggest') return json(ctx, suggest(docs, q, Number(ctx.query.rows ?? 10)));
    const found = docs.filter((doc) => doc.id === id);
    const shown = mode === 'nopoint' ? found.map(({ centroide_ll: _, ...rest }) => rest) : found;
    return json(ctx, {
      response: {
        numFound: shown.length,
        start: 0,
        maxScore: shown.length ? 1 : 0,
        numFoundExact: true,
        docs: shown,
      },
    });
  };
}
