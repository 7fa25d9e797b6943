/**
 * Neighbourhoods for per-area statistics (the "30" of the 3-30-300 rule): polygons a user gives
 * inline as GeoJSON in WGS 84 (a Polygon, a MultiPolygon, a Feature or a FeatureCollection of them),
 * burned into the analysis grid as a zone index per cell. Without polygons the whole grid is one zone.
 */
import type { Feature, Geometry } from 'geojson';
import { rasterizeFeatures, type GridSpec } from '../../core/raster/rasterize.js';
import { invalidParameter, parseJsonParameter } from './scenario-kinds.js';

/** The neighbourhoods of a run on the analysis grid. */
export interface NeighbourhoodZones {
  /** Zone index per cell (-1: in no neighbourhood); undefined: the whole grid is zone 0. */
  zones: Int32Array | undefined;
  /** Names by zone index: the feature's `name` (or `naam`, or its id), else "1", "2", ... */
  names: string[];
}

function isPolygonal(geometry: Geometry | null | undefined): boolean {
  return geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon';
}

/** Whether every coordinate of a geometry is a finite number, with at least one of them. */
function finiteCoordinates(geometry: Geometry): boolean {
  const flat = JSON.stringify('coordinates' in geometry ? geometry.coordinates : null);
  const numbers = flat.match(/-?[\d.eE+-]+|null/g) ?? [];
  return numbers.length > 0 && numbers.every((v) => Number.isFinite(Number(v)));
}

/** The features of a parsed GeoJSON value, or a reason why it has none. */
function featuresOf(value: unknown): Feature[] | string {
  const object = value as { type?: unknown; features?: unknown } | null;
  if (!object || typeof object !== 'object') return 'not a GeoJSON object';
  if (object.type === 'FeatureCollection')
    return Array.isArray(object.features) ? (object.features as Feature[]) : 'no features array';
  if (object.type === 'Feature') return [object as Feature];
  if (object.type === 'Polygon' || object.type === 'MultiPolygon')
    return [{ type: 'Feature', geometry: object as Geometry, properties: {} }];
  return `type "${String(object.type)}" is not a Polygon, MultiPolygon, Feature or FeatureCollection`;
}

/**
 * The neighbourhood zones from the JSON text of an attribute (undefined or empty: the whole grid).
 * @throws DtSourceError `invalid-parameter` naming the attribute when the text is not JSON, not
 *   polygons in WGS 84 with finite coordinates, or a polygon covers no cell of the grid.
 */
export function neighbourhoodZones(
  scenarioId: string,
  attribute: string,
  text: string | undefined,
  spec: GridSpec,
): NeighbourhoodZones {
  if (text === undefined || text.trim() === '') return { zones: undefined, names: ['1'] };
  const features = featuresOf(parseJsonParameter(scenarioId, attribute, text));
  if (typeof features === 'string') throw invalidParameter(scenarioId, `${attribute}: ${features}`);
  if (features.length === 0)
    throw invalidParameter(scenarioId, `${attribute}: the collection has no features`);
  features.forEach((feature, n) => {
    const geometry = (feature as Partial<Feature> | null)?.geometry;
    if (!geometry || !isPolygonal(geometry))
      throw invalidParameter(
        scenarioId,
        `${attribute}: feature ${n + 1} is not a Polygon or MultiPolygon`,
      );
    if (!finiteCoordinates(geometry))
      throw invalidParameter(
        scenarioId,
        `${attribute}: feature ${n + 1} has coordinates that are not finite numbers`,
      );
  });
  const zones = rasterizeFeatures(features, spec);
  const cells = new Array<number>(features.length).fill(0);
  for (const z of zones) if (z >= 0) cells[z] = (cells[z] as number) + 1;
  const empty = cells.findIndex((c) => c === 0);
  if (empty >= 0)
    throw invalidParameter(
      scenarioId,
      `${attribute}: neighbourhood ${empty + 1} covers no cell of the analysis area (give WGS 84 lon/lat inside it)`,
    );
  const names = features.map((feature, n) => {
    const p = feature.properties ?? {};
    const name = p['name'] ?? p['naam'] ?? feature.id;
    return name === undefined || name === null ? String(n + 1) : String(name);
  });
  return { zones, names };
}
