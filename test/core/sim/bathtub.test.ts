import { expect } from '@open-wc/testing';
import {
  edgeSources,
  floodDepthAt,
  floodDepthAtScalar,
  floodFillAt,
  floodLevels,
  pointSources,
  quantiseDem,
} from '../../../src/core/sim/bathtub.js';
import { ceilFloat32, hasSimdDepthKernel } from '../../../src/core/sim/bathtub-depth-wasm.js';

/** Seeded PRNG (mulberry32): the same grids on every run. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A rough random DEM, quantised to mm: heights on a 5 cm ladder (so values repeat: plateaus and
 * flat pits), most with a few mm added, a few single NaN cells and a NaN wall across part of it.
 */
function randomDem(width: number, height: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const raw = new Float32Array(width * height);
  for (let i = 0; i < raw.length; i++) {
    raw[i] = Math.round(random() * 20) * 0.05 + (random() < 0.3 ? 0 : random() * 0.004);
  }
  for (let k = 0; k < 5; k++) raw[Math.floor(random() * raw.length)] = NaN;
  const x = Math.floor(width / 3);
  for (let y = 4; y < height - 4; y++) raw[y * width + x] = NaN;
  return quantiseDem(raw);
}

/** Where floodDepthAt disagrees with the definition (the flood fill) at level `h`; [] when nowhere. */
function disagreements(
  dem: Float32Array,
  depth: Float32Array,
  fill: Uint8Array,
  h: number,
): string[] {
  const found: string[] = [];
  for (let i = 0; i < dem.length && found.length < 5; i++) {
    const z = dem[i] as number;
    const d = depth[i] as number;
    const flooded = fill[i] === 1;
    const lowLying = z < h && !flooded;
    const expected = flooded ? Math.fround(h - z) : lowLying ? -Math.fround(h - z) : 0;
    if (d > 0 !== flooded || d < 0 !== lowLying || d !== expected) {
      found.push(`cell ${i}: z ${z}, depth ${d}, flood fill ${fill[i]}, expected ${expected}`);
    }
  }
  return found;
}

/** 21 levels across the DEM's range, plus 10 levels exactly at DEM values (strictness of `<`). */
function testLevels(dem: Float32Array, seed: number): number[] {
  const random = mulberry32(seed);
  const values = Array.from(dem).filter((z) => !Number.isNaN(z));
  const low = Math.min(...values);
  const high = Math.max(...values);
  const levels = Array.from({ length: 21 }, (_, k) => low - 0.01 + (k * (high - low + 0.02)) / 20);
  for (let k = 0; k < 10; k++) levels.push(values[Math.floor(random() * values.length)] as number);
  return levels;
}

describe('bathtub flood (core/sim)', () => {
  it('equals a breadth-first flood fill at every level (4/8-connected, edge/point sources)', async () => {
    let compared = 0;
    for (const [width, height, seed] of [
      [64, 64, 11],
      [50, 37, 12],
      [64, 64, 13],
      [50, 37, 14],
    ] as [number, number, number][]) {
      const dem = randomDem(width, height, seed);
      const random = mulberry32(seed + 100);
      const points = [Math.floor(random() * width * height), 5 * width + 7, 2 * width + 40];
      for (const connectivity of [4, 8] as const) {
        for (const sources of [edgeSources(width, height), pointSources(width, height, points)]) {
          const levels = await floodLevels(dem, width, height, sources, { connectivity });
          for (const h of testLevels(dem, seed)) {
            const fill = floodFillAt(dem, width, height, sources, h, connectivity);
            const depth = floodDepthAt(dem, levels, h);
            const where = `${width}x${height} seed ${seed}, ${connectivity}-connected, h ${h}`;
            expect(disagreements(dem, depth, fill, h), where).to.deep.equal([]);
            compared++;
          }
        }
      }
    }
    expect(compared).to.equal(4 * 2 * 2 * 31);
  });

  it('the comparison catches a wrong level (control)', async () => {
    const dem = randomDem(50, 37, 12);
    const sources = edgeSources(50, 37);
    const levels = await floodLevels(dem, 50, 37, sources);
    const h = testLevels(dem, 12)[10] as number;
    const fill = floodFillAt(dem, 50, 37, sources, h);
    const flooded = fill.indexOf(1);
    expect(flooded).to.be.greaterThan(-1);
    levels[flooded] = Infinity; // as if no path reached it
    expect(disagreements(dem, floodDepthAt(dem, levels, h), fill, h)).to.have.length(1);
  });

  it('SIMD and plain updates agree bit for bit, across chunks and the tail', async () => {
    const width = 203;
    const height = 170; // 34,510 cells: two full chunks of 16,384 and a tail
    const dem = randomDem(width, height, 21);
    const levels = await floodLevels(dem, width, height, edgeSources(width, height));
    const values = Array.from(dem).filter((z) => !Number.isNaN(z));
    const odd = [
      values[3] as number,
      (values[9] as number) + 1e-12,
      Math.PI / 2,
      0.30000000000000004,
    ];
    for (const h of [...testLevels(dem, 21), ...odd, -Infinity, Infinity, NaN]) {
      const fast = floodDepthAt(dem, levels, h);
      const plain = floodDepthAtScalar(dem, levels, h);
      let differ = 0;
      for (let i = 0; i < fast.length; i++) if (!Object.is(fast[i], plain[i])) differ++;
      expect(differ, `h ${h}`).to.equal(0);
    }
    expect(hasSimdDepthKernel(), 'headless chromium runs WebAssembly SIMD').to.equal(true);
    expect(ceilFloat32(0.1)).to.equal(0.10000000149011612);
    expect(ceilFloat32(-0.1)).to.equal(-0.09999999403953552);
    expect(ceilFloat32(0.5)).to.equal(0.5);
  });

  it('gives a source its own height and floods a ring-enclosed cell only above the ring’s lowest cell', async () => {
    // A 5 x 5 grid: the edge at 0 m, a ring at 3 m with one lower cell at 2 m, the centre at 1 m.
    const dem = new Float32Array(25);
    for (let y = 1; y <= 3; y++) for (let x = 1; x <= 3; x++) dem[y * 5 + x] = 3;
    dem[12] = 1; // centre
    dem[1 * 5 + 2] = 2; // the ring's lowest cell
    dem[0] = 0.5; // one edge source higher than its neighbours
    const levels = await floodLevels(dem, 5, 5, edgeSources(5, 5));
    expect(levels[0], 'a source floods at its own height').to.equal(0.5);
    expect(levels[4]).to.equal(0);
    expect(levels[7], 'the ring’s lowest cell').to.equal(2);
    expect(levels[12], 'the enclosed centre floods over the lowest ring cell').to.equal(2);
    expect(levels[6], 'a ring cell').to.equal(3);
    const depth = (h: number) => floodDepthAt(dem, levels, h)[12];
    expect(depth(1)).to.equal(0); // z = h: dry (strict)
    expect(depth(1.5)).to.equal(-0.5); // below h but not connected
    expect(depth(2)).to.equal(-1); // level = h: not yet (strict)
    expect(depth(2.25)).to.equal(1.25);
    // A point source inside the ring floods the centre from its own height.
    const inside = await floodLevels(dem, 5, 5, pointSources(5, 5, [12]));
    expect(inside[12]).to.equal(1);
    expect(inside[7]).to.equal(2);
    expect(inside[0], 'beyond the ring').to.equal(2);
  });

  it('treats NaN and nodata as walls: cells behind a wall never flood', async () => {
    const width = 7;
    const raw = new Float32Array(width * 5).fill(0.2);
    for (let y = 0; y < 5; y++) raw[y * width + 3] = -9999; // a full wall of nodata, column 3
    raw[4] = NaN;
    const sources = pointSources(width, 5, [0]);
    const levels = await floodLevels(raw, width, 5, sources, { nodata: -9999 });
    expect(levels[0]).to.equal(Math.fround(0.2));
    expect(levels[3], 'nodata').to.equal(Infinity);
    expect(levels[4], 'NaN').to.equal(Infinity);
    expect(levels[6], 'walled off').to.equal(Infinity);
    const dem = quantiseDem(raw, 0.001, -9999);
    expect(Number.isNaN(dem[3])).to.equal(true);
    const depth = floodDepthAt(dem, levels, 1);
    expect(depth[0]).to.be.closeTo(0.8, 1e-6);
    expect(depth[6], 'low-lying, not connected').to.be.closeTo(-0.8, 1e-6);
    expect(depth[3], 'nodata').to.equal(0);
    const infinite = Float32Array.of(0, Infinity, 0.5, -Infinity, 0.25);
    const walls = await floodLevels(infinite, 5, 1, edgeSources(5, 1));
    expect(Array.from(walls)).to.deep.equal([0, Infinity, 0.5, Infinity, 0.25]);
  });

  it('quantises to the step: levels are exact for the quantised DEM', async () => {
    const raw = Float32Array.of(1.23449, 1.2345, -0.0004, -0.0006, NaN, 7);
    const dem = quantiseDem(raw, 0.001, 7);
    expect(Array.from(dem.subarray(0, 4))).to.deep.equal(
      [1.234, 1.235, 0, -0.001].map(Math.fround),
    );
    expect(Number.isNaN(dem[4])).to.equal(true);
    expect(Number.isNaN(dem[5]), 'nodata').to.equal(true);
    expect(Array.from(quantiseDem(dem)), 'idempotent').to.deep.equal(Array.from(dem));
    // Levels of a raw DEM are those of its quantised copy.
    const random = mulberry32(5);
    const rough = Float32Array.from({ length: 40 * 30 }, () => random() * 3);
    const sources = edgeSources(40, 30);
    const fromRaw = await floodLevels(rough, 40, 30, sources);
    const fromQuantised = await floodLevels(quantiseDem(rough), 40, 30, sources);
    expect(Array.from(fromRaw)).to.deep.equal(Array.from(fromQuantised));
    const coarse = await floodLevels(rough, 40, 30, sources, { stepM: 0.1 });
    expect(Array.from(coarse)).to.deep.equal(
      Array.from(await floodLevels(quantiseDem(rough, 0.1), 40, 30, sources, { stepM: 0.1 })),
    );
  });

  it('writes into a given array, and rejects bad arguments', async () => {
    const dem = randomDem(20, 10, 3);
    const out = new Float32Array(200).fill(-1);
    const levels = await floodLevels(dem, 20, 10, edgeSources(20, 10), { out });
    expect(levels).to.equal(out);
    expect(Array.from(out)).to.deep.equal(
      Array.from(await floodLevels(dem, 20, 10, edgeSources(20, 10))),
    );
    let error: unknown;
    await floodLevels(dem, 20, 11, edgeSources(20, 11)).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(RangeError);
    expect(() => pointSources(20, 10, [200])).to.throw(RangeError);
    expect(() => floodDepthAt(dem, new Float32Array(3), 1)).to.throw(RangeError);
    expect(() => quantiseDem(dem, 0)).to.throw(RangeError);
  });

  it('rejects with an AbortError when cancelled, before or during the run', async () => {
    const before = new AbortController();
    before.abort();
    let error: unknown;
    await floodLevels(new Float32Array(4), 2, 2, edgeSources(2, 2), {
      signal: before.signal,
    }).catch((e: unknown) => (error = e));
    expect((error as Error).name).to.equal('AbortError');

    const side = 2048; // long enough (hundreds of ms) to reach a checkpoint
    const random = mulberry32(7);
    const dem = Float32Array.from({ length: side * side }, () => random() * 2);
    const during = new AbortController();
    const shares: number[] = [];
    error = undefined;
    await floodLevels(dem, side, side, edgeSources(side, side), {
      signal: during.signal,
      onProgress: (share) => {
        shares.push(share);
        if (share > 0) during.abort();
      },
    }).catch((e: unknown) => (error = e));
    expect(shares.length, 'progress reported during the run').to.be.greaterThan(1);
    expect((error as Error).name).to.equal('AbortError');
  });

  it('reports progress that rises to exactly 1', async () => {
    const side = 1024;
    const random = mulberry32(8);
    const dem = Float32Array.from({ length: side * side }, () => random() * 2);
    const shares: number[] = [];
    await floodLevels(dem, side, side, edgeSources(side, side), {
      onProgress: (share) => shares.push(share),
    });
    expect(shares[0]).to.equal(0);
    expect(shares[shares.length - 1]).to.equal(1);
    for (let i = 1; i < shares.length; i++) {
      expect(shares[i]).to.be.at.least(shares[i - 1] as number);
    }
  });
});
