/**
 * Time series given as `[[t_s, value], ...]` (hydrographs, water levels, hyetographs): validation and
 * evaluation. They are plain arrays so that they cross to a worker by structured clone, where the
 * kernels need them as functions of time.
 */

/** Points `[t in seconds, value]` with strictly increasing times. */
export type TimeSeries = [number, number][];

/**
 * Checks a series: an array of at least one `[t, value]` pair of finite numbers, times strictly
 * increasing and not negative.
 * @param name - Names the parameter in the error.
 * @throws RangeError naming `name` and what was wrong.
 */
export function checkTimeSeries(series: unknown, name: string): TimeSeries {
  if (!Array.isArray(series) || series.length === 0)
    throw new RangeError(`${name}: expected a JSON array of [t_s, value] pairs`);
  let previous = -Infinity;
  for (const [k, point] of series.entries()) {
    if (
      !Array.isArray(point) ||
      point.length !== 2 ||
      !point.every((v) => typeof v === 'number' && Number.isFinite(v))
    )
      throw new RangeError(`${name}: point ${k} is not a [t_s, value] pair of numbers`);
    const t = point[0] as number;
    if (t < 0) throw new RangeError(`${name}: time ${t} s at point ${k} is negative`);
    if (t <= previous)
      throw new RangeError(`${name}: times must increase, but point ${k} (${t} s) does not`);
    previous = t;
  }
  return series as TimeSeries;
}

/** Linear interpolation in a series; the first and last values hold before and after it. */
export function linearAt(series: TimeSeries, t: number): number {
  const first = series[0] as [number, number];
  if (t <= first[0]) return first[1];
  for (let k = 1; k < series.length; k++) {
    const [t1, v1] = series[k] as [number, number];
    if (t <= t1) {
      const [t0, v0] = series[k - 1] as [number, number];
      return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
    }
  }
  return (series[series.length - 1] as [number, number])[1];
}

/** Step function of a series (each value holds until the next time); 0 after the last point. */
export function stepAt(series: TimeSeries, t: number, endS: number): number {
  if (t >= endS) return 0;
  let value = 0;
  for (const [ti, vi] of series) {
    if (ti > t) break;
    value = vi;
  }
  return value;
}
