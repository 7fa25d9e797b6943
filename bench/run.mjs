#!/usr/bin/env node
/**
 * `npm run bench`: measures the SDK against a hand-written maplibre-gl + deck.gl page, side by side in
 * one run, and writes bench/results.json.
 *
 * 1. Time to first complete frame: `<dt-twin>` (default Delft twin) to `dt-ready`, against the same
 *    map drawn with plain maplibre-gl + deck.gl (bench/pages/). Both pages are bundled the same way
 *    with esbuild and served from loopback; N alternating rounds, each in a fresh browser context.
 *    Also the JS heap of each page after its first frame (CDP, after a forced GC).
 * 2. SDK size: src/index.ts + src/define.ts bundled with every dependency external, minified, gzip.
 *
 * Options: --smoke (1 round each), --rounds N, --keep (keep the built pages in the temp folder it prints).
 * Exit 0 with the numbers reported (targets are not gates); exit 1 when a page fails to reach its
 * first frame within 60 s or the build fails.
 */
import { copyFile, cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = join(ROOT, 'bench');
const TARGETS = { firstFrameRatio: 1.15, sdkGzipKB: 60 };
const READY_TIMEOUT_MS = 60_000;
const VIEWPORT = { width: 1200, height: 800 };

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const keep = args.includes('--keep');
const roundsArg = args.indexOf('--rounds');
const rounds = smoke ? 1 : roundsArg >= 0 ? Math.max(1, Number(args[roundsArg + 1]) || 7) : 7;

const kb = (bytes) => bytes / 1024;
const gzipSize = (buf) => gzipSync(buf, { level: 9 }).length;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round1 = (x) => Math.round(x * 10) / 10;
const round3 = (x) => Math.round(x * 1000) / 1000;

/** `import css from 'x.css?inline'` gives the CSS text as a string (as vite does). */
const inlineCss = {
  name: 'inline-css',
  setup(build) {
    build.onResolve({ filter: /\?inline$/ }, async (a) => {
      const r = await build.resolve(a.path.slice(0, -'?inline'.length), {
        kind: a.kind,
        resolveDir: a.resolveDir,
        importer: a.importer,
      });
      if (r.errors.length) return { errors: r.errors };
      return { path: r.path, namespace: 'inline-css' };
    });
    build.onLoad({ filter: /.*/, namespace: 'inline-css' }, async (a) => ({
      contents: await readFile(a.path, 'utf8'),
      loader: 'text',
    }));
  },
};

const common = {
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  platform: 'browser',
  define: { 'process.env.NODE_ENV': '"production"' },
  // experimentalDecorators + useDefineForClassFields: false, as tsc and the library build use them.
  tsconfig: join(ROOT, 'tsconfig.json'),
  logLevel: 'warning',
};

async function buildPages(out) {
  await esbuild.build({
    ...common,
    entryPoints: { sdk: join(BENCH, 'pages/sdk.ts'), baseline: join(BENCH, 'pages/baseline.ts') },
    outdir: out,
    plugins: [inlineCss],
    metafile: true,
  });
  await copyFile(join(BENCH, 'pages/sdk.html'), join(out, 'sdk.html'));
  await copyFile(join(BENCH, 'pages/baseline.html'), join(out, 'baseline.html'));
  // MapLibre's worker is not bundled: both pages point setWorkerUrl() at this copy.
  await copyFile(
    join(ROOT, 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'),
    join(out, 'maplibre-gl-worker.mjs'),
  );
  // DELFT_DATA resolves './data/delft/...' against import.meta.url, which is the bundle's URL.
  await cp(join(ROOT, 'src/data/delft'), join(out, 'data/delft'), { recursive: true });
  const sizes = {};
  for (const name of ['sdk', 'baseline']) {
    const buf = await readFile(join(out, `${name}.js`));
    sizes[name] = { rawKB: round1(kb(buf.length)), gzipKB: round1(kb(gzipSize(buf))) };
  }
  return sizes;
}

// Every runtime dependency in package.json (and its subpaths) is left out: they are not the SDK's code.
const EXTERNAL = Object.keys(
  JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).dependencies,
).flatMap((name) => [name, `${name}/*`]);

/** The SDK's own code: one module exporting src/index.ts and running src/define.ts, deps external. */
async function sdkSize() {
  const result = await esbuild.build({
    ...common,
    stdin: {
      contents: "export * from './src/index.ts';\nimport './src/define.ts';\n",
      resolveDir: ROOT,
      sourcefile: 'sdk-size-entry.ts',
      loader: 'ts',
    },
    external: EXTERNAL,
    write: false,
    metafile: true,
  });
  const code = result.outputFiles[0].contents;
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.startsWith('node_modules'));
  const css = await readFile(join(ROOT, 'node_modules/maplibre-gl/dist/maplibre-gl.css'));
  const size = {
    sdkGzipKB: round1(kb(gzipSize(code))),
    sdkMinKB: round1(kb(code.length)),
    inputFiles: inputs.length,
    // Not counted above: the SDK inlines maplibre-gl's CSS into dt-map's shadow root.
    maplibreCssGzipKB: round1(kb(gzipSize(css))),
    target: TARGETS.sdkGzipKB,
  };
  size.pass = size.sdkGzipKB <= TARGETS.sdkGzipKB;
  const dist = await distSize();
  if (dist) size.dist = dist;
  return size;
}

/** dist/tweeling.js from `npm run build`, with the chunks it imports (if it exists). */
async function distSize() {
  const entry = join(ROOT, 'dist/tweeling.js');
  try {
    await stat(entry);
  } catch {
    return undefined;
  }
  const seen = new Set();
  const files = [];
  const visit = async (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    let text;
    try {
      text = await readFile(file);
    } catch {
      return;
    }
    files.push({ file: relative(ROOT, file), gzipKB: round1(kb(gzipSize(text))) });
    const src = text.toString('utf8');
    const re =
      /(?:import|export)\s*(?:[^'"`;]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;
    for (const m of src.matchAll(re)) await visit(resolve(dirname(file), m[1] ?? m[2]));
  };
  await visit(entry);
  const total = files.reduce((s, f) => s + f.gzipKB, 0);
  return { tweelingGzipKB: round1(total), files };
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.json': 'application/json',
  '.css': 'text/css',
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

/** One page in a fresh context: time to first complete frame, then heap after a forced GC. */
async function measure(browser, url) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  try {
    // Enabled before navigating: ThreadTime and TaskDuration count from Performance.enable.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(url, { waitUntil: 'commit' });
    try {
      await page.waitForFunction(() => window.__bench?.done || window.__bench?.error, null, {
        timeout: READY_TIMEOUT_MS,
        polling: 50,
      });
    } catch {
      throw new Error(
        `no first frame within ${READY_TIMEOUT_MS / 1000} s. ${problems.join(' | ')}`,
      );
    }
    const report = await page.evaluate(() => window.__bench);
    if (report.error) throw new Error(`${report.error} ${problems.join(' | ')}`);
    const before = (await cdp.send('Performance.getMetrics')).metrics;
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (n, list = metrics) => list.find((m) => m.name === n)?.value ?? NaN;
    const memory = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
    return {
      ms: report.tReady - report.t0,
      t0: report.t0,
      marks: report.marks,
      idles: report.idles,
      renders: report.renders,
      canvas: report.canvas,
      // Main-thread CPU time and busy time up to here (less sensitive to a busy machine than wall time).
      cpuMs: metric('ThreadTime', before) * 1000,
      taskMs: metric('TaskDuration', before) * 1000,
      heapMB: metric('JSHeapUsedSize') / 2 ** 20,
      heapTotalMB: metric('JSHeapTotalSize') / 2 ** 20,
      perfMemoryMB: memory == null ? null : memory / 2 ** 20,
      problems,
    };
  } finally {
    await context.close();
  }
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

async function main() {
  const started = Date.now();
  const loadBefore = loadavg()[0];
  // Outside the repository, so linters and formatters never see the minified bundles.
  const out = await mkdtemp(join(tmpdir(), 'tweeling-bench-'));
  let server;
  let browser;
  let failed = false;
  try {
    const [bundles, size] = await Promise.all([buildPages(out), sdkSize()]);
    server = await serve(out);
    const base = `http://127.0.0.1:${server.address().port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
    });
    // One throw-away load of each page first (also in --smoke), so neither pays for the browser's cold
    // start: the GPU process keeps compiled shaders across contexts, and the first page to load would
    // otherwise pay for compiling them all (seen here: +3 s for whichever page goes first).
    // (--smoke warms up with the baseline page only: it uses the same GL programs as the SDK page.)
    if (!smoke) await measure(browser, `${base}/sdk.html`);
    await measure(browser, `${base}/baseline.html`);
    const runs = { sdk: [], baseline: [] };
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? ['sdk', 'baseline'] : ['baseline', 'sdk'];
      for (const name of order) {
        const r = await measure(browser, `${base}/${name}.html`);
        runs[name].push(r);
        process.stdout.write(
          `round ${i + 1}/${rounds} ${pad(name, 8)} ${lpad(r.ms.toFixed(0), 5)} ms  heap ${r.heapMB.toFixed(1)} MB\n`,
        );
      }
    }

    const sdkMs = median(runs.sdk.map((r) => r.ms));
    const baselineMs = median(runs.baseline.map((r) => r.ms));
    const sdkHeap = median(runs.sdk.map((r) => r.heapMB));
    const baselineHeap = median(runs.baseline.map((r) => r.heapMB));
    const phases = (list) => {
      const names = [...new Set(list.flatMap((r) => Object.keys(r.marks)))];
      return Object.fromEntries(
        names.map((n) => [
          n,
          round1(median(list.filter((r) => n in r.marks).map((r) => r.marks[n]))),
        ]),
      );
    };
    const results = {
      date: new Date().toISOString(),
      rounds,
      smoke,
      environment: {
        browser: `chromium ${browser.version()} headless, SwiftShader WebGL`,
        viewport: VIEWPORT,
        node: process.version,
        // 1-minute load average at start and end: on a shared machine, high load makes times noisy.
        loadAverage: [round1(loadBefore), round1(loadavg()[0])],
      },
      firstFrame: {
        sdkMs: round1(sdkMs),
        baselineMs: round1(baselineMs),
        ratio: round3(sdkMs / baselineMs),
        target: TARGETS.firstFrameRatio,
        pass: sdkMs / baselineMs <= TARGETS.firstFrameRatio,
        // Median of the per-round ratios (each round measures both pages back to back), which is
        // less affected by slow drifts in machine load than the ratio of the medians.
        pairedRatioMedian: round3(median(runs.sdk.map((r, i) => r.ms / runs.baseline[i].ms))),
        // Medians of ms after t0 per phase (mapCreated, load, sourceLoad, firstIdle, layersSet, ready).
        phases: { sdk: phases(runs.sdk), baseline: phases(runs.baseline) },
        // Time from navigation start to t0: fetching, parsing and running the page's bundle.
        navToStartMs: {
          sdk: round1(median(runs.sdk.map((r) => r.t0))),
          baseline: round1(median(runs.baseline.map((r) => r.t0))),
        },
        idlesBeforeReady: {
          sdk: median(runs.sdk.map((r) => r.idles)),
          baseline: median(runs.baseline.map((r) => r.idles)),
        },
        rendersBeforeReady: {
          sdk: median(runs.sdk.map((r) => r.renders)),
          baseline: median(runs.baseline.map((r) => r.renders)),
        },
        // Main-thread CPU time (ThreadTime) from navigation to the first frame, medians.
        mainThreadCpuMs: {
          sdk: round1(median(runs.sdk.map((r) => r.cpuMs))),
          baseline: round1(median(runs.baseline.map((r) => r.cpuMs))),
        },
        canvas: { sdk: runs.sdk[0].canvas, baseline: runs.baseline[0].canvas },
        samples: {
          sdk: runs.sdk.map((r) => round1(r.ms)),
          baseline: runs.baseline.map((r) => round1(r.ms)),
        },
      },
      heap: {
        sdkMB: round1(sdkHeap),
        baselineMB: round1(baselineHeap),
        ratio: round3(sdkHeap / baselineHeap),
        measure:
          'CDP Performance.getMetrics JSHeapUsedSize after HeapProfiler.collectGarbage, main thread only',
      },
      bundles,
      size,
    };

    const status = (ok) => (ok ? 'PASS' : 'MISS');
    const rows = [
      ['first frame, SDK (median)', `${results.firstFrame.sdkMs} ms`, '', ''],
      ['first frame, baseline (median)', `${results.firstFrame.baselineMs} ms`, '', ''],
      [
        'first frame ratio sdk/baseline',
        results.firstFrame.ratio.toFixed(3),
        `<= ${TARGETS.firstFrameRatio}`,
        status(results.firstFrame.pass),
      ],
      ['  per-round ratio (median)', results.firstFrame.pairedRatioMedian.toFixed(3), '', ''],
      ['JS heap, SDK / baseline', `${results.heap.sdkMB} / ${results.heap.baselineMB} MB`, '', ''],
      ['JS heap ratio sdk/baseline', results.heap.ratio.toFixed(3), '(reported)', ''],
      [
        'SDK size (own code, min+gzip)',
        `${size.sdkGzipKB} KB`,
        `<= ${TARGETS.sdkGzipKB} KB`,
        status(size.pass),
      ],
    ];
    if (size.dist)
      rows.push([
        'dist/tweeling.js + chunks (gzip)',
        `${size.dist.tweelingGzipKB} KB`,
        '(reported)',
        '',
      ]);
    const w = [34, 22, 14, 4];
    const line = (cells) =>
      cells
        .map((c, i) => pad(c, w[i]))
        .join('  ')
        .trimEnd();
    console.log(
      `\nbench: ${rounds} round(s) each, alternating, fresh context per page, ${VIEWPORT.width}x${VIEWPORT.height}`,
    );
    console.log(line(['measure', 'value', 'target', '']));
    console.log(line(w.map((n) => '-'.repeat(n))));
    for (const r of rows) console.log(line(r));
    console.log(
      `\nphases (ms after t0, medians): sdk ${JSON.stringify(results.firstFrame.phases.sdk)}\n` +
        `                               baseline ${JSON.stringify(results.firstFrame.phases.baseline)}`,
    );
    console.log(
      `bundles (gzip): sdk page ${bundles.sdk.gzipKB} KB, baseline page ${bundles.baseline.gzipKB} KB; ` +
        `bundle load before t0: sdk ${results.firstFrame.navToStartMs.sdk} ms, baseline ${results.firstFrame.navToStartMs.baseline} ms`,
    );
    await writeFile(join(BENCH, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      `main-thread CPU to first frame: sdk ${results.firstFrame.mainThreadCpuMs.sdk} ms, baseline ${results.firstFrame.mainThreadCpuMs.baseline} ms; ` +
        `load average ${results.environment.loadAverage.join(' -> ')} on ${cpus().length} cores`,
    );
    console.log(`wrote bench/results.json (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  } catch (error) {
    failed = true;
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await browser?.close();
    server?.close();
    if (keep) console.log(`pages kept in ${out}/`);
    else await rm(out, { recursive: true, force: true });
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
