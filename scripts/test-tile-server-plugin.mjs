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
 */

import { Buffer } from 'node:buffer';

const TILE_BYTES = 4096;
const TILE_PATH = /^\/test-tiles\/(\d+)\/(\d+)\/(\d+)\.bin$/;
const STATUS_PATH = /^\/test-status\/(\d{3})$/;

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
    const tile = TILE_PATH.exec(path);
    if (tile) return serveTile(ctx, tile);
    const status = STATUS_PATH.exec(path);
    if (status) return serveStatus(ctx, Number(status[1]));
    return next();
  };
}
