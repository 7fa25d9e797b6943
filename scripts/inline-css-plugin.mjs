import { readFile } from 'node:fs/promises';

/**
 * A rollup plugin (also used by the test runner) that turns `import css from 'x.css?inline'` into a
 * string export, as vite does natively: MapLibre's CSS must live inside each shadow root.
 */
export function inlineCss() {
  return {
    name: 'tweeling-inline-css',
    async load(id) {
      if (!id.endsWith('.css?inline')) return null;
      const css = await readFile(id.slice(0, -'?inline'.length), 'utf8');
      return `export default ${JSON.stringify(css)};`;
    },
  };
}

/** The same for the test runner's dev server: serves `*.css?inline` as a JS module exporting the text. */
export function inlineCssServePlugin(rootDir = process.cwd()) {
  return {
    name: 'tweeling-inline-css-serve',
    async serve(context) {
      if (!context.path.endsWith('.css') || !context.URL.searchParams.has('inline'))
        return undefined;
      const { join } = await import('node:path');
      const css = await readFile(join(rootDir, decodeURIComponent(context.path)), 'utf8');
      return { body: `export default ${JSON.stringify(css)};`, type: 'js' };
    },
  };
}
