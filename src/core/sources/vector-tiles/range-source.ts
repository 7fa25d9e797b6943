import type { RangeResponse, Source } from 'pmtiles';
import { DtSourceError } from '../../errors.js';
import { fetchWithRetry, readBody } from '../../tiles/retry.js';

/** Counters of a {@link HttpRangeSource}, for diagnostics and tests. */
export interface RangeSourceStats {
  /** HTTP requests made. */
  requests: number;
  /** Body bytes received. */
  bytes: number;
  /** Answers that ignored `Range` and sent the whole file (it is then kept and sliced). */
  fullAnswers: number;
}

/**
 * A PMTiles {@link Source} over HTTP byte ranges (`Range: bytes=a-b`), through the core's retry
 * policy ({@link fetchWithRetry}: 5xx, 429 and network errors retried) with the caller's signal.
 * A server that ignores `Range` (200 with the whole file) still works: the file is kept once and
 * sliced, so it is downloaded only once. The archive's size, when a `Content-Range` or a full
 * answer tells it, is in {@link size} (to detect a truncated file).
 */
export class HttpRangeSource implements Source {
  /** The archive's size in bytes, once an answer has told it. */
  size: number | undefined;
  /** Requests and bytes so far. */
  readonly stats: RangeSourceStats = { requests: 0, bytes: 0, fullAnswers: 0 };
  #whole: ArrayBuffer | undefined;

  /**
   * @param url the archive's URL
   * @param sourceId the data source, named in errors
   * @param signal aborts every request of this source (the load that opened it); a request's own
   *   signal aborts just that request
   */
  constructor(
    readonly url: string,
    readonly sourceId: string,
    readonly signal?: AbortSignal,
  ) {}

  /** The archive's URL: the key of the PMTiles reader's caches. */
  getKey(): string {
    return this.url;
  }

  /** Reads `length` bytes from `offset` (fewer at the end of the file). */
  async getBytes(offset: number, length: number, signal?: AbortSignal): Promise<RangeResponse> {
    if (this.#whole) return { data: this.#whole.slice(offset, offset + length) };
    const signals = [signal, this.signal].filter((s): s is AbortSignal => s !== undefined);
    const combined = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    this.stats.requests++;
    const response = await fetchWithRetry(this.url, {
      signal: combined,
      sourceId: this.sourceId,
      init: { headers: { Range: `bytes=${offset}-${offset + length - 1}` } },
    });
    const data = await readBody(response, (r) => r.arrayBuffer(), this.sourceId, combined);
    this.stats.bytes += data.byteLength;
    if (response.status === 206) {
      const total = /\/(\d+)\s*$/.exec(response.headers.get('Content-Range') ?? '')?.[1];
      if (total !== undefined) this.size = Number(total);
      return { data, etag: response.headers.get('ETag') ?? undefined };
    }
    if (response.status !== 200)
      throw new DtSourceError(this.sourceId, 'http', `unexpected HTTP ${response.status}`, {
        url: this.url,
        status: response.status,
      });
    // The whole file: keep it, so later ranges need no request.
    this.stats.fullAnswers++;
    this.#whole = data;
    this.size = data.byteLength;
    return { data: data.slice(offset, offset + length) };
  }
}
