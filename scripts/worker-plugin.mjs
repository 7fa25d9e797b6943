import { createHash } from 'node:crypto';
import { basename, dirname, resolve } from 'node:path';
import { rollup } from 'rollup';

/**
 * `new Worker(new URL('./worker.ts' | './x.worker.ts', import.meta.url), ...)`: the form vite and
 * the test runner understand. Group 1 is the `new URL(...)` expression, group 3 the specifier.
 */
const WORKER_URL =
  /new\s+Worker\(\s*(new\s+URL\(\s*(['"])(\.{1,2}\/(?:[\w./-]*[./])?worker\.ts)\2\s*,\s*import\.meta\.url\s*\))/g;

/**
 * A rollup plugin for module workers written as `new Worker(new URL('./worker.ts', import.meta.url),
 * { type: 'module' })`. It bundles each such worker entry on its own (a separate rollup run with
 * `plugins()`, so the worker never imports the page's chunks) and rewrites the URL:
 * - `mode: 'file'` (ES build): emits the worker as `<name>-<hash>.js` next to the modules and points
 *   the URL at it (`import.meta.ROLLUP_FILE_URL_*`); CSP: `worker-src 'self'`.
 * - `mode: 'inline'` (single-file IIFE build): inlines the worker's code and uses a blob: URL made on
 *   first use; CSP: `worker-src blob:`.
 * Put it before the TypeScript plugin: it reads the `.ts` specifier in the source.
 * @param {{ mode: 'file' | 'inline', plugins: () => import('rollup').Plugin[] }} options
 */
export function workers({ mode, plugins }) {
  /** Worker entry path -> its bundled code (each entry is bundled once per build). */
  const bundles = new Map();
  /** Worker entry path -> the reference of its emitted file (mode 'file'): emitted once per build. */
  const emitted = new Map();
  async function bundle(entry) {
    if (!bundles.has(entry)) {
      bundles.set(
        entry,
        (async () => {
          const build = await rollup({ input: entry, plugins: plugins() });
          const { output } = await build.generate({ format: 'es', inlineDynamicImports: true });
          await build.close();
          return { code: output[0].code, watchFiles: build.watchFiles };
        })(),
      );
    }
    return bundles.get(entry);
  }

  return {
    name: 'tweeling-workers',
    buildStart() {
      bundles.clear();
      emitted.clear();
    },
    async transform(code, id) {
      if (!code.includes('import.meta.url') || !/\bnew\s+Worker\(/.test(code)) return null;
      const matches = [...code.matchAll(WORKER_URL)];
      if (matches.length === 0) return null;
      let out = '';
      let last = 0;
      let helpers = '';
      for (const [index, match] of matches.entries()) {
        const [, urlExpression, , specifier] = match;
        const entry = resolve(dirname(id), specifier);
        const { code: workerCode, watchFiles } = await bundle(entry);
        for (const file of watchFiles) this.addWatchFile(file);
        const start = match.index + match[0].indexOf(urlExpression);
        let replacement;
        if (mode === 'inline') {
          const fn = `__tweelingWorkerUrl${index}`;
          replacement = `${fn}()`;
          // Appended (after the last line) so the module's line numbers, and its source map, stay.
          helpers +=
            `\nlet ${fn}Cached;\nfunction ${fn}() {\n  return (${fn}Cached ??= URL.createObjectURL(` +
            `new Blob([${JSON.stringify(workerCode)}], { type: 'text/javascript' })));\n}`;
        } else {
          if (!emitted.has(entry)) {
            const hash = createHash('sha256').update(workerCode).digest('hex').slice(0, 8);
            const name = basename(specifier, '.ts').replace(/^worker$/, 'tweeling-worker');
            const fileName = `${name}-${hash}.js`;
            emitted.set(entry, this.emitFile({ type: 'asset', fileName, source: workerCode }));
          }
          const ref = emitted.get(entry);
          replacement = `new URL(import.meta.ROLLUP_FILE_URL_${ref})`;
        }
        out += code.slice(last, start) + replacement;
        last = start + urlExpression.length;
      }
      // `map: null`: the rewrite stays within its line, so earlier source maps remain usable.
      return { code: out + code.slice(last) + helpers, map: null };
    },
  };
}
