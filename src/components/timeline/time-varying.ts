/**
 * The contract between `<dt-timeline>` and anything whose result changes over time (a flood
 * scenario, a heat run, a comparison): a list of times and a settable current time. Any element or
 * object that is an `EventTarget` can implement it; no base class is needed.
 *
 * @example
 * ```ts
 * class MyRun extends HTMLElement implements TimeVarying {
 *   times: readonly number[] = [];
 *   time = 0;
 *   finished(times: number[]) {
 *     this.times = times;
 *     this.dispatchEvent(new CustomEvent('dt-times-change', { detail: { times }, bubbles: true, composed: true }));
 *   }
 * }
 * ```
 */
export interface TimeVarying {
  /** The times that have a result, in seconds from the start, strictly increasing. Empty: no results yet. */
  readonly times: readonly number[];
  /** The time shown now, in seconds; setting it shows the result at that time (one of `times`). */
  time: number;
}

/** A {@link TimeVarying} that can be listened to for `dt-times-change`. */
export type TimeVaryingTarget = TimeVarying & EventTarget;

/** Detail of `dt-times-change`, fired by a {@link TimeVarying} target when its `times` changed. */
export interface DtTimesChangeDetail {
  /** The new times, in seconds. */
  times: readonly number[];
}

/** Detail of `dt-time-change`, fired by `<dt-timeline>` when it moved its target to another time. */
export interface DtTimeChangeDetail {
  /** The time now shown, in seconds (one of the target's `times`). */
  time: number;
  /** Index of `time` in the target's `times`. */
  index: number;
}

/** The index of the time in `times` (increasing) nearest to `time`; -1 when `times` is empty. */
export function nearestIndex(times: readonly number[], time: number): number {
  if (times.length === 0) return -1;
  let low = 0;
  let high = times.length - 1;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if ((times[middle] ?? 0) <= time) low = middle;
    else high = middle;
  }
  const below = times[low] ?? 0;
  const above = times[high] ?? 0;
  return Math.abs(time - below) <= Math.abs(above - time) ? low : high;
}

declare module '../base/events.js' {
  interface DtEventDetails {
    /** `<dt-timeline>` moved its target to another time (by keyboard, slider or playback). */
    'dt-time-change': DtTimeChangeDetail;
    /** A time-varying result has new times (fired by the result, e.g. a scenario that finished a run). */
    'dt-times-change': DtTimesChangeDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dt-time-change': CustomEvent<DtTimeChangeDetail>;
    'dt-times-change': CustomEvent<DtTimesChangeDetail>;
  }
}
