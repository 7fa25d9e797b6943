/**
 * Build test of the single-file script build: `node test/build/iife.test.mjs`.
 *
 * Builds dist/ if dist/tweeling.iife.js is missing, copies ONLY dist/ into a temp dir at a nested path
 * (static/assets/tweeling/), serves it from 127.0.0.1, and opens pages at another path (/site/...)
 * that contain nothing but the script tag and a `<dt-twin>`, in headless Debian chromium. Checks:
 *   (a) `dt-ready` fires;
 *   (b) the default source holds the 160 shipped buildings (the data resolves next to the script,
 *       not next to the page: rollup turns `import.meta.url` into `document.currentScript.src`);
 *   (c) the map canvas shows more than 10% non-background pixels;
 *   (d) no request leaves the test server's origin;
 *   (e) a page with a strict Content-Security-Policy still reaches `dt-ready`.
 *
 * The CSP the IIFE needs (see CSP below): `script-src 'self'` (no eval or inline script is used);
 * `worker-src 'self' blob:` because MapLibre's worker is inlined in the bundle and started from a
 * blob: URL (`new Worker(blobUrl, { type: 'module' })`); `style-src 'unsafe-inline'` because MapLibre
 * positions its canvas and controls with inline styles; `img-src data: blob:` for MapLibre's images;
 * `connect-src 'self'` suffices for the shipped data (the worker inherits the page's policy).
 *
 * Prints one line per check and a last line `N passed, N failed, N skipped`; exits 1 on a failure.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { DIST, check, finish, poolGridStats, prepare } from './harness.mjs';

const READY_TIMEOUT_MS = 60_000;
const BACKGROUND = [0xf2, 0xef, 0xe9]; // #f2efe9, the basemap background
const CSP =
  "default-src 'self'; worker-src 'self' blob:; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'";

const CHECKS = [
  '(a) dt-ready fired',
  '(b) controller.sources[0].data has 160 features',
  '(b) data was read next to the script (/assets/tweeling/data/delft/)',
  '(c) map canvas shows > 10% non-background pixels',
  '(d) no request left the test server origin',
  'the global Tweeling exposes the API (Tweeling.DtTwin is the dt-twin class)',
  '(e) page with strict CSP reaches dt-ready',
  '(e) no CSP violations reported',
  '(f) the inlined pool worker answers under the strict CSP: grid-stats gives min 1, max 3',
];

// 1. Build when needed.
prepare('tweeling.iife.js', CHECKS);
const { chromium } = await import('playwright-core');

// 2. Only dist/, at a nested path; the pages live elsewhere.
const tmp = await mkdtemp(join(tmpdir(), 'tweeling-iife-'));
const STATIC = join(tmp, 'static');
await cp(DIST, join(STATIC, 'assets', 'tweeling'), { recursive: true });
await mkdir(join(STATIC, 'site'), { recursive: true });
const page = (head) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <link rel="icon" href="data:," />${head}
    <script src="/assets/tweeling/tweeling.iife.js"></script>
  </head>
  <body>
    <dt-twin style="display:block;width:900px;--dt-twin-height:600px"></dt-twin>
  </body>
</html>
`;
await writeFile(join(STATIC, 'site', 'index.html'), page(''));
await writeFile(
  join(STATIC, 'site', 'csp.html'),
  page(`\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
);

// 3. A tiny static server.
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.css': 'text/css',
};
const served = [];
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const file = normalize(join(STATIC, path));
  served.push(path);
  if (!file.startsWith(STATIC + sep)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    if (path !== '/favicon.ico') console.log(`     404 ${path}`);
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

/** Opens `path`, records its requests and problems, and waits for dt-ready (or the timeout). */
async function open(path) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const requests = new Set();
  const problems = [];
  context.on('request', (r) => requests.add(r.url()));
  const tab = await context.newPage();
  tab.on('request', (r) => requests.add(r.url()));
  tab.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  tab.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      problems.push(`console.${m.type()}: ${m.text()}`);
  });
  await tab.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(
        `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      ),
    );
    window.__dtReady = new Promise((resolve) =>
      document.addEventListener('dt-ready', () => resolve(true), { once: true }),
    );
  });
  await tab.goto(`${ORIGIN}${path}`);
  const ready = await tab.evaluate(
    (ms) => Promise.race([window.__dtReady, new Promise((r) => setTimeout(() => r(false), ms))]),
    READY_TIMEOUT_MS,
  );
  return { context, tab, requests, problems, ready };
}

/** Reads the map's canvas inside its `render` event (the drawing buffer is intact there). */
async function backgroundShare(tab) {
  return tab.evaluate(
    ([bg]) =>
      new Promise((resolve, reject) => {
        const twin = document.querySelector('dt-twin');
        const m = twin.shadowRoot.querySelector('dt-map').map;
        setTimeout(() => reject(new Error('no render event within 10 s')), 10_000);
        m.once('render', () => {
          const source = m.getCanvas();
          const canvas = document.createElement('canvas');
          canvas.width = source.width;
          canvas.height = source.height;
          const ctx = canvas.getContext('2d');
          ctx.drawImage(source, 0, 0);
          const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
          let other = 0;
          for (let i = 0; i < data.length; i += 4) {
            const d =
              Math.abs(data[i] - bg[0]) +
              Math.abs(data[i + 1] - bg[1]) +
              Math.abs(data[i + 2] - bg[2]);
            if (d > 12) other++;
          }
          resolve({ share: other / (data.length / 4), width: canvas.width, height: canvas.height });
        });
        m.triggerRepaint();
      }),
    [BACKGROUND],
  );
}

try {
  // (a)-(d): the plain page.
  const plain = await open('/site/index.html');
  check(CHECKS[0], plain.ready, plain.ready ? '' : `not within ${READY_TIMEOUT_MS / 1000} s`);
  const count = await plain.tab.evaluate(
    () =>
      document.querySelector('dt-twin')?.controller?.sources?.[0]?.data?.features?.length ?? null,
  );
  check(CHECKS[1], count === 160, `got ${count}`);
  const dataUrl = `${ORIGIN}/assets/tweeling/data/delft/buildings.geojson`;
  check(
    CHECKS[2],
    plain.requests.has(dataUrl) && served.includes('/assets/tweeling/data/delft/buildings.geojson'),
  );
  if (plain.ready) {
    try {
      const { share, width, height } = await backgroundShare(plain.tab);
      check(CHECKS[3], share > 0.1, `${(share * 100).toFixed(1)}% of ${width}x${height}`);
    } catch (error) {
      check(CHECKS[3], false, error.message);
    }
  } else {
    check(CHECKS[3], false, 'the map never became ready');
  }
  const foreign = [...plain.requests].filter((url) => {
    if (url.startsWith('data:')) return false;
    try {
      return new URL(url).origin !== ORIGIN; // blob:http://127.0.0.1:port/... has the page's origin
    } catch {
      return true;
    }
  });
  const list = [...plain.requests].map((url) =>
    url.startsWith(ORIGIN) ? url.slice(ORIGIN.length) : url.slice(0, 60),
  );
  check(CHECKS[4], foreign.length === 0, foreign.length ? foreign.join(', ') : list.join(' '));
  const global = await plain.tab.evaluate(
    () =>
      typeof window.Tweeling === 'object' &&
      window.Tweeling.DtTwin === window.customElements.get('dt-twin') &&
      window.Tweeling.DtTwin.name === 'DtTwin',
  );
  check(CHECKS[5], global);
  if (plain.problems.length)
    console.log(`     page reported:\n       ${plain.problems.join('\n       ')}`);
  await plain.context.close();

  // (e): the strict-CSP page.
  const strict = await open('/site/csp.html');
  check(CHECKS[6], strict.ready, strict.ready ? '' : `not within ${READY_TIMEOUT_MS / 1000} s`);
  // (f): the worker pool of the IIFE build runs from its inlined blob: worker.
  const stats = await poolGridStats(strict.tab);
  check(CHECKS[8], stats.min === 1 && stats.max === 3, JSON.stringify(stats));
  const violations = await strict.tab.evaluate(() => window.__violations);
  check(CHECKS[7], violations.length === 0, violations.join('; '));
  if (strict.problems.length)
    console.log(`     page reported:\n       ${strict.problems.join('\n       ')}`);
  await strict.context.close();
} catch (error) {
  check('test ran to the end', false, error.stack ?? String(error));
} finally {
  await browser.close();
  server.close();
  await rm(tmp, { recursive: true, force: true });
}
finish();
