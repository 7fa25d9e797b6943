/**
 * Reads CityJSON (1.0, 1.1, 2.0) and CityJSONSeq (CityJSON Text Sequences, `.city.jsonl`) text into
 * one {@link CityModel}: real-world vertex coordinates (the `transform` applied), the CityObjects with
 * the vertex range each may index, and the geometry templates. DOM-free; runs in a worker.
 */

/** The file is not CityJSON, or not well-formed: the message says what and where. */
export class CityJsonFormatError extends Error {
  override readonly name = 'CityJsonFormatError';
}

/** One geometry of a CityObject, as in the file (boundaries are nested arrays of vertex indices). */
export interface CityGeometry {
  /** `MultiSurface`, `CompositeSurface`, `Solid`, `MultiSolid`, `CompositeSolid`, `GeometryInstance`, ... */
  type: string;
  /** Level of detail: a number in CityJSON 1.0, a string ("1.2") from 1.1 on. */
  lod?: string | number;
  /** Nested arrays of vertex indices. */
  boundaries: unknown;
  /** GeometryInstance: the index of its template. */
  template?: number;
  /** GeometryInstance: a row-major 4x4 matrix applied to the template's vertices. */
  transformationMatrix?: number[];
}

/** A CityObject as in the file, plus the range of vertices its geometry may index. */
export interface CityObject {
  /** `Building`, `BuildingPart`, `Road`, ... */
  type: string;
  /** Its attributes (anything JSON). */
  attributes?: Record<string, unknown>;
  /** Its geometries, one per LoD (or several). */
  geometry?: CityGeometry[];
  /** Ids of its parents (a BuildingPart's Building). */
  parents?: string[];
  /** Ids of its children. */
  children?: string[];
  /** First vertex (index into {@link CityModel.vertices} / 3) of the document or sequence line it came from. */
  vertexBase: number;
  /** How many vertices that document or line has: indices must be below this. */
  vertexCount: number;
}

/** A whole CityJSON file or sequence, ready to triangulate. */
export interface CityModel {
  /** `version` of the file ("1.0", "1.1", "2.0"). */
  version: string;
  /** `metadata.referenceSystem`, if given. */
  referenceSystem: string | undefined;
  /** x, y, z of every vertex in the file's CRS (metres for RD New + NAP), transform applied. */
  vertices: Float64Array;
  /** The CityObjects by id, in file order. */
  objects: Map<string, CityObject>;
  /** Geometry templates and their vertices (real coordinates, not transformed), if any. */
  templates: { geometries: CityGeometry[]; vertices: Float64Array } | undefined;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CityJsonFormatError(
      `${where}not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

interface Transform {
  scale: [number, number, number];
  translate: [number, number, number];
}

function readTransform(value: unknown): Transform | undefined {
  if (value === undefined) return undefined;
  const triple = (v: unknown): v is [number, number, number] =>
    Array.isArray(v) && v.length === 3 && v.every((n) => typeof n === 'number');
  if (!isObject(value) || !triple(value.scale) || !triple(value.translate))
    throw new CityJsonFormatError('"transform" must have "scale" and "translate" of 3 numbers');
  return { scale: value.scale, translate: value.translate };
}

/** Appends the vertices of one document or line, transformed, to `out`; returns how many. */
function appendVertices(
  out: number[],
  vertices: unknown,
  transform: Transform | undefined,
  where: string,
): number {
  if (!Array.isArray(vertices)) throw new CityJsonFormatError(`${where}"vertices" is not an array`);
  const [sx, sy, sz] = transform?.scale ?? [1, 1, 1];
  const [tx, ty, tz] = transform?.translate ?? [0, 0, 0];
  for (let i = 0; i < vertices.length; i++) {
    const v: unknown = vertices[i];
    if (
      !Array.isArray(v) ||
      typeof v[0] !== 'number' ||
      typeof v[1] !== 'number' ||
      typeof v[2] !== 'number'
    )
      throw new CityJsonFormatError(`${where}vertex ${i} is not [x, y, z]`);
    out.push(v[0] * sx + tx, v[1] * sy + ty, v[2] * sz + tz);
  }
  return vertices.length;
}

function addObjects(
  objects: Map<string, CityObject>,
  cityObjects: unknown,
  vertexBase: number,
  vertexCount: number,
  where: string,
): void {
  if (!isObject(cityObjects))
    throw new CityJsonFormatError(`${where}"CityObjects" is not an object`);
  for (const [id, value] of Object.entries(cityObjects)) {
    if (!isObject(value) || typeof value.type !== 'string')
      throw new CityJsonFormatError(`${where}CityObject "${id}" has no "type"`);
    if (value.geometry !== undefined && !Array.isArray(value.geometry))
      throw new CityJsonFormatError(`${where}CityObject "${id}": "geometry" is not an array`);
    const geometry = (value.geometry ?? []) as unknown[];
    for (const g of geometry)
      if (!isObject(g) || typeof g.type !== 'string' || !('boundaries' in g))
        throw new CityJsonFormatError(
          `${where}CityObject "${id}": a geometry has no "type" or "boundaries"`,
        );
    objects.set(id, {
      type: value.type,
      attributes: isObject(value.attributes) ? value.attributes : undefined,
      geometry: geometry as CityGeometry[],
      parents: Array.isArray(value.parents) ? value.parents.map(String) : undefined,
      children: Array.isArray(value.children) ? value.children.map(String) : undefined,
      vertexBase,
      vertexCount,
    });
  }
}

function readTemplates(value: unknown): CityModel['templates'] {
  if (!isObject(value)) return undefined;
  const geometries = Array.isArray(value.templates) ? (value.templates as CityGeometry[]) : [];
  const vertices: number[] = [];
  appendVertices(vertices, value['vertices-templates'] ?? [], undefined, 'geometry-templates: ');
  return { geometries, vertices: Float64Array.from(vertices) };
}

function referenceSystemOf(metadata: unknown): string | undefined {
  return isObject(metadata) && typeof metadata.referenceSystem === 'string'
    ? metadata.referenceSystem
    : undefined;
}

function expectType(value: unknown, type: string, where: string): asserts value is Json {
  const actual = isObject(value) ? value.type : undefined;
  if (actual !== type)
    throw new CityJsonFormatError(
      `${where}"type" is ${actual === undefined ? 'missing' : JSON.stringify(actual)}, expected "${type}"`,
    );
}

/** Reads a CityJSONSeq: line 1 a `CityJSON` header, then one `CityJSONFeature` per line. */
function readSequence(lines: string[], header: Json): CityModel {
  const transform = readTransform(header.transform);
  const vertices: number[] = [];
  const objects = new Map<string, CityObject>();
  let vertexBase = appendVertices(vertices, header.vertices ?? [], transform, 'line 1: ');
  addObjects(objects, header.CityObjects ?? {}, 0, vertexBase, 'line 1: ');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? '';
    if (!line) continue;
    const where = `line ${i + 1}: `;
    const feature = parseJson(line, where);
    expectType(feature, 'CityJSONFeature', where);
    const count = appendVertices(vertices, feature.vertices, transform, where);
    addObjects(objects, feature.CityObjects, vertexBase, count, where);
    vertexBase += count;
  }
  return {
    version: String(header.version ?? ''),
    referenceSystem: referenceSystemOf(header.metadata),
    vertices: Float64Array.from(vertices),
    objects,
    templates: readTemplates(header['geometry-templates']),
  };
}

/**
 * Reads a CityJSON document or a CityJSONSeq (detected by its first line being a whole `CityJSON`
 * object followed by more lines).
 * @throws CityJsonFormatError saying what is wrong and where (line numbers for sequences).
 */
export function readCityModel(text: string): CityModel {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const lines = text.split('\n');
    let header: unknown;
    try {
      header = lines.length > 1 ? JSON.parse(lines[0] ?? '') : undefined;
    } catch {
      header = undefined;
    }
    if (isObject(header)) {
      expectType(header, 'CityJSON', 'line 1: ');
      return readSequence(lines, header);
    }
    throw new CityJsonFormatError(
      `not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  expectType(document, 'CityJSON', '');
  const transform = readTransform(document.transform);
  const vertices: number[] = [];
  const count = appendVertices(vertices, document.vertices, transform, '');
  const objects = new Map<string, CityObject>();
  addObjects(objects, document.CityObjects, 0, count, '');
  return {
    version: String(document.version ?? ''),
    referenceSystem: referenceSystemOf(document.metadata),
    vertices: Float64Array.from(vertices),
    objects,
    templates: readTemplates(document['geometry-templates']),
  };
}
