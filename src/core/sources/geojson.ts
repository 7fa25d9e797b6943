import type { FeatureCollection } from 'geojson';
import { DtSourceError } from '../errors.js';
import { GeoJsonError, toFeatureCollection } from '../geo/geojson.js';
import {
  WGS84,
  WORKER_REPROJECT_THRESHOLD,
  crsMismatch,
  declaredCrs,
  isKnownCrs,
  normalizeCrs,
  packPositions,
  positionsBBox,
  reprojectPositions,
  unpackPositions,
} from './reproject.js';

/** A parsed GeoJSON document and the CRS its legacy `crs` member declares, if any. */
export interface GeoJsonDocument {
  /** The features (a lone Feature or Geometry is wrapped). */
  data: FeatureCollection;
  /** The CRS of the pre-RFC 7946 `crs` member, normalised (`EPSG:28992`); undefined without one. */
  declaredCrs: string | undefined;
}

/**
 * Parses GeoJSON text for data source `sourceId`, keeping the CRS its legacy `crs` member names.
 * @throws DtSourceError with code `parse` (not JSON, with the parser's position) or `invalid-geojson`
 * (not GeoJSON, naming the first wrong member).
 */
export function parseGeoJsonDocument(
  sourceId: string,
  text: string,
  url?: string,
): GeoJsonDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DtSourceError(sourceId, 'parse', `not valid JSON: ${reason}`, {
      cause,
      ...(url ? { url } : {}),
    });
  }
  try {
    return { data: toFeatureCollection(json), declaredCrs: declaredCrs(json) };
  } catch (cause) {
    if (!(cause instanceof GeoJsonError)) throw cause;
    throw new DtSourceError(sourceId, 'invalid-geojson', `not GeoJSON: ${cause.message}`, {
      cause,
      ...(url ? { url } : {}),
    });
  }
}

/**
 * Parses GeoJSON text for data source `sourceId` into a FeatureCollection (no reprojection).
 * @throws DtSourceError with code `parse` or `invalid-geojson`, as {@link parseGeoJsonDocument}.
 */
export function parseGeoJsonText(sourceId: string, text: string, url?: string): FeatureCollection {
  return parseGeoJsonDocument(sourceId, text, url).data;
}

/** Reprojects x, y pairs from a CRS to WGS 84 elsewhere (the worker pool), resolving with them. */
export type ReprojectElsewhere = (xy: Float64Array, from: string) => Promise<Float64Array>;

/** Options of {@link toWgs84}. */
export interface ToWgs84Options {
  /** The `crs` attribute: overrides the document's `crs` member. Default: the member, else WGS 84. */
  crs?: string | undefined;
  /** The CRS the document's `crs` member declares. */
  declaredCrs?: string | undefined;
  /** Names the URL in errors. */
  url?: string | undefined;
  /**
   * Reprojects large collections (over {@link WORKER_REPROJECT_THRESHOLD} positions) off the main
   * thread; without it, or for a CRS only this thread knows, they are reprojected here.
   */
  elsewhere?: ReprojectElsewhere | undefined;
  /** Whether `elsewhere` knows a CRS (default: RD New and Web Mercator only). */
  elsewhereKnows?: (crs: string) => boolean;
}

/**
 * Brings a parsed collection to WGS 84, in place: from the `crs` attribute, else the document's
 * legacy `crs` member, else it is taken as WGS 84 already. Either way the coordinates are checked
 * against their CRS (see {@link crsMismatch}): RD New metres read as degrees, or degrees read as RD
 * New, fail instead of drawing somewhere wrong.
 * @throws DtSourceError with code `crs` naming an unknown CRS, or saying the coordinates do not fit it.
 */
export async function toWgs84(
  sourceId: string,
  data: FeatureCollection,
  options: ToWgs84Options = {},
): Promise<FeatureCollection> {
  const crs = normalizeCrs(options.crs ?? options.declaredCrs ?? WGS84);
  const where = options.url ? { url: options.url } : {};
  if (!isKnownCrs(crs)) {
    throw new DtSourceError(
      sourceId,
      'crs',
      `unknown CRS "${crs}": known are EPSG:28992 (RD New), EPSG:4326 (WGS 84), EPSG:3857 and any code given to proj4.defs first`,
      where,
    );
  }
  const xy = packPositions(data);
  const sourceBox = positionsBBox(xy);
  let lonLat = xy;
  if (crs !== WGS84) {
    const knows = options.elsewhereKnows ?? ((code) => WORKER_CRS.has(code));
    lonLat =
      options.elsewhere && xy.length / 2 > WORKER_REPROJECT_THRESHOLD && knows(crs)
        ? await options.elsewhere(xy.slice(), crs)
        : reprojectPositions(xy.slice(), crs, WGS84);
  }
  const problem = crsMismatch(crs, sourceBox, positionsBBox(lonLat));
  if (problem) throw new DtSourceError(sourceId, 'crs', problem, where);
  if (lonLat !== xy) unpackPositions(data, lonLat);
  return data;
}

/** The CRSs the worker pool's copy of proj4 knows (src/core/raster/crs.ts defines RD New). */
const WORKER_CRS = new Set(['EPSG:28992', 'EPSG:3857']);
