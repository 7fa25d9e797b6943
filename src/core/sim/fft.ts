/**
 * A compact in-place radix-2 complex FFT on split real / imaginary `Float64Array`s, for the FFT
 * convolutions of the heat model (convolve.ts). Sizes are powers of two; plans (bit-reversal
 * permutation and twiddle factors) are made once per size and cached. Arrays from `fftScratch`
 * (convolve-wasm.ts) are transformed by a WebAssembly SIMD kernel with the same arithmetic.
 */
import { fftWasm } from './convolve-wasm.js';

/** The tables of one FFT size: see {@link fftPlan}. */
export interface FftPlan {
  /** The transform length, a power of two >= 1. */
  readonly n: number;
  /** Pairs `(i, j)` with `i < j` to swap for the bit-reversal permutation, flattened. */
  readonly swaps: Uint32Array;
  /**
   * Twiddle factors per stage, contiguous: for the stage that merges blocks of `size` (`half =
   * size / 2`), `cos[half + j] = cos(2 pi j / size)` and `sin[half + j] = sin(2 pi j / size)` for
   * `j < half`. Length `n` (index 0 unused).
   */
  readonly cos: Float64Array;
  /** See {@link FftPlan.cos}. */
  readonly sin: Float64Array;
}

const plans = new Map<number, FftPlan>();

/** Whether `n` is a power of two (1, 2, 4, ...). */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && (n & (n - 1)) === 0;
}

/** The smallest power of two >= `n` (1 for `n <= 1`). */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * The plan of an `n`-point FFT, made on first use and cached.
 * @throws RangeError when `n` is not a power of two.
 */
export function fftPlan(n: number): FftPlan {
  const cached = plans.get(n);
  if (cached) return cached;
  if (!isPowerOfTwo(n)) throw new RangeError(`fftPlan: ${n} is not a power of two`);
  const bits = Math.round(Math.log2(n));
  const pairs: number[] = [];
  for (let i = 0; i < n; i++) {
    let j = 0;
    for (let b = 0, x = i; b < bits; b++, x >>= 1) j = (j << 1) | (x & 1);
    if (i < j) pairs.push(i, j);
  }
  const cos = new Float64Array(n);
  const sin = new Float64Array(n);
  for (let half = 1; half < n; half *= 2) {
    for (let j = 0; j < half; j++) {
      const angle = (Math.PI * j) / half;
      cos[half + j] = Math.cos(angle);
      sin[half + j] = Math.sin(angle);
    }
  }
  const plan: FftPlan = { n, swaps: Uint32Array.from(pairs), cos, sin };
  plans.set(n, plan);
  return plan;
}

/**
 * In-place complex FFT of `(re, im)` (the first `plan.n` entries): forward
 * `X[k] = sum_j x[j] exp(-2 pi i j k / n)`, or with `inverse` the same with `+i` and without the
 * `1/n` factor (the caller scales). Decimation in time after a bit-reversal permutation, two
 * radix-2 stages fused into each radix-4 pass (one pass over the data per two stages); O(n log n).
 */
export function fft(plan: FftPlan, re: Float64Array, im: Float64Array, inverse = false): void {
  if (fftWasm(plan.n, plan.swaps, re, im, inverse)) return;
  fftJs(plan, re, im, inverse);
}

/** {@link fft} in plain JavaScript: the reference of the WebAssembly kernel, and its fallback. */
export function fftJs(plan: FftPlan, re: Float64Array, im: Float64Array, inverse = false): void {
  const { n, swaps, cos, sin } = plan;
  for (let s = 0; s < swaps.length; s += 2) {
    const i = swaps[s] as number;
    const j = swaps[s + 1] as number;
    const tr = re[i] as number;
    re[i] = re[j] as number;
    re[j] = tr;
    const ti = im[i] as number;
    im[i] = im[j] as number;
    im[j] = ti;
  }
  let h = 1;
  if ((Math.round(Math.log2(n)) & 1) === 1) {
    // An odd number of stages: one plain radix-2 stage first (twiddle 1).
    for (let i = 0; i < n; i += 2) {
      const ar = re[i] as number;
      const ai = im[i] as number;
      const br = re[i + 1] as number;
      const bi = im[i + 1] as number;
      re[i] = ar + br;
      im[i] = ai + bi;
      re[i + 1] = ar - br;
      im[i + 1] = ai - bi;
    }
    h = 2;
  }
  // Forward: exp(-i ...), and the quarter turn of the second stage is -i; inverse: +i.
  const s = inverse ? -1 : 1;
  for (; h < n; h *= 4) {
    const q = 4 * h;
    for (let j = 0; j < h; j++) {
      // Stage 1 (blocks of 2h): twiddle w1 = exp(-+ i pi j / h); stage 2 (blocks of 4h): w2.
      const w1r = cos[h + j] as number;
      const w1i = -s * (sin[h + j] as number);
      const w2r = cos[2 * h + j] as number;
      const w2i = -s * (sin[2 * h + j] as number);
      for (let a = j; a < n; a += q) {
        const b = a + h;
        const c = b + h;
        const d = c + h;
        let xr = re[b] as number;
        let xi = im[b] as number;
        const br = xr * w1r - xi * w1i;
        const bi = xr * w1i + xi * w1r;
        xr = re[d] as number;
        xi = im[d] as number;
        const dr = xr * w1r - xi * w1i;
        const di = xr * w1i + xi * w1r;
        const ar = re[a] as number;
        const ai = im[a] as number;
        const cr = re[c] as number;
        const ci = im[c] as number;
        const t0r = ar + br;
        const t0i = ai + bi;
        const t1r = ar - br;
        const t1i = ai - bi;
        const t2r = cr + dr;
        const t2i = ci + di;
        const t3r = cr - dr;
        const t3i = ci - di;
        const u2r = t2r * w2r - t2i * w2i;
        const u2i = t2r * w2i + t2i * w2r;
        const u3r = t3r * w2r - t3i * w2i;
        const u3i = t3r * w2i + t3i * w2r;
        re[a] = t0r + u2r;
        im[a] = t0i + u2i;
        re[c] = t0r - u2r;
        im[c] = t0i - u2i;
        // t1 + (-+i) u3 and t1 - (-+i) u3.
        re[b] = t1r + s * u3i;
        im[b] = t1i - s * u3r;
        re[d] = t1r - s * u3i;
        im[d] = t1i + s * u3r;
      }
    }
  }
}
