/**
 * A test-runner plugin that serves React as ES modules with named exports, as Vite's dependency
 * pre-bundling does: react and react-dom ship CommonJS only, and `module.exports = require(...)` in
 * their entry files hides the export names from a file-by-file CommonJS transform. One esbuild bundle
 * holds the production builds of every served specifier (one copy of React); each specifier is a
 * small module that re-exports its names from that bundle. The names are read in Node.
 */
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const PREFIX = '/__react-esm/';
const root = fileURLToPath(new URL('..', import.meta.url));
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function reactEsm(
  specifiers = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime'],
) {
  const file = (specifier) => `${specifier.replace(/\W/g, '_')}.js`;
  const byFile = new Map(specifiers.map((s, i) => [file(s), { specifier: s, index: i }]));
  let bundle;

  /** The export names of a specifier's production build, as Node loads it. */
  function exportNames(specifier) {
    const require = createRequire(`${root}/`);
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      return Object.keys(require(specifier)).filter((n) => IDENTIFIER.test(n) && n !== 'default');
    } finally {
      if (previous === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = previous;
    }
  }

  function buildBundle() {
    const contents = [
      ...specifiers.map((s, i) => `import * as m${i} from ${JSON.stringify(s)};`),
      `export { ${specifiers.map((_, i) => `m${i}`).join(', ')} };`,
    ].join('\n');
    return build({
      stdin: { contents, resolveDir: root, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      define: { 'process.env.NODE_ENV': '"production"' },
      write: false,
      logLevel: 'silent',
    }).then((result) => result.outputFiles[0].text);
  }

  return {
    name: 'tweeling-react-esm',
    resolveImport({ source }) {
      return specifiers.includes(source) ? `${PREFIX}${file(source)}` : undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const name = context.path.slice(PREFIX.length);
      if (name === 'bundle.js') {
        bundle ??= buildBundle();
        return { body: await bundle, type: 'js' };
      }
      const entry = byFile.get(name);
      if (!entry) return undefined;
      const names = exportNames(entry.specifier);
      return {
        body: [
          `import { m${entry.index} as m } from '${PREFIX}bundle.js';`,
          names.length > 0 ? `export const { ${names.join(', ')} } = m;` : '',
          'export default m.default ?? m;',
        ].join('\n'),
        type: 'js',
      };
    },
  };
}
