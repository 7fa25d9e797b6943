/**
 * Worker tasks for CityJSON parsing and triangulation. The types join {@link WorkerTasks} (messages.ts) and the
 * handlers join the worker's table (handlers.ts); heavy code loads inside a handler with `import()`.
 *
 * Request shape (for callers outside `<dt-data-source type="cityjson">`, e.g. a benchmark):
 *
 * ```ts
 * const mesh = await pool.request('cityjson-mesh', {
 *   bytes,                    // the .city.json / .city.jsonl file (copied; list it in `transfer` to move it)
 *   crs: undefined,           // or 'EPSG:7415' to override metadata.referenceSystem
 *   lod: undefined,           // or '2.2'; default: each object's highest
 *   objectTypes: ['Building'],
 * }, { signal, onProgress: ({ featuresDone, features }) => {} });
 * // mesh.positions (Float64Array lon, lat, z), mesh.normals, mesh.featureIndex, mesh.featureStarts, mesh.features
 * ```
 *
 * Errors keep their name across the worker boundary: `CityJsonFormatError` (not JSON, wrong `type`,
 * a vertex index out of range, a bad sequence line) and `CityJsonCrsError` (missing or unknown CRS).
 */
import type { CityMesh } from '../../sources/cityjson/city-mesh.js';
import type { TaskContext, TaskHandler } from '../serve.js';

/** What `cityjson-mesh` is asked: the file's bytes and what to draw. */
export interface CityJsonMeshRequest {
  /** The file as fetched (UTF-8 CityJSON or CityJSONSeq). */
  bytes: ArrayBuffer;
  /** Overrides `metadata.referenceSystem` (`EPSG:7415`, `urn:ogc:def:crs:EPSG::28992`, ...). */
  crs?: string;
  /** The LoD to draw ("1", "1.2", "2.2"); default: each object's highest. */
  lod?: string;
  /** CityObject types that become features (default `['Building']`); their parts draw with them. */
  objectTypes?: string[];
}

/** What `cityjson-mesh` answers: the mesh (typed arrays, moved back), the features and the file's facts. */
export interface CityJsonMeshResponse extends CityMesh {
  /** The file's `version` ("1.0", "1.1", "2.0"). */
  version: string;
  /** The EPSG code the coordinates were read in (7415, 28992, ...). */
  epsg: number;
  /** How many CityObjects the file has (of every type). */
  objectCount: number;
}

/** The tasks of this file, by name: `request`, `response` and `progress` types of each. */
export interface CityJsonTasks {
  /**
   * Parses a CityJSON file or CityJSONSeq, reprojects it to WGS 84 and triangulates the chosen
   * objects into one mesh with a feature index per vertex. Progress: features done of all.
   */
  'cityjson-mesh': {
    request: CityJsonMeshRequest;
    response: CityJsonMeshResponse;
    progress: { featuresDone: number; features: number };
  };
}

async function cityJsonMesh(
  { bytes, crs, lod, objectTypes }: CityJsonMeshRequest,
  context: TaskContext<CityJsonTasks['cityjson-mesh']['progress']>,
): Promise<CityJsonMeshResponse> {
  const [{ readCityModel }, { buildCityMesh }, { horizontalCrsOf }, { transformer }, earcut] =
    await Promise.all([
      import('../../sources/cityjson/city-model.js'),
      import('../../sources/cityjson/city-mesh.js'),
      import('../../sources/cityjson/reference-system.js'),
      import('../../raster/crs.js'),
      import('earcut'),
    ]);
  const model = readCityModel(new TextDecoder().decode(bytes));
  await context.checkpoint();
  const { epsg, horizontal } = horizontalCrsOf(model.referenceSystem, crs);
  const mesh = await buildCityMesh(model, {
    lod,
    objectTypes,
    toLonLat: transformer(horizontal, 'EPSG:4326'),
    earcut: earcut.default,
    step: async (featuresDone, features) => {
      context.progress({ featuresDone, features });
      await context.checkpoint();
    },
  });
  return { ...mesh, version: model.version, epsg, objectCount: model.objects.size };
}

/** The handlers of this file's tasks. */
export const cityJsonHandlers: { [T in keyof CityJsonTasks]: TaskHandler<T> } = {
  'cityjson-mesh': cityJsonMesh,
};
