#!/usr/bin/env node
/**
 * Bathtub flood kernel benchmark (src/core/sim/bathtub.ts), in a Web Worker in headless chromium,
 * merged into bench/results.json under `simBathtub`. On one N x N DEM (summed octaves of value noise,
 * a few metres of relief, quantised to mm) it times, side by side in one run and interleaved:
 * - baseline: one plain pass over the same Float32Array (a sum loop);
 * - one water-level update (`floodDepthAt`, WebAssembly SIMD, into a reused output array) at 3
 *   levels, and the plain JavaScript loop (`floodDepthAtScalar`) for comparison;
 * - the Priority-Flood precompute (`floodLevels`, edge sources, 8-connected) with a fresh result and
 *   into a reused array (`out`); 4-connected once; the phases of one run;
 * - the floor of any fresh result (allocating and first touching one grid-sized Float32Array), and a
 *   locality control (the same flood on a tilted plane, where cells leave the queue in memory order).
 * Medians of several repeats; prints the ratios to the baseline and cells per second.
 * Targets: update <= 1.5x the baseline pass, precompute <= 60x.
 * Options: --smoke (a 256 x 256 grid, quick), --side N (grid side, default 4096), --repeats N.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { flatFileServer } from './lib/flat-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argValue = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : undefined;
};
const smoke = process.argv.includes('--smoke');
const SIDE = argValue('--side') ?? (smoke ? 256 : 4096);
const REPEATS = argValue('--repeats') ?? (smoke ? 3 : 7);
const TARGET_UPDATE = 1.5;
const TARGET_PRECOMPUTE = 60;
const round2 = (x) => Math.round(x * 100) / 100;
const round3 = (x) => Math.round(x * 1000) / 1000;

// The worker: builds the DEM, warms every function up, then times them interleaved.
const WORKER_SOURCE = `
import {
  edgeSources, floodDepthAt, floodDepthAtScalar, floodLevels, quantiseDem,
} from './src/core/sim/bathtub.ts';
import { hasSimdDepthKernel } from './src/core/sim/bathtub-depth-wasm.ts';
import {
  createPriorityFlood, drainPriorityFlood, fillPriorityFlood, readPriorityFlood,
} from './src/core/sim/bathtub-queue.ts';

/** Seeded PRNG (mulberry32). */
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Summed octaves of value noise (smoothstep-interpolated lattices, cells side/8 down to 2), 0..6 m, plus a 1.5 m tilt. */
function terrain(side) {
  const random = mulberry32(20140101);
  const dem = new Float32Array(side * side);
  let amplitude = 3;
  for (let cell = Math.max(4, side >> 3); cell >= 2; cell >>= 1, amplitude *= 0.5) {
    const lattice = Math.ceil(side / cell) + 2;
    const values = new Float32Array(lattice * lattice);
    for (let i = 0; i < values.length; i++) values[i] = random() * amplitude;
    for (let y = 0; y < side; y++) {
      const gy = y / cell;
      const iy = Math.floor(gy);
      let fy = gy - iy;
      fy = fy * fy * (3 - 2 * fy);
      for (let x = 0; x < side; x++) {
        const gx = x / cell;
        const ix = Math.floor(gx);
        let fx = gx - ix;
        fx = fx * fx * (3 - 2 * fx);
        const k = iy * lattice + ix;
        const top = values[k] + (values[k + 1] - values[k]) * fx;
        const bottom = values[k + lattice] + (values[k + lattice + 1] - values[k + lattice]) * fx;
        dem[y * side + x] += top + (bottom - top) * fy;
      }
    }
  }
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) dem[y * side + x] += (x / side) * 1.5;
  }
  return dem;
}

/** The baseline: one plain pass over the DEM. */
function sum(values) {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

const now = () => performance.now();
const time = (f, passes = 1) => {
  const t0 = now();
  for (let k = 0; k < passes; k++) f();
  return (now() - t0) / passes;
};
const timeAsync = async (f) => {
  const t0 = now();
  await f();
  return now() - t0;
};

self.onmessage = async ({ data: { side, repeats } }) => {
  try {
    self.postMessage(await measure(side, repeats));
  } catch (error) {
    self.postMessage({ error: String(error && error.stack ? error.stack : error) });
  }
};

async function measure(side, repeats) {
  const n = side * side;
  const dem = quantiseDem(terrain(side));
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < n; i++) {
    low = Math.min(low, dem[i]);
    high = Math.max(high, dem[i]);
  }
  const sources = edgeSources(side, side);
  const out = new Float32Array(n);
  const reused = new Float32Array(n);
  const waterLevels = [0.25, 0.5, 0.75].map((f) => low + f * (high - low));
  // Warm-up: every timed function runs (and is optimised) before timing starts.
  let sink = sum(dem) + sum(dem);
  let levels = await floodLevels(dem, side, side, sources);
  await floodLevels(dem, side, side, sources, { out: reused });
  for (const h of waterLevels) {
    floodDepthAt(dem, levels, h, out);
    floodDepthAtScalar(dem, levels, h, out);
  }
  const r = {
    baselineMs: [], updateMs: [], updateScalarMs: [], precomputeMs: [], precomputeReusedMs: [],
    freshArrayMs: [],
  };
  // Short passes (small grids) are repeated within a sample: worker timers tick in 0.1 ms.
  const passes = Math.max(1, Math.round(2 ** 22 / n));
  // Interleaved, so that a slow spell of the machine hits all measures alike. Updates are timed in
  // a run of their own, as a slider would call them: not right after a precompute has released a
  // grid-sized buffer (the garbage collector frees it at some later allocation).
  for (let k = 0; k < repeats; k++) {
    r.baselineMs.push(time(() => (sink += sum(dem)), passes));
    for (const h of waterLevels) {
      r.updateMs.push(time(() => floodDepthAt(dem, levels, h, out), passes));
      r.updateScalarMs.push(time(() => floodDepthAtScalar(dem, levels, h, out), passes));
    }
  }
  for (let k = 0; k < repeats; k++) {
    r.baselineMs.push(time(() => (sink += sum(dem)), passes));
    levels = null;
    r.precomputeMs.push(await timeAsync(async () => (levels = await floodLevels(dem, side, side, sources))));
    r.precomputeReusedMs.push(
      await timeAsync(() => floodLevels(dem, side, side, sources, { out: reused })),
    );
    // The floor of any fresh result: allocating one n-cell Float32Array and first touching it.
    r.freshArrayMs.push(time(() => new Float32Array(n).fill(1)));
  }
  r.precompute4Ms = await timeAsync(() => floodLevels(dem, side, side, sources, { connectivity: 4 }));
  // Phases of one run (into the reused array), through the steps floodLevels chains.
  const grid = new Int32Array(reused.buffer);
  let state;
  const prepare = time(() => {
    state = createPriorityFlood(dem, side, side, 8, 0.001, NaN, grid);
    while (!fillPriorityFlood(state, dem, sources, 1 << 18));
  });
  const flood = time(() => {
    while (!drainPriorityFlood(state, 1 << 18));
  });
  const read = time(() => {
    while (!readPriorityFlood(state, 0.001, 1 << 20));
  });
  r.phasesMs = { prepare, flood, read };
  // Locality control: the same flood on a plane tilted along x by 1 mm per column (about as many
  // buckets), where cells come off the queue in memory order, not scattered over the grid.
  const plane = new Float32Array(n);
  for (let i = 0; i < n; i++) plane[i] = (i % side) * 0.001;
  const tilted = quantiseDem(plane);
  await floodLevels(tilted, side, side, sources, { out: reused });
  r.tiltReusedMs = [];
  for (let k = 0; k < 3; k++) {
    r.tiltReusedMs.push(await timeAsync(() => floodLevels(tilted, side, side, sources, { out: reused })));
  }
  let flooded = 0;
  floodDepthAt(dem, levels, waterLevels[1], out);
  for (let i = 0; i < n; i++) if (out[i] > 0) flooded++;
  r.terrain = { lowM: low, highM: high, floodedShareAtMid: flooded / n, buckets: state.heads.length };
  r.simd = hasSimdDepthKernel();
  r.sink = sink;
  return r;
}
`;

const PAGE_SOURCE = `
window.runBathtubBench = (side, repeats) =>
  new Promise((resolve, reject) => {
    const worker = new Worker('./worker.js', { type: 'module' });
    worker.onmessage = ({ data }) => {
      worker.terminate();
      if (data.error) reject(new Error(data.error));
      else resolve(data);
    };
    worker.onerror = (event) => { worker.terminate(); reject(new Error(event.message)); };
    worker.postMessage({ side, repeats });
  });
`;

async function bundle(out) {
  const common = { bundle: true, format: 'esm', minify: true, logLevel: 'error' };
  const stdin = (contents, loader) => ({ contents, loader, resolveDir: ROOT });
  await esbuild.build({
    ...common,
    tsconfig: join(ROOT, 'tsconfig.json'),
    stdin: stdin(WORKER_SOURCE, 'js'),
    outfile: join(out, 'worker.js'),
  });
  await esbuild.build({
    ...common,
    stdin: stdin(PAGE_SOURCE, 'js'),
    outfile: join(out, 'page.js'),
  });
  await writeFile(
    join(out, 'index.html'),
    '<!doctype html><meta charset="utf-8"><script type="module" src="page.js"></script>',
  );
}

async function runInChromium() {
  const out = await mkdtemp(join(tmpdir(), 'tweeling-bench-bathtub-'));
  const server = flatFileServer(out);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    await bundle(out);
    await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => typeof window.runBathtubBench === 'function');
    const version = browser.version();
    const r = await page.evaluate(
      ([side, repeats]) => window.runBathtubBench(side, repeats),
      [SIDE, REPEATS],
    );
    return { ...r, browser: `chromium ${version} headless` };
  } finally {
    await browser.close();
    server.close();
    await rm(out, { recursive: true, force: true });
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const r = await runInChromium();
const cells = SIDE * SIDE;
const baselineMs = median(r.baselineMs);
const updateMs = median(r.updateMs);
const precomputeMs = median(r.precomputeMs);
const precomputeReusedMs = median(r.precomputeReusedMs);
const freshArrayMs = median(r.freshArrayMs);
const summary = {
  date: new Date().toISOString(),
  smoke,
  browser: r.browser,
  gridSide: SIDE,
  cells,
  repeats: REPEATS,
  terrain: r.terrain,
  simdUpdate: r.simd,
  baselinePassMs: round3(baselineMs),
  updateMs: round3(updateMs),
  updateScalarMs: round3(median(r.updateScalarMs)),
  precomputeMs: round2(precomputeMs),
  precomputeReusedOutMs: round2(precomputeReusedMs),
  precompute4ConnectedMs: round2(r.precompute4Ms),
  freshArrayMs: round2(freshArrayMs),
  tiltedPlaneReusedOutMs: round2(median(r.tiltReusedMs)),
  precomputePhasesMs: Object.fromEntries(
    Object.entries(r.phasesMs).map(([k, v]) => [k, round2(v)]),
  ),
  updateRatio: round2(updateMs / baselineMs),
  updateScalarRatio: round2(median(r.updateScalarMs) / baselineMs),
  precomputeRatio: round2(precomputeMs / baselineMs),
  precomputeReusedOutRatio: round2(precomputeReusedMs / baselineMs),
  freshArrayRatio: round2(freshArrayMs / baselineMs),
  precomputeCellsPerSecond: Math.round(cells / (precomputeMs / 1000)),
  precomputeReusedOutCellsPerSecond: Math.round(cells / (precomputeReusedMs / 1000)),
  updateCellsPerSecond: Math.round(cells / (updateMs / 1000)),
  targets: { updateRatio: TARGET_UPDATE, precomputeRatio: TARGET_PRECOMPUTE },
  samplesMs: {
    baseline: r.baselineMs.map(round3),
    update: r.updateMs.map(round3),
    updateScalar: r.updateScalarMs.map(round3),
    precompute: r.precomputeMs.map(round2),
    precomputeReusedOut: r.precomputeReusedMs.map(round2),
    freshArray: r.freshArrayMs.map(round2),
  },
};
summary.pass = {
  update: summary.updateRatio <= TARGET_UPDATE,
  precompute: summary.precomputeRatio <= TARGET_PRECOMPUTE,
};

const mCells = (x) => (x / 1e6).toFixed(1);
console.log(
  `\nbathtub flood kernel bench${smoke ? ' (smoke)' : ''}, ${SIDE} x ${SIDE} (${cells} cells), medians of ${REPEATS}`,
);
console.log(`baseline pass (sum loop): ${summary.baselinePassMs} ms`);
console.log(
  `water-level update (floodDepthAt${r.simd ? ', WebAssembly SIMD' : ', plain loop'}): ${summary.updateMs} ms = ` +
    `${summary.updateRatio}x baseline (target <= ${TARGET_UPDATE}x), ${mCells(summary.updateCellsPerSecond)} M cells/s; ` +
    `plain JavaScript loop ${summary.updateScalarMs} ms = ${summary.updateScalarRatio}x`,
);
console.log(
  `Priority-Flood precompute (floodLevels, edge sources, 8-conn.): ${summary.precomputeMs} ms = ${summary.precomputeRatio}x ` +
    `baseline (target <= ${TARGET_PRECOMPUTE}x), ${mCells(summary.precomputeCellsPerSecond)} M cells/s; 4-conn. ${summary.precompute4ConnectedMs} ms`,
);
console.log(
  `  of which the fresh result array: allocating + first touching one ${SIDE}x${SIDE} Float32Array alone takes ` +
    `${summary.freshArrayMs} ms = ${summary.freshArrayRatio}x baseline`,
);
console.log(
  `  into a reused array (options.out): ${summary.precomputeReusedOutMs} ms = ${summary.precomputeReusedOutRatio}x, ` +
    `${mCells(summary.precomputeReusedOutCellsPerSecond)} M cells/s; phases: quantise ${summary.precomputePhasesMs.prepare} ms, ` +
    `flood ${summary.precomputePhasesMs.flood} ms, read out ${summary.precomputePhasesMs.read} ms; ${r.terrain.buckets} buckets`,
);
console.log(
  `  locality control, a tilted plane into a reused array: ${summary.tiltedPlaneReusedOutMs} ms = ` +
    `${round2(summary.tiltedPlaneReusedOutMs / baselineMs)}x`,
);
console.log(
  `update ${summary.pass.update ? 'PASS' : 'FAIL'}, precompute ${summary.pass.precompute ? 'PASS' : 'FAIL'}`,
);
const resultsFile = join(ROOT, 'bench/results.json');
const results = JSON.parse(await readFile(resultsFile, 'utf8').catch(() => '{}'));
results.simBathtub = summary;
await writeFile(resultsFile, JSON.stringify(results, null, 2) + '\n');
console.log('wrote bench/results.json (simBathtub)');
