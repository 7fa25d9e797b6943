/**
 * Starts one pool worker. The `new Worker(new URL('./worker.ts', import.meta.url), ...)` form is
 * what vite, the test runner and the rollup plugin in scripts/worker-plugin.mjs recognise: the ES
 * build rewrites the URL to the emitted worker file, the single-file build to a blob: URL.
 */
export function createWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'tweeling' });
}
