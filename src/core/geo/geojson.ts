import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

/** Thrown by {@link toFeatureCollection}: the input is JSON but not GeoJSON. */
export class GeoJsonError extends Error {
  override readonly name = 'GeoJsonError';
}

/** Bounding box in the data's CRS: [minX, minY, maxX, maxY]. */
export type BBox = [number, number, number, number];

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  return typeof value;
}

function checkGeometry(geometry: unknown, where: string): void {
  if (geometry === null) return; // RFC 7946 3.2: an unlocated feature is allowed
  if (typeof geometry !== 'object')
    throw new GeoJsonError(`${where}: geometry is ${describe(geometry)}`);
  const type = (geometry as { type?: unknown }).type;
  if (typeof type !== 'string' || !GEOMETRY_TYPES.has(type)) {
    throw new GeoJsonError(
      `${where}: geometry "type" is ${describe(type)}, not a GeoJSON geometry type`,
    );
  }
  if (type === 'GeometryCollection') {
    const members = (geometry as { geometries?: unknown }).geometries;
    if (!Array.isArray(members))
      throw new GeoJsonError(`${where}: GeometryCollection has no "geometries" array`);
    members.forEach((member, i) => checkGeometry(member, `${where}, geometry ${i}`));
  } else if (!Array.isArray((geometry as { coordinates?: unknown }).coordinates)) {
    throw new GeoJsonError(`${where}: ${type} has no "coordinates" array`);
  }
}

function checkFeature(feature: unknown, where: string): Feature {
  if (typeof feature !== 'object' || feature === null)
    throw new GeoJsonError(`${where} is ${describe(feature)}`);
  const f = feature as { type?: unknown; geometry?: unknown; properties?: unknown };
  if (f.type !== 'Feature')
    throw new GeoJsonError(`${where}: "type" is ${describe(f.type)}, expected "Feature"`);
  if (!('geometry' in f)) throw new GeoJsonError(`${where} has no "geometry" member`);
  checkGeometry(f.geometry, where);
  if (f.properties !== undefined && f.properties !== null && typeof f.properties !== 'object') {
    throw new GeoJsonError(`${where}: "properties" is ${describe(f.properties)}`);
  }
  return feature as Feature;
}

/**
 * Checks parsed JSON against the GeoJSON structure (RFC 7946) and returns it as a FeatureCollection:
 * a lone Feature or Geometry is wrapped. Every feature gets a `properties` object.
 * @throws GeoJsonError naming the first member that is wrong ("feature 12: geometry type is ...").
 */
export function toFeatureCollection(json: unknown): FeatureCollection {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new GeoJsonError(`the document is ${describe(json)}, not a GeoJSON object`);
  }
  const type = (json as { type?: unknown }).type;
  let features: Feature[];
  if (type === 'FeatureCollection') {
    const list = (json as { features?: unknown }).features;
    if (!Array.isArray(list)) throw new GeoJsonError('FeatureCollection has no "features" array');
    features = list.map((f, i) => checkFeature(f, `feature ${i}`));
  } else if (type === 'Feature') {
    features = [checkFeature(json, 'the feature')];
  } else if (typeof type === 'string' && GEOMETRY_TYPES.has(type)) {
    checkGeometry(json, 'the geometry');
    features = [{ type: 'Feature', geometry: json as Geometry, properties: {} }];
  } else {
    throw new GeoJsonError(`"type" is ${describe(type)}, not a GeoJSON type`);
  }
  for (const f of features) f.properties ??= {};
  return { type: 'FeatureCollection', features };
}

function visitPositions(geometry: Geometry | null, visit: (p: Position) => void): void {
  if (!geometry) return;
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries) visitPositions(g, visit);
    return;
  }
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') visit(c as Position);
    else if (Array.isArray(c)) for (const child of c) walk(child);
  };
  walk(geometry.coordinates);
}

/** The bounding box of one geometry, or undefined when it has no positions. */
export function geometryBBox(geometry: Geometry | null): BBox | undefined {
  let box: BBox | undefined;
  visitPositions(geometry, ([x = NaN, y = NaN]) => {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    if (!box) box = [x, y, x, y];
    else {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  });
  return box;
}

/** The union of several boxes. */
export function unionBBox(boxes: Iterable<BBox | undefined>): BBox | undefined {
  let out: BBox | undefined;
  for (const b of boxes) {
    if (!b) continue;
    out = out
      ? [
          Math.min(out[0], b[0]),
          Math.min(out[1], b[1]),
          Math.max(out[2], b[2]),
          Math.max(out[3], b[3]),
        ]
      : [...b];
  }
  return out;
}

/** Whether two boxes overlap (touching counts). */
export function intersects(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}
