import type { Feature, FeatureCollection } from 'geojson';
import { DtSourceError } from '../../../core/errors.js';
import {
  DEFAULT_MAX_POINTS,
  pointCloudCrs,
  type DecodedPointCloud,
} from '../../../core/sources/pointcloud/point-cloud.js';
import { fetchWithRetry } from '../../../core/tiles/retry.js';
import type { SourcePayload } from '../../base/dt-data-source-element.js';
import type { DtDataSource } from '../dt-data-source.js';
import type { SourceKindInput, SourceKindLoader } from '../source-kinds.js';

/**
 * What a `pointcloud` source offers its layers (`source.payload`): the decoded points and the facts
 * of the file. `pointCount` is the count in the LAS header, `decodedCount` the points the decoder
 * returned, `drawnCount` the points drawn (at most `max-points`), `classes` the points per class.
 */
export interface PointCloudPayload extends SourcePayload, DecodedPointCloud {
  /** Always `points`. */
  readonly kind: 'points';
  /** Points in the file, from its LAS header. */
  pointCount: number;
  /** The URL the file was read from. */
  url: string;
}

/** Whether a payload is a point cloud. */
export function isPointCloudPayload(
  payload: SourcePayload | undefined,
): payload is PointCloudPayload {
  return payload?.kind === 'points';
}

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof DOMException && error.name === 'AbortError');
}

/** Reads `max-points`: a positive whole number, default {@link DEFAULT_MAX_POINTS}. */
function maxPointsOf(element: DtDataSource, sourceId: string, url: string): number {
  const text = element.getAttribute('max-points');
  if (text === null || text.trim() === '') return DEFAULT_MAX_POINTS;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new DtSourceError(
      sourceId,
      'invalid-parameter',
      `max-points="${text}" is not a positive whole number`,
      { url },
    );
  }
  return value;
}

/** One feature for the file: its extent, with the facts a user may search for or read. */
function extentFeature(url: string, decoded: DecodedPointCloud): Feature {
  const [west, south, east, north] = decoded.bbox;
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? url);
  return {
    type: 'Feature',
    properties: {
      name,
      pointCount: decoded.header.pointCount,
      drawnCount: decoded.drawnCount,
      lasVersion: decoded.header.version,
      pointFormat: decoded.header.pointFormat,
      crs: decoded.crs,
      classes: Object.keys(decoded.classes).join(', '),
      minHeightM: decoded.zRange[0],
      maxHeightM: decoded.zRange[1],
    },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [west, south],
          [east, south],
          [east, north],
          [west, north],
          [west, south],
        ],
      ],
    },
  };
}

/**
 * A LAS/LAZ point cloud: fetched with the core's retry policy, decoded in the worker pool
 * (`las-decode`), thinned to `max-points`, positioned through a polynomial fit of proj4 over the
 * file's extent. Default CRS EPSG:28992 (RD New, heights NAP): AHN files carry no CRS record.
 */
async function loadPointCloud({ sourceId, url, signal, crs, element }: SourceKindInput): Promise<{
  data: FeatureCollection;
  bands: Record<string, never>;
  bytes: ArrayBuffer;
  payload: PointCloudPayload;
}> {
  if (!url) {
    throw new DtSourceError(
      sourceId,
      'missing-input',
      'no data: give a "src" URL of a LAS or LAZ file',
    );
  }
  const horizontalCrs = pointCloudCrs(crs);
  if (!horizontalCrs) {
    throw new DtSourceError(
      sourceId,
      'invalid-parameter',
      `unknown CRS "${crs}": a point cloud takes EPSG:28992 (the default, also as EPSG:7415), EPSG:4326 or EPSG:3857`,
      { url },
    );
  }
  const maxPoints = maxPointsOf(element, sourceId, url);
  const twin = element.twin;
  if (!twin)
    throw new DtSourceError(sourceId, 'missing-input', 'the source is not inside a <dt-twin>', {
      url,
    });
  // The worker starts while the file downloads.
  twin.workers.warm();
  const response = await fetchWithRetry(url, { signal, sourceId });
  let bytes: ArrayBuffer;
  try {
    bytes = await response.arrayBuffer();
  } catch (cause) {
    if (isAbort(cause, signal)) throw cause;
    throw new DtSourceError(sourceId, 'network', `reading the file failed: ${String(cause)}`, {
      url,
      cause,
    });
  }
  // The worker gets a copy (moved, not cloned again); the original stays for the content hash.
  const copy = bytes.slice(0);
  let decoded: DecodedPointCloud;
  try {
    decoded = await twin.workers.request(
      'las-decode',
      { bytes: copy, maxPoints, crs: horizontalCrs },
      { signal, transfer: [copy] },
    );
  } catch (cause) {
    if (isAbort(cause, signal)) throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DtSourceError(sourceId, 'parse', reason, { url, cause });
  }
  return {
    data: { type: 'FeatureCollection', features: [extentFeature(url, decoded)] },
    bands: {},
    bytes,
    payload: { ...decoded, kind: 'points', pointCount: decoded.header.pointCount, url },
  };
}

/** The data-source kinds of this file: `pointcloud` (LAS/LAZ). */
export const pointCloudKinds: Record<string, SourceKindLoader> = {
  pointcloud: loadPointCloud,
};
