/** What went wrong while loading or reading a data source. */
export type DtSourceErrorCode =
  | 'missing-input' // neither `src` nor inline data was given
  | 'http' // the server answered with a non-2xx status
  | 'network' // the request failed before an answer came (offline, CORS, DNS) or broke off
  | 'timeout' // no answer within the request timeout (after the retries)
  | 'parse' // the bytes are not valid JSON
  | 'invalid-geojson' // valid JSON, but not GeoJSON (RFC 7946)
  | 'crs' // the CRS is unknown, or the coordinates do not fit it
  | 'invalid-tileset' // valid JSON, but not a 3D Tiles tileset (no asset.version, root, ...)
  | 'invalid-collection' // valid JSON, but not an OGC API collection document (no id or links)
  | 'unsupported' // the server does not offer what was asked (a CQL2 filter without Part 3)
  | 'unknown-type' // no data-source kind is registered for `type`
  | 'invalid-parameter' // a scenario parameter is out of range or malformed
  | 'model'; // a scenario's model failed while running

/**
 * An error of one data source. It names the source (its `id`) and what was wrong, so a page can show
 * it, while the rest of the twin keeps working.
 */
export class DtSourceError extends Error {
  /** Always `DtSourceError`. */
  override readonly name = 'DtSourceError';
  /** The `id` of the `<dt-data-source>` (or `(anonymous)`). */
  readonly sourceId: string;
  /** What kind of failure it was. */
  readonly code: DtSourceErrorCode;
  /** The URL that was read, when there was one. */
  readonly url: string | undefined;
  /** The HTTP status, for `code === 'http'`. */
  readonly status: number | undefined;

  constructor(
    sourceId: string,
    code: DtSourceErrorCode,
    reason: string,
    options: { url?: string; status?: number; cause?: unknown } = {},
  ) {
    const where = options.url ? `${sourceId} (${options.url})` : sourceId;
    super(`DtSourceError: source "${where}": ${reason}`, { cause: options.cause });
    this.sourceId = sourceId;
    this.code = code;
    this.url = options.url;
    this.status = options.status;
    this.reason = reason;
  }

  /** The reason alone, without the source name: "HTTP 404 Not Found". */
  readonly reason: string;
}
