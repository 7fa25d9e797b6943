/**
 * Serves the example store packages' modules (examples/store/packages/<name>/<file>.js) byte for
 * byte, as a static web server would. Both dev servers rewrite JavaScript they serve (vite appends a
 * source map, the test runner's esbuild plugin transpiles), which would change the bytes whose
 * SHA-384 the store entry pins: the admitting loader would then rightly refuse them.
 * - `storePackagesMiddleware()`: a koa middleware for @web/test-runner (`middleware: [...]`);
 * - `storePackagesVite()`: a vite plugin (`plugins: [...]`).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const PACKAGE_MODULE = /^\/examples\/store\/packages\/[\w-]+\/[\w.-]+\.js$/;
const ROOT = new URL('../', import.meta.url);

/** The file's bytes for a package module path, or undefined for any other path. */
async function moduleBytes(path) {
  if (!PACKAGE_MODULE.test(path)) return undefined;
  return readFile(fileURLToPath(new URL(`.${path}`, ROOT))).catch(() => undefined);
}

/** koa middleware for the test runner's dev server. */
export function storePackagesMiddleware() {
  return async (ctx, next) => {
    const bytes = await moduleBytes(ctx.path);
    if (!bytes) return next();
    ctx.type = 'text/javascript';
    ctx.body = bytes;
  };
}

/** vite plugin: the middleware runs before vite's own transforms. */
export function storePackagesVite() {
  return {
    name: 'tweeling-store-packages-raw',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const bytes = await moduleBytes(new URL(req.url ?? '/', 'http://localhost').pathname);
        if (!bytes) return next();
        res.setHeader('Content-Type', 'text/javascript');
        res.end(bytes);
      });
    },
  };
}
