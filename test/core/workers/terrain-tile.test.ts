import { expect } from '@open-wc/testing';
import { WorkerActor } from '../../../src/core/workers/actor.js';
import { createWorker } from '../../../src/core/workers/create-worker.js';
import { readGeoTiff } from '../../../src/core/raster/geotiff.js';
import { gridRange, type Grid } from '../../../src/core/raster/grid.js';
import {
  decodeTerrarium,
  gridBoundsLonLat,
  renderTerrainTile,
  rgbaToPng,
} from '../../../src/core/raster/terrain-tiles.js';
import { lonLatToTile } from '../../../src/core/tiles/tile-id.js';
import { DELFT_DATA } from '../../../src/default-data.js';

/** The tile column and row that contain lon/lat at zoom z. */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const { x, y } = lonLatToTile(lon, lat, z);
  return [x, y];
}

/** The heights of a terrarium PNG. */
async function decodePng(png: ArrayBuffer, size: number): Promise<number[]> {
  const bitmap = await createImageBitmap(new Blob([png], { type: 'image/png' }), {
    colorSpaceConversion: 'none',
    premultiplyAlpha: 'none',
  });
  const ctx = new OffscreenCanvas(size, size).getContext('2d', { willReadFrequently: true });
  ctx?.drawImage(bitmap, 0, 0);
  const rgba = ctx?.getImageData(0, 0, size, size).data ?? new Uint8ClampedArray();
  const heights: number[] = [];
  for (let i = 0; i < rgba.length; i += 4)
    heights.push(decodeTerrarium(rgba[i] ?? 0, rgba[i + 1] ?? 0, rgba[i + 2] ?? 0));
  return heights;
}

/** The grid as the request sends it: its own fields only. */
function wire({ width, height, values, geotransform, crs, nodata }: Grid): Grid {
  return { width, height, values, geotransform, crs, nodata };
}

describe("worker task 'terrain-tile' (core/workers)", () => {
  let actor: WorkerActor;
  let grid: Grid;
  let tile: [number, number];
  before(async () => {
    grid = await readGeoTiff(DELFT_DATA.dtm);
    const [west, south, east, north] = gridBoundsLonLat(grid);
    tile = tileOf((west + east) / 2, (south + north) / 2, 17);
  });
  beforeEach(() => {
    actor = new WorkerActor(createWorker());
  });
  afterEach(() => actor.terminate());

  it('cuts a PNG tile whose decoded heights lie within the DTM range', async () => {
    const [x, y] = tile;
    const { png } = await actor.request('terrain-tile', { grid: wire(grid), z: 17, x, y });
    expect(png).to.be.instanceOf(ArrayBuffer);
    expect(new Uint8Array(png, 1, 3)).to.deep.equal(new Uint8Array([80, 78, 71])); // "PNG"
    const heights = await decodePng(png, 256);
    expect(heights).to.have.length(256 * 256);
    const range = gridRange(grid) ?? { min: NaN, max: NaN };
    for (const h of heights)
      expect(h).to.be.within(Math.min(0, range.min) - 0.01, range.max + 0.01);
    expect(Math.max(...heights) - Math.min(...heights)).to.be.above(1);
    // The same pixels as the main thread cuts.
    const local = renderTerrainTile(grid, 17, x, y);
    expect(decodeTerrarium(local[0] ?? 0, local[1] ?? 0, local[2] ?? 0)).to.equal(heights[0]);
  });

  it('honours tileSize and outsideHeightM', async () => {
    const [x, y] = tileOf(5.0, 52.0, 15);
    const request = { grid: wire(grid), z: 15, x, y, tileSize: 512, outsideHeightM: -0.5 };
    const { png } = await actor.request('terrain-tile', request);
    const heights = await decodePng(png, 512);
    expect(new Set(heights)).to.deep.equal(new Set([-0.5]));
  });

  it('rejects with an AbortError when cancelled', async () => {
    const [x, y] = tile;
    const controller = new AbortController();
    const pending = actor.request('terrain-tile', { grid: wire(grid), z: 17, x, y }, controller);
    controller.abort();
    const error = await pending.then(
      () => new Error('resolved'),
      (e: unknown) => e as Error,
    );
    expect(error.name).to.equal('AbortError');
    await actor.whenIdle();
    expect(actor.load).to.equal(0);
  });

  it('measures a tile in the worker (grid copied along) against the main thread', async () => {
    const [x, y] = tile;
    await actor.request('terrain-tile', { grid: wire(grid), z: 17, x, y }); // warm up
    const runs = 10;
    let start = performance.now();
    for (let i = 0; i < runs; i++)
      await actor.request('terrain-tile', { grid: wire(grid), z: 17, x: x + (i % 2), y });
    const worker = (performance.now() - start) / runs;
    start = performance.now();
    for (let i = 0; i < runs; i++) structuredClone(grid.values);
    const clone = (performance.now() - start) / runs;
    start = performance.now();
    for (let i = 0; i < runs; i++) {
      const rgba = renderTerrainTile(grid, 17, x + (i % 2), y);
      await (await rgbaToPng(rgba, 256)).arrayBuffer();
    }
    const main = (performance.now() - start) / runs;
    console.log(
      `terrain tile 256 px: worker round trip ${worker.toFixed(1)} ms, main thread ${main.toFixed(1)} ms, ` +
        `structured clone of the ${(grid.values.byteLength / 1e6).toFixed(2)} MB grid ${clone.toFixed(2)} ms`,
    );
    expect(worker).to.be.above(0);
  });
});
