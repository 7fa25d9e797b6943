#!/usr/bin/env node
/**
 * Core runtime benchmarks (`npm run bench` runs them after the first-frame bench), side by side in one
 * run, merged into bench/results.json under `core`:
 * 1. Worker round trip of a 4096 x 4096 Float32 grid (64 MB) moved by transfer, against the same grid
 *    copied by structured clone, in headless chromium; the ratio clone/transfer.
 * 2. Scheduler overhead per tile with 10,000 tiles queued (Node): the scheduler's time to run 10,000
 *    instant loads through its queue, minus the same loads run directly, per tile, in microseconds.
 * Options: --smoke (a 1024 x 1024 grid, 1 repeat, 1,000 tiles).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { flatFileServer } from './lib/flat-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const smoke = process.argv.includes('--smoke');
const GRID_SIDE = smoke ? 1024 : 4096;
const REPEATS = smoke ? 1 : 5;
const TILES = smoke ? 1000 : 10000;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const round2 = (x) => Math.round(x * 100) / 100;

async function bundle(out) {
  const common = {
    bundle: true,
    format: 'esm',
    minify: true,
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'error',
  };
  await esbuild.build({
    ...common,
    entryPoints: [join(ROOT, 'src/core/workers/worker.ts')],
    outfile: join(out, 'worker.js'),
  });
  await esbuild.build({
    ...common,
    entryPoints: [join(ROOT, 'bench/pages/worker-transfer.ts')],
    outfile: join(out, 'page.js'),
  });
  await writeFile(
    join(out, 'index.html'),
    '<!doctype html><meta charset="utf-8"><script type="module" src="page.js"></script>',
  );
}

async function workerTransfer() {
  const out = await mkdtemp(join(tmpdir(), 'tweeling-bench-core-'));
  const server = flatFileServer(out);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    await bundle(out);
    await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => typeof window.runWorkerBench === 'function');
    const r = await page.evaluate(
      ([side, repeats]) => window.runWorkerBench(side, repeats),
      [GRID_SIDE, REPEATS],
    );
    const transferMs = median(r.transferMs);
    const cloneMs = median(r.cloneMs);
    return {
      gridSide: GRID_SIDE,
      megabytes: (GRID_SIDE * GRID_SIDE * 4) / 2 ** 20,
      repeats: REPEATS,
      transferRoundTripMs: round2(transferMs),
      cloneRoundTripMs: round2(cloneMs),
      structuredCloneMainThreadMs: round2(median(r.structuredCloneMs)),
      ratioCloneOverTransfer: round2(cloneMs / transferMs),
    };
  } finally {
    await browser.close();
    server.close();
    await rm(out, { recursive: true, force: true });
  }
}

async function schedulerOverhead() {
  const out = await mkdtemp(join(tmpdir(), 'tweeling-bench-sched-'));
  try {
    const file = join(out, 'scheduler.mjs');
    await esbuild.build({
      entryPoints: [join(ROOT, 'src/core/tiles/scheduler.ts')],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile: file,
      logLevel: 'error',
    });
    const { RequestScheduler } = await import(pathToFileURL(file).href);
    const load = () => Promise.resolve(1);
    const urls = Array.from(
      { length: TILES },
      (_, i) => `http://tiles.test/${i >> 7}/${i & 127}.bin`,
    );
    const samples = [];
    for (let rep = 0; rep < (smoke ? 1 : 5); rep++) {
      let t0 = performance.now();
      await Promise.all(urls.map((url) => load(url, new AbortController().signal)));
      const direct = performance.now() - t0;
      const scheduler = new RequestScheduler({ load, maxPerOrigin: 6 });
      t0 = performance.now();
      await Promise.all(urls.map((url, i) => scheduler.request(url, url, { priority: TILES - i })));
      const scheduled = performance.now() - t0;
      samples.push({ direct, scheduled });
    }
    const perTileUs = median(samples.map((s) => ((s.scheduled - s.direct) * 1000) / TILES));
    return { tiles: TILES, maxPerOrigin: 6, overheadPerTileUs: round2(perTileUs) };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

const worker = await workerTransfer();
const scheduler = await schedulerOverhead();
console.log('\ncore runtime bench' + (smoke ? ' (smoke)' : ''));
console.log(
  `worker round trip, ${worker.gridSide}x${worker.gridSide} Float32 (${worker.megabytes} MB): transfer ${worker.transferRoundTripMs} ms, ` +
    `clone ${worker.cloneRoundTripMs} ms, ratio clone/transfer ${worker.ratioCloneOverTransfer} (structuredClone alone ${worker.structuredCloneMainThreadMs} ms)`,
);
console.log(
  `scheduler overhead: ${scheduler.overheadPerTileUs} µs per tile with ${scheduler.tiles} tiles queued`,
);
const resultsFile = join(ROOT, 'bench/results.json');
const results = JSON.parse(await readFile(resultsFile, 'utf8').catch(() => '{}'));
results.core = { date: new Date().toISOString(), smoke, worker, scheduler };
await writeFile(resultsFile, JSON.stringify(results, null, 2) + '\n');
console.log('wrote bench/results.json (core)');
