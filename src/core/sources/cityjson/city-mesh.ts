/**
 * Turns a {@link CityModel} into one triangle mesh for the whole file (WGS 84 positions, flat normals
 * in east-north-up metres, a feature index per vertex) and one GeoJSON feature per drawn CityObject
 * (parts drawn with their parent). DOM-free; runs in a worker.
 */
import type { Feature, Point } from 'geojson';
import type { CityModel, CityObject } from './city-model.js';
import { footprintOf } from './footprint.js';
import { facesOf, VertexStore, type Face } from './surfaces.js';
import { triangulateFace, type Earcut } from './triangulate.js';

/** What to draw and how to reproject it. */
export interface CityMeshOptions {
  /** Draw this LoD ("1", "1.2", "2.2", ...); default: each object's highest (LoD 0 only when nothing else). */
  lod?: string;
  /** The CityObject types that become features (default `Building`); their children draw with them. */
  objectTypes?: readonly string[];
  /** Converts x/y in the file's CRS to WGS 84 longitude/latitude (degrees). */
  toLonLat: (x: number, y: number) => [number, number];
  /** The earcut function (loaded by the caller). */
  earcut: Earcut;
  /** Called every few features (progress, cancellation). */
  step?: (featuresDone: number, features: number) => Promise<void>;
}

/** The mesh of a file and its features. */
export interface CityMesh {
  /** Longitude, latitude (degrees, WGS 84) and height (metres, the file's vertical datum) per vertex. */
  positions: Float64Array;
  /** Unit normal (east, north, up) per vertex: flat, the face's own. */
  normals: Float32Array;
  /** Index into {@link CityMesh.features} per vertex. */
  featureIndex: Uint32Array;
  /** Feature i's vertices are `featureStarts[i]` to `featureStarts[i + 1]` (one more than features). */
  featureStarts: Uint32Array;
  /** One feature per drawn CityObject: id, attributes plus `type` and `cityobject_id`, WGS 84 footprint or point. */
  features: Feature[];
  /** The LoD drawn for each feature ("" when it has no geometry to draw). */
  lods: string[];
}

/** A growable typed array. */
class Growable<T extends Float64Array | Float32Array | Uint32Array> {
  length = 0;
  constructor(
    public array: T,
    private readonly make: (size: number) => T,
  ) {}
  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.array.length) {
      const bigger = this.make(Math.max(1024, this.array.length * 2));
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = a;
    this.array[this.length++] = b;
    this.array[this.length++] = c;
  }
  result(): T {
    return this.array.slice(0, this.length) as T;
  }
}

const lodNumber = (lod: string | number | undefined): number => Number(lod ?? NaN);

/** Objects drawn with `id`: itself and its descendants (children, or objects naming it a parent). */
function groupOf(id: string, childrenOf: Map<string, string[]>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (next: string): void => {
    if (seen.has(next)) return;
    seen.add(next);
    out.push(next);
    for (const child of childrenOf.get(next) ?? []) visit(child);
  };
  visit(id);
  return out;
}

function childrenMap(model: CityModel): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const link = (parent: string, child: string): void => {
    const list = map.get(parent) ?? [];
    if (!list.includes(child)) list.push(child);
    map.set(parent, list);
  };
  for (const [id, object] of model.objects) {
    for (const child of object.children ?? []) if (model.objects.has(child)) link(id, child);
    for (const parent of object.parents ?? []) if (model.objects.has(parent)) link(parent, id);
  }
  return map;
}

/** Whether an ancestor of `object` is of a selected type (then it draws as part of that one). */
function hasSelectedAncestor(object: CityObject, model: CityModel, types: Set<string>): boolean {
  const seen = new Set<string>();
  const stack = [...(object.parents ?? [])];
  while (stack.length) {
    const id = stack.pop() ?? '';
    if (seen.has(id)) continue;
    seen.add(id);
    const parent = model.objects.get(id);
    if (!parent) continue;
    if (types.has(parent.type)) return true;
    stack.push(...(parent.parents ?? []));
  }
  return false;
}

/**
 * Builds the mesh and features.
 * @throws CityJsonFormatError on malformed geometry (a vertex index out of range, ...).
 */
export async function buildCityMesh(model: CityModel, options: CityMeshOptions): Promise<CityMesh> {
  const types = new Set(options.objectTypes ?? ['Building']);
  const wantedLod = options.lod === undefined ? undefined : lodNumber(options.lod);
  const childrenOf = childrenMap(model);
  const store = new VertexStore(model.vertices);
  const featureIds = [...model.objects].filter(
    ([, object]) => types.has(object.type) && !hasSelectedAncestor(object, model, types),
  );

  // Vertices in WGS 84 and in a local east-north-up frame (metres), computed once each, on first use.
  const lonLat = new Map<number, [number, number]>();
  const lonLatOf = (index: number): [number, number] => {
    let value = lonLat.get(index);
    if (!value) {
      value = options.toLonLat(store.coordinate(index, 0), store.coordinate(index, 1));
      lonLat.set(index, value);
    }
    return value;
  };
  const [lon0, lat0] = model.vertices.length ? lonLatOf(0) : [0, 0];
  const phi = (lat0 * Math.PI) / 180;
  const metresPerDegreeLat = 111132.92 - 559.82 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
  const metresPerDegreeLon = 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi);

  const positions = new Growable(new Float64Array(0), (n) => new Float64Array(n));
  const normals = new Growable(new Float32Array(0), (n) => new Float32Array(n));
  const featureIndex: number[] = [];
  const featureStarts: number[] = [];
  const features: Feature[] = [];
  const lods: string[] = [];

  for (let f = 0; f < featureIds.length; f++) {
    const [id, object] = featureIds[f] as [string, CityObject];
    const firstVertex = positions.length / 3;
    const featureNumber = features.length;
    const group = groupOf(id, childrenOf);
    // The geometries to draw: the wanted LoD, or each object's highest; LoD 0 (footprints) only
    // when the feature draws nothing higher.
    const drawn: { lod: number; faces: Face[] }[] = [];
    const footprints: Face[] = [];
    for (const memberId of group) {
      const member = model.objects.get(memberId);
      if (!member) continue;
      const geometries = member.geometry ?? [];
      const lodsOf = geometries.map((g) => lodNumber(g.lod));
      const pick =
        wantedLod === undefined
          ? Math.max(...lodsOf.filter((l) => !Number.isNaN(l)), -Infinity)
          : wantedLod;
      geometries.forEach((geometry, i) => {
        const lod = lodsOf[i] ?? NaN;
        if (lod === 0) footprints.push(...facesOf(geometry, memberId, member, model, store));
        if (Math.abs(lod - pick) < 1e-9)
          drawn.push({
            lod,
            faces: lod === 0 ? [] : facesOf(geometry, memberId, member, model, store),
          });
      });
    }
    const higher = drawn.filter((d) => d.lod > 0);
    const toDraw = higher.length ? higher : drawn.length ? [{ lod: 0, faces: footprints }] : [];
    const down: Face[] = [];
    const level: Face[] = [];
    let drawnLod = '';
    for (const { faces, lod } of toDraw) {
      if (faces.length) drawnLod = String(Math.max(Number(drawnLod || -1), lod));
      for (const face of faces) {
        const ringStarts: number[] = [];
        const xyz: number[] = [];
        const indices: number[] = [];
        for (const ring of face) {
          if (ring.length < 3) continue;
          if (indices.length) ringStarts.push(indices.length);
          for (const index of ring) {
            const [lon, lat] = lonLatOf(index);
            xyz.push(
              (lon - lon0) * metresPerDegreeLon,
              (lat - lat0) * metresPerDegreeLat,
              store.coordinate(index, 2),
            );
            indices.push(index);
          }
        }
        const result = triangulateFace(xyz, ringStarts, options.earcut);
        if (!result) continue;
        const [nx, ny, nz] = result.normal;
        if (nz < -0.9) down.push(face);
        else if (nz > 0.9) level.push(face);
        for (const t of result.triangles) {
          const index = indices[t] ?? 0;
          const [lon, lat] = lonLatOf(index);
          positions.push3(lon, lat, store.coordinate(index, 2));
          normals.push3(nx, ny, nz);
          featureIndex.push(featureNumber);
        }
      }
    }
    const footprintFaces = footprints.length ? footprints : down.length ? down : level;
    const geometry =
      footprintOf(footprintFaces, lonLatOf) ??
      meanPoint(positions.array, firstVertex, positions.length / 3);
    // An object with no geometry at all is left out: it has nothing to draw, select or locate.
    if (geometry) {
      featureStarts.push(firstVertex);
      lods.push(drawnLod);
      features.push({
        type: 'Feature',
        id,
        properties: { ...object.attributes, type: object.type, cityobject_id: id },
        geometry,
      });
    }
    if (options.step && (f + 1) % 50 === 0) await options.step(f + 1, featureIds.length);
  }
  featureStarts.push(positions.length / 3);
  return {
    positions: positions.result(),
    normals: normals.result(),
    featureIndex: Uint32Array.from(featureIndex),
    featureStarts: Uint32Array.from(featureStarts),
    features,
    lods,
  };
}

/** The mean longitude/latitude of vertices `from` to `to` (exclusive), or null when there are none. */
function meanPoint(positions: Float64Array, from: number, to: number): Point | null {
  if (to <= from) return null;
  let lon = 0;
  let lat = 0;
  for (let v = from; v < to; v++) {
    lon += positions[v * 3] ?? 0;
    lat += positions[v * 3 + 1] ?? 0;
  }
  return { type: 'Point', coordinates: [lon / (to - from), lat / (to - from)] };
}
