/**
 * A test-runner plugin that serves each of the big ES-module dependencies (deck.gl, luma.gl,
 * loaders.gl, math.gl, probe.gl, mjolnir.js) as one bundled file instead of its hundreds of
 * modules: every test file loads the SDK in a fresh page, and a thousand module requests cost seconds
 * per file. Each package is bundled on its own with its imports of other packages left as imports,
 * so every package still exists once in the page (no duplicated module state). Bundles are built
 * with esbuild on first request and kept in memory for the run.
 */
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const PREFIX = '/__prebundled__/';
const RESOLVING = Symbol('resolving');

/** Whether a module is CommonJS (or UMD): no top-level `import` or `export` statement. */
function isCommonJs(path) {
  if (path.endsWith('.mjs')) return false;
  try {
    return !/^\s*(import|export)\b/m.test(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}

/** Packages bundled whole (bare specifiers only; deep imports are served as they are). */
export const PREBUNDLED = [
  '@deck.gl/core',
  '@deck.gl/layers',
  '@deck.gl/maplibre',
  '@deck.gl/geo-layers',
  '@deck.gl/mesh-layers',
  '@deck.gl/aggregation-layers',
  '@deck.gl/extensions',
  '@luma.gl/core',
  '@luma.gl/engine',
  '@luma.gl/shadertools',
  '@luma.gl/webgl',
  '@loaders.gl/core',
  '@loaders.gl/loader-utils',
  '@loaders.gl/worker-utils',
  '@loaders.gl/images',
  '@loaders.gl/schema',
  '@loaders.gl/las',
  '@loaders.gl/mvt',
  '@loaders.gl/3d-tiles',
  '@loaders.gl/tiles',
  '@loaders.gl/gis',
  '@loaders.gl/gltf',
  '@loaders.gl/wms',
  '@loaders.gl/terrain',
  '@luma.gl/gltf',
  '@math.gl/core',
  '@math.gl/web-mercator',
  '@math.gl/polygon',
  '@probe.gl/log',
  '@probe.gl/env',
  '@probe.gl/stats',
  'mjolnir.js',
  // Imported by @loaders.gl/3d-tiles (so by @deck.gl/geo-layers); they import Node built-ins that
  // their `browser` field maps to false, which only a bundler honours.
  '@loaders.gl/zip',
  '@loaders.gl/compression',
  '@loaders.gl/crypto',
  '@loaders.gl/draco',
];

/** @returns {import('@web/test-runner').TestRunnerPlugin} */
export function prebundleDeps(packages = PREBUNDLED) {
  const bundles = new Map();
  const build = (name) =>
    esbuild
      .build({
        entryPoints: [name],
        bundle: true,
        format: 'esm',
        platform: 'browser',
        // Imports of other packages stay imports (the entry itself is resolved as usual).
        plugins: [
          {
            name: 'other-packages-external',
            setup(builder) {
              builder.onResolve({ filter: /^[^./]/ }, async (args) => {
                if (args.kind === 'entry-point' || args.pluginData === RESOLVING) return undefined;
                if (packages.includes(args.path)) return { path: args.path, external: true };
                const resolved = await builder.resolve(args.path, {
                  kind: args.kind,
                  resolveDir: args.resolveDir,
                  pluginData: RESOLVING,
                });
                // Not a file (a built-in the `browser` field maps to false): esbuild makes it empty.
                if (resolved.errors.length > 0) return { path: args.path, external: true };
                if (resolved.namespace !== 'file' || !resolved.path) return undefined;
                // Bundled in: a copy nested in the package's own node_modules (another version than
                // the top-level one an import would reach, e.g. CommonJS pbf 3 under @loaders.gl/mvt),
                // and CommonJS packages (jszip, long 3), which a browser can't import as they are.
                if (
                  resolved.path.includes(`/node_modules/${name}/node_modules/`) ||
                  isCommonJs(resolved.path)
                )
                  return { path: resolved.path };
                return { path: args.path, external: true };
              });
            },
          },
        ],
        conditions: ['browser', 'production'],
        mainFields: ['browser', 'module', 'main'],
        define: { 'process.env.NODE_ENV': '"production"' },
        target: 'es2022',
        write: false,
        logLevel: 'silent',
      })
      .then((result) => result.outputFiles[0].text);
  return {
    name: 'tweeling-prebundle-deps',
    resolveImport({ source }) {
      if (packages.includes(source)) return `${PREFIX}${source}.js`;
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const name = context.path.slice(PREFIX.length, -'.js'.length);
      if (!packages.includes(name)) return undefined;
      if (!bundles.has(name)) bundles.set(name, build(name));
      return { body: await bundles.get(name), type: 'js' };
    },
  };
}
