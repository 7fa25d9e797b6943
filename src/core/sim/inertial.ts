/**
 * Time-stepping local-inertial flood model: the LISFLOOD-FP "acceleration" formulation (Bates, Horritt
 * and Fewtrell 2010) with de Almeida et al. (2012) theta weighting, on a regular grid, with inflow
 * hydrographs, fixed-level boundaries, rain and SCS curve-number losses. A pure async function over
 * typed arrays: no DOM, runs in a Web Worker. Model card: docs/models/flood-inertial.md.
 */
import { checkpointer, type RunOptions } from './run-options.js';
import {
  applyFixedLevels,
  applyInflows,
  applyRain,
  createSources,
  deepestFixedLevel,
  inflowDepthRate,
  nextSourceBreakpoint,
  rainIntensityAt,
} from './inertial-sources.js';
import { GRAVITY } from './inertial-kernel.js';
import { createInertialState, durationAboveNow, stepInertial } from './inertial-step.js';
import type { InertialGrid, InertialParams, InertialResult } from './inertial-types.js';
import { checkInertialInputs } from './inertial-validate.js';

export type {
  InertialFixedLevel,
  InertialGrid,
  InertialInflow,
  InertialParams,
  InertialResult,
  InertialVolumes,
} from './inertial-types.js';
export {
  createInertialState,
  durationAboveNow,
  markWet,
  stepInertial,
  type InertialState,
  type InertialStateOptions,
} from './inertial-step.js';
export { scsRetentionMm, scsRunoffMm } from './curve-number.js';

/** Denominator floor of the relative mass-balance error (m3). */
const TINY_VOLUME_M3 = 1e-12;

/** Sum of the depths (m) in Float64. */
function sumDepth(depth: Float64Array): number {
  let sum = 0;
  for (let c = 0; c < depth.length; c++) sum += depth[c] as number;
  return sum;
}

/**
 * Runs the local-inertial model for `params.durationS` seconds.
 *
 * Each step: fixed levels are set for time t; the step is `cfl * dx / sqrt(g * h_max)` (h_max
 * including the water the sources will add), capped by `maxDtS` and by the next output time, inflow
 * or rain breakpoint and the end; inflow and rain water of the step are put on their cells; then faces,
 * outflow limiter and continuity are updated ({@link stepInertial}).
 *
 * @param grid - Bed elevation; NaN cells are walls.
 * @param params - Friction, duration, boundaries and sources; see {@link InertialParams}.
 * @param options - Abort signal and progress callback.
 * @returns Maximum and final depth, arrival time, duration above a threshold, snapshots, volumes.
 * @throws RangeError (rejects) naming the parameter when an input is invalid.
 * @throws the signal's reason, an `AbortError` (rejects) when aborted.
 */
export async function runInertial(
  grid: InertialGrid,
  params: InertialParams,
  options: RunOptions = {},
): Promise<InertialResult> {
  options.signal?.throwIfAborted();
  checkInertialInputs(grid, params);
  const state = createInertialState(grid, params);
  const sources = createSources(state, grid, params);
  const dx = grid.cellSize;
  const area = dx * dx;
  const { durationS } = params;
  const cfl = params.cfl ?? 0.7;
  const maxDtS = params.maxDtS ?? 10;
  const interval = params.outputIntervalS ?? Infinity;
  const volumes = { inflowM3: 0, rainM3: 0, infiltrationM3: 0, outflowM3: 0 };
  const initialM3 = sumDepth(state.depth) * area;
  const snapshots: InertialResult['snapshots'] = [];
  let outputsDone = 0;
  let nextOutputS = interval;
  const check = checkpointer(options);
  const stableStep = (depthM: number) => (cfl * dx) / Math.sqrt(GRAVITY * depthM);

  while (state.timeS < durationS) {
    const t = state.timeS;
    const eventS = Math.min(durationS, nextOutputS, nextSourceBreakpoint(sources, t));
    let dt = Math.min(maxDtS, eventS - t);
    // The water that the sources will add in this step must not break the Courant limit either.
    const sourceRate = inflowDepthRate(state, sources, t, dt) + rainIntensityAt(sources, t) / 3.6e6;
    const deepest = Math.max(state.deepestM, deepestFixedLevel(state, sources, t + 0.5 * dt));
    for (let k = 0; k < 3; k++) {
      const h = deepest + sourceRate * dt;
      if (h > 0) dt = Math.min(dt, stableStep(h));
    }
    // Held at the level of the step's midpoint: the discharge they drive is centred in time.
    const fixed = applyFixedLevels(state, sources, t + 0.5 * dt);
    volumes.inflowM3 += fixed.addedM3 + applyInflows(state, sources, t, dt);
    volumes.outflowM3 += fixed.removedM3;
    const rain = applyRain(state, sources, t, dt);
    volumes.rainM3 += rain.rainM3;
    volumes.infiltrationM3 += rain.retainedM3;
    stepInertial(state, dt);
    if (dt === eventS - t) state.timeS = eventS; // land exactly on the event time
    if (state.timeS >= nextOutputS) {
      snapshots.push({ timeS: nextOutputS, depth: new Float32Array(state.depth) });
      outputsDone++;
      nextOutputS = (outputsDone + 1) * interval;
    }
    const pause = check(state.timeS / durationS);
    if (pause) await pause;
  }
  options.onProgress?.(1);

  const storedM3 = sumDepth(state.depth) * area;
  const accounted = volumes.inflowM3 + volumes.rainM3 - volumes.infiltrationM3 - volumes.outflowM3;
  const entered = Math.max(volumes.inflowM3 + volumes.rainM3 + initialM3, TINY_VOLUME_M3);
  return {
    maxDepth: state.maxDepth,
    depth: new Float32Array(state.depth),
    arrivalTimeS: state.arrivalTimeS,
    durationAboveS: durationAboveNow(state),
    snapshots,
    volumes: {
      ...volumes,
      storedM3,
      initialM3,
      massBalanceError: (accounted - (storedM3 - initialM3)) / entered,
    },
    steps: state.steps,
    cellUpdates: state.cellUpdates,
  };
}
