/**
 * Water that enters or leaves the local-inertial model other than across faces: inflow hydrographs,
 * fixed-level boundary cells and rain (less SCS curve-number losses). Each function puts the water on
 * the state's depth and returns the volumes it moved, so that the run's budget accounts for every
 * litre. See docs/models/flood-inertial.md and docs/models/rain.md.
 */
import { scsRetentionMm, scsRunoffFromRetentionMm } from './curve-number.js';
import { markAllWet, markWet, useThetaOneAround, type InertialState } from './inertial-step.js';
import type { InertialGrid, InertialParams } from './inertial-types.js';

type Series = [number, number][];

/** Value of a series at `t`: linear between points, the first and last values held outside. */
export function seriesValueAt(series: Series, t: number): number {
  const last = series.length - 1;
  const [t0, v0] = series[0] as [number, number];
  if (t <= t0) return v0;
  const [tn, vn] = series[last] as [number, number];
  if (t >= tn) return vn;
  let k = segmentAt(series, t);
  if (k >= last) k = last - 1;
  const [ta, va] = series[k] as [number, number];
  const [tb, vb] = series[k + 1] as [number, number];
  return va + ((vb - va) * (t - ta)) / (tb - ta);
}

/** Index of the last point with time <= t (0 when t is before the first point). */
function segmentAt(series: Series, t: number): number {
  let lo = 0;
  let hi = series.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((series[mid] as [number, number])[0] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Exact integral of {@link seriesValueAt} over [a, b] (for a hydrograph: m3). */
export function seriesIntegral(series: Series, a: number, b: number): number {
  if (b <= a) return 0;
  // Breakpoints inside (a, b) split the interval into pieces on which the series is linear.
  let total = 0;
  let from = a;
  let valueFrom = seriesValueAt(series, a);
  for (let k = segmentAt(series, a); k < series.length && from < b; k++) {
    const tk = (series[k] as [number, number])[0];
    if (tk <= from) continue;
    const to = tk < b ? tk : b;
    const valueTo = seriesValueAt(series, to);
    total += 0.5 * (valueFrom + valueTo) * (to - from);
    from = to;
    valueFrom = valueTo;
  }
  if (from < b) total += valueFrom * (b - from); // held after the last point (or a flat piece)
  return total;
}

/** First breakpoint of a series after `t` (Infinity when none). */
export function nextBreakpoint(series: Series, t: number): number {
  for (let k = segmentAt(series, t); k < series.length; k++) {
    const tk = (series[k] as [number, number])[0];
    if (tk > t) return tk;
  }
  return Infinity;
}

/** The sources of one run, prepared once. */
export interface InertialSources {
  /** Inflow hydrographs. */
  readonly inflows: readonly { cells: number[]; hydrograph: Series }[];
  /** Fixed-level cells. */
  readonly fixedLevels: readonly { cells: number[]; level: (tS: number) => number }[];
  /** Rain intensity (mm/h), or null. */
  readonly rainIntensity: ((tS: number) => number) | null;
  /** Times where the rain intensity changes, ascending. */
  readonly rainBreakpointsS: readonly number[];
  /** Per-cell SCS retention S (mm), or null without infiltration. */
  readonly retentionMm: Float64Array | null;
  /** Per-cell green-roof storage (mm), or null. */
  readonly storageMm: Float32Array | null;
  /** Per-cell cumulative runoff (mm) so far, or null without infiltration. */
  readonly runoffMm: Float64Array | null;
  /** Cumulative rain (mm) so far. */
  precipMm: number;
}

/** Prepares the sources and marks their cells as possibly wet. */
export function createSources(
  state: InertialState,
  grid: InertialGrid,
  params: InertialParams,
): InertialSources {
  const inflows = (params.inflows ?? []).map((f) => ({ cells: f.cells, hydrograph: f.hydrograph }));
  const fixedLevels = params.fixedLevels ?? [];
  for (const source of [...inflows, ...fixedLevels])
    for (const c of source.cells) markWet(state, c);
  useThetaOneAround(
    state,
    fixedLevels.flatMap((fixed) => fixed.cells),
  );
  const rainIntensity = params.rain?.intensity ?? null;
  if (rainIntensity) markAllWet(state);
  let retentionMm: Float64Array | null = null;
  const infiltration = params.infiltration;
  if (infiltration) {
    retentionMm = new Float64Array(grid.width * grid.height);
    const { curveNumber } = infiltration;
    for (let c = 0; c < retentionMm.length; c++)
      if (state.open[c])
        retentionMm[c] = scsRetentionMm(
          typeof curveNumber === 'number' ? curveNumber : (curveNumber[c] as number),
        );
  }
  return {
    inflows,
    fixedLevels,
    rainIntensity,
    rainBreakpointsS: [...(params.rain?.breakpointsS ?? [])].sort((a, b) => a - b),
    retentionMm,
    storageMm: infiltration?.greenRoofStorageMm ?? null,
    runoffMm: retentionMm ? new Float64Array(retentionMm.length) : null,
    precipMm: 0,
  };
}

/** Deepest water (m) the fixed-level cells would hold at `tS` (changes nothing). */
export function deepestFixedLevel(
  state: InertialState,
  sources: InertialSources,
  tS: number,
): number {
  let deepest = 0;
  sources.fixedLevels.forEach((fixed, i) => {
    const level = levelAt(fixed, i, tS);
    for (const c of fixed.cells) deepest = Math.max(deepest, level - (state.bed[c] as number));
  });
  return deepest;
}

/** A fixed level's value at `tS`, checked. */
function levelAt(fixed: InertialSources['fixedLevels'][number], i: number, tS: number): number {
  const level = fixed.level(tS);
  if (!(level < Infinity))
    throw new RangeError(`runInertial: fixedLevels[${i}].level(${tS}) returned ${level}`);
  return level;
}

/**
 * Sets fixed-level cells to `max(level(t) - z, 0)`.
 * @returns the water added and removed (m3).
 * @throws RangeError when a level function returns NaN or +Infinity.
 */
export function applyFixedLevels(
  state: InertialState,
  sources: InertialSources,
  tS: number,
): { addedM3: number; removedM3: number } {
  const area = state.cellSize * state.cellSize;
  let added = 0;
  let removed = 0;
  sources.fixedLevels.forEach((fixed, i) => {
    const level = levelAt(fixed, i, tS);
    for (const c of fixed.cells) {
      const target = Math.max(level - (state.bed[c] as number), 0);
      const change = target - (state.depth[c] as number);
      if (change > 0) added += change;
      else removed -= change;
      state.depth[c] = target;
    }
  });
  return { addedM3: added * area, removedM3: removed * area };
}

/** Sum over inflows of the largest discharge per cell (m/s of depth) over [t, t + dtS]. */
export function inflowDepthRate(
  state: InertialState,
  sources: InertialSources,
  tS: number,
  dtS: number,
): number {
  let rate = 0;
  for (const { cells, hydrograph } of sources.inflows) {
    const q = Math.max(seriesValueAt(hydrograph, tS), seriesValueAt(hydrograph, tS + dtS));
    rate += q / (cells.length * state.cellSize * state.cellSize);
  }
  return rate;
}

/** Earliest inflow or rain breakpoint after `tS` (Infinity when none). */
export function nextSourceBreakpoint(sources: InertialSources, tS: number): number {
  let next = Infinity;
  for (const { hydrograph } of sources.inflows)
    next = Math.min(next, nextBreakpoint(hydrograph, tS));
  for (const t of sources.rainBreakpointsS)
    if (t > tS) {
      next = Math.min(next, t);
      break;
    }
  return next;
}

/** Puts the inflow volumes of [t, t + dtS] on their cells. @returns the volume (m3). */
export function applyInflows(
  state: InertialState,
  sources: InertialSources,
  tS: number,
  dtS: number,
): number {
  const area = state.cellSize * state.cellSize;
  let total = 0;
  for (const { cells, hydrograph } of sources.inflows) {
    const volume = seriesIntegral(hydrograph, tS, tS + dtS);
    if (volume <= 0) continue;
    const depth = volume / (cells.length * area);
    for (const c of cells) state.depth[c] = (state.depth[c] as number) + depth;
    total += volume;
  }
  return total;
}

/** Rain intensity (mm/h) at `tS`, checked. */
export function rainIntensityAt(sources: InertialSources, tS: number): number {
  if (!sources.rainIntensity) return 0;
  const mmPerH = sources.rainIntensity(tS);
  if (!(mmPerH >= 0 && mmPerH < Infinity))
    throw new RangeError(
      `runInertial: rain.intensity(${tS}) returned ${mmPerH} (mm/h >= 0 expected)`,
    );
  return mmPerH;
}

/**
 * Rain of [t, t + dtS] (intensity at the midpoint) on every open cell, less the incremental SCS
 * losses `P - (Q(P_cum + dP) - Q(P_cum))` per cell.
 * @returns the rain and the retained volume (m3).
 */
export function applyRain(
  state: InertialState,
  sources: InertialSources,
  tS: number,
  dtS: number,
): { rainM3: number; retainedM3: number } {
  const rainMm = (rainIntensityAt(sources, tS + 0.5 * dtS) * dtS) / 3600;
  if (rainMm === 0) return { rainM3: 0, retainedM3: 0 };
  const { open, depth } = state;
  const area = state.cellSize * state.cellSize;
  const precipMm = sources.precipMm + rainMm;
  sources.precipMm = precipMm;
  const { retentionMm, storageMm, runoffMm } = sources;
  let runoffSumMm = 0;
  for (let c = 0; c < open.length; c++) {
    if (!open[c]) continue;
    let addMm = rainMm;
    if (retentionMm && runoffMm) {
      const held = storageMm ? (storageMm[c] as number) : 0;
      const effective = precipMm > held ? precipMm - held : 0;
      const cumulative = scsRunoffFromRetentionMm(effective, retentionMm[c] as number);
      addMm = cumulative - (runoffMm[c] as number);
      runoffMm[c] = cumulative;
    }
    runoffSumMm += addMm;
    depth[c] = (depth[c] as number) + addMm / 1000;
  }
  const rainM3 = (rainMm / 1000) * area * state.openCells;
  return { rainM3, retainedM3: rainM3 - (runoffSumMm / 1000) * area };
}
