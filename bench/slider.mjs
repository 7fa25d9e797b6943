#!/usr/bin/env node
/**
 * Benchmark: the bathtub flood's water-level slider on the Delft DTM (529 x 458 cells of 0.5 m).
 * A page with the single-file build (dist/tweeling.iife.js), the shipped DTM, land cover and buildings
 * and `<dt-scenario type="flood" flood-from="water">` drawn as a depth raster. For each step it sets the
 * panel's slider (an `input` event, as a user's drag gives) and times until the next frame MapLibre
 * draws after the scenario's result: input -> threshold pass -> ring rule -> repaint -> frame.
 * Target: median <= 100 ms. Writes `slider` into bench/results.json. `--smoke`: 3 steps.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const smoke = process.argv.includes('--smoke');
const steps = smoke ? 3 : 25;
const TARGET_MS = 100;
// Also: a one-hour breach run on the same area at 2 m cells, target under 60 s.
const MIME = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.geojson': 'application/geo+json',
  '.tif': 'image/tiff',
};

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench: slider</title>
<style>body{margin:0} dt-twin{width:1200px;--dt-twin-height:800px}</style></head><body>
<dt-twin>
  <dt-map center="4.3668,52.0118" zoom="16.6" pitch="50" bearing="-20"></dt-map>
  <dt-data-source id="ahn" type="geotiff" src="/src/data/delft/ahn3-dtm-50cm.tif"></dt-data-source>
  <dt-data-source id="bgt" src="/src/data/delft/bgt-landcover.geojson"></dt-data-source>
  <dt-data-source id="panden" src="/src/data/delft/buildings.geojson"></dt-data-source>
  <dt-scenario id="s" type="flood" dem="ahn" landcover="bgt" buildings="panden" flood-from="water" water-level="-0.3"></dt-scenario>
  <dt-layer source="s" type="raster" band="depth" ramp="blues" domain="0,1.5"></dt-layer>
  <dt-layer source="panden" type="extrusion" height="ahn3_h_dak_70p" base="ahn3_h_maaiveld" color-by="ahn3_h_dak_70p"></dt-layer>
</dt-twin>
<script src="/dist/tweeling.iife.js"></script></body></html>`;

function serve() {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    const file = resolve(ROOT, `.${path}`);
    if (!file.startsWith(ROOT + sep)) return res.writeHead(403).end();
    try {
      const s = await stat(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-length': s.size,
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const server = await serve();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(
    () => document.querySelector('#s')?.result && document.querySelector('dt-map')?.map?.loaded(),
    null,
    { timeout: 90_000, polling: 100 },
  );
  const times = await page.evaluate(async (steps) => {
    const twin = document.querySelector('dt-twin');
    const scenario = document.querySelector('#s');
    const map = document.querySelector('dt-map').map;
    const panel = twin.shadowRoot.querySelector('dt-scenario-panel');
    await panel.updateComplete;
    const slider = panel.shadowRoot.querySelector('input[type="range"]');
    const out = [];
    const repaint = [];
    const compute = [];
    for (let k = 0; k < steps; k++) {
      // The same frame without a change: what drawing alone costs on this GPU (or SwiftShader).
      const r0 = performance.now();
      await new Promise((r) => {
        map.once('render', r);
        map.triggerRepaint();
      });
      repaint.push(performance.now() - r0);
      await new Promise((r) => setTimeout(r, 50));
      const level = -0.3 + ((k % 12) + 1) * 0.1;
      const done = new Promise((r) =>
        scenario.addEventListener('dt-scenario-complete', r, { once: true }),
      );
      const t0 = performance.now();
      slider.value = String(level);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await done;
      compute.push(performance.now() - t0);
      await new Promise((r) => map.once('render', r));
      out.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
    return { out, repaint, compute };
  }, steps);
  // A one-hour breach run on the Delft area at 2 m cells (the default analysis grid), in a worker.
  const breachSeconds = smoke ? 600 : 3600;
  const breach = await page.evaluate(async (duration) => {
    const scenario = document.createElement('dt-scenario');
    Object.entries({
      id: 'b',
      type: 'flood',
      mode: 'breach',
      dem: 'ahn',
      landcover: 'bgt',
      buildings: 'panden',
      breach: '84930,447500',
      'breach-width': '10',
      duration: String(duration),
      hydrograph: '[[0,0],[300,2],[900,2],[1200,0]]',
      'output-interval': '300',
    }).forEach(([k, v]) => scenario.setAttribute(k, v));
    const t0 = performance.now();
    const done = new Promise((resolve, reject) => {
      scenario.addEventListener('dt-scenario-complete', (e) => resolve(e.detail.result), {
        once: true,
      });
      scenario.addEventListener(
        'dt-scenario-error',
        (e) => reject(new Error(e.detail.error.message)),
        { once: true },
      );
    });
    document.querySelector('dt-twin').append(scenario);
    const result = await done;
    const stat = (k) => result.stats.find((s) => s.key === k)?.value;
    return {
      wallMs: performance.now() - t0,
      steps: stat('steps'),
      massBalance: stat('mass-balance-error'),
      cells: result.bands['max-depth'].width * result.bands['max-depth'].height,
    };
  }, breachSeconds);
  if (problems.length) throw new Error(problems.join(' | '));
  const med = median(times.out);
  const result = {
    date: new Date().toISOString(),
    smoke,
    steps,
    grid: '529 x 458 cells of 0.5 m (Delft AHN3 DTM)',
    medianMs: Math.round(med * 10) / 10,
    maxMs: Math.round(Math.max(...times.out) * 10) / 10,
    resultMedianMs: Math.round(median(times.compute) * 10) / 10,
    repaintOnlyMedianMs: Math.round(median(times.repaint) * 10) / 10,
    renderer: await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : 'unknown';
    }),
    targetMs: TARGET_MS,
    pass: med <= TARGET_MS,
    breachRun: {
      simulatedS: breachSeconds,
      cells: breach.cells,
      steps: breach.steps,
      wallS: Math.round(breach.wallMs / 100) / 10,
      massBalanceError: breach.massBalance,
      targetS: 60,
      pass: breachSeconds < 3600 || breach.wallMs <= 60000,
    },
    // What the SDK controls: the time to the result, before the renderer draws it.
    resultPass: median(times.compute) <= TARGET_MS,
  };
  console.log(
    `bathtub slider, input to next frame: median ${result.medianMs} ms, max ${result.maxMs} ms over ${steps} steps (target <= ${TARGET_MS} ms) ${result.pass ? 'PASS' : 'FAIL'}\n` +
      `  of which input to result ${result.resultMedianMs} ms; the same frame redrawn without a change takes ${result.repaintOnlyMedianMs} ms (${result.renderer})`,
  );
  console.log(
    `breach run on Delft, ${breachSeconds} s simulated at 2 m (${breach.cells} cells, ${breach.steps} steps): ${result.breachRun.wallS} s wall (target < 60 s for 1 h) ${result.breachRun.pass ? 'PASS' : 'FAIL'}, mass balance ${breach.massBalance.toExponential(1)}`,
  );
  const path = join(ROOT, 'bench/results.json');
  const all = JSON.parse(await readFile(path, 'utf8').catch(() => '{}'));
  all.slider = result;
  await writeFile(path, JSON.stringify(all, null, 2) + '\n');
} catch (error) {
  console.error(`slider bench failed: ${error.message}`);
  failed = true;
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
