/**
 * Normalised 2D convolutions with radially symmetric kernels, as the InVEST Urban Cooling model
 * uses them (docs/models/heat-invest.md): pygeoprocessing's `convolve_2d` with
 * `ignore_nodata_and_edges=True` and `normalize_kernel=False`, that is
 * `result = conv(x * valid, k) / conv(valid, k) * sum(k)` on valid cells, nodata (NaN here)
 * elsewhere. Two methods give the same numbers: a direct sum (small grids and kernels) and an FFT
 * convolution (zero-padded to a power of two, so linear, not circular) for the big kernels of the
 * model at fine cell sizes (450 m at 1 m: a 4501 x 4501 kernel).
 *
 * Kernels are described by their "quarter" `q(a, b)`, `a, b >= 0`: the kernel value at offset
 * `(+-a, +-b)` cells from the centre; every kernel here is mirror-symmetric in both axes, so its
 * Fourier transform is real and even.
 */
import type { RunOptions } from './run-options.js';
import {
  type ConvolutionKernel,
  type KernelSpec,
  kernelQuarter,
  kernelSpecOf,
  type ConvolutionMethod,
} from './convolve-kernels.js';
import {
  ConvolutionBuffers,
  type ConvolutionGeometry,
  type Grid,
  WorkMeter,
  chooseMethod,
  convolutionGeometry,
  directConvolve,
  directUnits,
  fftConvolve,
  fftKernelUnits,
  fftSignalUnits,
  kernelCacheKey,
  kernelSpectrum,
} from './convolve-fft.js';

export * from './convolve-kernels.js';
export * from './convolve-fft.js';

/** Options of {@link convolveNormalized}. */
export interface ConvolveOptions extends RunOptions {
  /** `'fft'`, `'direct'`, or `'auto'` (default): whichever does less arithmetic. */
  method?: ConvolutionMethod | 'auto';
}

/**
 * Turns the quarter `q` (`rowsReach + 1` by `colsReach + 1`) in place into its 2D prefix sums
 * `Q(p, r) = sum_{a <= p, b <= r} q(a, b)`, for {@link allValidDenominator}.
 */
export function prefixSums(q: Float64Array, g: ConvolutionGeometry): void {
  const rows = g.rowsReach + 1;
  const cols = g.colsReach + 1;
  for (let a = 0; a < rows; a++) {
    let run = 0;
    const row = a * cols;
    for (let b = 0; b < cols; b++) {
      run += q[row + b] as number;
      q[row + b] = run + (a > 0 ? (q[row - cols + b] as number) : 0);
    }
  }
}

/**
 * `conv(valid, k)` when every cell is valid: the kernel's sum over the part of it that lies on
 * the grid, from the prefix sums `Q` of its quarter in O(1) per cell: with `up`, `down`, `left`,
 * `right` the reach of the kernel clipped at the four edges,
 * `Q(up, left) + Q(down, left) + Q(up, right) + Q(down, right) - Q(0, left) - Q(0, right)
 * - Q(up, 0) - Q(down, 0) + Q(0, 0)` (the axes are counted twice by the four quadrants).
 */
export function allValidDenominator(
  Q: Float64Array,
  g: ConvolutionGeometry,
  out: Float32Array | Float64Array,
): void {
  const { width: w, height: h, rowsReach: ma, colsReach: mb } = g;
  const cols = mb + 1;
  const q00 = Q[0] as number;
  // The result is mirror-symmetric (y <-> h-1-y, x <-> w-1-x): a quarter is computed.
  for (let y = 0; y < (h + 1) >> 1; y++) {
    const up = Math.min(y, ma) * cols;
    const down = Math.min(h - 1 - y, ma) * cols;
    const rowPart = q00 - (Q[up] as number) - (Q[down] as number);
    const top = y * w;
    const bottom = (h - 1 - y) * w;
    for (let x = 0; x < (w + 1) >> 1; x++) {
      const left = Math.min(x, mb);
      const right = Math.min(w - 1 - x, mb);
      const v =
        (Q[up + left] as number) +
        (Q[down + left] as number) +
        (Q[up + right] as number) +
        (Q[down + right] as number) -
        (Q[left] as number) -
        (Q[right] as number) +
        rowPart;
      const x2 = w - 1 - x;
      out[top + x] = v;
      out[top + x2] = v;
      out[bottom + x] = v;
      out[bottom + x2] = v;
    }
  }
}

/**
 * `conv(x * valid, k) / conv(valid, k) * sum(k)` at one cell `(cx, cy)` by a direct sum over the
 * whole kernel: the reference the FFT results are checked against. `q` is the kernel's quarter of
 * `g.rowsReach + 1` by `g.colsReach + 1` values ({@link kernelQuarter}); `valid` undefined means
 * every cell is valid. NaN on an invalid cell.
 */
export function convolveNormalizedAt(
  values: Grid,
  valid: Uint8Array | undefined,
  g: ConvolutionGeometry,
  q: Float64Array,
  factor: number,
  cx: number,
  cy: number,
): number {
  const { width: w, height: h, rowsReach: ma, colsReach: mb } = g;
  if (valid && valid[cy * w + cx] === 0) return NaN;
  const qCols = mb + 1;
  let num = 0;
  let den = 0;
  for (let a = Math.max(-ma, -cy); a <= Math.min(ma, h - 1 - cy); a++) {
    const qRow = (a < 0 ? -a : a) * qCols;
    const sRow = (cy + a) * w + cx;
    const b1 = Math.min(mb, w - 1 - cx);
    for (let b = Math.max(-mb, -cx); b <= b1; b++) {
      const i = sRow + b;
      if (valid && valid[i] === 0) continue;
      const k = q[qRow + (b < 0 ? -b : b)] as number;
      num += k * (values[i] as number);
      den += k;
    }
  }
  return (num / den) * factor;
}

/**
 * One kernel applied with the edge and nodata rule to signals on one grid:
 * {@link NormalizedConvolver.prepare} makes the kernel's transform (FFT) or quarter (direct) and
 * the denominator `conv(valid, k)`, {@link NormalizedConvolver.apply} convolves a signal and
 * divides. The FFT transform lives in the shared {@link ConvolutionBuffers}: apply before the
 * next convolver prepares.
 */
export class NormalizedConvolver {
  /** The geometry (window and FFT sizes). */
  readonly geometry: ConvolutionGeometry;
  /** The method used. */
  readonly method: ConvolutionMethod;
  private quarter: Float64Array | undefined;
  private spectrum: Float64Array | undefined;

  /**
   * A convolver of `spec` over a `width x height` grid whose valid cells are `valid` (1 valid, 0
   * not; undefined: all valid). `method` `'auto'` picks {@link chooseMethod}.
   */
  constructor(
    width: number,
    height: number,
    private readonly spec: KernelSpec,
    private readonly valid: Uint8Array | undefined,
    method: ConvolutionMethod | 'auto' = 'auto',
  ) {
    this.geometry = convolutionGeometry(width, height, spec.reach);
    this.method = method === 'auto' ? chooseMethod(this.geometry) : method;
  }

  /** Work units of preparing the kernel plus `signals` applications. */
  units(signals: number): number {
    const g = this.geometry;
    const perSignal = this.method === 'fft' ? fftSignalUnits(g) : directUnits(g);
    const denominator = this.valid ? perSignal : 0;
    const prepare = this.method === 'fft' ? fftKernelUnits(g) : 0;
    return prepare + denominator + signals * perSignal;
  }

  /** Makes the kernel's transform (FFT) or quarter (direct) and the denominator into `den`. */
  async prepare(
    buffers: ConvolutionBuffers,
    den: Float32Array | Float64Array,
    meter: WorkMeter,
  ): Promise<void> {
    const g = this.geometry;
    if (this.method === 'fft') {
      const key = buffers.cacheKernels ? kernelCacheKey(this.spec, g) : undefined;
      let cached = key === undefined ? undefined : buffers.kernels.get(key);
      if (!cached || (!this.valid && !cached.denominator)) {
        const spectrum = await kernelSpectrum(this.spec, g, buffers, meter, !this.valid);
        if (!this.valid) allValidDenominator(buffers.im, g, den);
        cached = { spectrum };
        if (!this.valid && key !== undefined) cached.denominator = Float32Array.from(den);
        if (key !== undefined) buffers.kernels.set(key, cached);
      } else {
        if (!this.valid && cached.denominator) den.set(cached.denominator);
        const p = meter.advance(fftKernelUnits(g));
        if (p) await p;
      }
      this.spectrum = cached.spectrum;
      if (this.valid) await fftConvolve(this.valid, g, cached.spectrum, buffers, den, meter);
      return;
    }
    const q = kernelQuarter(this.spec, g.rowsReach + 1, g.colsReach + 1);
    this.quarter = q;
    if (!this.valid) {
      const Q = Float64Array.from(q);
      prefixSums(Q, g);
      allValidDenominator(Q, g, den);
    } else {
      await directConvolve(this.valid, g, q, den, meter);
    }
  }

  /**
   * `conv(x * valid, k) / conv(valid, k) * sum(k) * scale` of `masked` (`x * valid`: 0 on invalid
   * cells) into `out` (NaN on invalid cells; `out` may be `masked`), with `den` from
   * {@link NormalizedConvolver.prepare}. With `integer` (the signal holds integers) and an integer
   * kernel, both sums are rounded to the integers they are, which removes the FFT's rounding
   * noise (about 1e-8 of the sum): a count compared with a threshold then decides exactly.
   */
  async apply(
    masked: Grid,
    out: Float32Array | Float64Array,
    den: Float32Array | Float64Array,
    buffers: ConvolutionBuffers,
    meter: WorkMeter,
    scale = 1,
    integer = false,
  ): Promise<void> {
    const g = this.geometry;
    if (this.method === 'fft') {
      if (!this.spectrum) throw new Error('NormalizedConvolver: call prepare() first');
      await fftConvolve(masked, g, this.spectrum, buffers, out, meter);
    } else {
      if (!this.quarter) throw new Error('NormalizedConvolver: call prepare() first');
      const source = (masked as unknown) === out ? Float64Array.from(masked) : masked;
      await directConvolve(source, g, this.quarter, out, meter);
    }
    const factor = this.spec.factor * scale;
    const valid = this.valid;
    if (integer && this.spec.integer) {
      for (let i = 0; i < out.length; i++) {
        out[i] =
          valid && valid[i] === 0
            ? NaN
            : (Math.round(out[i] as number) / Math.round(den[i] as number)) * factor;
      }
      return;
    }
    for (let i = 0; i < out.length; i++) {
      out[i] = valid && valid[i] === 0 ? NaN : ((out[i] as number) / (den[i] as number)) * factor;
    }
  }
}

/** Checks that a grid has `width * height` cells. */
export function checkGridLength(name: string, grid: ArrayLike<number>, n: number): void {
  if (grid.length !== n) {
    throw new RangeError(`${name} has ${grid.length} cells, expected ${n}`);
  }
}

/**
 * `conv(x * valid, k) / conv(valid, k) * sum(k)` on every valid cell, NaN on invalid ones: the
 * edge and nodata rule of InVEST (pygeoprocessing `convolve_2d(ignore_nodata_and_edges=True,
 * normalize_kernel=False)`). Off-grid cells count as invalid, so a constant field stays constant
 * up to the edges and next to nodata. `valid` may be undefined (all valid) or non-zero = valid.
 * `kernel` is a materialised, mirror-symmetric kernel or a {@link KernelSpec}. Rejects with an
 * `AbortError` when `options.signal` aborts.
 */
export async function convolveNormalized(
  values: Grid,
  valid: Uint8Array | undefined,
  width: number,
  height: number,
  kernel: ConvolutionKernel | KernelSpec,
  options: ConvolveOptions = {},
): Promise<Float32Array> {
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new RangeError(`convolveNormalized: bad grid size ${width} x ${height}`);
  }
  const n = width * height;
  checkGridLength('convolveNormalized: values', values, n);
  if (valid) checkGridLength('convolveNormalized: valid', valid, n);
  options.signal?.throwIfAborted();
  const spec = 'row' in kernel ? kernel : kernelSpecOf(kernel);
  const mask = valid ? Uint8Array.from(valid, (v) => (v !== 0 ? 1 : 0)) : undefined;
  const convolver = new NormalizedConvolver(width, height, spec, mask, options.method);
  const meter = new WorkMeter(options, convolver.units(1));
  options.onProgress?.(0);
  const out = new Float32Array(n);
  const den = new Float64Array(n);
  const buffers = new ConvolutionBuffers({ cacheKernels: false });
  await convolver.prepare(buffers, den, meter);
  const masked = new Float64Array(n);
  for (let i = 0; i < n; i++) masked[i] = mask && mask[i] === 0 ? 0 : (values[i] as number);
  const raw = new Float64Array(n);
  await convolver.apply(masked, raw, den, buffers, meter);
  out.set(raw);
  options.signal?.throwIfAborted();
  options.onProgress?.(1);
  return out;
}
