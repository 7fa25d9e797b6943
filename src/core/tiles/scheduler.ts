/** Loads the resource behind `url`; must reject (with `signal.reason`) when `signal` aborts. */
export type Loader<T> = (url: string, signal: AbortSignal) => Promise<T>;

/** Options of a {@link RequestScheduler}. */
export interface SchedulerOptions<T> {
  /** Does the work of one request (for example `fetchBytes` from `./retry.js`). */
  load: Loader<T>;
  /** Requests running at once per origin (default 6, the browser's HTTP/1.1 limit). */
  maxPerOrigin?: number;
  /**
   * A request starts only after it has been wanted this long, in milliseconds (default 0). During a
   * fast pan, tiles that leave the view within that time never reach the server: bench/tiles.mjs
   * measures the bytes this saves (a map passes about 50).
   */
  startDelayMs?: number;
}

/** Options of one {@link RequestScheduler.request} call. */
export interface RequestOptions {
  /** Lower starts sooner (callers pass the distance to the view centre). Default 0. */
  priority?: number;
  /** Aborts this caller's interest only; the load stops when every caller has aborted. */
  signal?: AbortSignal;
}

/** Counters of a {@link RequestScheduler}, for tests and diagnostics. */
export interface SchedulerCounters {
  /** Loads started. */
  started: number;
  /** Loads that resolved. */
  completed: number;
  /** Loads that failed (not by abort). */
  failed: number;
  /** Requests dropped by abort or `retain`, queued or running. */
  aborted: number;
  /** Calls that joined a request already queued or running for the same key. */
  shared: number;
}

type Caller<T> = { resolve: (value: T) => void; reject: (e: unknown) => void; detach: () => void };

/** One load: queued (`running` false) or running, with the callers waiting for it. */
interface Entry<T> {
  key: string;
  priority: number;
  url: string;
  origin: string;
  order: number;
  /** `performance.now()` from which the request may start (see `startDelayMs`). */
  readyAt: number;
  running: boolean;
  controller: AbortController;
  callers: Set<Caller<T>>;
}

const abortError = (message: string): DOMException => new DOMException(message, 'AbortError');

function settleCallers<T>(entry: Entry<T>, outcome: (caller: Caller<T>) => void): void {
  for (const caller of entry.callers) {
    caller.detach();
    outcome(caller);
  }
  entry.callers.clear();
}

/**
 * Schedules keyed requests (tiles): at most `maxPerOrigin` run per origin, queued ones start by
 * priority (lower first, updatable), and callers of the same key share one load. Each caller has its
 * own AbortSignal; the load is aborted only when all its callers have aborted. {@link retain} drops
 * everything not in a set of keys. Every returned promise settles: an aborted caller rejects at once
 * with an AbortError.
 */
export class RequestScheduler<T> {
  /** Counters since construction. */
  readonly counters: SchedulerCounters = {
    started: 0,
    completed: 0,
    failed: 0,
    aborted: 0,
    shared: 0,
  };
  private readonly load: Loader<T>;
  private readonly maxPerOrigin: number;
  private readonly entries = new Map<string, Entry<T>>();
  private readonly runningPerOrigin = new Map<string, number>();
  private readonly startDelayMs: number;
  private order = 0;
  private pumpPending = false;
  private wakeTimer: ReturnType<typeof setTimeout> | undefined;

  /** A scheduler that loads with `options.load`. */
  constructor(options: SchedulerOptions<T>) {
    this.load = options.load;
    this.maxPerOrigin = Math.max(1, options.maxPerOrigin ?? 6);
    this.startDelayMs = Math.max(0, options.startDelayMs ?? 0);
  }

  /** Requests queued, not yet started. */
  get queued(): number {
    return [...this.entries.values()].filter((entry) => !entry.running).length;
  }

  /** Requests running now for `origin` (as `new URL(url).origin`). */
  running(origin: string): number {
    return this.runningPerOrigin.get(origin) ?? 0;
  }

  /**
   * Requests `url` under `key` (one load per key while queued or running; a second call keeps the
   * lower priority). Starts wait a microtask, so the requests of one view start in priority order.
   */
  request(key: string, url: string, options: RequestOptions = {}): Promise<T> {
    const { signal, priority = 0 } = options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    let entry = this.entries.get(key);
    if (entry) {
      this.counters.shared++;
      entry.priority = Math.min(entry.priority, priority);
    } else {
      const origin = new URL(url, globalThis.location?.href).origin;
      const [order, controller] = [this.order++, new AbortController()];
      const readyAt = performance.now() + this.startDelayMs;
      entry = {
        key,
        url,
        origin,
        priority,
        order,
        readyAt,
        running: false,
        controller,
        callers: new Set(),
      };
      this.entries.set(key, entry);
      this.schedulePump();
    }
    const target = entry;
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        target.callers.delete(caller);
        reject(signal?.reason ?? abortError('request aborted'));
        if (target.callers.size === 0) this.drop(target, signal?.reason);
      };
      const detach = (): void => signal?.removeEventListener('abort', onAbort);
      const caller: Caller<T> = { resolve, reject, detach };
      target.callers.add(caller);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Sets the priority of the queued or running request `key`; returns whether there is one. */
  setPriority(key: string, priority: number): boolean {
    const entry = this.entries.get(key);
    if (entry) entry.priority = priority;
    return entry !== undefined;
  }

  /**
   * Aborts every queued or running request whose key is not in `wanted` (tiles that left the view):
   * their callers reject with an AbortError and running loads are aborted.
   */
  retain(wanted: Iterable<string>): void {
    const keep = new Set(wanted);
    for (const entry of [...this.entries.values()]) {
      if (keep.has(entry.key)) continue;
      const reason = abortError(`${entry.key} is no longer wanted`);
      settleCallers(entry, (caller) => caller.reject(reason));
      this.drop(entry, reason);
    }
  }

  private drop(entry: Entry<T>, reason: unknown): void {
    if (this.entries.get(entry.key) !== entry) return;
    this.entries.delete(entry.key);
    this.counters.aborted++;
    if (entry.running) {
      entry.controller.abort(reason ?? abortError('request aborted'));
      this.finish(entry);
    }
  }

  private finish(entry: Entry<T>): void {
    this.runningPerOrigin.set(entry.origin, this.running(entry.origin) - 1);
    entry.running = false;
    this.schedulePump();
  }

  private schedulePump(): void {
    if (this.pumpPending) return;
    this.pumpPending = true;
    queueMicrotask(() => this.pump());
  }

  /** Starts queued requests, best priority first, while their origins have room. */
  private pump(): void {
    this.pumpPending = false;
    const waiting = [...this.entries.values()]
      .filter((entry) => !entry.running)
      .sort((a, b) => a.priority - b.priority || a.order - b.order);
    const now = performance.now();
    let nextReadyAt = Infinity;
    for (const entry of waiting) {
      if (entry.readyAt > now) nextReadyAt = Math.min(nextReadyAt, entry.readyAt);
      else if (this.running(entry.origin) < this.maxPerOrigin) this.start(entry);
    }
    if (nextReadyAt < Infinity && this.wakeTimer === undefined) {
      this.wakeTimer = setTimeout(() => {
        this.wakeTimer = undefined;
        this.pump();
      }, nextReadyAt - now);
    }
  }

  private start(entry: Entry<T>): void {
    entry.running = true;
    this.runningPerOrigin.set(entry.origin, this.running(entry.origin) + 1);
    this.counters.started++;
    const settle = (counter: 'completed' | 'failed', outcome: (c: Caller<T>) => void): void => {
      if (this.entries.get(entry.key) !== entry) return; // dropped: its callers have settled
      this.counters[counter]++;
      this.entries.delete(entry.key);
      this.finish(entry);
      settleCallers(entry, outcome);
    };
    this.load(entry.url, entry.controller.signal).then(
      (value) => settle('completed', (caller) => caller.resolve(value)),
      (error: unknown) => settle('failed', (caller) => caller.reject(error)),
    );
  }
}
