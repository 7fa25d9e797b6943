/**
 * A test-runner plugin that serves each of the big ES-module dependencies (deck.gl, luma.gl,
 * loaders.gl, math.gl, probe.gl, mjolnir.js) as one bundled file instead of its hundreds of
 * modules: every test file loads the SDK in a fresh page, and a thousand module requests cost seconds
 * per file. Each package is bundled on its own with its imports of other packages left as imports,
 * so every package still exists once in the page (no duplicated module state). Bundles are built
 * with esbuild on first request and kept in memory for the run.
 */
import * as esbuild from 'esbuild';

const PREFIX = '/__prebundled__/';

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
              builder.onResolve({ filter: /^[^./]/ }, (args) =>
                args.kind === 'entry-point' ? undefined : { path: args.path, external: true },
              );
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
