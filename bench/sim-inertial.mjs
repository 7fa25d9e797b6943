#!/usr/bin/env node
/**
 * Local-inertial flood model benchmark, in one Web Worker of headless chromium, merged into
 * bench/results.json under `simInertial`:
 * 1. Kernel speed: a 1024 x 1024 grid with every cell wet (a bumpy bed, Manning n per cell), timed over
 *    `stepInertial` steps at the Courant step; cell-updates/s (a cell-update = its two faces'
 *    discharges plus its continuity) and the ratio to the 30 million/s target.
 * 2. The same grid through `runInertial` (validation, set-up, driver, result copies included).
 * 3. UK EA benchmark Test 4 at 5 m (1000 x 2000 m flat plain, n = 0.05, rising 0-20 m3/s inflow over
 *    1 h through a 20 m breach mid-west): depths along the centre line after 1 h, run time, mass balance.
 * Options: --smoke (a 128 x 128 grid, EA Test 4 at 20 m; well under 20 s).
 */
/* global Worker */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { flatFileServer } from './lib/flat-server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const smoke = process.argv.includes('--smoke');
const TARGET = 30e6;
const settings = smoke
  ? { side: 128, steps: 10, repeats: 3, runSteps: 20, eaCellSize: 20 }
  : { side: 1024, steps: 20, repeats: 5, runSteps: 40, eaCellSize: 5 };
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const round = (x, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

// The worker: builds the grids itself (nothing large crosses the message channel) and times the kernel.
const WORKER_SOURCE = `
import { createInertialState, runInertial, stepInertial } from './src/core/sim/inertial.ts';

function bumpyGrid(side) {
  const z = new Float32Array(side * side);
  const depth = new Float32Array(side * side);
  const manning = new Float32Array(side * side);
  let seed = 12345;
  const noise = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const c = y * side + x;
      z[c] = 0.5 * Math.sin(x / 37) * Math.cos(y / 53) + 0.05 * noise();
      depth[c] = Math.max(1.2 + 0.2 * Math.sin((x + y) / 29) - z[c], 0.3);
      manning[c] = 0.02 + 0.04 * noise();
    }
  return { grid: { width: side, height: side, cellSize: 2, z }, depth, manning };
}

function kernelRates({ side, steps, repeats }) {
  const { grid, depth, manning } = bumpyGrid(side);
  const state = createInertialState(grid, { manning, initialDepth: depth });
  const courant = () => (0.7 * grid.cellSize) / Math.sqrt(9.81 * state.deepestM);
  // Warm-up: at least 3 steps and 300 ms, so that the JIT has optimised the kernel.
  const warmUntil = performance.now() + 300;
  for (let i = 0; i < 3 || performance.now() < warmUntil; i++) stepInertial(state, courant());
  const rates = [];
  for (let r = 0; r < repeats; r++) {
    const before = state.cellUpdates;
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) stepInertial(state, courant());
    rates.push(((state.cellUpdates - before) / (performance.now() - t0)) * 1000);
  }
  return { rates, simulatedS: state.timeS, deepestM: state.deepestM };
}

async function runRate({ side, runSteps }) {
  const { grid, depth, manning } = bumpyGrid(side);
  const dt = (0.7 * grid.cellSize) / Math.sqrt(9.81 * 1.8);
  const t0 = performance.now();
  const result = await runInertial(grid, { manning, initialDepth: depth, durationS: runSteps * dt });
  const ms = performance.now() - t0;
  return { ms, steps: result.steps, cellUpdates: result.cellUpdates, massBalanceError: result.volumes.massBalanceError };
}

async function eaTest4({ eaCellSize: dx }) {
  const width = 1000 / dx;
  const height = 2000 / dx;
  const cells = [];
  for (let row = Math.floor(990 / dx); row < Math.ceil(1010 / dx); row++) cells.push(row * width);
  const t0 = performance.now();
  const result = await runInertial(
    { width, height, cellSize: dx, z: new Float32Array(width * height) },
    { manning: 0.05, durationS: 3600, inflows: [{ cells, hydrograph: [[0, 0], [3600, 20]] }] },
  );
  const ms = performance.now() - t0;
  const row = (c) => 0.5 * (result.depth[(height / 2 - 1) * width + c] + result.depth[(height / 2) * width + c]);
  const onCentreLine = (x) => {
    const column = x / dx - 0.5;
    const i = Math.floor(column);
    return row(i) + (row(i + 1) - row(i)) * (column - i);
  };
  const depthsM = Object.fromEntries([50, 100, 200, 300, 400].map((x) => [x, Math.round(onCentreLine(x) * 1000) / 1000]));
  return { cellSizeM: dx, width, height, ms, steps: result.steps, depthsM, massBalanceError: result.volumes.massBalanceError };
}

self.onmessage = async ({ data }) => {
  try {
    self.postMessage({ kernel: kernelRates(data), run: await runRate(data), ea: await eaTest4(data) });
  } catch (error) {
    self.postMessage({ error: String(error && error.stack || error) });
  }
};
`;

async function bundle(out) {
  await esbuild.build({
    stdin: { contents: WORKER_SOURCE, resolveDir: ROOT, sourcefile: 'sim-inertial-worker.js' },
    bundle: true,
    format: 'esm',
    minify: true,
    tsconfig: join(ROOT, 'tsconfig.json'),
    outfile: join(out, 'worker.js'),
    logLevel: 'error',
  });
  await writeFile(
    join(out, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>bench</title>',
  );
}

async function measure() {
  const out = await mkdtemp(join(tmpdir(), 'tweeling-bench-sim-'));
  const server = flatFileServer(out);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    await bundle(out);
    await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const reply = await page.evaluate(
      (message) =>
        new Promise((resolveReply) => {
          const worker = new Worker('./worker.js', { type: 'module' });
          worker.onmessage = ({ data }) => {
            worker.terminate();
            resolveReply(data);
          };
          worker.onerror = (event) => resolveReply({ error: event.message });
          worker.postMessage(message);
        }),
      settings,
    );
    if (reply.error) throw new Error(`worker: ${reply.error}`);
    return { ...reply, browser: browser.version() };
  } finally {
    await browser.close();
    server.close();
    await rm(out, { recursive: true, force: true });
  }
}

const { kernel, run, ea, browser } = await measure();
const rate = median(kernel.rates);
const result = {
  date: new Date().toISOString(),
  smoke,
  browser: `chromium ${browser}`,
  gridSide: settings.side,
  stepsPerRepeat: settings.steps,
  repeats: settings.repeats,
  cellUpdatesPerS: Math.round(rate),
  bestCellUpdatesPerS: Math.round(Math.max(...kernel.rates)),
  targetCellUpdatesPerS: TARGET,
  ratioToTarget: round(rate / TARGET),
  runInertial: {
    steps: run.steps,
    ms: round(run.ms, 0),
    cellUpdatesPerS: Math.round((run.cellUpdates / run.ms) * 1000),
    massBalanceError: run.massBalanceError,
  },
  eaTest4: {
    ...ea,
    ms: round(ea.ms, 0),
    publishedRangesM: {
      50: [0.29, 0.36],
      100: [0.25, 0.29],
      200: [0.18, 0.21],
      300: [0.11, 0.14],
      400: [0, 0.04],
    },
  },
};
console.log('\nlocal-inertial flood model bench' + (smoke ? ' (smoke)' : ''));
console.log(
  `kernel, ${settings.side}x${settings.side} all wet, one worker: ${round(rate / 1e6, 1)} M cell-updates/s ` +
    `(median of ${settings.repeats}, best ${round(result.bestCellUpdatesPerS / 1e6, 1)} M), ` +
    `ratio to the 30 M target ${result.ratioToTarget}`,
);
console.log(
  `runInertial end to end: ${run.steps} steps in ${result.runInertial.ms} ms, ` +
    `${round(result.runInertial.cellUpdatesPerS / 1e6, 1)} M cell-updates/s, mass balance ${run.massBalanceError.toExponential(1)}`,
);
console.log(
  `EA Test 4 at ${ea.cellSizeM} m (${ea.width}x${ea.height}): ${ea.steps} steps in ${result.eaTest4.ms} ms; ` +
    `depth after 1 h at x = 50/100/200/300/400 m: ${Object.values(ea.depthsM).join(' / ')} m ` +
    `(published 0.29-0.36 / 0.25-0.29 / 0.18-0.21 / 0.11-0.14 / 0-0.04)`,
);
const resultsFile = join(ROOT, 'bench/results.json');
const results = JSON.parse(await readFile(resultsFile, 'utf8').catch(() => '{}'));
results.simInertial = result;
await writeFile(resultsFile, JSON.stringify(results, null, 2) + '\n');
console.log('wrote bench/results.json (simInertial)');
