/**
 * The conformance kit's web server on 127.0.0.1: folders mounted under URL prefixes (the SDK, each
 * package, axe-core) and a few generated files (the pages, their boot scripts), with response headers
 * per file (the pages carry the Content-Security-Policy). Nothing else is reachable.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.tif': 'image/tiff',
  '.pbf': 'application/x-protobuf',
  '.wasm': 'application/wasm',
};

/**
 * Starts the server.
 * @returns {Promise<{ origin: string, mount: (prefix: string, dir: string, headers?: Record<string, string>) => void,
 *   file: (path: string, body: string, headers?: Record<string, string>) => void,
 *   post: (path: string, receive: (json: unknown) => void) => void, close: () => Promise<void> }>}
 */
export async function startServer() {
  /** URL prefix (ending in `/`) -> folder and headers; the longest matching prefix wins. */
  const mounts = new Map();
  /** Exact path -> generated body and headers. */
  const files = new Map();
  /** Exact path -> what receives the JSON POSTed there (the browser's CSP reports). */
  const receivers = new Map();
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (req.method === 'POST') {
      const receive = receivers.get(path);
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        try {
          receive?.(JSON.parse(body));
        } catch {
          // not JSON: not a report
        }
        res.writeHead(receive ? 204 : 404).end();
      });
      return;
    }
    const generated = files.get(path);
    if (generated) {
      const type = TYPES[extname(path)] ?? 'text/plain; charset=utf-8';
      res.writeHead(200, { 'content-type': type, ...generated.headers }).end(generated.body);
      return;
    }
    const prefix = [...mounts.keys()]
      .filter((p) => path.startsWith(p))
      .sort((a, b) => b.length - a.length)[0];
    if (!prefix) {
      res.writeHead(404).end('not found');
      return;
    }
    const { dir, headers } = mounts.get(prefix);
    const file = normalize(join(dir, path.slice(prefix.length)));
    // Never outside the mounted folder (`..` in a URL).
    if (!file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { 'content-type': type, ...headers });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    mount: (prefix, dir, headers = {}) => mounts.set(prefix, { dir: normalize(dir), headers }),
    file: (path, body, headers = {}) => files.set(path, { body, headers }),
    post: (path, receive) => receivers.set(path, receive),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
