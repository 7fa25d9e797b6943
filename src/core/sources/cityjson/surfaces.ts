/**
 * The polygon faces of a CityJSON geometry, whatever its type: MultiSurface and CompositeSurface
 * (surfaces), Solid (shells of surfaces), MultiSolid and CompositeSolid (solids of shells), and
 * GeometryInstance (a template's faces, placed by its matrix). Checks every vertex index. DOM-free.
 */
import { CityJsonFormatError, type CityGeometry, type CityModel } from './city-model.js';

/** A face: rings (outer first, then holes) of vertex indices into a {@link VertexStore}. */
export type Face = number[][];

/**
 * The vertices faces index: the model's own, then those made for geometry instances (a template's
 * vertices transformed and placed), appended as instances are read.
 */
export class VertexStore {
  readonly #model: Float64Array;
  readonly #extra: number[] = [];

  constructor(model: Float64Array) {
    this.#model = model;
  }

  /** How many vertices there are now. */
  get count(): number {
    return (this.#model.length + this.#extra.length) / 3;
  }

  /** x, y or z (`axis` 0, 1, 2) of vertex `index`. */
  coordinate(index: number, axis: number): number {
    const i = index * 3 + axis;
    return (i < this.#model.length ? this.#model[i] : this.#extra[i - this.#model.length]) ?? NaN;
  }

  /** Appends a vertex; returns its index. */
  add(x: number, y: number, z: number): number {
    this.#extra.push(x, y, z);
    return this.count - 1;
  }
}

/** How deep the surfaces sit in `boundaries` for each geometry type (0: not a surface type). */
const SURFACE_DEPTH: Record<string, number> = {
  MultiSurface: 1,
  CompositeSurface: 1,
  Solid: 2,
  MultiSolid: 3,
  CompositeSolid: 3,
};

/** Where a face's indices are checked against, for error messages. */
interface IndexRange {
  objectId: string;
  base: number;
  count: number;
}

function readRing(ring: unknown, range: IndexRange): number[] {
  if (!Array.isArray(ring))
    throw new CityJsonFormatError(`CityObject "${range.objectId}": a ring is not an array`);
  const out = new Array<number>(ring.length);
  for (let i = 0; i < ring.length; i++) {
    const index: unknown = ring[i];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= range.count)
      throw new CityJsonFormatError(
        `CityObject "${range.objectId}": vertex index ${JSON.stringify(index)} out of range ` +
          `(${range.count} vertices)`,
      );
    out[i] = index + range.base;
  }
  // A ring does not repeat its first vertex in CityJSON; drop it if a writer did.
  if (out.length > 3 && out[0] === out[out.length - 1]) out.pop();
  return out;
}

function collectFaces(node: unknown, depth: number, range: IndexRange, out: Face[]): void {
  if (!Array.isArray(node))
    throw new CityJsonFormatError(`CityObject "${range.objectId}": boundaries are not arrays`);
  if (depth === 0) {
    out.push(node.map((ring) => readRing(ring, range)));
    return;
  }
  for (const child of node) collectFaces(child, depth - 1, range, out);
}

/** A row-major 4x4 matrix applied to a point. */
function applyMatrix(m: number[], x: number, y: number, z: number): [number, number, number] {
  const at = (i: number): number => m[i] ?? 0;
  return [
    at(0) * x + at(1) * y + at(2) * z + at(3),
    at(4) * x + at(5) * y + at(6) * z + at(7),
    at(8) * x + at(9) * y + at(10) * z + at(11),
  ];
}

/**
 * The faces of one geometry of CityObject `objectId` (vertex range `base`, `count`), with indices
 * into `store`. Point and line geometries have none.
 * @throws CityJsonFormatError on malformed boundaries or a vertex index out of range.
 */
export function facesOf(
  geometry: CityGeometry,
  objectId: string,
  object: { vertexBase: number; vertexCount: number },
  model: CityModel,
  store: VertexStore,
): Face[] {
  const range = { objectId, base: object.vertexBase, count: object.vertexCount };
  const faces: Face[] = [];
  if (geometry.type === 'GeometryInstance') {
    const template = model.templates?.geometries[geometry.template ?? -1];
    const templateVertices = model.templates?.vertices;
    const depth = template ? SURFACE_DEPTH[template.type] : undefined;
    if (!template || !templateVertices || !depth)
      throw new CityJsonFormatError(
        `CityObject "${objectId}": GeometryInstance of a missing template ${String(geometry.template)}`,
      );
    const [anchor] = readRing(geometry.boundaries, range);
    const matrix = geometry.transformationMatrix ?? [
      1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1,
    ];
    const templateFaces: Face[] = [];
    const templateCount = templateVertices.length / 3;
    collectFaces(
      template.boundaries,
      depth,
      { objectId, base: 0, count: templateCount },
      templateFaces,
    );
    const placed = new Map<number, number>();
    const place = (t: number): number => {
      let index = placed.get(t);
      if (index === undefined) {
        const [x, y, z] = applyMatrix(
          matrix,
          templateVertices[t * 3] ?? 0,
          templateVertices[t * 3 + 1] ?? 0,
          templateVertices[t * 3 + 2] ?? 0,
        );
        const a = anchor ?? 0;
        index = store.add(
          x + store.coordinate(a, 0),
          y + store.coordinate(a, 1),
          z + store.coordinate(a, 2),
        );
        placed.set(t, index);
      }
      return index;
    };
    for (const face of templateFaces) faces.push(face.map((ring) => ring.map(place)));
    return faces;
  }
  const depth = SURFACE_DEPTH[geometry.type];
  if (depth) collectFaces(geometry.boundaries, depth, range, faces);
  return faces;
}
