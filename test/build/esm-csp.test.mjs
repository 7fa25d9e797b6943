/**
 * Build test of the ES-module build under a strict CSP: `node test/build/esm-csp.test.mjs`.
 *
 * The ES build (dist/tweeling.js, dist/define.js, their chunks and dist/tweeling-worker-<hash>.js)
 * keeps its dependencies as bare imports, as an application's bundler or an import map expects. This
 * test serves the repo's dist/ and node_modules/ from 127.0.0.1 and opens a page that loads
 * /dist/define.js through an inline import map, under a CSP that allows workers only from 'self'
 * (no blob:, no data:). Checks: `dt-ready` fires; the pool answers a `grid-stats` request (so our
 * worker file loaded from dist/); every worker was started from a same-origin http URL; no CSP
 * violation; no request left the server.
 *
 * The import map: maplibre-gl maps to its own file in node_modules, so MapLibre finds its worker
 * (`maplibre-gl-worker.mjs`) next to it, same-origin. MapLibre starts a module worker directly from
 * that URL when it is same-origin; only a cross-origin URL (a CDN) is wrapped in a blob: (`import
 * "<url>"`), and a classic-worker URL is fetched into a blob: — those setups need `worker-src blob:`.
 * Every other dependency (lit, @lit/context, deck.gl, luma.gl, loaders.gl, geotiff, proj4, with their
 * own transitive imports) is pre-bundled by esbuild into /deps/ (one entry per bare specifier, shared
 * chunks, so lit is one instance): that keeps the test about OUR build and its worker URL.
 *
 * Prints one line per check and a last line `N passed, N failed, N skipped`; exits 1 on a failure.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { DIST, ROOT, check, finish, poolGridStats, prepare } from './harness.mjs';

const READY_TIMEOUT_MS = 60_000;

const CHECKS = [
  "(a) ESM page with worker-src 'self' reaches dt-ready",
  "(b) controller.workers.request('grid-stats') answers min 1, max 3",
  '(b) the pool worker was loaded from dist/tweeling-worker-*.js',
  '(c) every worker started from a same-origin http URL (no blob:, no data:)',
  "(c) MapLibre's worker came from node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs",
  '(d) no CSP violations reported',
  '(e) no request left the test server origin',
  '(f) control: the CSP is in force (a blob: worker is refused)',
];

// 1. Build when needed.
prepare('tweeling.js', CHECKS);
const { chromium } = await import('playwright-core');
const { init, parse } = await import('es-module-lexer');
const esbuild = await import('esbuild');

// 2. The bare specifiers the ES build imports (static and dynamic), read with a real ES lexer.
await init;
const bare = new Set();
for (const name of await readdir(DIST)) {
  if (!name.endsWith('.js') || name.includes('.iife.')) continue;
  const [imports] = parse(await readFile(join(DIST, name), 'utf8'));
  for (const { n } of imports) if (n && !/^(\.|\/|[a-z]+:)/.test(n)) bare.add(n);
}
const MAPLIBRE = 'maplibre-gl';
const bundled = [...bare].filter((s) => s !== MAPLIBRE).sort();

// 3. Pre-bundle everything but maplibre-gl into /deps/ (kept external: it stays a bare import).
const tmp = await mkdtemp(join(tmpdir(), 'tweeling-esm-'));
const DEPS = join(tmp, 'deps');
const entryName = (spec) => spec.replace(/[@/.]/g, '_');
await esbuild.build({
  absWorkingDir: ROOT,
  entryPoints: Object.fromEntries(bundled.map((spec) => [entryName(spec), spec])),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outdir: DEPS,
  external: [MAPLIBRE],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error',
});
const imports = Object.fromEntries(bundled.map((spec) => [spec, `/deps/${entryName(spec)}.js`]));
imports[MAPLIBRE] = '/node_modules/maplibre-gl/dist/maplibre-gl.mjs';
const importMap = JSON.stringify({ imports }, null, 2);
const hash = createHash('sha256').update(importMap).digest('base64');
const CSP = [
  "default-src 'self'",
  `script-src 'self' 'sha256-${hash}'`,
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
].join('; ');
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />
    <meta http-equiv="Content-Security-Policy" content="${CSP}" />
    <script type="importmap">${importMap}</script>
    <script type="module" src="/dist/define.js"></script>
  </head>
  <body>
    <dt-twin style="display:block;width:900px;--dt-twin-height:600px"></dt-twin>
  </body>
</html>
`;
console.log(`     import map: ${Object.keys(imports).join(', ')}`);

// 4. A tiny static server: the page, /deps/, and the repo's dist/ and node_modules/.
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.css': 'text/css',
};
const served = [];
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  served.push(path);
  if (path === '/site/index.html') {
    res.writeHead(200, { 'content-type': TYPES['.html'] }).end(PAGE);
    return;
  }
  const [base, rest] = path.startsWith('/deps/')
    ? [DEPS, path.slice('/deps/'.length)]
    : /^\/(dist|node_modules)\//.test(path)
      ? [ROOT, path.slice(1)]
      : [undefined, ''];
  const file = base ? normalize(join(base, rest)) : '';
  if (!base || !file.startsWith(normalize(base) + (base.endsWith(sep) ? '' : sep))) {
    if (path !== '/favicon.ico') console.log(`     404 ${path}`);
    res.writeHead(404).end('not found');
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    console.log(`     404 ${path}`);
    res.writeHead(404).end('not found');
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const ORIGIN = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
  headless: true,
});

try {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const requests = new Set();
  const problems = [];
  context.on('request', (r) => requests.add(r.url()));
  const tab = await context.newPage();
  tab.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  tab.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      problems.push(`console.${m.type()}: ${m.text()}`);
  });
  await tab.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
    window.__dtReady = new Promise((resolve) =>
      document.addEventListener('dt-ready', () => resolve(true), { once: true }),
    );
    // Every worker the page starts, by URL: the point of this test is where workers come from.
    window.__workerUrls = [];
    const NativeWorker = window.Worker;
    window.Worker = class extends NativeWorker {
      constructor(url, options) {
        window.__workerUrls.push(new URL(String(url), window.location.href).href);
        super(url, options);
      }
    };
  });
  await tab.goto(`${ORIGIN}/site/index.html`);
  const ready = await tab.evaluate(
    (ms) => Promise.race([window.__dtReady, new Promise((r) => setTimeout(() => r(false), ms))]),
    READY_TIMEOUT_MS,
  );
  check(CHECKS[0], ready, ready ? '' : `not within ${READY_TIMEOUT_MS / 1000} s`);

  const stats = await poolGridStats(tab);
  check(CHECKS[1], stats.min === 1 && stats.max === 3, JSON.stringify(stats));
  const workerUrls = await tab.evaluate(() => window.__workerUrls);
  const ours = workerUrls.filter((url) => /\/dist\/tweeling-worker-[\w-]+\.js$/.test(url));
  check(
    CHECKS[2],
    ours.length > 0 && served.some((p) => /^\/dist\/tweeling-worker-[\w-]+\.js$/.test(p)),
    workerUrls.join(', '),
  );
  const elsewhere = workerUrls.filter((url) => !url.startsWith(`${ORIGIN}/`));
  check(CHECKS[3], workerUrls.length > 0 && elsewhere.length === 0, workerUrls.join(', '));
  check(
    CHECKS[4],
    workerUrls.some((url) =>
      url.startsWith(`${ORIGIN}/node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs`),
    ),
  );

  const violations = await tab.evaluate(() => window.__violations);
  const cspMessages = problems.filter((p) => /Content Security Policy/i.test(p));
  check(
    CHECKS[5],
    violations.length === 0 && cspMessages.length === 0,
    [...violations, ...cspMessages].join('; '),
  );
  const foreign = [...requests].filter((url) => {
    if (url.startsWith('data:')) return false;
    try {
      return new URL(url).origin !== ORIGIN;
    } catch {
      return true;
    }
  });
  check(CHECKS[6], foreign.length === 0, foreign.join(', '));
  // Last, since it reports a violation on purpose: without it, (c) and (d) could pass on a page
  // whose CSP was never applied.
  const refused = await tab.evaluate(async () => {
    const before = window.__violations.length;
    const url = URL.createObjectURL(new Blob([''], { type: 'text/javascript' }));
    try {
      new window.Worker(url).terminate();
    } catch (error) {
      return `threw ${error.name}`;
    }
    await new Promise((r) => setTimeout(r, 500));
    return window.__violations.slice(before).join('; ') || '';
  });
  check(
    CHECKS[7],
    /worker-src|SecurityError/.test(refused),
    refused || 'the blob: worker was allowed',
  );
  if (problems.length) console.log(`     page reported:\n       ${problems.join('\n       ')}`);
  await context.close();
} catch (error) {
  check('test ran to the end', false, error.stack ?? String(error));
} finally {
  await browser.close();
  server.close();
  await rm(tmp, { recursive: true, force: true });
}
finish();
