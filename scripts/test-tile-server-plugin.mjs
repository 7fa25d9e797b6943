/**
 * Test endpoints for the tile core, served by the test runner's dev server on loopback (a koa
 * middleware: it sees the raw Node request, so it can tell when the browser aborts one).
 *
 * - `/test-tiles/{z}/{x}/{y}.bin?delay=200&run=name`: 4096 deterministic bytes after `delay` ms.
 * - `/test-tiles/stats?run=name`: JSON counters of that run (started, completed, aborted by the client
 *   before the answer was finished, bytesSent, inFlight, maxInFlight, completedTiles, abortedTiles).
 * - `/test-tiles/reset?run=name`: resets that run's counters.
 * - `/test-status/{code}?id=abc&fail=2&retryAfter=1`: answers `code` for the first `fail` requests
 *   of `id` (default 1), with `Retry-After: retryAfter` when given, then 200 "ok".
 * - `/test-status/stats?id=abc`: JSON `{ requests }` seen for that id.
 * - `/test-range/{file}.tif?run=name`: a `.tif` (or `.pmtiles`, also `{folder}/{file}`) of
 *   test/fixtures/ that honours `Range: bytes=a-b`
 *   (also `a-` and `-n`) with 206, `Content-Range` and `Accept-Ranges`, as object stores serving
 *   COGs do. The dev server's own static files ignore `Range` (always 200, whole file), so range
 *   reading can only be tested here. Several ranges in one header get the whole file (200), which
 *   the standard allows.
 * - `/test-range/stats?run=name`: JSON `{ requests, rangeRequests, bytesSent, ranges }` of that run
 *   (`bytesSent`: body bytes answered; `ranges`: each answered `start-end`, or `full`).
 * - `/test-range/reset?run=name`: resets that run's counters.
 */

import { Buffer } from 'node:buffer';
import { readFile } from 'node:fs/promises';

const TILE_BYTES = 4096;
const TILE_PATH = /^\/test-tiles\/(\d+)\/(\d+)\/(\d+)\.bin$/;
const STATUS_PATH = /^\/test-status\/(\d{3})$/;
/** Plain file names ending in .tif or .pmtiles, at most one folder down: no way out of test/fixtures/. */
const RANGE_PATH = /^\/test-range\/((?:[\w-]+\/)?[\w.-]+\.(?:tif|pmtiles))$/;
const FIXTURES = new URL('../test/fixtures/', import.meta.url);

/** @type {Map<string, ReturnType<typeof emptyStats>>} */
const runs = new Map();
/** @type {Map<string, number>} requests seen per `/test-status` id */
const statusRequests = new Map();

function emptyStats() {
  return {
    started: 0,
    completed: 0,
    aborted: 0,
    bytesSent: 0,
    inFlight: 0,
    maxInFlight: 0,
    /** @type {string[]} */ completedTiles: [],
    /** @type {string[]} */ abortedTiles: [],
  };
}

function statsOf(run) {
  let stats = runs.get(run);
  if (!stats) runs.set(run, (stats = emptyStats()));
  return stats;
}

/** The same bytes for the same tile, different bytes for different tiles. */
function tileBody(z, x, y) {
  const body = Buffer.alloc(TILE_BYTES);
  let state = (z * 73856093) ^ (x * 19349663) ^ (y * 83492791) ^ 0x9e3779b9;
  for (let i = 0; i < TILE_BYTES; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    body[i] = state >>> 24;
  }
  return body;
}

function json(ctx, value) {
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/json';
  ctx.body = JSON.stringify(value);
}

async function serveTile(ctx, match) {
  const [z, x, y] = match.slice(1, 4).map(Number);
  const delayMs = Number(ctx.query.delay ?? 0) || 0;
  const stats = statsOf(String(ctx.query.run ?? 'default'));
  const tile = `${z}/${x}/${y}`;
  const res = ctx.res;
  stats.started++;
  stats.inFlight++;
  stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
  // 'close' comes once per response: before 'finish' when the client went away first.
  const closed = new Promise((resolve) => {
    res.once('close', () => {
      stats.inFlight--;
      if (res.writableFinished) {
        stats.completed++;
        stats.bytesSent += TILE_BYTES;
        stats.completedTiles.push(tile);
      } else {
        stats.aborted++;
        stats.abortedTiles.push(tile);
      }
      resolve();
    });
  });
  let timer;
  await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, delayMs))), closed]);
  clearTimeout(timer);
  if (res.destroyed || res.writableEnded) {
    ctx.status = 204; // for the log only: the client is gone, nothing is written
    ctx.respond = false;
    return;
  }
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/octet-stream';
  ctx.body = tileBody(z, x, y);
}

function serveStatus(ctx, code) {
  const id = String(ctx.query.id ?? 'default');
  const seen = (statusRequests.get(id) ?? 0) + 1;
  statusRequests.set(id, seen);
  const failures = ctx.query.fail === undefined ? 1 : Number(ctx.query.fail);
  ctx.set('Cache-Control', 'no-store');
  if (seen <= failures) {
    ctx.status = code;
    if (ctx.query.retryAfter !== undefined) ctx.set('Retry-After', String(ctx.query.retryAfter));
    ctx.body = `failure ${seen} of ${failures} for ${id}`;
    return;
  }
  ctx.type = 'text/plain';
  ctx.body = 'ok';
}

/** @type {Map<string, { requests: number, rangeRequests: number, bytesSent: number, ranges: string[] }>} */
const rangeRuns = new Map();

function rangeStatsOf(run) {
  let stats = rangeRuns.get(run);
  if (!stats)
    rangeRuns.set(run, (stats = { requests: 0, rangeRequests: 0, bytesSent: 0, ranges: [] }));
  return stats;
}

/**
 * Parses a single-range `bytes=` header against a body of `size` bytes: `[start, end]` inclusive,
 * `'unsatisfiable'`, or `undefined` to answer with the whole file (no header, or several ranges).
 */
function parseRange(header, size) {
  const match = /^bytes=(\d*)-(\d*)$/.exec(String(header ?? '').trim());
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start;
  let end;
  if (match[1] === '') {
    // A suffix range: the last n bytes.
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(size - 1, Number(match[2]));
  }
  if (start >= size || end < start) return 'unsatisfiable';
  return [start, end];
}

async function serveRange(ctx, name) {
  const stats = rangeStatsOf(String(ctx.query.run ?? 'default'));
  stats.requests++;
  let file;
  try {
    file = await readFile(new URL(name, FIXTURES));
  } catch {
    ctx.status = 404;
    ctx.body = `no fixture ${name}`;
    return;
  }
  // no-store: a cached range would hide requests from the counters.
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Accept-Ranges', 'bytes');
  ctx.type = name.endsWith('.tif') ? 'image/tiff' : 'application/octet-stream';
  const range = parseRange(ctx.get('Range'), file.length);
  if (range === 'unsatisfiable') {
    ctx.status = 416;
    ctx.set('Content-Range', `bytes */${file.length}`);
    ctx.body = 'range not satisfiable';
    return;
  }
  if (!range) {
    stats.bytesSent += file.length;
    stats.ranges.push('full');
    ctx.status = 200;
    ctx.body = file;
    return;
  }
  const [start, end] = range;
  stats.rangeRequests++;
  stats.bytesSent += end - start + 1;
  stats.ranges.push(`${start}-${end}`);
  ctx.status = 206;
  ctx.set('Content-Range', `bytes ${start}-${end}/${file.length}`);
  ctx.body = file.subarray(start, end + 1);
}

/** The dev-server middleware (add it to `middleware` in web-test-runner.config.mjs). */
export function testTileServer() {
  return async function testTileServerMiddleware(ctx, next) {
    const path = ctx.path;
    if (path === '/test-tiles/stats') return json(ctx, statsOf(String(ctx.query.run ?? 'default')));
    if (path === '/test-tiles/reset') {
      runs.set(String(ctx.query.run ?? 'default'), emptyStats());
      return json(ctx, { reset: true });
    }
    if (path === '/test-status/stats')
      return json(ctx, { requests: statusRequests.get(String(ctx.query.id ?? 'default')) ?? 0 });
    if (path === '/test-range/stats')
      return json(ctx, rangeStatsOf(String(ctx.query.run ?? 'default')));
    if (path === '/test-range/reset') {
      rangeRuns.delete(String(ctx.query.run ?? 'default'));
      return json(ctx, { reset: true });
    }
    const range = RANGE_PATH.exec(path);
    if (range) return serveRange(ctx, range[1]);
    const tile = TILE_PATH.exec(path);
    if (tile) return serveTile(ctx, tile);
    const status = STATUS_PATH.exec(path);
    if (status) return serveStatus(ctx, Number(status[1]));
    return next();
  };
}
