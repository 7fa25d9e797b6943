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
import { fftScratch } from './convolve-wasm.js';
import { fft, fftPlan, nextPowerOfTwo } from './fft.js';
import { checkpointer, type RunOptions } from './run-options.js';

/** A kernel as a grid of values: `size x size` (odd), row-major, centred on the middle cell. */
export interface ConvolutionKernel {
  /** The side in cells, `2 * apothem + 1`. */
  size: number;
  /** `size * size` values, row-major. */
  values: Float64Array;
}

/**
 * A kernel the convolutions use without materialising it: mirror-symmetric in both axes, zero
 * beyond `reach` cells from the centre (in either axis), generated one quarter row at a time.
 */
export interface KernelSpec {
  /** The largest offset (cells, in either axis) with a non-zero value: the kernel's apothem. */
  reach: number;
  /** `sum(k)` over the whole kernel: the factor of the edge rule (1 for a normalised kernel). */
  factor: number;
  /** Writes `q(a, b)` for `0 <= b < cols` into `out[offset + b]` (0 beyond `reach`). */
  row(a: number, cols: number, out: Float64Array, offset: number): void;
  /** Identifies the kernel for {@link ConvolutionBuffers}' cache (none: not cached). */
  key?: string;
  /** Whether every value is an integer (so sums of integer signals are integers). */
  integer?: boolean;
}

/** How a convolution is computed: a direct sum over the kernel, or FFTs. */
export type ConvolutionMethod = 'fft' | 'direct';

/** Options of {@link convolveNormalized}. */
export interface ConvolveOptions extends RunOptions {
  /** `'fft'`, `'direct'`, or `'auto'` (default): whichever does less arithmetic. */
  method?: ConvolutionMethod | 'auto';
}

/**
 * A distance in metres as whole cells the way InVEST does it:
 * `int(numpy.round(distance / cell_size))`, which rounds halves to even.
 */
export function cellsOf(distanceM: number, cellSizeM: number): number {
  const x = distanceM / cellSizeM;
  const down = Math.floor(x);
  const rest = x - down;
  if (rest > 0.5) return down + 1;
  if (rest < 0.5) return down;
  return down % 2 === 0 ? down : down + 1;
}

function checkRadius(name: string, radiusCells: number): void {
  if (!(Number.isFinite(radiusCells) && radiusCells >= 0)) {
    throw new RangeError(
      `${name}: radius must be a finite number of cells >= 0, got ${radiusCells}`,
    );
  }
}

/**
 * The exponential decay kernel of InVEST's `convolve_2d_by_exponential` as a spec, unnormalised:
 * `exp(-r / d)` with `r` the distance in cells between cell centres, for `r <= 5 d`, else 0
 * (pygeoprocessing `exponential_decay_kernel(max_distance = 5 d, expected_distance = d)`).
 * InVEST normalises it to sum 1; with the edge rule the normalisation cancels, so `factor` is 1.
 * `d = 0` is the identity (one cell of weight 1).
 */
export function exponentialKernelSpec(radiusCells: number): KernelSpec {
  checkRadius('exponentialKernelSpec', radiusCells);
  const d = radiusCells;
  const max2 = 25 * d * d;
  const reach = Math.floor(5 * d);
  const inv = d > 0 ? -1 / d : 0;
  return {
    reach,
    factor: 1,
    key: `exponential:${d}`,
    row(a, cols, out, offset) {
      out.fill(0, offset, offset + cols);
      if (d === 0) {
        if (a === 0 && cols > 0) out[offset] = 1;
        return;
      }
      const a2 = a * a;
      const end = Math.min(cols, reach + 1);
      for (let b = 0; b < end; b++) {
        const r2 = a2 + b * b;
        if (r2 > max2) break;
        out[offset + b] = Math.exp(Math.sqrt(r2) * inv);
      }
    },
  };
}

/**
 * The disk kernel InVEST sums green area with (pygeoprocessing `dichotomous_kernel(max_distance
 * = d, normalize=False)`): 1 where the distance between cell centres is <= `d` cells, else 0.
 * `factor` is the number of cells in the disk, so the edge rule extrapolates a count.
 */
export function diskKernelSpec(radiusCells: number): KernelSpec {
  checkRadius('diskKernelSpec', radiusCells);
  const d = radiusCells;
  const reach = Math.floor(d);
  const halfWidth = (a: number) => Math.floor(Math.sqrt(Math.max(0, d * d - a * a)) + 1e-9);
  let count = 0;
  for (let a = -reach; a <= reach; a++) count += 2 * halfWidth(a) + 1;
  return {
    reach,
    factor: count,
    key: `disk:${d}`,
    integer: true,
    row(a, cols, out, offset) {
      out.fill(0, offset, offset + cols);
      if (a <= reach) out.fill(1, offset, offset + Math.min(cols, halfWidth(a) + 1));
    },
  };
}

/** The quarter `q(a, b)` of a kernel for `0 <= a < rows`, `0 <= b < cols`, row-major. */
export function kernelQuarter(spec: KernelSpec, rows: number, cols: number): Float64Array {
  const q = new Float64Array(rows * cols);
  for (let a = 0; a < rows; a++) spec.row(a, cols, q, a * cols);
  return q;
}

function materialise(spec: KernelSpec, normalise: boolean): ConvolutionKernel {
  const reach = spec.reach;
  const size = 2 * reach + 1;
  const q = kernelQuarter(spec, reach + 1, reach + 1);
  const values = new Float64Array(size * size);
  let sum = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = q[Math.abs(y - reach) * (reach + 1) + Math.abs(x - reach)] as number;
      values[y * size + x] = v;
      sum += v;
    }
  }
  if (normalise && sum > 0)
    for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / sum;
  return { size, values };
}

/**
 * InVEST's exponential decay kernel, materialised and normalised to sum 1 (as pygeoprocessing
 * writes it): `exp(-r / d) / sum` for `r <= 5 d`, `r` the distance in cells between cell centres,
 * `size = 2 * floor(5 d) + 1`. `radiusCells` is `d`, InVEST's `int(round(distance / cell size))`
 * (see {@link cellsOf}). Memory grows as `(10 d)^2`: the heat model itself never materialises its
 * kernels ({@link exponentialKernelSpec}).
 */
export function exponentialKernel(radiusCells: number): ConvolutionKernel {
  return materialise(exponentialKernelSpec(radiusCells), true);
}

/** InVEST's green-area disk kernel, materialised (unnormalised, see {@link diskKernelSpec}). */
export function diskKernel(radiusCells: number): ConvolutionKernel {
  return materialise(diskKernelSpec(radiusCells), false);
}

/**
 * A materialised kernel as a spec. `factor` is the sum of its values.
 * @throws RangeError when `size` is not odd, the length is not `size^2`, or the kernel is not
 *   mirror-symmetric in both axes (the FFT path relies on a real, even transform).
 */
export function kernelSpecOf(kernel: ConvolutionKernel): KernelSpec {
  const { size, values } = kernel;
  if (!(Number.isInteger(size) && size >= 1 && size % 2 === 1) || values.length !== size * size) {
    throw new RangeError(
      `kernel: size must be odd and values.length size^2, got ${size} and ${values.length}`,
    );
  }
  const reach = (size - 1) / 2;
  let factor = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = values[y * size + x] as number;
      factor += v;
      const mirrored = [
        values[y * size + (size - 1 - x)],
        values[(size - 1 - y) * size + x],
      ] as number[];
      for (const m of mirrored) {
        if (Math.abs(m - v) > 1e-12 * Math.max(1, Math.abs(v))) {
          throw new RangeError('kernel: values must be mirror-symmetric in both axes');
        }
      }
    }
  }
  return {
    reach,
    factor,
    row(a, cols, out, offset) {
      out.fill(0, offset, offset + cols);
      if (a > reach) return;
      const from = (reach + a) * size + reach;
      const c = Math.min(cols, reach + 1);
      for (let b = 0; b < c; b++) out[offset + b] = values[from + b] as number;
    },
  };
}

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
