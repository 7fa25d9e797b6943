/**
 * The two ways a convolution is computed (direct sums and zero-padded FFTs), the work estimates that
 * choose between them, and the buffers and kernel transforms kept between runs.
 */
import { fftScratch } from './convolve-wasm.js';
import { fft, fftPlan, nextPowerOfTwo } from './fft.js';
import type { ConvolutionMethod, KernelSpec } from './convolve-kernels.js';
import { checkpointer, type RunOptions } from './run-options.js';

/** A signal grid: any numeric typed array of `width * height` cells. */
export type Grid = Float32Array | Float64Array | Uint8Array;

/**
 * Reports progress in work units and yields / checks for cancellation between chunks: see
 * run-options.ts. One unit is about one FFT of one row or column.
 */
export class WorkMeter {
  private done = 0;
  private readonly check: (share: number) => Promise<void> | undefined;

  /** A meter over `total` units for the run described by `options`. */
  constructor(
    options: RunOptions,
    private readonly total: number,
  ) {
    this.check = checkpointer(options);
  }

  /** Counts `units` done; resolves after a yield when one is due, rejects when aborted. */
  advance(units: number): Promise<void> | undefined {
    this.done += units;
    return this.check(Math.min(1, this.done / Math.max(1, this.total)));
  }
}

/** The geometry of one convolution: grid, kernel window and (for FFTs) transform sizes. */
export interface ConvolutionGeometry {
  /** Grid width and height (cells). */
  width: number;
  /** See {@link ConvolutionGeometry.width}. */
  height: number;
  /** Kernel offsets that can matter: `|a| <= rowsReach`, `|b| <= colsReach`. */
  rowsReach: number;
  /** See {@link ConvolutionGeometry.rowsReach}. */
  colsReach: number;
  /** FFT sizes (powers of two) along x and y: `nx >= width + colsReach`, so no wrap-around. */
  nx: number;
  /** See {@link ConvolutionGeometry.nx}. */
  ny: number;
}

/** The geometry of convolving a `width x height` grid with a kernel of `reach`. */
export function convolutionGeometry(
  width: number,
  height: number,
  reach: number,
): ConvolutionGeometry {
  const rowsReach = Math.min(height - 1, reach);
  const colsReach = Math.min(width - 1, reach);
  return {
    width,
    height,
    rowsReach,
    colsReach,
    nx: nextPowerOfTwo(width + colsReach),
    ny: nextPowerOfTwo(height + rowsReach),
  };
}

/** Work units (about one FFT of a row or column each) of one FFT convolution of a signal. */
export function fftSignalUnits(g: ConvolutionGeometry): number {
  return g.height + 2 * (g.nx / 2 + 1);
}

/** Work units of a kernel's transform ({@link kernelSpectrum}). */
export function fftKernelUnits(g: ConvolutionGeometry): number {
  return Math.ceil((g.rowsReach + 1) / 2) + Math.ceil((g.nx / 2 + 1) / 2);
}

/** Work units of one direct convolution (about one unit per 4096 kernel taps summed). */
export function directUnits(g: ConvolutionGeometry): number {
  return (g.width * g.height * (2 * g.rowsReach + 1) * (2 * g.colsReach + 1)) / 4096;
}

/**
 * The cheaper method for a geometry: the direct sum when its arithmetic (taps times cells) is
 * below the FFT's (about `10 n log2 n` per transform of length `n`).
 */
export function chooseMethod(g: ConvolutionGeometry): ConvolutionMethod {
  const taps = g.width * g.height * (2 * g.rowsReach + 1) * (2 * g.colsReach + 1);
  const fftFlops =
    10 *
    ((g.height + g.nx + 2) * g.nx * Math.log2(g.nx) +
      (g.rowsReach + 1 + g.nx / 2 + 1) * g.ny * Math.log2(g.ny) * 0.5);
  return 2 * taps <= fftFlops ? 'direct' : 'fft';
}

const COLUMN_BLOCK = 4;
const TILE = 16;
const ROWS_PER_CHECK = 32;

/** A kernel's transform and all-valid denominator, kept by {@link ConvolutionBuffers}. */
export interface CachedKernel {
  /** The kernel's transform ({@link kernelSpectrum}). */
  spectrum: Float64Array;
  /** `conv(1, k)` over a grid without nodata, when computed. */
  denominator?: Float32Array;
}

/**
 * Scratch memory of the FFT convolutions, grown on demand and reused from one convolution (and
 * one run) to the next: allocating and first touching big arrays costs as much as a good part of
 * the arithmetic. With `cacheKernels` (the default) it also keeps, per kernel and grid size, the
 * kernel's transform and its all-valid denominator (`(nx/2 + 1) (ny/2 + 1)` Float64 plus
 * `width height` Float32 each), so that a rerun on the same grid skips them.
 */
export class ConvolutionBuffers {
  /** Row spectra, real parts: `height x (nx/2 + 1)` (also the kernel's row transforms). */
  re = new Float64Array(0);
  /** Row spectra, imaginary parts (also the kernel's prefix sums). */
  im = new Float64Array(0);
  /** The kernel transform of the last uncached {@link kernelSpectrum}. */
  spectrum = new Float64Array(0);
  /** Whether kernel transforms and denominators are kept (see the class comment). */
  readonly cacheKernels: boolean;
  /** The kept kernels, by {@link kernelCacheKey}. */
  readonly kernels = new Map<string, CachedKernel>();

  /** Empty buffers; they grow on first use. */
  constructor(options: { cacheKernels?: boolean } = {}) {
    this.cacheKernels = options.cacheKernels ?? true;
  }

  /** Makes every buffer large enough for geometry `g`. */
  fit(g: ConvolutionGeometry): void {
    const bins = g.nx / 2 + 1;
    const size = g.height * bins;
    if (this.re.length < size) this.re = new Float64Array(size);
    if (this.im.length < size) this.im = new Float64Array(size);
  }

  /** A spectrum array for `g`: a fresh one when caching, else the shared one. */
  spectrumFor(g: ConvolutionGeometry): Float64Array {
    const size = (g.nx / 2 + 1) * (g.ny / 2 + 1);
    if (this.cacheKernels) return new Float64Array(size);
    if (this.spectrum.length < size) this.spectrum = new Float64Array(size);
    return this.spectrum;
  }
}

/** The cache key of a kernel on a geometry; undefined when the kernel has no key. */
export function kernelCacheKey(spec: KernelSpec, g: ConvolutionGeometry): string | undefined {
  if (spec.key === undefined) return undefined;
  return `${spec.key}|${g.width}x${g.height}|${g.nx}x${g.ny}|${g.rowsReach},${g.colsReach}`;
}

/**
 * The real, even transform of the kernel `spec` (its quarter placed circularly on an `ny x nx`
 * grid, offsets up to `rowsReach` / `colsReach`) into `out` (default
 * `buffers.spectrumFor(g)`), for `0 <= v <= ny/2`,
 * `0 <= u <= nx/2`, column by column: `K[u * (ny/2 + 1) + v]`. Even rows and columns are
 * transformed two at a time (one complex FFT of two real even sequences gives both real
 * transforms). With `prefix`, also writes the 2D prefix sums of the quarter,
 * `Q(p, r) = sum_{a <= p, b <= r} q(a, b)`, into `buffers.im` (`(rowsReach + 1) x
 * (colsReach + 1)`), for {@link allValidDenominator}.
 */
export async function kernelSpectrum(
  spec: KernelSpec,
  g: ConvolutionGeometry,
  buffers: ConvolutionBuffers,
  meter: WorkMeter,
  prefix = false,
  out?: Float64Array,
): Promise<Float64Array> {
  buffers.fit(g);
  const { nx, ny, rowsReach: ma, colsReach: mb } = g;
  const bins = nx / 2 + 1;
  const vbins = ny / 2 + 1;
  const qCols = mb + 1;
  const px = fftPlan(nx);
  const py = fftPlan(ny);
  const rows = buffers.re;
  const Q = buffers.im;
  const q = new Float64Array(2 * qCols);
  const scratch = fftScratch(Math.max(nx, ny), COLUMN_BLOCK);
  let re = scratch.re.subarray(0, nx);
  let im = scratch.im.subarray(0, nx);
  // Row transforms R[a][u], a = 0..ma, row-major in `rows`.
  for (let a = 0; a <= ma; a += 2) {
    const two = a + 1 <= ma;
    spec.row(a, qCols, q, 0);
    if (two) spec.row(a + 1, qCols, q, qCols);
    else q.fill(0, qCols);
    re.fill(0);
    im.fill(0);
    for (let b = 0; b <= mb; b++) {
      const v1 = q[b] as number;
      const v2 = q[qCols + b] as number;
      re[b] = v1;
      im[b] = v2;
      if (b > 0) {
        re[nx - b] = v1;
        im[nx - b] = v2;
      }
    }
    if (prefix) {
      for (let k = 0; k < (two ? 2 : 1); k++) {
        const row = (a + k) * qCols;
        let run = 0;
        for (let b = 0; b <= mb; b++) {
          run += q[k * qCols + b] as number;
          Q[row + b] = run + (a + k > 0 ? (Q[row - qCols + b] as number) : 0);
        }
      }
    }
    fft(px, re, im);
    rows.set(re.subarray(0, bins), a * bins);
    if (two) rows.set(im.subarray(0, bins), (a + 1) * bins);
    const p = meter.advance(1);
    if (p) await p;
  }
  // Column transforms, gathered in blocks from the row-major R, two columns per FFT.
  const spectrum = out ?? buffers.spectrumFor(g);
  const block = scratch.blockRe;
  const stride = ma + 1;
  re = scratch.re.subarray(0, ny);
  im = scratch.im.subarray(0, ny);
  for (let u0 = 0; u0 < bins; u0 += COLUMN_BLOCK) {
    const count = Math.min(COLUMN_BLOCK, bins - u0);
    for (let a = 0; a <= ma; a++) {
      const row = a * bins + u0;
      for (let c = 0; c < count; c++) block[c * stride + a] = rows[row + c] as number;
    }
    for (let c = 0; c < count; c += 2) {
      const two = c + 1 < count;
      re.fill(0);
      im.fill(0);
      const o1 = c * stride;
      const o2 = o1 + stride;
      for (let a = 0; a <= ma; a++) {
        const v1 = block[o1 + a] as number;
        const v2 = two ? (block[o2 + a] as number) : 0;
        re[a] = v1;
        im[a] = v2;
        if (a > 0) {
          re[ny - a] = v1;
          im[ny - a] = v2;
        }
      }
      fft(py, re, im);
      spectrum.set(re.subarray(0, vbins), (u0 + c) * vbins);
      if (two) spectrum.set(im.subarray(0, vbins), (u0 + c + 1) * vbins);
    }
    const p = meter.advance(count / 2);
    if (p) await p;
  }
  return spectrum;
}

/**
 * The raw linear convolution `conv(signal, k)` (no normalisation) of a real `width x height` grid
 * with the kernel whose transform is `spectrum` ({@link kernelSpectrum}), written into `out`
 * (`width * height`; it may be `signal` itself). Rows are transformed two at a time as one
 * complex FFT (the real and imaginary parts carry one row each); the columns of the half
 * spectrum are transformed, multiplied by the kernel's transform and transformed back in blocks;
 * then the rows back, again two at a time. `height + nx + 2` FFTs in all.
 */
export async function fftConvolve(
  signal: Grid,
  g: ConvolutionGeometry,
  spectrum: Float64Array,
  buffers: ConvolutionBuffers,
  out: Float32Array | Float64Array,
  meter: WorkMeter,
): Promise<void> {
  buffers.fit(g);
  const { width: w, height: h, nx, ny } = g;
  const bins = nx / 2 + 1;
  const vHalf = ny / 2;
  const px = fftPlan(nx);
  const py = fftPlan(ny);
  const sRe = buffers.re;
  const sIm = buffers.im;
  const scratch = fftScratch(Math.max(nx, ny), COLUMN_BLOCK);
  const re = scratch.re.subarray(0, nx);
  const im = scratch.im.subarray(0, nx);
  // 1. Row transforms, two real rows per complex FFT, unpacked into half spectra:
  // Z = A + iB, A[u] = (Z[u] + conj Z[-u]) / 2, B[u] = (Z[u] - conj Z[-u]) / 2i.
  for (let y = 0; y < h; y += 2) {
    re.fill(0);
    im.fill(0);
    const second = y + 1 < h;
    for (let x = 0, i = y * w; x < w; x++, i++) {
      re[x] = signal[i] as number;
      if (second) im[x] = signal[i + w] as number;
    }
    fft(px, re, im);
    const r0 = y * bins;
    const r1 = r0 + bins;
    for (let u = 0; u < bins; u++) {
      const k = (nx - u) & (nx - 1);
      const zr = re[u] as number;
      const zi = im[u] as number;
      const cr = re[k] as number;
      const ci = im[k] as number;
      sRe[r0 + u] = 0.5 * (zr + cr);
      sIm[r0 + u] = 0.5 * (zi - ci);
      if (second) {
        sRe[r1 + u] = 0.5 * (zi + ci);
        sIm[r1 + u] = 0.5 * (cr - zr);
      }
    }
    if ((y & (ROWS_PER_CHECK - 1)) === 0) {
      const p = meter.advance(Math.min(ROWS_PER_CHECK, h - y) / 2);
      if (p) await p;
    }
  }
  // 2. Columns of the half spectrum, in blocks: forward, times K, back. Only rows < h are kept:
  // the rest is the zero padding going in and the wrapped-around tail coming out.
  const colRe = scratch.blockRe;
  const colIm = scratch.blockIm;
  for (let u0 = 0; u0 < bins; u0 += COLUMN_BLOCK) {
    const count = Math.min(COLUMN_BLOCK, bins - u0);
    // Gather in tiles of TILE rows, so that each column is written TILE values at a time.
    for (let y0 = 0; y0 < h; y0 += TILE) {
      const y1 = Math.min(h, y0 + TILE);
      for (let c = 0; c < count; c++) {
        const col = c * ny;
        for (let y = y0, i = y0 * bins + u0 + c; y < y1; y++, i += bins) {
          colRe[col + y] = sRe[i] as number;
          colIm[col + y] = sIm[i] as number;
        }
      }
    }
    for (let c = 0; c < count; c++) {
      colRe.fill(0, c * ny + h, (c + 1) * ny);
      colIm.fill(0, c * ny + h, (c + 1) * ny);
    }
    for (let c = 0; c < count; c++) {
      const cRe = colRe.subarray(c * ny, (c + 1) * ny);
      const cIm = colIm.subarray(c * ny, (c + 1) * ny);
      fft(py, cRe, cIm);
      const k0 = (u0 + c) * (vHalf + 1);
      for (let v = 0; v <= vHalf; v++) {
        const kv = spectrum[k0 + v] as number;
        cRe[v] = (cRe[v] as number) * kv;
        cIm[v] = (cIm[v] as number) * kv;
      }
      for (let v = vHalf + 1; v < ny; v++) {
        const kv = spectrum[k0 + ny - v] as number;
        cRe[v] = (cRe[v] as number) * kv;
        cIm[v] = (cIm[v] as number) * kv;
      }
      fft(py, cRe, cIm, true);
    }
    for (let y0 = 0; y0 < h; y0 += TILE) {
      const y1 = Math.min(h, y0 + TILE);
      for (let c = 0; c < count; c++) {
        const col = c * ny;
        for (let y = y0, i = y0 * bins + u0 + c; y < y1; y++, i += bins) {
          sRe[i] = colRe[col + y] as number;
          sIm[i] = colIm[col + y] as number;
        }
      }
    }
    const p = meter.advance(2 * count);
    if (p) await p;
  }
  // 3. Rows back, two per complex FFT: Z = A + iB from the half spectra of rows y and y + 1
  // (Z[-u] = conj A[u] + i conj B[u]).
  const scale = 1 / (nx * ny);
  for (let y = 0; y < h; y += 2) {
    const second = y + 1 < h;
    const r0 = y * bins;
    const r1 = r0 + bins;
    for (let u = 0; u < bins; u++) {
      const ar = sRe[r0 + u] as number;
      const ai = sIm[r0 + u] as number;
      const br = second ? (sRe[r1 + u] as number) : 0;
      const bi = second ? (sIm[r1 + u] as number) : 0;
      re[u] = ar - bi;
      im[u] = ai + br;
      if (u > 0 && u < nx / 2) {
        re[nx - u] = ar + bi;
        im[nx - u] = br - ai;
      }
    }
    fft(px, re, im, true);
    for (let x = 0, i = y * w; x < w; x++, i++) {
      out[i] = (re[x] as number) * scale;
      if (second) out[i + w] = (im[x] as number) * scale;
    }
    if ((y & (ROWS_PER_CHECK - 1)) === 0) {
      const p = meter.advance(Math.min(ROWS_PER_CHECK, h - y) / 2);
      if (p) await p;
    }
  }
}

/**
 * The raw direct convolution `conv(signal, k)` with the kernel quarter `q` (`rowsReach + 1` by
 * `colsReach + 1`, {@link kernelQuarter}), clipped at the grid edges, into `out` (not `signal`).
 */
export async function directConvolve(
  signal: Grid,
  g: ConvolutionGeometry,
  q: Float64Array,
  out: Float32Array | Float64Array,
  meter: WorkMeter,
): Promise<void> {
  const { width: w, height: h, rowsReach: ma, colsReach: mb } = g;
  const qCols = mb + 1;
  const unitsPerRow = (w * (2 * ma + 1) * (2 * mb + 1)) / 4096;
  for (let y = 0; y < h; y++) {
    const a0 = Math.max(-ma, -y);
    const a1 = Math.min(ma, h - 1 - y);
    for (let x = 0; x < w; x++) {
      const b0 = Math.max(-mb, -x);
      const b1 = Math.min(mb, w - 1 - x);
      let sum = 0;
      for (let a = a0; a <= a1; a++) {
        const qRow = (a < 0 ? -a : a) * qCols;
        const sRow = (y + a) * w + x;
        for (let b = b0; b <= b1; b++) {
          sum += (q[qRow + (b < 0 ? -b : b)] as number) * (signal[sRow + b] as number);
        }
      }
      out[y * w + x] = sum;
    }
    const p = meter.advance(unitsPerRow);
    if (p) await p;
  }
}
