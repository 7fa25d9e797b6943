import type { Plugin } from 'vite';

/** koa middleware for @web/test-runner serving examples/store/packages/<name>/<file>.js byte for byte. */
export function storePackagesMiddleware(): (
  ctx: unknown,
  next: () => Promise<unknown>,
) => Promise<unknown>;
/** vite plugin serving examples/store/packages/<name>/<file>.js byte for byte. */
export function storePackagesVite(): Plugin;
