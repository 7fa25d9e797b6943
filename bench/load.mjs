#!/usr/bin/env node
/**
 * Benchmark: load-to-first-frame of the data-source kinds, the SDK against hand-written
 * maplibre-gl + deck.gl + loaders.gl pages loading the same files, side by side in one run:
 * - campus: 1,529 BAG buildings (GeoJSON) as extrusions;
 * - cityjson: testarea.city.json (CityJSON 1.0, 160 LoD1 buildings + 410 other objects) as meshes;
 * - 3dbag: the 3DBAG CityJSONSeq sample (10 buildings, LoD 2.2) as meshes;
 * - laz: the two AHN3 LAZ files (848,942 points) as point clouds.
 * The SDK page is markup only, with the ES build (`npm run build` first) bundled by esbuild as a
 * web developer's app would bundle it (lazily imported kinds stay in split chunks); full runs also
 * time the single-file build (dist/tweeling.iife.js), which evaluates every kind at load. Each SDK
 * page is timed from navigation start to the first map `idle` after every source's `dt-source-load`
 * with its deck.gl layers loaded; the hand-written page (bench/pages/load-baseline.ts, bundled with
 * esbuild) to the first deck.gl frame after its layers loaded. Also the main thread's long tasks
 * (Long Tasks API) before that frame. Target: ratio <= 1.2 per case, and no long task over 50 ms
 * while the data loads. Writes `load` into bench/results.json.
 * Options: --smoke (1 round, cases campus and 3dbag), --rounds N, --case name.
 */
import { copyFile, cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { Buffer } from 'node:buffer';
import { loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_RATIO = 1.2;
const LONG_TASK_MS = 50;
const VIEWPORT = { width: 1200, height: 800 };
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const rounds = smoke ? 1 : Math.max(1, Number(opt('--rounds')) || 5);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round1 = (x) => Math.round(x * 10) / 10;
const round3 = (x) => Math.round(x * 1000) / 1000;

const inlineCss = {
  name: 'inline-css',
  setup(build) {
    build.onResolve({ filter: /\?inline$/ }, async (a) => {
      const r = await build.resolve(a.path.slice(0, -'?inline'.length), {
        kind: a.kind,
        resolveDir: a.resolveDir,
      });
      return r.errors.length ? { errors: r.errors } : { path: r.path, namespace: 'inline-css' };
    });
    build.onLoad({ filter: /.*/, namespace: 'inline-css' }, async (a) => ({
      contents: await readFile(a.path, 'utf8'),
      loader: 'text',
    }));
  },
};

// Records long tasks from the very start of each page (both pages, same script).
const LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
  .observe({ type: 'longtask', buffered: true });`;

async function buildPages(out, cases) {
  // The cases are TypeScript (the baseline page imports them too): compile them for Node here.
  const built = await esbuild.build({
    entryPoints: [join(ROOT, 'bench/pages/load-cases.ts')],
    bundle: true,
    format: 'esm',
    write: false,
  });
  const { CASES } = await import(
    `data:text/javascript;base64,${Buffer.from(built.outputFiles[0].text).toString('base64')}`
  );
  await esbuild.build({
    entryPoints: { baseline: join(ROOT, 'bench/pages/load-baseline.ts') },
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'warning',
    outdir: out,
    plugins: [inlineCss],
  });
  await copyFile(
    join(ROOT, 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'),
    join(out, 'maplibre-gl-worker.mjs'),
  );
  // The SDK as a web developer ships it: their bundler (esbuild here, as for the hand-written page)
  // bundles `tweeling/define` from the ES build, keeping its lazily imported kinds in split chunks.
  await esbuild.build({
    stdin: {
      contents: `import ${JSON.stringify(join(ROOT, 'dist/define.js'))};`,
      resolveDir: ROOT,
      loader: 'js',
    },
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    platform: 'browser',
    conditions: ['browser', 'production'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    // dist/define.js imports side-effect-free packages (lit, deck.gl) only for the bundle's order.
    logOverride: { 'ignored-bare-import': 'silent' },
    outdir: join(out, 'sdk-es'),
    entryNames: 'sdk',
  });
  // Workers the ES build starts from next to its modules: its pool worker and MapLibre's.
  for (const file of await readdir(join(ROOT, 'dist'))) {
    if (/^tweeling-worker-.*\.js$/.test(file))
      await copyFile(join(ROOT, 'dist', file), join(out, 'sdk-es', file));
  }
  await copyFile(
    join(ROOT, 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'),
    join(out, 'sdk-es/maplibre-gl-worker.mjs'),
  );
  await copyFile(join(ROOT, 'dist/tweeling.iife.js'), join(out, 'tweeling.iife.js'));
  await cp(join(ROOT, 'src/data/delft'), join(out, 'data/delft'), { recursive: true });
  await cp(join(ROOT, 'src/data/delft-campus'), join(out, 'data/delft-campus'), {
    recursive: true,
  });
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench: load</title>
<style>html,body{margin:0} #map{width:${VIEWPORT.width}px;height:${VIEWPORT.height}px} dt-twin{width:${VIEWPORT.width}px;--dt-twin-height:${VIEWPORT.height}px}</style>
<script>${LONG_TASKS}</script>`;
  await writeFile(
    join(out, 'baseline.html'),
    `${head}</head><body><div id="map"></div><script type="module" src="./baseline.js"></script></body></html>`,
  );
  const scripts = {
    es: '<script type="module" src="./sdk-es/sdk.js"></script>',
    iife: '<script src="./tweeling.iife.js"></script>',
  };
  for (const name of cases)
    for (const [variant, script] of Object.entries(scripts)) {
      const c = CASES[name];
      await writeFile(
        join(out, `sdk-${variant}-${name}.html`),
        `${head}<script>window.__loadBench = { done: false, ready: 0, error: '' };
// The first map frame drawn after every data source of the page has loaded (dt-ready alone may come
// before a slow source has settled).
let loaded = 0;
const sources = ${(c.markup.match(/<dt-data-source/g) ?? []).length};
document.addEventListener('dt-source-load', () => {
  if (++loaded < sources) return;
  const dtMap = document.querySelector('dt-map');
  const map = dtMap?.map;
  if (!map) return;
  // Lazily loaded layer modules draw a frame later: wait for an idle map whose deck layers are loaded.
  const drawn = () => (dtMap.deck?.layerManager?.getLayers() ?? []).every((l) => l.isLoaded);
  const onIdle = () => {
    if (!drawn()) return setTimeout(() => { map.once('idle', onIdle); map.triggerRepaint(); }, 16);
    __loadBench.ready = performance.now();
    __loadBench.done = true;
  };
  map.once('idle', onIdle);
  map.triggerRepaint();
});
document.addEventListener('dt-source-error', (e) => { __loadBench.error = String(e.detail.error); });</script>
</head><body><dt-twin basemap="none" lang="en"><dt-map center="${c.center.join(',')}" zoom="${c.zoom}" pitch="${c.pitch}"></dt-map>
${c.markup}</dt-twin>${script}</body></html>`,
      );
    }
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.json': 'application/json',
};

function serve(dir) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = resolve(dir, `.${path}`);
    if (!file.startsWith(dir + sep)) return res.writeHead(403).end();
    try {
      const s = await stat(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-length': s.size,
        'cache-control': 'no-store',
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

async function measure(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  try {
    await page.goto(url, { waitUntil: 'commit' });
    await page
      .waitForFunction(() => window.__loadBench?.done || window.__loadBench?.error, null, {
        timeout: 120_000,
        polling: 50,
      })
      .catch(() => {
        throw new Error(`no first frame within 120 s at ${url}. ${problems.join(' | ')}`);
      });
    // Let the observer deliver the last entries.
    await page.waitForTimeout(100);
    const { bench, longTasks } = await page.evaluate(() => ({
      bench: window.__loadBench,
      longTasks: window.__longTasks,
    }));
    if (bench.error) throw new Error(`${url}: ${bench.error} ${problems.join(' | ')}`);
    const before = longTasks.filter(([start]) => start < bench.ready);
    return {
      ms: bench.ready,
      longestTaskMs: Math.max(0, ...before.map(([, d]) => d)),
      longTasksOver50: before.filter(([, d]) => d > LONG_TASK_MS).length,
    };
  } finally {
    await context.close();
  }
}

async function main() {
  const all = ['campus', 'cityjson', '3dbag', 'laz'];
  const cases = opt('--case') ? [opt('--case')] : smoke ? ['campus', '3dbag'] : all;
  try {
    await stat(join(ROOT, 'dist/tweeling.iife.js'));
  } catch {
    console.error('load bench: dist/tweeling.iife.js is missing: run `npm run build` first');
    process.exit(1);
  }
  const out = await mkdtemp(join(tmpdir(), 'tweeling-load-bench-'));
  const loadBefore = loadavg()[0];
  let browser;
  let server;
  let failed = false;
  const results = {};
  try {
    await buildPages(out, cases);
    server = await serve(out);
    const base = `http://127.0.0.1:${server.address().port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    for (const name of cases) {
      // sdk: the ES build bundled as an app would (the target); iife: the single-file build, which
      // evaluates every kind at load (full runs only, for information).
      const urls = {
        sdk: `${base}/sdk-es-${name}.html`,
        baseline: `${base}/baseline.html?case=${name}`,
        ...(smoke ? {} : { iife: `${base}/sdk-iife-${name}.html` }),
      };
      const sides = Object.keys(urls);
      // One throw-away load of each first: shader compilation is cached across contexts, so without
      // it the first page timed pays for both (smoke runs too: campus measured 1.61 without, 1.01 with).
      for (const url of Object.values(urls)) await measure(browser, url);
      const runs = Object.fromEntries(sides.map((side) => [side, []]));
      for (let i = 0; i < rounds; i++) {
        const order = i % 2 === 0 ? sides : [...sides].reverse();
        for (const side of order) runs[side].push(await measure(browser, urls[side]));
      }
      const ms = (side) => median(runs[side].map((r) => r.ms));
      const longest = (side) => round1(Math.max(...runs[side].map((r) => r.longestTaskMs)));
      const over50 = (side) => median(runs[side].map((r) => r.longTasksOver50));
      const ratio = ms('sdk') / ms('baseline');
      results[name] = {
        sdkMs: round1(ms('sdk')),
        baselineMs: round1(ms('baseline')),
        ratio: round3(ratio),
        target: TARGET_RATIO,
        pass: ratio <= TARGET_RATIO,
        longestTaskMs: Object.fromEntries(sides.map((side) => [side, longest(side)])),
        longTasksOver50: Object.fromEntries(sides.map((side) => [side, over50(side)])),
        ...(runs.iife
          ? { iifeMs: round1(ms('iife')), iifeRatio: round3(ms('iife') / ms('baseline')) }
          : {}),
      };
      const r = results[name];
      const iife = r.iifeMs
        ? `  single-file build ${r.iifeMs} ms (ratio ${r.iifeRatio.toFixed(2)})`
        : '';
      console.log(
        `load ${name.padEnd(8)} sdk ${String(r.sdkMs).padStart(7)} ms  hand-written ${String(r.baselineMs).padStart(7)} ms  ratio ${r.ratio.toFixed(2)} (target <= ${TARGET_RATIO}) ${r.pass ? 'PASS' : 'FAIL'}  longest task sdk ${r.longestTaskMs.sdk} ms / hand-written ${r.longestTaskMs.baseline} ms${iife}`,
      );
    }
  } catch (error) {
    failed = true;
    console.error(`load bench failed: ${error instanceof Error ? error.message : error}`);
  } finally {
    await browser?.close();
    server?.close();
    await rm(out, { recursive: true, force: true });
  }
  const path = join(ROOT, 'bench/results.json');
  let stored = {};
  try {
    stored = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    // first run
  }
  stored.load = {
    date: new Date().toISOString(),
    rounds,
    smoke,
    loadAverage: [round1(loadBefore), round1(loadavg()[0])],
    cases: results,
  };
  await writeFile(path, JSON.stringify(stored, null, 2) + '\n');
  process.exit(failed ? 1 : 0);
}

await main();
