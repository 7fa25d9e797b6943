import { expect } from '@open-wc/testing';
import {
  ConvolutionBuffers,
  convolutionGeometry,
  convolveNormalized,
  directConvolve,
  diskKernelSpec,
  exponentialKernelSpec,
  fftConvolve,
  kernelQuarter,
  kernelSpectrum,
  WorkMeter,
  type KernelSpec,
} from '../../../src/core/sim/convolve.js';
import { fftScratch, hasWasmFft } from '../../../src/core/sim/convolve-wasm.js';
import { fft, fftJs, fftPlan } from '../../../src/core/sim/fft.js';
import {
  cellsOf,
  coolingCapacity,
  diskKernel,
  exponentialKernel,
  runUrbanCooling,
  wbgt,
  type HeatInputs,
  type HeatParams,
} from '../../../src/core/sim/heat-invest.js';

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * InVEST's own unit test `test_cc_rasters` (natcap/invest tests/test_ucm.py): a 5 x 6 grid of
 * 30 m cells, d_cool = 90 m, weights 0.6 / 0.2 / 0.2, classes (kc, green, albedo, shade).
 */
const CLASSES: Record<number, [number, number, number, number]> = {
  1: [1, 0, 0.05, 0],
  2: [1.1, 1, 0.1, 1],
  3: [0.9, 1, 0.2, 0],
  4: [0.3, 0, 0.3, 0.2],
  5: [0.2, 0, 0.4, 0],
};
const LULC = [
  [2, 3, 1, 5, 5, 5],
  [3, 3, 1, 1, 4, 5],
  [5, 5, 4, 2, 3, 1],
  [4, 1, 4, 2, 2, 1],
  [1, 5, 4, 1, 1, 2],
].flat();
const ET0 = [
  [800, 799, 567, 234, 422, 422],
  [765, 867, 765, 654, 456, 677],
  [556, 443, 456, 265, 876, 890],
  [433, 266, 677, 776, 900, 687],
  [456, 832, 234, 234, 234, 554],
].flat();
const EXPECTED_CC = [
  [0.815556, 0.1998, 0.136, 0.0904, 0.098756, 0.098756],
  [0.193, 0.2134, 0.18, 0.155333, 0.2104, 0.110089],
  [0.10471112, 0.0996889, 0.2104, 0.6847778, 0.2152, 0.20777778],
  [0.20886667, 0.06911112, 0.22513334, 0.8096889, 0.84, 0.1626668],
  [0.11133333, 0.11697778, 0.1956, 0.062, 0.062, 0.75542223],
].flat();
const EXPECTED_CC_PARK = [
  [0.183541, 0.160865, 0.144615, 0.137877, 0.134337, 0.133191],
  [0.15858, 0.152832, 0.147821, 0.150366, 0.14931, 0.146379],
  [0.138345, 0.141573, 0.153495, 0.176796, 0.176097, 0.167245],
  [0.12765204, 0.13550324, 0.15505734, 0.18876731, 0.20118835, 0.18913657],
  [0.12391507, 0.13292464, 0.1511357, 0.17420742, 0.1924037, 0.21190241],
].flat();

function investInputs(): HeatInputs {
  const column = (k: number) =>
    Float32Array.from(LULC, (c) => (CLASSES[c] as number[])[k] as number);
  return {
    width: 6,
    height: 5,
    cellSizeM: 30,
    kc: column(0),
    green: Uint8Array.from(column(1)),
    albedo: column(2),
    shade: column(3),
    et0: Float32Array.from(ET0),
  };
}

const INVEST_PARAMS: HeatParams = {
  tRef: 23.5,
  uhiMax: 2.05,
  coolDistanceM: 90,
  mixDistanceM: 300,
};

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++)
    worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}

describe('InVEST Urban Cooling (core/sim/heat-invest)', () => {
  it("reproduces InVEST's test_cc_rasters: CC and CC_park within 1e-6", async () => {
    const inputs = investInputs();
    const cc = coolingCapacity(inputs);
    expect(maxAbsDiff(cc, EXPECTED_CC)).to.be.below(1e-6);
    for (const method of ['auto', 'direct', 'fft'] as const) {
      const result = await runUrbanCooling(inputs, INVEST_PARAMS, { method });
      expect(maxAbsDiff(result.cc, EXPECTED_CC), `CC (${method})`).to.be.below(1e-6);
      expect(maxAbsDiff(result.ccPark, EXPECTED_CC_PARK), `CC_park (${method})`).to.be.below(1e-6);
      expect(result.method).to.equal(method === 'fft' ? 'fft' : 'direct');
      // 9 green cells of 900 m2 on 30 cells, the disk of radius 3 cells holding 29: no 2 ha park
      // anywhere, so HM = CC and T_air_nomix = T_ref + (1 - CC) UHI_max.
      for (let i = 0; i < 30; i++) {
        expect(result.hm[i]).to.equal(result.cc[i]);
        expect(result.tAirNoMix[i]).to.be.closeTo(
          23.5 + (1 - (result.cc[i] as number)) * 2.05,
          1e-5,
        );
      }
      expect(Number.isNaN(result.wbgt[0])).to.equal(true);
    }
  });

  it('uses InVEST kernels: exp(-r/d) in cells cut at 5d, normalised; a disk of radius d', () => {
    expect([cellsOf(90, 30), cellsOf(75, 30), cellsOf(105, 30), cellsOf(450, 1)]).to.deep.equal([
      3, 2, 4, 450,
    ]);
    const k = exponentialKernel(3);
    expect(k.size).to.equal(31);
    const at = (dx: number, dy: number) => k.values[(15 + dy) * 31 + 15 + dx] as number;
    expect(k.values.reduce((s, v) => s + v, 0)).to.be.closeTo(1, 1e-12);
    expect(at(3, 0) / at(0, 0)).to.be.closeTo(Math.exp(-1), 1e-12);
    expect(at(3, 4) / at(0, 0)).to.be.closeTo(Math.exp(-5 / 3), 1e-12);
    expect(at(9, 12)).to.be.greaterThan(0); // r = 15 = 5d: kept
    expect(at(15, 1)).to.equal(0); // r > 15: cut
    expect(at(15, 15)).to.equal(0);
    const disk = diskKernel(3);
    expect(disk.size).to.equal(7);
    expect(disk.values.reduce((s, v) => s + v, 0)).to.equal(29);
    expect(diskKernelSpec(3).factor).to.equal(29);
    expect(diskKernelSpec(450).factor).to.equal(diskCount(450));
  });

  it('keeps a constant field constant up to the edges and next to nodata (edge rule)', async () => {
    const width = 40;
    const height = 27;
    const n = width * height;
    const valid = new Uint8Array(n).fill(1);
    for (let y = 10; y < 15; y++) for (let x = 5; x < 30; x++) valid[y * width + x] = 0;
    valid[0] = 0;
    const constant = new Float64Array(n).fill(7.25);
    const values = Float64Array.from(constant, (v, i) => (valid[i] === 0 ? 1e6 : v)); // 1e6 ignored
    for (const method of ['direct', 'fft'] as const) {
      for (const mask of [valid, undefined]) {
        const field = mask ? values : constant;
        const exp = await convolveNormalized(field, mask, width, height, exponentialKernel(4), {
          method,
        });
        const box = await convolveNormalized(field, mask, width, height, diskKernelSpec(5), {
          method,
        });
        for (let i = 0; i < n; i++) {
          if (mask && mask[i] === 0) {
            expect(Number.isNaN(exp[i]), `nodata stays nodata (${method})`).to.equal(true);
            continue;
          }
          expect(exp[i], `exponential, ${method}, cell ${i}`).to.be.closeTo(7.25, 1e-5);
          expect(box[i], `disk, ${method}, cell ${i}`).to.be.closeTo(7.25 * 81, 1e-3);
        }
      }
    }
  });

  it('FFT convolution equals the direct sum within 1e-9 (relative) on random fields', async () => {
    const cases: [number, number, KernelSpec][] = [
      [64, 64, exponentialKernelSpec(5)],
      [64, 64, exponentialKernelSpec(20)], // kernel larger than the grid
      [64, 64, diskKernelSpec(10)],
      [50, 37, exponentialKernelSpec(3)],
    ];
    let seed = 1;
    for (const [width, height, spec] of cases) {
      const rnd = random(seed++);
      const signal = Float64Array.from({ length: width * height }, () => 0.1 + rnd());
      const g = convolutionGeometry(width, height, spec.reach);
      const meter = new WorkMeter({}, 1);
      const buffers = new ConvolutionBuffers();
      const spectrum = await kernelSpectrum(spec, g, buffers, meter);
      const viaFft = new Float64Array(width * height);
      await fftConvolve(signal, g, spectrum, buffers, viaFft, meter);
      const direct = new Float64Array(width * height);
      await directConvolve(
        signal,
        g,
        kernelQuarter(spec, g.rowsReach + 1, g.colsReach + 1),
        direct,
        meter,
      );
      let worst = 0;
      for (let i = 0; i < direct.length; i++) {
        worst = Math.max(
          worst,
          Math.abs((viaFft[i] as number) - (direct[i] as number)) / Math.abs(direct[i] as number),
        );
      }
      expect(worst, `${width} x ${height}, reach ${spec.reach}`).to.be.below(1e-9);
    }
    // And through the public function, with nodata: the same Float32 results up to rounding.
    const rnd = random(99);
    const values = Float32Array.from({ length: 64 * 64 }, () => rnd());
    const valid = Uint8Array.from({ length: 64 * 64 }, () => (rnd() < 0.85 ? 1 : 0));
    const a = await convolveNormalized(values, valid, 64, 64, exponentialKernel(6), {
      method: 'fft',
    });
    const b = await convolveNormalized(values, valid, 64, 64, exponentialKernel(6), {
      method: 'direct',
    });
    for (let i = 0; i < a.length; i++) {
      if (valid[i] === 0) continue;
      expect(Math.abs((a[i] as number) - (b[i] as number)) / (b[i] as number)).to.be.below(2e-7);
    }
  });

  it('computes the FFT exactly against a plain DFT', () => {
    for (const n of [1, 2, 8, 32, 128]) {
      const rnd = random(n);
      const re = Float64Array.from({ length: n }, rnd);
      const im = Float64Array.from({ length: n }, rnd);
      const outRe = Float64Array.from(re);
      const outIm = Float64Array.from(im);
      fft(fftPlan(n), outRe, outIm);
      for (let k = 0; k < n; k++) {
        let sr = 0;
        let si = 0;
        for (let j = 0; j < n; j++) {
          const t = (-2 * Math.PI * ((j * k) % n)) / n;
          sr += (re[j] as number) * Math.cos(t) - (im[j] as number) * Math.sin(t);
          si += (re[j] as number) * Math.sin(t) + (im[j] as number) * Math.cos(t);
        }
        expect(outRe[k]).to.be.closeTo(sr, 1e-11 * n);
        expect(outIm[k]).to.be.closeTo(si, 1e-11 * n);
      }
      fft(fftPlan(n), outRe, outIm, true);
      for (let j = 0; j < n; j++)
        expect((outRe[j] as number) / n).to.be.closeTo(re[j] as number, 1e-13);
    }
    expect(() => fftPlan(12)).to.throw(RangeError);
  });

  it('runs the WebAssembly SIMD FFT bit for bit like the JavaScript one', () => {
    expect(hasWasmFft(), 'WebAssembly SIMD in chromium').to.equal(true);
    for (const n of [4, 8, 16, 512, 2048, 4096]) {
      const rnd = random(n + 1);
      const re = Float64Array.from({ length: n }, () => rnd() - 0.5);
      const im = Float64Array.from({ length: n }, () => rnd() - 0.5);
      const scratch = fftScratch(n, 4);
      for (const inverse of [false, true]) {
        const wasmRe = scratch.re.subarray(0, n);
        const wasmIm = scratch.im.subarray(0, n);
        wasmRe.set(re);
        wasmIm.set(im);
        fft(fftPlan(n), wasmRe, wasmIm, inverse);
        const jsRe = Float64Array.from(re);
        const jsIm = Float64Array.from(im);
        fftJs(fftPlan(n), jsRe, jsIm, inverse);
        expect(Array.from(wasmRe), `re, n = ${n}`).to.deep.equal(Array.from(jsRe));
        expect(Array.from(wasmIm), `im, n = ${n}`).to.deep.equal(Array.from(jsIm));
      }
    }
  });

  it('computes WBGT as InVEST does', () => {
    expect(wbgt(30, 50)).to.be.closeTo(29.25942722198634, 1e-12);
    expect(wbgt(0, 100)).to.be.closeTo(6.339265, 1e-12);
    expect(wbgt(20, 0)).to.be.closeTo(15.28, 1e-12);
    expect(wbgt(35, 70)).to.be.closeTo(39.195141274561735, 1e-12);
  });

  it('cools the air around a park > 2 ha, less with distance; a small park only locally', async () => {
    const side = 160;
    const cellSizeM = 10;
    const params: HeatParams = {
      tRef: 25,
      uhiMax: 3,
      coolDistanceM: 450,
      mixDistanceM: 100,
      humidity: 60,
    };
    const run = async (parkHalf: number) => {
      const n = side * side;
      const inputs: HeatInputs = {
        width: side,
        height: side,
        cellSizeM,
        kc: new Float32Array(n).fill(0.1),
        albedo: new Float32Array(n).fill(0.15),
        shade: new Float32Array(n),
        green: new Uint8Array(n),
        et0: 5,
      };
      const c = side / 2;
      for (let y = c - parkHalf; y < c + parkHalf; y++) {
        for (let x = c - parkHalf; x < c + parkHalf; x++) {
          const i = y * side + x;
          inputs.kc[i] = 1.1;
          inputs.shade[i] = 1;
          inputs.albedo[i] = 0.2;
          (inputs.green as Uint8Array)[i] = 1;
        }
      }
      return runUrbanCooling(inputs, params);
    };
    const bare = await run(0);
    const park = await run(20); // 40 x 40 cells of 100 m2: 16 ha
    const small = await run(5); // 10 x 10 cells: 1 ha, below the 2 ha threshold
    const row = side / 2;
    const east = (r: { tAir: Float32Array }, half: number, metres: number) =>
      r.tAir[row * side + side / 2 + half + metres / cellSizeM] as number;
    const bareT = bare.tAir[0] as number;
    expect(bareT).to.be.closeTo(25 + (1 - 0.2 * 0.15 - 0.2 * 0.1) * 3, 1e-4);
    const d50 = east(park, 20, 50);
    const d150 = east(park, 20, 150);
    const d300 = east(park, 20, 300);
    expect(d50).to.be.below(d150);
    expect(d150).to.be.below(d300);
    expect(d300).to.be.below(bareT);
    // Next to the park HM is the park's cooling, not the cell's own CC.
    const i = row * side + side / 2 + 20 + 5;
    expect(park.hm[i]).to.equal(park.ccPark[i]);
    expect(park.hm[i]).to.be.greaterThan(park.cc[i] as number);
    expect(park.greenArea[i]).to.be.greaterThan(20000);
    // A 1 ha park: no park cooling (HM = CC everywhere), only its own cells and their mixing.
    expect(small.hm).to.deep.equal(small.cc);
    expect(east(small, 5, 50)).to.be.above(d50);
    expect(east(small, 5, 300)).to.be.below(bareT);
    expect(park.wbgt[i]).to.be.closeTo(wbgt(park.tAir[i] as number, 60), 1e-4);
  });

  it('marks nodata cells NaN and leaves them out of the convolutions', async () => {
    const inputs = investInputs();
    const valid = new Uint8Array(30).fill(1);
    valid[7] = 0;
    const withHole = await runUrbanCooling({ ...inputs, valid }, INVEST_PARAMS);
    for (const grid of [withHole.cc, withHole.ccPark, withHole.hm, withHole.tAir]) {
      expect(Number.isNaN(grid[7])).to.equal(true);
      expect(Number.isNaN(grid[8])).to.equal(false);
    }
    const et0 = Float32Array.from(ET0);
    et0[3] = NaN;
    const nanEt0 = await runUrbanCooling({ ...inputs, et0 }, INVEST_PARAMS);
    expect(Number.isNaN(nanEt0.tAir[3])).to.equal(true);
  });

  it('rejects bad input and cancellation (AbortError), and reports progress up to 1', async () => {
    const inputs = investInputs();
    let error: unknown;
    await runUrbanCooling({ ...inputs, kc: new Float32Array(3) }, INVEST_PARAMS).catch(
      (e: unknown) => (error = e),
    );
    expect(error).to.be.instanceOf(RangeError);
    error = undefined;
    await runUrbanCooling(inputs, { ...INVEST_PARAMS, coolDistanceM: -1 }).catch(
      (e: unknown) => (error = e),
    );
    expect(error).to.be.instanceOf(RangeError);

    const before = new AbortController();
    before.abort();
    error = undefined;
    await runUrbanCooling(inputs, INVEST_PARAMS, { signal: before.signal }).catch(
      (e: unknown) => (error = e),
    );
    expect((error as Error).name).to.equal('AbortError');

    const side = 512;
    const n = side * side;
    const rnd = random(5);
    const big: HeatInputs = {
      width: side,
      height: side,
      cellSizeM: 2,
      kc: Float32Array.from({ length: n }, rnd),
      albedo: new Float32Array(n).fill(0.2),
      shade: Float32Array.from({ length: n }, rnd),
      green: Uint8Array.from({ length: n }, () => (rnd() < 0.3 ? 1 : 0)),
      et0: 4,
    };
    const bigParams = { ...INVEST_PARAMS, coolDistanceM: 200, mixDistanceM: 200 };
    const during = new AbortController();
    const seen: number[] = [];
    error = undefined;
    await runUrbanCooling(big, bigParams, {
      signal: during.signal,
      onProgress: (share) => {
        seen.push(share);
        if (share > 0) during.abort();
      },
    }).catch((e: unknown) => (error = e));
    expect(seen.length, 'progress reported during the run').to.be.greaterThan(1);
    expect((error as Error).name).to.equal('AbortError');

    const shares: number[] = [];
    const result = await runUrbanCooling(big, bigParams, { onProgress: (s) => shares.push(s) });
    expect(result.method).to.equal('fft');
    expect(shares[0]).to.equal(0);
    expect(shares[shares.length - 1]).to.equal(1);
    for (let k = 1; k < shares.length; k++)
      expect(shares[k]).to.be.at.least(shares[k - 1] as number);
  });
});

/** Cells within distance r of a cell centre (r integer), counted directly. */
function diskCount(r: number): number {
  let count = 0;
  for (let a = -r; a <= r; a++) for (let b = -r; b <= r; b++) if (a * a + b * b <= r * r) count++;
  return count;
}
