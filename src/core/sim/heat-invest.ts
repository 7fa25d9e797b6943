/**
 * The InVEST Urban Cooling model (Natural Capital Project), daytime "factors" method, on plain
 * typed-array grids (docs/models/heat-invest.md, MODELS.md section 2a). It follows InVEST's code
 * (natcap.invest `urban_cooling_model.py`) step by step:
 * - `ETI = Kc * ET0 / max(ET0)`; `CC = (w_shade * shade + w_albedo * albedo + w_eti * ETI) / sum(w)`;
 * - `CC_park`: the exponential-kernel convolution (`exp(-r / d)`, `r` in cells, cut at `5 d`,
 *   `d = round(d_cool / cell size)`) of `CC` on green cells and 0 elsewhere, with the edge and
 *   nodata rule `conv(x * valid, k) / conv(valid, k) * sum(k)` (convolve.ts);
 * - green area: the same rule with a disk of radius `d` (unnormalised: a count of cells);
 * - `HM = CC` where `CC >= CC_park` or the green area is < 2 ha, else `CC_park`;
 * - `T_air_nomix = T_ref + (1 - HM) * UHI_max`; `T_air`: the exponential convolution of
 *   `T_air_nomix` with `d = round(r_mix / cell size)`;
 * - `WBGT = 0.567 T + 0.393 e + 3.94`, `e = RH / 100 * 6.105 * exp(17.27 T / (237.7 + T))`.
 * The big convolutions run as FFTs (convolve.ts, fft.ts). Pure async functions: usable in a Web
 * Worker, cancellable, with progress.
 */
import {
  cellsOf,
  checkGridLength,
  ConvolutionBuffers,
  diskKernelSpec,
  exponentialKernelSpec,
  NormalizedConvolver,
  WorkMeter,
  type ConvolutionMethod,
} from './convolve.js';
import type { RunOptions } from './run-options.js';

export {
  cellsOf,
  ConvolutionBuffers,
  convolveNormalized,
  diskKernel,
  exponentialKernel,
  type ConvolutionKernel,
  type ConvolutionMethod,
  type ConvolveOptions,
} from './convolve.js';

/** The grids of one run: every array has `width * height` cells, row-major. */
export interface HeatInputs {
  /** Grid width in cells. */
  width: number;
  /** Grid height in cells. */
  height: number;
  /** Cell size in metres (square cells). */
  cellSizeM: number;
  /** Crop coefficient Kc per cell (land-cover table `kc`). */
  kc: Float32Array;
  /** Albedo per cell, 0..1. */
  albedo: Float32Array;
  /** Share of the cell shaded by trees >= 2 m, 0..1. */
  shade: Float32Array;
  /** Green-space flag per cell (non-zero: counts as park for cooling and green area). */
  green: Uint8Array | Float32Array;
  /** Reference evapotranspiration ET0 per cell (any unit: only `ET0 / max(ET0)` is used), or one value. */
  et0: Float32Array | number;
  /**
   * 0 = nodata: such cells get NaN everywhere and do not count in the convolutions (the edge and
   * nodata rule). Cells with a non-finite kc, albedo, shade, green or ET0 are nodata too.
   */
  valid?: Uint8Array;
}

/** The model parameters. */
export interface HeatParams {
  /** Rural reference air temperature T_ref (degrees C). */
  tRef: number;
  /** Urban heat island magnitude UHI_max (degrees C): the warming of a cell with HM = 0. */
  uhiMax: number;
  /** Maximum cooling distance of green areas d_cool (m); InVEST suggests 450. */
  coolDistanceM: number;
  /** Air mixing distance r_mix (m); InVEST suggests 500-600. */
  mixDistanceM: number;
  /** Average relative humidity (%) for WBGT; without it `wbgt` is NaN. */
  humidity?: number;
  /** Weights of shade, albedo and ETI in CC (default 0.6, 0.2, 0.2); divided by their sum. */
  weights?: [number, number, number];
  /** Green area within `d_cool` from which a park cools its surroundings, m2 (default 20000: 2 ha). */
  greenAreaThresholdM2?: number;
}

/** Everything one run computes; `Float32Array`s of `width * height` cells, NaN on nodata. */
export interface HeatResult {
  /** Cooling capacity CC, 0..1. */
  cc: Float32Array;
  /** Park cooling CC_park: the distance-weighted mean CC of green cells around (non-green count 0). */
  ccPark: Float32Array;
  /** Green area (m2) within `d_cool` (a disk), extrapolated at edges and nodata by the edge rule. */
  greenArea: Float32Array;
  /** Heat mitigation index HM, 0..1. */
  hm: Float32Array;
  /** Air temperature before mixing (degrees C). */
  tAirNoMix: Float32Array;
  /** Air temperature after mixing (degrees C). */
  tAir: Float32Array;
  /** Wet bulb globe temperature (degrees C); NaN when `humidity` was not given. */
  wbgt: Float32Array;
  /**
   * How the convolutions ran: `'fft'`, `'direct'`, or `'direct+fft'` when they differed (each
   * picks the cheaper unless `options.method` forces one).
   */
  method: string;
}

/** Options of {@link runUrbanCooling}. */
export interface HeatRunOptions extends RunOptions {
  /** Force the convolution method: `'fft'`, `'direct'` or `'auto'` (default). */
  method?: ConvolutionMethod | 'auto';
  /**
   * FFT scratch memory and kernel transforms to keep between runs: pass the same object to the
   * next run on a grid of the same size (a scenario rerun) to skip allocating and first touching
   * the scratch (`16 height (nx/2 + 1)` bytes, `nx` the FFT width) and recomputing the three
   * kernel transforms and denominators (kept: about `8 (nx/2 + 1)(ny/2 + 1) + 4 width height`
   * bytes per kernel). Without it a run uses fresh scratch and keeps nothing.
   */
  buffers?: ConvolutionBuffers;
  /**
   * Arrays of an earlier result on a grid of the same size to write this run's grids into
   * (overwritten; also when the run is cancelled), instead of allocating fresh ones.
   */
  out?: Partial<Omit<HeatResult, 'method'>>;
}

/** InVEST's default weights of shade, albedo and ETI in the cooling capacity. */
export const DEFAULT_HEAT_WEIGHTS: readonly [number, number, number] = [0.6, 0.2, 0.2];

/** InVEST's park size threshold: 2 ha (m2). */
export const GREEN_AREA_THRESHOLD_M2 = 20000;

/**
 * Wet bulb globe temperature (degrees C) from air temperature (degrees C) and relative humidity
 * (%), as InVEST computes it: `0.567 T + 0.393 e + 3.94` with the vapour pressure
 * `e = RH / 100 * 6.105 * exp(17.27 T / (237.7 + T))` (hPa).
 */
export function wbgt(tAirC: number, rhPercent: number): number {
  const e = (rhPercent / 100) * 6.105 * Math.exp((17.27 * tAirC) / (237.7 + tAirC));
  return 0.567 * tAirC + 0.393 * e + 3.94;
}

/** The cells that take part: 1 valid, 0 nodata; undefined when every cell is valid. */
export function validCells(
  inputs: Pick<HeatInputs, 'kc' | 'albedo' | 'shade' | 'et0' | 'valid'> & {
    green?: HeatInputs['green'];
  },
): Uint8Array | undefined {
  const { kc, albedo, shade, et0, valid, green } = inputs;
  const n = kc.length;
  let mask: Uint8Array | undefined;
  for (let i = 0; i < n; i++) {
    const ok =
      (valid === undefined || valid[i] !== 0) &&
      Number.isFinite(kc[i]) &&
      Number.isFinite(albedo[i]) &&
      Number.isFinite(shade[i]) &&
      (typeof et0 === 'number' ? Number.isFinite(et0) : Number.isFinite(et0[i])) &&
      (green === undefined || Number.isFinite(green[i]));
    if (!ok) {
      if (!mask) mask = new Uint8Array(n).fill(1);
      mask[i] = 0;
    }
  }
  return mask;
}

/**
 * The cooling capacity per cell (MODELS.md 2a, InVEST `calc_cc_op_factors`):
 * `ETI = Kc * ET0 / max(ET0)` (max over valid cells; ETI = 0 when that max is not > 0) and
 * `CC = (w0 * shade + w1 * albedo + w2 * ETI) / (w0 + w1 + w2)`. NaN on nodata cells (see
 * {@link validCells}). Writes into `out` when it has the right length.
 */
export function coolingCapacity(
  inputs: Pick<HeatInputs, 'kc' | 'albedo' | 'shade' | 'et0' | 'valid'>,
  weights: readonly [number, number, number] = DEFAULT_HEAT_WEIGHTS,
  mask: Uint8Array | undefined = validCells(inputs),
  out?: Float32Array,
): Float32Array {
  const { kc, albedo, shade, et0 } = inputs;
  const n = kc.length;
  checkGridLength('coolingCapacity: albedo', albedo, n);
  checkGridLength('coolingCapacity: shade', shade, n);
  if (typeof et0 !== 'number') checkGridLength('coolingCapacity: et0', et0, n);
  const [ws, wa, we] = checkWeights(weights);
  let et0Max = -Infinity;
  if (typeof et0 === 'number') et0Max = et0;
  else {
    for (let i = 0; i < n; i++) {
      if (!mask || mask[i] === 1) et0Max = Math.max(et0Max, et0[i] as number);
    }
  }
  const etiScale = et0Max > 0 ? 1 / et0Max : 0;
  const cc = out?.length === n ? out : new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (mask && mask[i] === 0) {
      cc[i] = NaN;
      continue;
    }
    const e = typeof et0 === 'number' ? et0 : (et0[i] as number);
    const eti = (kc[i] as number) * e * etiScale;
    cc[i] = ws * (shade[i] as number) + wa * (albedo[i] as number) + we * eti;
  }
  return cc;
}

function checkWeights(weights: readonly [number, number, number]): [number, number, number] {
  const [s, a, e] = weights;
  const sum = s + a + e;
  if (!(weights.every((w) => Number.isFinite(w) && w >= 0) && sum > 0)) {
    throw new RangeError(`urban cooling: weights must be >= 0 with a positive sum, got ${weights}`);
  }
  return [s / sum, a / sum, e / sum];
}

function checkParams(params: HeatParams): void {
  for (const key of ['tRef', 'uhiMax'] as const) {
    if (!Number.isFinite(params[key])) {
      throw new RangeError(`urban cooling: ${key} must be a finite number, got ${params[key]}`);
    }
  }
  for (const key of ['coolDistanceM', 'mixDistanceM'] as const) {
    if (!(Number.isFinite(params[key]) && params[key] >= 0)) {
      throw new RangeError(`urban cooling: ${key} must be a number >= 0, got ${params[key]}`);
    }
  }
  const h = params.humidity;
  if (h !== undefined && !(Number.isFinite(h) && h >= 0 && h <= 100)) {
    throw new RangeError(`urban cooling: humidity must be 0..100 %, got ${h}`);
  }
  const t = params.greenAreaThresholdM2;
  if (t !== undefined && !(Number.isFinite(t) && t >= 0)) {
    throw new RangeError(`urban cooling: greenAreaThresholdM2 must be >= 0, got ${t}`);
  }
}

/**
 * Runs the Urban Cooling model on one grid (see the module comment for the equations). Three
 * convolutions with big kernels (park cooling, green area, air mixing) run as FFTs unless the
 * grid and kernels are small; `conv(valid, k)` is shared per kernel and, without nodata, comes
 * from the kernel's prefix sums instead of an FFT. Yields to the event loop between chunks and
 * reports progress; rejects with an `AbortError` when `options.signal` aborts.
 * @throws RangeError on grids of the wrong length or parameters out of range.
 */
export async function runUrbanCooling(
  inputs: HeatInputs,
  params: HeatParams,
  options: HeatRunOptions = {},
): Promise<HeatResult> {
  const { width, height, cellSizeM, kc, albedo, shade, green, et0 } = inputs;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new RangeError(`urban cooling: bad grid size ${width} x ${height}`);
  }
  if (!(Number.isFinite(cellSizeM) && cellSizeM > 0)) {
    throw new RangeError(`urban cooling: cellSizeM must be > 0, got ${cellSizeM}`);
  }
  const n = width * height;
  checkGridLength('urban cooling: kc', kc, n);
  checkGridLength('urban cooling: albedo', albedo, n);
  checkGridLength('urban cooling: shade', shade, n);
  checkGridLength('urban cooling: green', green, n);
  if (typeof et0 !== 'number') checkGridLength('urban cooling: et0', et0, n);
  if (inputs.valid) checkGridLength('urban cooling: valid', inputs.valid, n);
  checkParams(params);
  const weights = params.weights ?? DEFAULT_HEAT_WEIGHTS;
  checkWeights(weights);
  options.signal?.throwIfAborted();
  options.onProgress?.(0);

  const mask = validCells(inputs);
  const cc = coolingCapacity(inputs, weights, mask, options.out?.cc);
  const dCool = cellsOf(params.coolDistanceM, cellSizeM);
  const dMix = cellsOf(params.mixDistanceM, cellSizeM);
  const method = options.method ?? 'auto';
  const park = new NormalizedConvolver(width, height, exponentialKernelSpec(dCool), mask, method);
  const area = new NormalizedConvolver(width, height, diskKernelSpec(dCool), mask, method);
  const mix = new NormalizedConvolver(width, height, exponentialKernelSpec(dMix), mask, method);
  // The per-cell passes count as a few units each.
  const cellUnits = (n / 4096) * 0.05;
  const meter = new WorkMeter(
    options,
    park.units(1) + area.units(1) + mix.units(1) + 3 * cellUnits,
  );
  const buffers = options.buffers ?? new ConvolutionBuffers({ cacheKernels: false });
  // The outputs double as scratch before they get their values: each signal is convolved in
  // place, and the denominators live in outputs that are written later (hm, then wbgt).
  const reuse = options.out ?? {};
  const grid = (array: Float32Array | undefined) =>
    array?.length === n ? array : new Float32Array(n);
  const ccPark = grid(reuse.ccPark);
  const greenArea = grid(reuse.greenArea);
  const hm = grid(reuse.hm);
  const tAirNoMix = grid(reuse.tAirNoMix);
  const tAir = grid(reuse.tAir);
  const wbgtOut = grid(reuse.wbgt);

  // The signals: CC on green cells (0 on the other valid cells) for park cooling, and the green
  // cells themselves for the green area.
  let integerGreen = true;
  for (let i = 0; i < n; i++) {
    const g = mask && mask[i] === 0 ? 0 : (green[i] as number);
    ccPark[i] = g !== 0 ? (cc[i] as number) : 0;
    greenArea[i] = g;
    if (g !== Math.round(g)) integerGreen = false;
  }
  await park.prepare(buffers, hm, meter);
  await park.apply(ccPark, ccPark, hm, buffers, meter);

  // Green area within d_cool: a count of cells times the cell area.
  const cellArea = cellSizeM * cellSizeM;
  await area.prepare(buffers, hm, meter);
  // Green cells counted exactly (when green is 0/1): the 2 ha test below is then exact.
  await area.apply(greenArea, greenArea, hm, buffers, meter, cellArea, integerGreen);
  let p = meter.advance(cellUnits);
  if (p) await p;

  // Heat mitigation and air temperature before mixing (InVEST hm_op, calc_t_air_nomix_op).
  const threshold = params.greenAreaThresholdM2 ?? GREEN_AREA_THRESHOLD_M2;
  const { tRef, uhiMax } = params;
  for (let i = 0; i < n; i++) {
    if (mask && mask[i] === 0) {
      hm[i] = NaN;
      tAirNoMix[i] = NaN;
      tAir[i] = 0;
      continue;
    }
    const c = cc[i] as number;
    const cp = ccPark[i] as number;
    const h = c >= cp || (greenArea[i] as number) < threshold ? c : cp;
    hm[i] = h;
    const t = tRef + (1 - h) * uhiMax;
    tAirNoMix[i] = t;
    tAir[i] = t;
  }
  p = meter.advance(cellUnits);
  if (p) await p;

  // Air mixing: T_air_nomix convolved in place in tAir.
  await mix.prepare(buffers, wbgtOut, meter);
  await mix.apply(tAir, tAir, wbgtOut, buffers, meter);
  p = meter.advance(cellUnits);
  if (p) await p;

  const rh = params.humidity;
  if (rh === undefined) wbgtOut.fill(NaN);
  else for (let i = 0; i < n; i++) wbgtOut[i] = wbgt(tAir[i] as number, rh);
  options.signal?.throwIfAborted();
  options.onProgress?.(1);
  const methods = [...new Set([park.method, area.method, mix.method])].sort();
  return {
    cc,
    ccPark,
    greenArea,
    hm,
    tAirNoMix,
    tAir,
    wbgt: wbgtOut,
    method: methods.join('+'),
  };
}
