import { DtSourceError } from '../../../core/errors.js';
import { fetchBytes } from '../../../core/tiles/retry.js';
import type { CityJsonMeshResponse } from '../../../core/workers/tasks/cityjson.js';
import type { SourceContent, SourcePayload } from '../../base/dt-data-source-element.js';
import type { SourceKindInput, SourceKindLoader } from '../source-kinds.js';

/**
 * The payload of a `cityjson` source: one triangle mesh for the whole file, drawn by
 * `<dt-layer type="mesh">`. Vertices are grouped by feature: feature `i` (of `source.data.features`)
 * owns vertices `featureStarts[i]` to `featureStarts[i + 1]`.
 */
export interface CityMeshPayload extends SourcePayload {
  /** Always `mesh`. */
  readonly kind: 'mesh';
  /** Longitude, latitude (degrees, WGS 84) and height (metres, e.g. NAP) per vertex, three per triangle. */
  readonly positions: Float64Array;
  /** Unit normal (east, north, up) per vertex: each face's own (flat shading). */
  readonly normals: Float32Array;
  /** The index of the vertex's feature in `source.data.features`. */
  readonly featureIndex: Uint32Array;
  /** Where each feature's vertices start, plus the vertex count at the end. */
  readonly featureStarts: Uint32Array;
  /** The LoD drawn per feature ("1", "2.2"; "" when a feature has nothing to draw). */
  readonly lods: readonly string[];
  /** The file's CityJSON version ("1.0", "1.1", "2.0"). */
  readonly version: string;
  /** The EPSG code the file was read in (7415: RD New + NAP). */
  readonly epsg: number;
}

/** Whether a source payload is a CityJSON mesh. */
export function isCityMeshPayload(payload: SourcePayload | undefined): payload is CityMeshPayload {
  return payload?.kind === 'mesh' && 'featureIndex' in payload;
}

/** The bytes to parse: fetched from `src` (with the core's retries) or an inline JSON script. */
async function fileBytes({ sourceId, url, inline, signal }: SourceKindInput): Promise<ArrayBuffer> {
  if (url) return fetchBytes(url, signal, sourceId);
  if (inline) return new TextEncoder().encode(inline.text).buffer as ArrayBuffer;
  throw new DtSourceError(
    sourceId,
    'missing-input',
    'no data: give a "src" URL of a .city.json or .city.jsonl file, or an inline <script type="application/json">',
  );
}

/**
 * `type="cityjson"`: CityJSON 1.0, 1.1 and 2.0 (`.city.json`) and CityJSONSeq (`.city.jsonl`).
 * Parsed, reprojected and triangulated in the worker pool; the features are the CityObjects of
 * `object-types` (default `Building`; parts draw with their parent), the payload their mesh.
 */
async function loadCityJson(input: SourceKindInput): Promise<SourceContent> {
  const { sourceId, url, signal, crs, element } = input;
  const workers = element.twin?.workers;
  if (!workers)
    throw new DtSourceError(sourceId, 'missing-input', 'the source is not inside a <dt-twin>', {
      url,
    });
  // The worker starts while the file downloads.
  workers.warm();
  const bytes = await fileBytes(input);
  const lod = element.getAttribute('lod')?.trim() || undefined;
  const objectTypes = (element.getAttribute('object-types') ?? 'Building')
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean);
  let mesh: CityJsonMeshResponse;
  try {
    // The bytes are copied to the worker: they stay here for the content hash.
    mesh = await workers.request('cityjson-mesh', { bytes, crs, lod, objectTypes }, { signal });
  } catch (cause) {
    if (signal.aborted) throw cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    const code = cause instanceof Error && cause.name === 'CityJsonCrsError' ? 'crs' : 'parse';
    throw new DtSourceError(sourceId, code, `CityJSON: ${message}`, { url, cause });
  }
  const payload: CityMeshPayload = {
    kind: 'mesh',
    positions: mesh.positions,
    normals: mesh.normals,
    featureIndex: mesh.featureIndex,
    featureStarts: mesh.featureStarts,
    lods: mesh.lods,
    version: mesh.version,
    epsg: mesh.epsg,
  };
  return {
    data: { type: 'FeatureCollection', features: mesh.features },
    bands: {},
    bytes,
    payload,
  };
}

/** The data-source kinds of this file: `cityjson` (CityJSON 1.x, 2.0 and CityJSONSeq). */
export const cityJsonKinds: Record<string, SourceKindLoader> = { cityjson: loadCityJson };
