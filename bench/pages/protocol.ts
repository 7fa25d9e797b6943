/**
 * What a bench page reports on `window.__bench` for bench/run.mjs to read. Times are
 * `performance.now()` milliseconds (from the page's time origin, i.e. navigation start).
 */
export interface BenchReport {
  done: boolean;
  error?: string;
  /** performance.now() just before the twin is connected / the map is created. */
  t0: number;
  /** performance.now() at the first complete frame. */
  tReady?: number;
  /** Named moments, ms after t0. */
  marks: Record<string, number>;
  /** Number of map `idle` events seen before ready. */
  idles: number;
  /** Number of map `render` events seen before ready. */
  renders: number;
  /** Size of the map's canvas in CSS pixels. */
  canvas?: { width: number; height: number };
}

declare global {
  interface Window {
    __bench: BenchReport;
  }
}

export function startReport(): BenchReport {
  const report: BenchReport = {
    done: false,
    t0: performance.now(),
    marks: {},
    idles: 0,
    renders: 0,
  };
  window.__bench = report;
  window.addEventListener('error', (e) => fail(report, e.message));
  window.addEventListener('unhandledrejection', (e) => fail(report, String(e.reason)));
  return report;
}

export function mark(report: BenchReport, name: string): void {
  if (!(name in report.marks)) report.marks[name] = performance.now() - report.t0;
}

export function finish(report: BenchReport, canvas: HTMLCanvasElement): void {
  report.tReady = performance.now();
  report.marks.ready = report.tReady - report.t0;
  report.canvas = { width: canvas.clientWidth, height: canvas.clientHeight };
  report.done = true;
}

export function fail(report: BenchReport, message: string): void {
  report.error ??= message;
}
