/**
 * A misbehaving HTTP server for the data-source fault tests, as test-runner middleware on loopback
 * (it sees the raw Node request and socket, so it can hang, break off and lie about lengths):
 *
 * - `/test-faults/status/{code}/{file}`: always answers `code` (e.g. 404, 500, 429 with
 *   `Retry-After: 0`), whatever the retries.
 * - `/test-faults/hang/{file}`: never answers; the socket stays open until the client gives up.
 * - `/test-faults/break/{path}`: the file at repository path `{path}` with its full
 *   `Content-Length`, but the connection is destroyed after half the body.
 * - `/test-faults/cut/{path}?bytes=N`: a complete answer holding only the first N bytes of the file
 *   (default: half): a truncated file.
 * - `/test-faults/nocors/{path}`: the URL of the same file on a second loopback origin that sends no
 *   `Access-Control-Allow-Origin`, so a page's fetch fails as a CORS failure does
 *   (`/test-faults/nocors-origin` answers that origin).
 * - `/test-faults/stats?id=...`: `{ requests }` counted per `id` query parameter.
 *
 * `{path}` may only name files under src/data/ or test/fixtures/.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const ALLOWED = /^(src\/data|test\/fixtures)\/[\w./-]+$/;
const counts = new Map();

async function fileAt(path) {
  if (!ALLOWED.test(path) || path.includes('..')) return undefined;
  try {
    return await readFile(ROOT + path);
  } catch {
    return undefined;
  }
}

/** A second origin serving the same files without CORS headers. */
let noCorsOrigin;
function startNoCorsServer() {
  noCorsOrigin ??= new Promise((resolve) => {
    const server = createServer(async (req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
      const body = await fileAt(path);
      res.writeHead(body ? 200 : 404, { 'Content-Type': 'application/octet-stream' });
      res.end(body ?? 'not found');
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
    });
    server.unref();
  });
  return noCorsOrigin;
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const TYPES = {
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.tif': 'image/tiff',
};

/**
 * Answers on the raw Node response: the dev server would otherwise add its own long-lived
 * `Cache-Control` to URLs with a query, and the browser would answer retries from its cache.
 */
function send(ctx, status, body, headers = {}) {
  ctx.respond = false;
  ctx.res.writeHead(status, {
    'Cache-Control': 'no-store',
    'Content-Type': 'text/plain',
    ...headers,
  });
  ctx.res.end(body);
}

/** The middleware (add it to `middleware` in web-test-runner.config.mjs). */
export function testFaultsServer() {
  return async function testFaults(ctx, next) {
    const path = ctx.path;
    if (!path.startsWith('/test-faults/')) return next();
    const id = String(ctx.query.id ?? '');
    if (path === '/test-faults/stats')
      return send(ctx, 200, JSON.stringify({ requests: counts.get(id) ?? 0 }), JSON_TYPE);
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
    if (path === '/test-faults/nocors-origin')
      return send(ctx, 200, JSON.stringify({ origin: await startNoCorsServer() }), JSON_TYPE);
    const [, kind, ...rest] = path.slice(1).split('/');
    const target = decodeURIComponent(rest.join('/'));
    if (kind === 'status') {
      const code = Number(rest[0]);
      const retryAfter = code === 429 || code === 503 ? { 'Retry-After': '0' } : {};
      return send(ctx, code, `fault: ${code}`, retryAfter);
    }
    if (kind === 'hang') {
      // Hold the socket open without answering; the client's timeout or abort ends it.
      ctx.respond = false;
      ctx.req.socket.setTimeout(0);
      return;
    }
    const body = await fileAt(target);
    if (!body) return send(ctx, 404, 'no such fixture');
    const type = TYPES[extname(target)] ?? 'application/octet-stream';
    if (kind === 'break') {
      ctx.respond = false;
      const res = ctx.res;
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': String(body.length),
        'Cache-Control': 'no-store',
      });
      res.write(body.subarray(0, Math.floor(body.length / 2)), () =>
        setTimeout(() => res.socket?.destroy(), 20),
      );
      return;
    }
    if (kind === 'cut') {
      const bytes = Number(ctx.query.bytes ?? Math.floor(body.length / 2));
      return send(ctx, 200, body.subarray(0, bytes), { 'Content-Type': type });
    }
    if (kind === 'nocors') {
      ctx.redirect(`${await startNoCorsServer()}/${target}`);
      return;
    }
    return next();
  };
}
