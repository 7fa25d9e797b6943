import { cp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { browserFalseRollup } from './scripts/browser-false-plugin.mjs';
import { inlineCss } from './scripts/inline-css-plugin.mjs';
import { meshoptStub } from './scripts/meshopt-stub.mjs';
import { raw } from './scripts/raw-plugin.mjs';
import { workers } from './scripts/worker-plugin.mjs';

/**
 * The production build (`npm run build`; `tsc -p tsconfig.build.json` then writes dist/types):
 * - dist/tweeling.js and dist/define.js: ES modules, dependencies external, shared code in
 *   `[name]-[hash].js` chunks at the same depth as the entries (src/default-data.ts resolves
 *   `./data/delft/...` against `import.meta.url` of whichever chunk it lands in);
 * - dist/tweeling.iife.js: one classic script (global `Tweeling`) with everything bundled, including
 *   MapLibre's worker (as a blob: URL) and CSS;
 * - dist/data/delft/: the shipped Delft data, next to both.
 */

/** Packages the ES build leaves to the user's bundler (the `dependencies`). */
const EXTERNAL = /^(lit|@lit\/|maplibre-gl|@deck\.gl\/|@luma\.gl\/|@loaders\.gl\/|geotiff|proj4)/;
// Imports with a query (`maplibre-gl/dist/maplibre-gl.css?inline`) are inlined by plugins, never external.
const external = (id) => !id.includes('?') && EXTERNAL.test(id) && !id.startsWith('/');

/** esbuild with the project's tsconfig: legacy decorators, `useDefineForClassFields: false`. */
const typescript = () => esbuild({ tsconfig: 'tsconfig.json', target: 'es2022', sourceMap: true });

// No `module`/`toplevel` here: the plugin sets them per output format. (`module: true` on the IIFE
// would let terser drop the unused top-level `var Tweeling`, the global the IIFE exists for.)
const minify = () =>
  terser({
    ecma: 2020,
    keep_classnames: true,
    format: { comments: /@license|@preserve|^!/ },
  });

/** `process.env.NODE_ENV` as "production", for dependencies that read it (page and worker bundles). */
const productionEnv = () =>
  replace({
    preventAssignment: true,
    values: { 'process.env.NODE_ENV': JSON.stringify('production') },
  });

/** How the worker entries (src/core/workers/worker.ts) are bundled, each as one standalone file. */
const workerPlugins = () => [
  // loaders.gl (LAS, MVT) in the worker: its Node branches (worker_threads, fs) map to browser stubs.
  packageBrowserField(),
  browserFalseRollup(),
  productionEnv(),
  nodeResolve({ browser: true }),
  // CommonJS inside the worker's dependencies (pbf under @loaders.gl/mvt).
  commonjs(),
  typescript(),
  minify(),
];

/** Files of src/data/delft/ that stay out of dist/ (and the npm package). */
const NOT_SHIPPED = /\.(laz|city\.json|rd\.geojson)$/;

/** Copies src/data/delft/* (data, README, licence) to dist/data/delft/ after the bundle is written. */
function copyData(from = 'src/data/delft', to = 'dist/data/delft') {
  return {
    name: 'tweeling-copy-data',
    async writeBundle() {
      await mkdir(to, { recursive: true });
      for (const entry of await readdir(from, { withFileTypes: true })) {
        // The point clouds, CityJSON and RD copies serve the examples and tests, not the default twin.
        if (entry.isFile() && !NOT_SHIPPED.test(entry.name))
          await cp(join(from, entry.name), join(to, entry.name));
      }
    },
  };
}

/**
 * Applies the `browser` field of a package to relative imports inside that package, which
 * @rollup/plugin-node-resolve leaves alone when the package also has `exports`: loaders.gl's
 * worker-utils maps `./dist/lib/node/worker_threads.js` (which imports Node's `worker_threads`) to a
 * browser stub that way.
 */
function packageBrowserField() {
  const manifests = new Map();
  const manifest = (root) => {
    if (!manifests.has(root)) {
      manifests.set(
        root,
        readFile(join(root, 'package.json'), 'utf8').then(JSON.parse, () => ({})),
      );
    }
    return manifests.get(root);
  };
  return {
    name: 'tweeling-package-browser-field',
    async resolveId(source, importer, options) {
      if (!importer || !source.startsWith('.')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const match =
        resolved &&
        !resolved.external &&
        /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(resolved.id);
      if (!match) return resolved;
      const root = match[1];
      const { browser } = await manifest(root);
      const mapped =
        browser && typeof browser === 'object' && browser[`./${relative(root, resolved.id)}`];
      return typeof mapped === 'string' ? join(root, mapped) : resolved;
    },
  };
}

// Chunk and worker file names carry content hashes: start from an empty dist/, or every build's old
// files would pile up there (and in the npm package).
await rm('dist', { recursive: true, force: true });

export default [
  {
    input: { tweeling: 'src/index.ts', define: 'src/define.ts' },
    external,
    plugins: [
      inlineCss(),
      workers({ mode: 'file', plugins: workerPlugins }),
      nodeResolve({ browser: true }),
      typescript(),
      minify(),
      copyData(),
    ],
    output: {
      dir: 'dist',
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
      sourcemap: true,
    },
  },
  {
    input: 'src/iife.ts',
    plugins: [
      inlineCss(),
      raw(),
      workers({ mode: 'inline', plugins: workerPlugins }),
      // meshoptimizer compiles WebAssembly when evaluated: not under a strict CSP (scripts/meshopt-stub.mjs).
      meshoptStub(),
      packageBrowserField(),
      browserFalseRollup(),
      productionEnv(),
      nodeResolve({ browser: true }),
      commonjs(),
      typescript(),
      minify(),
    ],
    onwarn(warning, warn) {
      // deck.gl and luma.gl use `this` at module level in a few helpers; it is harmless here.
      if (warning.code === 'THIS_IS_UNDEFINED') return;
      // apache-arrow (reached through loaders.gl, then tree-shaken away) has import cycles.
      if (
        warning.code === 'CIRCULAR_DEPENDENCY' &&
        warning.ids.every((id) => id.includes('node_modules'))
      )
        return;
      warn(warning);
    },
    output: {
      file: 'dist/tweeling.iife.js',
      format: 'iife',
      name: 'Tweeling',
      // One file: the few lazy `import()`s in the dependencies are inlined too.
      inlineDynamicImports: true,
      sourcemap: true,
    },
  },
];
