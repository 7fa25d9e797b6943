import {
  BaseClient,
  BaseResponse,
  fromArrayBuffer,
  fromCustomClient,
  type GeoTIFF,
  type GeoTIFFImage,
} from 'geotiff';
import { DtSourceError } from '../errors.js';
import { crsMismatch, isKnownCrs, normalizeCrs } from '../sources/reproject.js';
import { fetchWithRetry } from '../tiles/retry.js';
import { transformer } from './crs.js';
import { gridBounds, type BBox, type CrsCode, type GeoTransform, type Grid } from './grid.js';

/** Options of {@link readGeoTiff}. */
export interface ReadGeoTiffOptions {
  /** Read only the cells that overlap this box `[minX, minY, maxX, maxY]`, in the raster's CRS. */
  bbox?: BBox;
  /**
   * Read at a coarser cell size (CRS units, metres for RD New) than the file's own. The reader picks
   * the coarsest overview of a COG that is still at least this fine, then resamples to it.
   */
  cellSize?: number;
  /** How a reduced-resolution read resamples: `bilinear` (default) or `nearest`. */
  resampleMethod?: 'bilinear' | 'nearest';
  /** Aborts the reading: the promise rejects with an `AbortError`. */
  signal?: AbortSignal;
  /** Names the raster in error messages, before its URL (default `GeoTIFF`). */
  sourceId?: string;
}

/**
 * Reads band 1 of a GeoTIFF (or Cloud-Optimized GeoTIFF) into a {@link Grid}. From a URL it uses HTTP
 * range requests (only the header and the blocks of the window are fetched; servers without range
 * support send the whole file, which is accepted). The CRS comes from the GeoKeys, nodata from
 * GDAL_NODATA.
 *
 * @throws DtSourceError naming the URL when the file cannot be fetched or read; an `AbortError`
 * (`DOMException` or geotiff's own, both named `AbortError`) when `signal` aborts.
 */
export async function readGeoTiff(
  input: string | ArrayBuffer,
  options: ReadGeoTiffOptions = {},
): Promise<Grid> {
  const { signal } = options;
  const url = typeof input === 'string' ? input : undefined;
  const sourceId = options.sourceId ?? 'GeoTIFF';
  signal?.throwIfAborted();
  try {
    try {
      const tiff = url
        ? await openUrl(url, sourceId, signal)
        : await openBuffer(input as ArrayBuffer, sourceId, signal);
      signal?.throwIfAborted();
      return await readImage(tiff, options);
    } catch (error) {
      // A server (or cache) that honoured the first range request may answer a later one with the
      // whole file (seen with the test server's weak ETags): read from the whole file instead.
      if (!url || !/responded with full file/i.test(String(error))) throw error;
      return await readImage(await fetchWhole(url, sourceId, signal), options);
    }
  } catch (error) {
    if (signal?.aborted || isAbortError(error)) throw signal?.reason ?? error;
    // Failed requests are DtSourceErrors already (fetchWithRetry): what is left is the file itself.
    if (error instanceof DtSourceError) throw error;
    throw new DtSourceError(
      sourceId,
      'parse',
      `could not read the GeoTIFF: ${readFailure(error)}`,
      {
        ...(url ? { url } : {}),
        cause: error,
      },
    );
  }
}

/** Why geotiff could not read a file, in words: a truncated file reads past the end of its bytes. */
function readFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof RangeError || /outside the bounds|out of bounds|beyond/i.test(message)
    ? `the file is truncated or damaged: a data block lies beyond its end (${message})`
    : message;
}

/**
 * Checks the first bytes for a TIFF header (`II*\0`, `MM\0*`, or BigTIFF's `II+\0`, `MM\0+`).
 * @throws DtSourceError (`parse`) saying the file is not a TIFF, and whether it looks like a web page.
 */
function checkTiffHeader(bytes: ArrayBuffer, sourceId: string, url: string | undefined): void {
  const [b0, b1, b2, b3] = new Uint8Array(bytes, 0, Math.min(4, bytes.byteLength));
  const little = b0 === 0x49 && b1 === 0x49 && (b2 === 0x2a || b2 === 0x2b) && b3 === 0;
  const big = b0 === 0x4d && b1 === 0x4d && b2 === 0 && (b3 === 0x2a || b3 === 0x2b);
  if (little || big) return;
  const page = b0 === 0x3c ? ' (it looks like an HTML or XML page)' : '';
  const size = bytes.byteLength < 4 ? ` (${bytes.byteLength} bytes)` : '';
  throw new DtSourceError(
    sourceId,
    'parse',
    `not a GeoTIFF: the file does not start with a TIFF header${size}${page}`,
    url ? { url } : {},
  );
}

/** geotiff's HTTP client over {@link fetchWithRetry}: range requests get the core's retry policy. */
class RetryClient extends BaseClient {
  readonly #sourceId: string;

  constructor(url: string, sourceId: string) {
    super(url);
    this.#sourceId = sourceId;
  }

  override async request(options: RequestInit = {}): Promise<BaseResponse> {
    const response = await fetchWithRetry(this.url, {
      sourceId: this.#sourceId,
      ...(options.signal ? { signal: options.signal } : {}),
      init: options.headers ? { headers: options.headers } : {},
    });
    return new RetryResponse(response);
  }
}

/** A fetch Response as geotiff's client response. */
class RetryResponse extends BaseResponse {
  readonly #response: Response;

  constructor(response: Response) {
    super();
    this.#response = response;
  }

  override get status(): number {
    return this.#response.status;
  }

  override getHeader(name: string): string | undefined {
    return this.#response.headers.get(name) ?? undefined;
  }

  override getData(): Promise<ArrayBuffer> {
    return this.#response.arrayBuffer();
  }
}

/**
 * Opens a GeoTIFF by URL. A first range request for the header tells whether the server honours
 * ranges: if it does (206), geotiff reads on with range requests; if it sends the whole file (200),
 * that body is used as is (geotiff's own full-file fallback mis-assembles blocks of tiled files).
 * Every request goes through {@link fetchWithRetry} (retries, timeouts, errors naming the URL).
 */
async function openUrl(url: string, sourceId: string, signal: AbortSignal | undefined) {
  const response = await fetchWithRetry(url, {
    sourceId,
    ...(signal ? { signal } : {}),
    init: { headers: { Range: `bytes=0-${HEADER_BYTES - 1}` } },
  });
  const bytes = await response.arrayBuffer();
  checkTiffHeader(bytes, sourceId, url);
  if (response.status !== 206) return fromArrayBuffer(bytes, signal);
  return fromCustomClient(new RetryClient(url, sourceId), {}, signal);
}

/** Opens a GeoTIFF held in memory, after checking its header. */
function openBuffer(bytes: ArrayBuffer, sourceId: string, signal: AbortSignal | undefined) {
  checkTiffHeader(bytes, sourceId, undefined);
  return fromArrayBuffer(bytes, signal);
}

/** Fetches the whole file and opens it from memory. */
async function fetchWhole(url: string, sourceId: string, signal: AbortSignal | undefined) {
  const response = await fetchWithRetry(url, { sourceId, ...(signal ? { signal } : {}) });
  const bytes = await response.arrayBuffer();
  checkTiffHeader(bytes, sourceId, url);
  return fromArrayBuffer(bytes, signal);
}

/** Bytes of the first range request: enough for the header of a typical COG. */
const HEADER_BYTES = 65536;

/** Whether an error is an abort (DOMException or geotiff's own AbortError). */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

async function readImage(tiff: GeoTIFF, options: ReadGeoTiffOptions): Promise<Grid> {
  const base = await tiff.getImage(0);
  const [originX = 0, originY = 0] = base.getOrigin();
  const [resX = 1, resY = -1] = base.getResolution();
  const fullWidth = base.getWidth();
  const fullHeight = base.getHeight();
  // The window in pixels of the full-resolution image: whole cells that overlap the bbox.
  let [col0, row0, col1, row1] = [0, 0, fullWidth, fullHeight];
  if (options.bbox) {
    const [minX, minY, maxX, maxY] = options.bbox;
    col0 = Math.max(0, Math.floor((minX - originX) / resX));
    col1 = Math.min(fullWidth, Math.ceil((maxX - originX) / resX));
    row0 = Math.max(0, Math.floor((maxY - originY) / resY));
    row1 = Math.min(fullHeight, Math.ceil((minY - originY) / resY));
    if (col1 <= col0 || row1 <= row0) {
      throw new DtSourceError('raster', 'parse', `the box ${options.bbox} lies outside the raster`);
    }
  }
  const windowWidth = col1 - col0;
  const windowHeight = row1 - row0;
  const scale = options.cellSize ? Math.max(1, options.cellSize / Math.abs(resX)) : 1;
  const width = Math.max(1, Math.round(windowWidth / scale));
  const height = Math.max(1, Math.round(windowHeight / scale));
  const image = await pickOverview(tiff, base, scale);
  const ratio = image.getWidth() / fullWidth;
  const rasters = await image.readRasters({
    window: [
      Math.floor(col0 * ratio),
      Math.floor(row0 * ratio),
      Math.max(Math.floor(col0 * ratio) + 1, Math.ceil(col1 * ratio)),
      Math.max(Math.floor(row0 * ratio) + 1, Math.ceil(row1 * ratio)),
    ],
    samples: [0],
    interleave: false,
    width,
    height,
    resampleMethod: options.resampleMethod ?? 'bilinear',
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const band = rasters[0];
  if (!band || typeof band === 'number') throw new Error('the GeoTIFF has no band 1');
  const values = band instanceof Float32Array ? band : Float32Array.from(band as ArrayLike<number>);
  const pixelWidth = (windowWidth * resX) / width;
  const pixelHeight = (windowHeight * resY) / height;
  const geotransform: GeoTransform = [
    originX + col0 * resX,
    pixelWidth,
    0,
    originY + row0 * resY,
    0,
    pixelHeight,
  ];
  const nodata = base.getGDALNoData();
  return { width, height, values, geotransform, crs: crsOf(base), nodata: nodata ?? undefined };
}

/** The coarsest image (base or overview) whose cells are at most `scale` times the base cells. */
async function pickOverview(tiff: GeoTIFF, base: GeoTIFFImage, scale: number) {
  let best = base;
  const count = await tiff.getImageCount();
  for (let i = 1; i < count; i++) {
    const image = await tiff.getImage(i);
    const factor = base.getWidth() / image.getWidth();
    // Masks of a COG are images too: only full overviews of the same band layout qualify.
    if (factor <= scale && image.getSamplesPerPixel() === base.getSamplesPerPixel()) {
      if (image.getWidth() < best.getWidth()) best = image;
    }
  }
  return best;
}

/** The CRS from the GeoKeys: `EPSG:<ProjectedCSTypeGeoKey>` or `EPSG:<GeographicTypeGeoKey>`. */
function crsOf(image: GeoTIFFImage): CrsCode {
  const keys = image.getGeoKeys() ?? {};
  const projected = Number(keys.ProjectedCSTypeGeoKey);
  if (Number.isInteger(projected) && projected > 0 && projected !== 32767)
    return `EPSG:${projected}`;
  const geographic = Number(keys.GeographicTypeGeoKey);
  if (Number.isInteger(geographic) && geographic > 0 && geographic !== 32767)
    return `EPSG:${geographic}`;
  return 'unknown';
}

/**
 * Settles the CRS of a grid read from a GeoTIFF, with the `crs` attribute of its source: the
 * attribute names the CRS of a file that has none, and must agree with the file's when it has one.
 * Returns the grid (with `crs` set).
 * @throws DtSourceError (`crs`) when there is no CRS, proj4 does not know it, the attribute and the
 * file disagree, or the grid's extent does not fit the CRS (see `crsMismatch`).
 */
export function resolveGridCrs(
  grid: Grid,
  crsAttribute: string | undefined,
  sourceId: string,
  url?: string,
): Grid {
  const where = url ? { url } : {};
  const fail = (reason: string): never => {
    throw new DtSourceError(sourceId, 'crs', reason, where);
  };
  const given = crsAttribute ? normalizeCrs(crsAttribute) : undefined;
  const own = grid.crs === 'unknown' ? undefined : grid.crs;
  if (own && given && own !== given)
    fail(`the GeoTIFF is in ${own}, but crs="${crsAttribute}" was given: remove or correct it`);
  const crs =
    own ??
    given ??
    fail('the GeoTIFF names no CRS: give its CRS with the crs attribute (crs="EPSG:28992")');
  if (!isKnownCrs(crs))
    fail(
      `the GeoTIFF is in ${crs}, a CRS not known here: known are EPSG:28992 (RD New), EPSG:4326, EPSG:3857 and any code given to proj4.defs first`,
    );
  const box = gridBounds(grid);
  const toLonLat = transformer(crs, 'EPSG:4326');
  const corners = [toLonLat(box[0], box[1]), toLonLat(box[2], box[3])];
  const lons = corners.map(([lon]) => lon);
  const lats = corners.map(([, lat]) => lat);
  const lonLatBox: BBox = [
    Math.min(...lons),
    Math.min(...lats),
    Math.max(...lons),
    Math.max(...lats),
  ];
  const problem = crsMismatch(crs, box, lonLatBox, "the GeoTIFF's corner coordinates");
  if (problem) fail(problem);
  return { ...grid, crs };
}
