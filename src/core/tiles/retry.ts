import { DtSourceError } from '../errors.js';

/** Options of {@link fetchWithRetry}. */
export interface RetryOptions {
  /** Aborts the request and any backoff wait; the promise then rejects with `signal.reason`. */
  signal?: AbortSignal;
  /** Retries after the first attempt (default 3, so at most 4 requests). */
  retries?: number;
  /** Backoff base in ms (default 250): the n-th retry waits a random time in [0, base·2^(n-1)). */
  baseDelayMs?: number;
  /** Longest wait before a retry in ms, also for `Retry-After` (default 8000). */
  maxDelayMs?: number;
  /** The fetch to use (default `globalThis.fetch`, read at call time). */
  fetch?: typeof globalThis.fetch;
  /** Source of randomness for the jitter, in [0, 1) (default `Math.random`). */
  random?: () => number;
  /** Names the data source in errors (default `(anonymous)`). */
  sourceId?: string;
  /** Extra request options (method, headers...); `signal` is set from the option above. */
  init?: RequestInit;
  /**
   * Longest wait for an answer (the response headers) per attempt, in ms (default
   * {@link requestDefaults}.timeoutMs, 30 s). A request that times out is retried like a network
   * error; the last one fails with code `timeout`.
   */
  timeoutMs?: number;
}

/**
 * Page-wide defaults of {@link fetchWithRetry} for every data source and tile request: change them
 * once before the twin loads (for example a shorter `timeoutMs` on a fast intranet).
 */
export const requestDefaults = {
  /** Longest wait for an answer per attempt, in ms. */
  timeoutMs: 30000,
};

/** Why a request failed before any answer came, in words a page can show. */
function networkReason(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  return `request failed (${message}): the server is unreachable, or it does not allow this page's origin (CORS)`;
}

/** Whether an HTTP status is worth retrying: 5xx (server trouble) and 429 (too many requests). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * The wait (ms) a `Retry-After` header asks for: delay-seconds or an HTTP date; undefined when the
 * header is absent or unreadable. A date in the past gives 0.
 */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Waits `ms`, or rejects with `signal.reason` at once when the signal aborts. */
function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Fetches `url`, retrying what may pass: HTTP 5xx, 429 and network errors (a `TypeError` from
 * fetch). Other 4xx answers fail at once. The wait before retry n (1-based) is the `Retry-After`
 * header when present, else full jitter: `random() · min(maxDelayMs, baseDelayMs · 2^(n-1))`; both
 * capped at `maxDelayMs`. Resolves with the first 2xx response. Fails with a {@link DtSourceError}
 * of code `http` (with `status` and `url`) or `network`; an abort rejects with `signal.reason`.
 */
export async function fetchWithRetry(url: string, options: RetryOptions = {}): Promise<Response> {
  const { signal, retries = 3, baseDelayMs = 250, maxDelayMs = 8000 } = options;
  const doFetch = options.fetch ?? globalThis.fetch;
  const random = options.random ?? Math.random;
  const sourceId = options.sourceId ?? '(anonymous)';
  const after = (attempt: number): string => (attempt > 1 ? ` (after ${attempt} attempts)` : '');
  const timeoutMs = options.timeoutMs ?? requestDefaults.timeoutMs;
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    let delayMs: number | undefined;
    // One controller per attempt: the caller's abort or this attempt's timeout stops it.
    const attemptAbort = new AbortController();
    const onAbort = (): void => attemptAbort.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      attemptAbort.abort(new DOMException('timeout', 'TimeoutError'));
    }, timeoutMs);
    try {
      response = await doFetch(url, { ...options.init, signal: attemptAbort.signal });
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      if (timedOut) {
        if (attempt > retries)
          throw new DtSourceError(
            sourceId,
            'timeout',
            `no answer within ${timeoutMs / 1000} s${after(attempt)}`,
            { url, cause },
          );
        continue;
      }
      if (!(cause instanceof TypeError) || attempt > retries)
        throw new DtSourceError(sourceId, 'network', networkReason(cause) + after(attempt), {
          url,
          cause,
        });
      await wait(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)), signal);
      continue;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    if (response.ok) return response;
    if (!isRetryableStatus(response.status) || attempt > retries) {
      const reason = `HTTP ${response.status} ${response.statusText}`.trim();
      throw new DtSourceError(sourceId, 'http', reason + after(attempt), {
        url,
        status: response.status,
      });
    }
    delayMs = parseRetryAfter(response.headers.get('Retry-After'));
    delayMs ??= random() * baseDelayMs * 2 ** (attempt - 1);
    // Free the connection: the failed body is not read.
    await response.body?.cancel().catch(() => undefined);
    await wait(Math.min(maxDelayMs, delayMs), signal);
  }
}

/**
 * Reads a response body, turning a connection that closes early (a truncated transfer) into a
 * `DtSourceError` of code `network` naming the source and URL; an abort rejects with the abort reason.
 */
export async function readBody<T>(
  response: Response,
  read: (response: Response) => Promise<T>,
  sourceId = '(anonymous)',
  signal?: AbortSignal,
): Promise<T> {
  try {
    return await read(response);
  } catch (cause) {
    if (signal?.aborted) throw signal.reason;
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new DtSourceError(
      sourceId,
      'network',
      `the transfer broke off before the whole file arrived (${message})`,
      { url: response.url, cause },
    );
  }
}

/** Fetches `url` with {@link fetchWithRetry} and reads the body as bytes (a broken-off transfer is a `DtSourceError`). */
export async function fetchBytes(
  url: string,
  signal?: AbortSignal,
  sourceId?: string,
): Promise<ArrayBuffer> {
  const response = await fetchWithRetry(url, { ...(signal ? { signal } : {}), sourceId });
  return readBody(response, (r) => r.arrayBuffer(), sourceId, signal);
}
