#!/usr/bin/env node
/**
 * Fast-pan benchmark of the tile core (Node, a real HTTP server on loopback): 20 pans of one view
 * width, one every 100 ms, with 200 ms of server latency per tile. The client is the real traversal
 * (`tilesInView`), scheduler (`RequestScheduler`, `retain` on every view change) and fetch. A tile
 * counts as drawn when its bytes arrive while it is still in the current view (what a tile layer
 * would draw); every other byte the server sent is waste. Target: waste <= 5 % of all bytes.
 * Merged into bench/results.json under `tiles`. Options: --smoke (5 pans).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const smoke = process.argv.includes('--smoke');
const PANS = smoke ? 5 : 20;
const PAN_INTERVAL_MS = 100;
const LATENCY_MS = 200;
const TILE_BYTES = 16 * 1024;
// How long a tile must stay wanted before its request starts (the scheduler's `startDelayMs`).
const START_DELAY_MS =
  Number(process.argv[process.argv.indexOf('--start-delay') + 1]) ||
  (process.argv.includes('--start-delay') ? 0 : 50);
const VIEW = {
  longitude: 4.3658,
  latitude: 52.0122,
  zoom: 16,
  pitch: 0,
  bearing: 0,
  width: 1200,
  height: 800,
};

/** The tile core, bundled for Node from the TypeScript sources. */
async function loadCore() {
  const out = await mkdtemp(join(tmpdir(), 'tweeling-bench-tiles-'));
  const entry = join(out, 'entry.ts');
  await writeFile(
    entry,
    `export { RequestScheduler } from ${JSON.stringify(join(ROOT, 'src/core/tiles/scheduler.ts'))};\n` +
      `export { tilesInView } from ${JSON.stringify(join(ROOT, 'src/core/tiles/traversal.ts'))};\n` +
      `export { tileKey } from ${JSON.stringify(join(ROOT, 'src/core/tiles/tile-id.ts'))};\n`,
  );
  const file = join(out, 'core.mjs');
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: file,
    logLevel: 'error',
  });
  const core = await import(pathToFileURL(file).href);
  await rm(out, { recursive: true, force: true });
  return core;
}

/** A tile server that answers after LATENCY_MS and counts the bytes it actually sent, per tile. */
function startServer() {
  const sent = new Map();
  let requests = 0;
  let abortedBeforeAnswer = 0;
  const body = Buffer.alloc(TILE_BYTES, 7);
  const server = createServer((req, res) => {
    requests++;
    const key = req.url.replace(/^\/tiles\//, '').replace(/\.bin$/, '');
    const timer = setTimeout(() => {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': body.length,
      });
      res.end(body, () => sent.set(key, (sent.get(key) ?? 0) + body.length));
    }, LATENCY_MS);
    req.on('close', () => {
      if (!res.writableEnded) {
        clearTimeout(timer);
        abortedBeforeAnswer++;
      }
    });
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok({ server, sent, stats: () => ({ requests, abortedBeforeAnswer }) }),
    ),
  );
}

const { RequestScheduler, tilesInView, tileKey } = await loadCore();
const { server, sent, stats } = await startServer();
const base = `http://127.0.0.1:${server.address().port}`;
const scheduler = new RequestScheduler({
  load: (url, signal) => fetch(url, { signal }).then((r) => r.arrayBuffer()),
  maxPerOrigin: 6,
  startDelayMs: START_DELAY_MS,
});

// One view width in degrees of longitude at this zoom (512-px tiles, like MapLibre).
const degreesPerPixel = 360 / (512 * 2 ** VIEW.zoom);
let wanted = new Set();
const drawn = new Map();
const pending = [];
const t0 = performance.now();
for (let step = 0; step <= PANS; step++) {
  const view = { ...VIEW, longitude: VIEW.longitude + step * VIEW.width * degreesPerPixel };
  const tiles = tilesInView(view);
  wanted = new Set(tiles.map(tileKey));
  scheduler.retain(wanted);
  tiles.forEach((tile, priority) => {
    const key = tileKey(tile);
    pending.push(
      scheduler.request(key, `${base}/tiles/${key}.bin`, { priority }).then(
        (bytes) => {
          if (wanted.has(key)) drawn.set(key, bytes.byteLength);
        },
        () => {},
      ),
    );
  });
  if (step < PANS) await new Promise((r) => setTimeout(r, PAN_INTERVAL_MS));
}
await Promise.all(pending);
const elapsedMs = performance.now() - t0;
await new Promise((r) => setTimeout(r, 50));
server.close();

const totalBytes = [...sent.values()].reduce((a, b) => a + b, 0);
const drawnBytes = [...drawn.values()].reduce((a, b) => a + b, 0);
const wastedBytes = totalBytes - drawnBytes;
const wastedShare = totalBytes ? wastedBytes / totalBytes : 0;
const result = {
  pans: PANS,
  panIntervalMs: PAN_INTERVAL_MS,
  latencyMs: LATENCY_MS,
  startDelayMs: START_DELAY_MS,
  tileBytes: TILE_BYTES,
  serverRequests: stats().requests,
  abortedBeforeAnswer: stats().abortedBeforeAnswer,
  tilesDrawn: drawn.size,
  totalBytes,
  drawnBytes,
  wastedBytes,
  wastedShare: Math.round(wastedShare * 10000) / 10000,
  target: 0.05,
  pass: wastedShare <= 0.05,
  elapsedMs: Math.round(elapsedMs),
  scheduler: scheduler.counters,
};
console.log(
  `\ntiles fast-pan bench${smoke ? ' (smoke)' : ''}: ${PANS} pans of one view width every ${PAN_INTERVAL_MS} ms, ` +
    `${LATENCY_MS} ms latency, requests start after ${START_DELAY_MS} ms`,
);
console.log(
  `server requests ${result.serverRequests}, aborted before answer ${result.abortedBeforeAnswer}, tiles drawn ${result.tilesDrawn}; ` +
    `bytes sent ${totalBytes}, for tiles never drawn ${wastedBytes} (${(wastedShare * 100).toFixed(1)} %, target <= 5 %) ${result.pass ? 'PASS' : 'MISS'}`,
);
const resultsFile = join(ROOT, 'bench/results.json');
const results = JSON.parse(await readFile(resultsFile, 'utf8').catch(() => '{}'));
results.tiles = { date: new Date().toISOString(), smoke, ...result };
await writeFile(resultsFile, JSON.stringify(results, null, 2) + '\n');
console.log('wrote bench/results.json (tiles)');
if (process.argv.includes('--debug')) {
  console.log('final view', [...wanted].join(' '));
  console.log('served', [...sent.keys()].join(' '));
  console.log('drawn', [...drawn.keys()].join(' '));
}
