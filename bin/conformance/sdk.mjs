/**
 * The SDK as the conformance page loads it: ES modules in a temporary folder plus an import map, so a
 * component module can `import { DtLayerElement } from 'tweeling'` (and share the SDK's lit and
 * deck.gl) exactly as it would on a supplier's page.
 *
 * Two ways, picked by what is there:
 * - `src` (a checkout of this repository): esbuild bundles src/index.ts and src/define.ts straight
 *   from the sources (always current, no `npm run build` needed), with the pool worker as its own file
 *   and MapLibre's CSS inlined, as the rollup build does;
 * - `dist` (the installed npm package): dist/ is served as built, and its bare imports are bundled.
 * In both, maplibre-gl stays a bare import mapped to its own file in node_modules, so MapLibre starts
 * its worker from the same origin.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * Bare specifiers a component may import besides `tweeling`; each maps to the SDK's own copy, so a
 * component's `html` and its deck.gl layers are the very instances the twin uses.
 */
const SHARED = [
  'lit',
  'lit/decorators.js',
  'lit/directive.js',
  'lit/directives/class-map.js',
  'lit/directives/style-map.js',
  'lit/directives/if-defined.js',
  'lit/directives/repeat.js',
  'lit/directives/live.js',
  '@lit/context',
  '@deck.gl/core',
  '@deck.gl/layers',
  '@deck.gl/geo-layers',
  '@deck.gl/mesh-layers',
  '@deck.gl/extensions',
  '@luma.gl/core',
  '@luma.gl/engine',
];
const MAPLIBRE = 'maplibre-gl';
/** `new Worker(new URL('./worker.ts', import.meta.url), ...)`: group 1 is the URL, group 3 the file. */
const WORKER_URL =
  /new\s+Worker\(\s*(new\s+URL\(\s*(['"])(\.{1,2}\/(?:[\w./-]*[./])?worker\.ts)\2\s*,\s*import\.meta\.url\s*\))/g;

/** A file name for a bare specifier (`@deck.gl/core` -> `_deck_gl_core`). */
const entryName = (spec) => spec.replace(/[@/.]/g, '_');

/**
 * Builds the SDK into `outDir` and says how to serve it.
 * @param {string} root The package root (the folder with package.json and src/ or dist/).
 * @param {string} outDir An empty folder for the bundles.
 * @returns {Promise<{ mode: 'src' | 'dist', imports: Record<string, string>, mounts: Record<string, string>, hasExport: (name: string) => boolean }>}
 *   `imports`: the import map; `mounts`: URL prefix -> folder to serve; `hasExport`: whether the
 *   public API exports a name.
 */
export async function buildSdk(root, outDir) {
  const esbuild = await import('esbuild');
  const require = createRequire(join(root, 'package.json'));
  const resolvable = (spec) => {
    try {
      require.resolve(spec);
      return true;
    } catch {
      // lit's subpaths resolve through "exports" with an import condition only: try the folder.
      return existsSync(join(root, 'node_modules', spec));
    }
  };
  const shared = SHARED.filter(resolvable);
  const maplibreDir = dirname(require.resolve(`${MAPLIBRE}/package.json`));
  const useSrc = existsSync(join(root, 'src', 'index.ts'));
  const common = {
    absWorkingDir: root,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: outDir,
    external: [MAPLIBRE],
    define: { 'process.env.NODE_ENV': '"production"' },
    conditions: ['browser', 'production'],
    logLevel: 'error',
    metafile: true,
    minify: true,
  };
  const mounts = { '/sdk/': outDir, '/maplibre-gl/': join(maplibreDir, 'dist') };
  const imports = Object.fromEntries(shared.map((spec) => [spec, `/sdk/${entryName(spec)}.js`]));
  imports[MAPLIBRE] = '/maplibre-gl/maplibre-gl.mjs';
  let exportNames;

  if (useSrc) {
    const result = await esbuild.build({
      ...common,
      entryPoints: {
        tweeling: join(root, 'src', 'index.ts'),
        'tweeling-define': join(root, 'src', 'define.ts'),
        ...Object.fromEntries(shared.map((spec) => [entryName(spec), spec])),
      },
      tsconfig: join(root, 'tsconfig.json'),
      plugins: [inlineCss(require), moduleWorkers(esbuild, root, outDir)],
    });
    exportNames = exportsOf(result.metafile, 'tweeling.js');
    // src/default-data.ts finds the Delft data next to the module that holds it: /sdk/data/delft/.
    mounts['/sdk/data/'] = join(root, 'src', 'data');
    imports.tweeling = '/sdk/tweeling.js';
    imports['tweeling/define'] = '/sdk/tweeling-define.js';
  } else {
    const dist = join(root, 'dist');
    if (!existsSync(join(dist, 'tweeling.js')))
      throw new Error(
        `neither ${join(root, 'src/index.ts')} nor ${join(dist, 'tweeling.js')} exists`,
      );
    const bare = await bareImportsOf(dist);
    const deps = [...new Set([...shared, ...bare])].filter((s) => s !== MAPLIBRE);
    await esbuild.build({
      ...common,
      entryPoints: Object.fromEntries(deps.map((spec) => [entryName(spec), spec])),
    });
    for (const spec of deps) imports[spec] = `/sdk/${entryName(spec)}.js`;
    mounts['/dist/'] = dist;
    imports.tweeling = '/dist/tweeling.js';
    imports['tweeling/define'] = '/dist/define.js';
    const lexer = await import('es-module-lexer');
    await lexer.init;
    exportNames = new Set(
      lexer.parse(await readFile(join(dist, 'tweeling.js'), 'utf8'))[1].map((e) => e.n),
    );
  }
  return { mode: useSrc ? 'src' : 'dist', imports, mounts, hasExport: (n) => exportNames.has(n) };
}

/** The names an output entry exports, from esbuild's metafile. */
function exportsOf(metafile, fileName) {
  for (const [path, output] of Object.entries(metafile.outputs)) {
    if (path.endsWith(`/${fileName}`) || path === fileName) return new Set(output.exports);
  }
  return new Set();
}

/** The bare specifiers dist/*.js import (static and dynamic). */
async function bareImportsOf(dist) {
  const lexer = await import('es-module-lexer');
  await lexer.init;
  const bare = new Set();
  for (const name of await readdir(dist)) {
    if (!name.endsWith('.js') || name.includes('.iife.')) continue;
    const [found] = lexer.parse(await readFile(join(dist, name), 'utf8'));
    for (const { n } of found) if (n && !/^(\.|\/|[a-z]+:)/.test(n)) bare.add(n);
  }
  return bare;
}

/** `import css from 'x.css?inline'` gives the file's text (MapLibre's CSS lives in a shadow root). */
function inlineCss(require) {
  return {
    name: 'tweeling-inline-css',
    setup(build) {
      build.onResolve({ filter: /\.css\?inline$/ }, (args) => ({
        path: args.path.startsWith('.')
          ? resolve(args.resolveDir, args.path.slice(0, -'?inline'.length))
          : require.resolve(args.path.slice(0, -'?inline'.length)),
        namespace: 'inline-css',
      }));
      build.onLoad({ filter: /.*/, namespace: 'inline-css' }, async (args) => ({
        contents: `export default ${JSON.stringify(await readFile(args.path, 'utf8'))};`,
        loader: 'js',
      }));
    },
  };
}

/**
 * `new Worker(new URL('./worker.ts', import.meta.url))`: bundles the worker entry on its own (once)
 * into `outDir` and points the URL at that file, next to the chunk that starts it.
 */
function moduleWorkers(esbuild, root, outDir) {
  const built = new Map();
  return {
    name: 'tweeling-module-workers',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
        const code = await readFile(args.path, 'utf8');
        if (!/\bnew\s+Worker\(/.test(code) || !code.includes('import.meta.url')) return undefined;
        let out = code;
        for (const match of code.matchAll(WORKER_URL)) {
          const entry = resolve(dirname(args.path), match[3]);
          if (!built.has(entry)) {
            const file = `tweeling-worker-${built.size}.js`;
            built.set(
              entry,
              esbuild
                .build({
                  absWorkingDir: root,
                  entryPoints: [entry],
                  bundle: true,
                  format: 'esm',
                  platform: 'browser',
                  target: 'es2022',
                  outfile: join(outDir, file),
                  define: { 'process.env.NODE_ENV': '"production"' },
                  conditions: ['browser', 'production'],
                  tsconfig: join(root, 'tsconfig.json'),
                  logLevel: 'error',
                })
                .then(() => file),
            );
          }
          const file = await built.get(entry);
          out = out.replace(match[1], `new URL('./${file}', import.meta.url)`);
        }
        return { contents: out, loader: 'ts' };
      });
    },
  };
}
