import { fetchWithRetry, readBody } from '../tiles/retry.js';

/**
 * Fetches a URL as text for data source `sourceId`, with the shared retry policy of
 * {@link fetchWithRetry} (5xx, 429 and network errors are retried; other 4xx fail at once). A failed
 * request becomes a `DtSourceError` (src/core/errors.ts) that names the source, the URL and the reason (code `http`
 * with the status, or `network`); an abort rejects with the signal's AbortError.
 */
export async function fetchText(
  sourceId: string,
  url: string,
  signal: AbortSignal,
): Promise<string> {
  const response = await fetchWithRetry(url, { signal, sourceId });
  return readBody(response, (r) => r.text(), sourceId, signal);
}
