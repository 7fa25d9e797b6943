import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { browserFalseModules } from './scripts/browser-false-plugin.mjs';
import { cdpCommandsPlugin } from './scripts/cdp-commands-plugin.mjs';
import { cjsToEsm } from './scripts/cjs-to-esm-plugin.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';
import { inlineCssServePlugin } from './scripts/inline-css-plugin.mjs';
import { prebundleDeps } from './scripts/prebundle-plugin.mjs';
import { reactEsm } from './scripts/react-esm-plugin.mjs';
import { summaryReporter } from './scripts/summary-reporter.mjs';
import { storePackagesMiddleware } from './scripts/store-packages-raw.mjs';
import { testTileServer } from './scripts/test-tile-server-plugin.mjs';
import { testLocatieserver } from './scripts/test-locatieserver-plugin.mjs';
import { testFaultsServer } from './scripts/test-faults-plugin.mjs';
import { testOgcApiStatic } from './scripts/test-ogcapi-static-plugin.mjs';
import { geoServersPlugin } from './scripts/geo-servers-plugin.mjs';
import { groupedTestFiles } from './scripts/test-groups.mjs';

export default {
  // Most test files share a page with a few others (scripts/test-groups.mjs); a path given on the
  // command line runs alone.
  files: groupedTestFiles(),
  nodeResolve: { browser: true, exportConditions: ['browser', 'production'] },
  // WebGL through SwiftShader is CPU-bound: on two cores, one test file at a time is fastest.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60000,
  testsStartTimeout: 120000,
  // All browser tests take about 6 min on a quiet 2-core machine (364 s measured), far longer under
  // load; the 40- and 100-cycle lifecycle tests are the longest files.
  testsFinishTimeout: 900000,
  testFramework: { config: { timeout: 60000 } },
  mimeTypes: { '**/*.geojson': 'application/geo+json' },
  // Store package modules byte for byte: their SHA-384 is pinned in their store entry.
  middleware: [
    testTileServer(),
    testLocatieserver(),
    testFaultsServer(),
    testOgcApiStatic(),
    storePackagesMiddleware(),
  ],
  plugins: [
    // MapServer (OGC API Features, WMS) and MapCache (WMTS, XYZ) on loopback: /test-geo-servers.json.
    geoServersPlugin(),
    // Big dependencies as one file each: a fresh page per test file loads far fewer modules.
    ...(process.env.TWEELING_NO_PREBUNDLE ? [] : [prebundleDeps()]),
    inlineCssServePlugin(),
    cdpCommandsPlugin(),
    browserFalseModules(),
    cjsToEsm(),
    // React ships CommonJS only: served as ES modules for the framework tests (test/frameworks/).
    reactEsm(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en">
      <head><meta charset="utf-8"><title>Tweeling tests</title>
        <script>window.process = { env: { NODE_ENV: 'production' } };</script>
      </head>
      <body><script type="module" src="${testFramework}"></script></body>
    </html>`,
  reporters: [defaultReporter(), summaryReporter()],
};
