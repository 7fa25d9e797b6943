import { DtSourceError } from '../errors.js';

/**
 * Fetches a URL as text for data source `sourceId`. A non-2xx answer or a failed request becomes a
 * {@link DtSourceError} that names the source, the URL and the reason; an abort rejects with the
 * signal's AbortError.
 */
export async function fetchText(
  sourceId: string,
  url: string,
  signal: AbortSignal,
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (cause) {
    if (signal.aborted) throw signal.reason;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DtSourceError(sourceId, 'network', `request failed (${reason})`, { url, cause });
  }
  if (!response.ok) {
    throw new DtSourceError(
      sourceId,
      'http',
      `HTTP ${response.status} ${response.statusText}`.trim(),
      {
        url,
        status: response.status,
      },
    );
  }
  return response.text();
}
