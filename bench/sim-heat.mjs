#!/usr/bin/env node
/**
 * InVEST Urban Cooling benchmark (src/core/sim/heat-invest.ts), in one Web Worker of headless
 * chromium, merged into bench/results.json under `simHeat`. On a synthetic city of N x N cells
 * at 1 m (street grid, buildings with yards, parks from 0.5 to 9 ha, street trees, a canal; the
 * class parameters from the land-cover table), d_cool = 450 m (kernel cut at 5 d = 2250 m: wider
 * than the grid) and r_mix = 550 m:
 * 1. the full model (`runUrbanCooling`) cold (fresh scratch memory and result grids) and warm (a
 *    scenario rerun: FFT scratch and kernel transforms kept in `options.buffers`, the previous
 *    result's grids reused through `options.out`), and the floor of allocating and first touching
 *    its 7 output grids;
 * 2. accuracy: at S random cells, exact direct sums over the full kernels of CC_park (park
 *    kernel), the green area (disk) and T_air (mixing kernel, over the model's own T_air_nomix),
 *    against the FFT results; the error of T_air is bounded by the mixing error plus UHI_max times
 *    the CC_park error (HM is CC or CC_park; cells where the error could flip HM are counted);
 * 3. the speed-up over direct convolution: the direct time of the three sums per cell, times the
 *    number of cells, over the FFT run.
 * Targets: full run < 1.5 s, T_air error <= 0.01 C.
 * Options: --smoke (a 256 x 256 grid, 32 sample cells; well under 20 s), --side N, --samples S,
 * --repeats R.
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
const SIDE = argValue('--side') ?? (smoke ? 256 : 2048);
const SAMPLES = argValue('--samples') ?? (smoke ? 32 : 256);
const REPEATS = argValue('--repeats') ?? (smoke ? 2 : 3);
const TARGET_RUN_MS = 1500;
const TARGET_T_ERROR_C = 0.01;
const PARAMS = { tRef: 30, uhiMax: 3, coolDistanceM: 450, mixDistanceM: 550, humidity: 50 };
const round = (x, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

// The worker builds the city itself (nothing large crosses the message channel).
const WORKER_SOURCE = `
import { runUrbanCooling, ConvolutionBuffers, cellsOf } from './src/core/sim/heat-invest.ts';
import {
  convolutionGeometry, convolveNormalizedAt, diskKernelSpec, exponentialKernelSpec, kernelQuarter,
} from './src/core/sim/convolve.ts';
import { DEFAULT_LANDCOVER_TABLE } from './src/core/sim/landcover-table.ts';
import { fft, fftPlan } from './src/core/sim/fft.ts';
import { fftScratch } from './src/core/sim/convolve-wasm.ts';

/** Microseconds per 4096-point complex FFT (the kernel the runs use): the machine's pace now. */
function fftPace() {
  const plan = fftPlan(4096);
  const { re, im } = fftScratch(4096, 1);
  for (let i = 0; i < 4096; i++) { re[i] = Math.sin(i); im[i] = Math.cos(i); }
  for (let k = 0; k < 2000; k++) fft(plan, re, im, (k & 1) === 1);
  const samples = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let k = 0; k < 200; k++) fft(plan, re, im, (k & 1) === 1);
    samples.push(((performance.now() - t0) / 200) * 1000);
  }
  return samples.sort((a, b) => a - b)[2];
}

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A city at 1 m: 110 m blocks with 14 m streets, buildings, yards, parks, street trees, a canal. */
function city(side) {
  const random = mulberry32(2024);
  const n = side * side;
  const keys = ['wegdeel', 'pand', 'onbegroeidterreindeel/erf', 'begroeidterreindeel', 'boom',
    'waterdeel', 'wegdeel/voetpad'];
  const cls = new Uint8Array(n); // index into keys
  const block = 124;
  const street = 14;
  // Parks: whole blocks turned green, and a few bigger ones over several blocks.
  const parks = [];
  for (let k = 0; k < Math.max(1, Math.round((side / block) ** 2 / 12)); k++) {
    const bx = Math.floor(random() * (side / block));
    const by = Math.floor(random() * (side / block));
    const span = random() < 0.3 ? 3 : random() < 0.5 ? 2 : 1;
    parks.push([bx, by, span]);
  }
  const inPark = (bx, by) => parks.some(([px, py, s]) => bx >= px && bx < px + s && by >= py && by < py + s);
  for (let y = 0; y < side; y++) {
    const by = Math.floor(y / block);
    const iy = y % block;
    for (let x = 0; x < side; x++) {
      const bx = Math.floor(x / block);
      const ix = x % block;
      const i = y * side + x;
      const onStreet = ix < street || iy < street;
      if (inPark(bx, by) && !onStreet) {
        cls[i] = 3;
      } else if (onStreet) {
        const edge = ix < 3 || (ix >= street - 3 && ix < street) || iy < 3 || (iy >= street - 3 && iy < street);
        cls[i] = edge ? 6 : 0;
      } else {
        // Buildings along the block edge, yards inside.
        const inner = Math.min(ix - street, iy - street, block - 1 - ix, block - 1 - iy);
        cls[i] = inner < 12 ? 1 : 2;
      }
    }
  }
  // Street trees (crowns of radius 3-4 m every ~12 m) and trees in parks.
  const crown = (cx, cy, r) => {
    for (let y = Math.max(0, cy - r); y <= Math.min(side - 1, cy + r); y++)
      for (let x = Math.max(0, cx - r); x <= Math.min(side - 1, cx + r); x++)
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) cls[y * side + x] = 4;
  };
  for (let y = 0; y < side; y += block)
    for (let x = 0; x < side; x += 12) crown(x, y + street / 2, 3 + Math.floor(random() * 2));
  for (let k = 0; k < n / 900; k++) {
    const x = Math.floor(random() * side);
    const y = Math.floor(random() * side);
    if (cls[y * side + x] === 3) crown(x, y, 4 + Math.floor(random() * 4));
  }
  // A canal, 24 m wide, across the city.
  const c0 = Math.floor(side * 0.37);
  for (let y = c0; y < Math.min(side, c0 + 24); y++) for (let x = 0; x < side; x++) cls[y * side + x] = 5;
  const kc = new Float32Array(n);
  const albedo = new Float32Array(n);
  const shade = new Float32Array(n);
  const green = new Uint8Array(n);
  const rows = keys.map((k) => DEFAULT_LANDCOVER_TABLE[k]);
  for (let i = 0; i < n; i++) {
    const row = rows[cls[i]];
    kc[i] = row.kc;
    albedo[i] = row.albedo;
    shade[i] = row.shade;
    green[i] = row.green;
  }
  // ET0: a gentle gradient (mm/day).
  const et0 = new Float32Array(n);
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) et0[y * side + x] = 4 + (0.5 * x) / side;
  let greenCells = 0;
  for (let i = 0; i < n; i++) greenCells += green[i];
  return { inputs: { width: side, height: side, cellSizeM: 1, kc, albedo, shade, green, et0 }, greenShare: greenCells / n, parks: parks.length };
}

const now = () => performance.now();

self.onmessage = async ({ data }) => {
  try {
    self.postMessage(await measure(data));
  } catch (error) {
    self.postMessage({ error: String(error && error.stack ? error.stack : error) });
  }
};

async function measure({ side, samples, repeats, params }) {
  const n = side * side;
  const { inputs, greenShare, parks } = city(side);
  // Warm-up on a small grid: the same code, JIT-compiled before timing.
  const small = city(128).inputs;
  await runUrbanCooling(small, params);
  await runUrbanCooling(small, params);
  const paceBefore = fftPace();
  const coldMs = [];
  const warmMs = [];
  let result;
  for (let k = 0; k < repeats; k++) {
    result = undefined;
    const t0 = now();
    result = await runUrbanCooling(inputs, params);
    coldMs.push(now() - t0);
  }
  // Warm: a scenario rerun on the same grid, with the FFT scratch and kernel transforms kept
  // (options.buffers) and the previous result's arrays written over (options.out).
  const buffers = new ConvolutionBuffers();
  result = await runUrbanCooling(inputs, params, { buffers });
  for (let k = 0; k < repeats; k++) {
    const t0 = now();
    result = await runUrbanCooling(inputs, params, { buffers, out: result });
    warmMs.push(now() - t0);
  }
  const paceAfter = fftPace();
  // The floor: allocating and first touching the 7 output grids.
  const floor = [];
  for (let k = 0; k < 3; k++) {
    const t0 = now();
    for (let j = 0; j < 7; j++) new Float32Array(n).fill(1);
    floor.push(now() - t0);
  }

  // Exact direct sums at random cells.
  const dCool = cellsOf(params.coolDistanceM, 1);
  const dMix = cellsOf(params.mixDistanceM, 1);
  const parkSpec = exponentialKernelSpec(dCool);
  const diskSpec = diskKernelSpec(dCool);
  const mixSpec = exponentialKernelSpec(dMix);
  const gPark = convolutionGeometry(side, side, parkSpec.reach);
  const gDisk = convolutionGeometry(side, side, diskSpec.reach);
  const gMix = convolutionGeometry(side, side, mixSpec.reach);
  const qPark = kernelQuarter(parkSpec, gPark.rowsReach + 1, gPark.colsReach + 1);
  const qDisk = kernelQuarter(diskSpec, gDisk.rowsReach + 1, gDisk.colsReach + 1);
  const qMix = kernelQuarter(mixSpec, gMix.rowsReach + 1, gMix.colsReach + 1);
  const ccGreen = new Float32Array(n);
  for (let i = 0; i < n; i++) ccGreen[i] = inputs.green[i] ? result.cc[i] : 0;
  const random = mulberry32(77);
  let errPark = 0;
  let errArea = 0;
  let errMix = 0;
  let directMs = 0;
  const cells = [];
  for (let s = 0; s < samples; s++) {
    const x = Math.floor(random() * side);
    const y = Math.floor(random() * side);
    const i = y * side + x;
    const t0 = now();
    const park = convolveNormalizedAt(ccGreen, undefined, gPark, qPark, parkSpec.factor, x, y);
    const area = convolveNormalizedAt(inputs.green, undefined, gDisk, qDisk, diskSpec.factor, x, y);
    const mix = convolveNormalizedAt(result.tAirNoMix, undefined, gMix, qMix, mixSpec.factor, x, y);
    directMs += now() - t0;
    errPark = Math.max(errPark, Math.abs(park - result.ccPark[i]));
    errArea = Math.max(errArea, Math.abs(area - result.greenArea[i]));
    errMix = Math.max(errMix, Math.abs(mix - result.tAir[i]));
    cells.push(i);
  }
  // Cells anywhere where these errors could flip HM between CC and CC_park at the 2 ha
  // threshold (a jump; a flip at CC = CC_park changes nothing). Green areas that are exactly
  // 2 ha are exact counts (integer rounding of the sums) and decide exactly.
  let nearFlips = 0;
  for (let i = 0; i < n; i++) {
    const off = Math.abs(result.greenArea[i] - 20000);
    if (off > 0 && off <= errArea && result.ccPark[i] > result.cc[i]) nearFlips++;
  }
  let parkCooled = 0;
  let tMin = Infinity;
  let tMax = -Infinity;
  for (let i = 0; i < n; i++) {
    if (result.hm[i] !== result.cc[i]) parkCooled++;
    tMin = Math.min(tMin, result.tAir[i]);
    tMax = Math.max(tMax, result.tAir[i]);
  }
  return {
    coldMs, warmMs, floorMs: floor, method: result.method, fftUs: [paceBefore, paceAfter],
    fft: { nx: gPark.nx, ny: gPark.ny },
    kernels: { dCoolCells: dCool, dMixCells: dMix, parkReach: parkSpec.reach, mixReach: mixSpec.reach, diskCells: diskSpec.factor },
    samples, directMs, errPark, errArea, errMix, nearFlips,
    city: { greenShare, parks, parkCooledShare: parkCooled / n, tAirMin: tMin, tAirMax: tMax },
  };
}
`;

const PAGE_SOURCE = `
window.runHeatBench = (settings) =>
  new Promise((resolve, reject) => {
    const worker = new Worker('./worker.js', { type: 'module' });
    worker.onmessage = ({ data }) => {
      worker.terminate();
      if (data.error) reject(new Error(data.error));
      else resolve(data);
    };
    worker.onerror = (event) => { worker.terminate(); reject(new Error(event.message)); };
    worker.postMessage(settings);
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

async function runInChromium(settings) {
  const out = await mkdtemp(join(tmpdir(), 'tweeling-bench-heat-'));
  const server = flatFileServer(out);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    await bundle(out);
    await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => typeof window.runHeatBench === 'function');
    const r = await page.evaluate((s) => window.runHeatBench(s), settings);
    return { ...r, browser: `chromium ${browser.version()} headless` };
  } finally {
    await browser.close();
    server.close();
    await rm(out, { recursive: true, force: true });
  }
}

const r = await runInChromium({ side: SIDE, samples: SAMPLES, repeats: REPEATS, params: PARAMS });
const cells = SIDE * SIDE;
const coldMs = median(r.coldMs);
const warmMs = median(r.warmMs);
const directPerCellMs = r.directMs / r.samples;
const directFullMs = directPerCellMs * cells;
const tAirErrorBoundC = r.errMix + PARAMS.uhiMax * r.errPark;
const summary = {
  date: new Date().toISOString(),
  smoke,
  browser: r.browser,
  gridSide: SIDE,
  cells,
  cellSizeM: 1,
  params: PARAMS,
  method: r.method,
  fftSize: r.fft,
  kernels: r.kernels,
  city: {
    greenShare: round(r.city.greenShare, 3),
    parks: r.city.parks,
    parkCooledShare: round(r.city.parkCooledShare, 3),
    tAirRangeC: [round(r.city.tAirMin, 3), round(r.city.tAirMax, 3)],
  },
  repeats: REPEATS,
  fullRunColdMs: Math.round(coldMs),
  fullRunWarmMs: Math.round(warmMs),
  bestColdMs: Math.round(Math.min(...r.coldMs)),
  bestWarmMs: Math.round(Math.min(...r.warmMs)),
  outputFloorMs: Math.round(median(r.floorMs)),
  // FFTs of length nx per run: 3 signal convolutions of (height + nx + 2), plus (cold only) 3
  // kernel transforms of about (height + nx / 2) / 2 each; and the pace of one, before and after.
  fftsPerRun: {
    warm: 3 * (SIDE + r.fft.nx + 2),
    cold: 3 * (SIDE + r.fft.nx + 2) + 3 * Math.ceil((SIDE + r.fft.nx / 2 + 2) / 2),
  },
  fftUsBeforeAfter: r.fftUs.map((x) => round(x, 1)),
  samplesMs: { cold: r.coldMs.map(Math.round), warm: r.warmMs.map(Math.round) },
  check: {
    samples: r.samples,
    maxErrorCcPark: r.errPark,
    maxErrorGreenAreaM2: r.errArea,
    maxErrorTAirMixingC: r.errMix,
    tAirErrorBoundC,
    cellsNearAnHmFlip: r.nearFlips,
    directMsPerCell: round(directPerCellMs, 2),
  },
  directFullRunEstimateS: round(directFullMs / 1000, 0),
  speedUpOverDirect: Math.round(directFullMs / warmMs),
  targets: { fullRunMs: TARGET_RUN_MS, tAirErrorC: TARGET_T_ERROR_C },
};
summary.pass = {
  fullRunCold: coldMs < TARGET_RUN_MS,
  fullRunWarm: warmMs < TARGET_RUN_MS,
  accuracy: tAirErrorBoundC <= TARGET_T_ERROR_C && r.nearFlips === 0,
};

console.log(
  `\nInVEST urban cooling bench${smoke ? ' (smoke)' : ''}, ${SIDE} x ${SIDE} at 1 m, d_cool ${PARAMS.coolDistanceM} m, r_mix ${PARAMS.mixDistanceM} m, method ${r.method} (${r.fft.nx} x ${r.fft.ny})`,
);
console.log(
  `full run: cold ${summary.fullRunColdMs} ms, warm (buffers reused) ${summary.fullRunWarmMs} ms (target < ${TARGET_RUN_MS}); ` +
    `allocating + first touching its 7 output grids alone: ${summary.outputFloorMs} ms`,
);
console.log(
  `pace: one 4096-point FFT ${summary.fftUsBeforeAfter.join(' / ')} us (before / after); FFTs per run: ` +
    `${summary.fftsPerRun.warm} warm, ${summary.fftsPerRun.cold} cold`,
);
console.log(
  `accuracy at ${r.samples} cells vs exact direct sums: CC_park ${r.errPark.toExponential(2)}, green area ${r.errArea.toExponential(2)} m2, ` +
    `T_air (mixing) ${r.errMix.toExponential(2)} C; T_air bound ${tAirErrorBoundC.toExponential(2)} C (target <= ${TARGET_T_ERROR_C}); ` +
    `cells near an HM flip: ${r.nearFlips}`,
);
console.log(
  `direct sums: ${summary.check.directMsPerCell} ms per cell (3 kernels) -> ~${summary.directFullRunEstimateS} s for the grid; ` +
    `FFT speed-up ~${summary.speedUpOverDirect}x`,
);
console.log(
  `run ${summary.pass.fullRunCold ? 'PASS' : 'FAIL'} cold / ${summary.pass.fullRunWarm ? 'PASS' : 'FAIL'} warm, accuracy ${summary.pass.accuracy ? 'PASS' : 'FAIL'}`,
);
const resultsFile = join(ROOT, 'bench/results.json');
const results = JSON.parse(await readFile(resultsFile, 'utf8').catch(() => '{}'));
results.simHeat = summary;
await writeFile(resultsFile, JSON.stringify(results, null, 2) + '\n');
console.log('wrote bench/results.json (simHeat)');
