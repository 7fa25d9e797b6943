import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { lonLatToRd } from '../../core/raster/crs.js';
import { valueAtBilinear, type Grid } from '../../core/raster/grid.js';

/**
 * Puts deck.gl GeoJSON layers on MapLibre's terrain. deck.gl's `_TerrainExtension` only follows a
 * terrain that deck.gl draws itself, so the features get 3D coordinates instead: polygons (and so
 * extrusions: `getElevation` stays the height above ground) sit at the lowest DTM height under their
 * vertices, so none floats; lines and points follow the DTM at each vertex. Heights are multiplied by
 * the exaggeration, as MapLibre does with the terrain.
 */
export function liftLayers(layers: Layer[], grid: Grid, exaggeration: number): Layer[] {
  return layers.map((layer) => {
    const data: unknown = layer.props.data;
    if (!(layer instanceof GeoJsonLayer) || !isFeatureCollection(data)) return layer;
    return layer.clone({ data: liftedData(data, grid, exaggeration) });
  });
}

const cache = new WeakMap<
  FeatureCollection,
  { grid: Grid; exaggeration: number; data: FeatureCollection }
>();

function liftedData(data: FeatureCollection, grid: Grid, exaggeration: number): FeatureCollection {
  const hit = cache.get(data);
  if (hit && hit.grid === grid && hit.exaggeration === exaggeration) return hit.data;
  const groundAt = ([lon = 0, lat = 0]: Position) =>
    (valueAtBilinear(grid, ...lonLatToRd(lon, lat)) ?? 0) * exaggeration;
  const lifted: FeatureCollection = {
    ...data,
    features: data.features.map((f: Feature) =>
      f.geometry ? { ...f, geometry: liftGeometry(f.geometry, groundAt) } : f,
    ),
  };
  cache.set(data, { grid, exaggeration, data: lifted });
  return lifted;
}

/** The geometry with a z on every position (constant per polygon, per vertex for lines and points). */
function liftGeometry(geometry: Geometry, groundAt: (p: Position) => number): Geometry {
  const at = (p: Position, z: number): Position => [p[0] ?? 0, p[1] ?? 0, z];
  const each = (p: Position) => at(p, groundAt(p));
  const flat = (rings: Position[][]) => {
    const z = Math.min(...rings.flatMap((ring) => ring.map(groundAt)));
    return rings.map((ring) => ring.map((p) => at(p, z)));
  };
  switch (geometry.type) {
    case 'Point':
      return { ...geometry, coordinates: each(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { ...geometry, coordinates: geometry.coordinates.map(each) };
    case 'MultiLineString':
      return { ...geometry, coordinates: geometry.coordinates.map((l) => l.map(each)) };
    case 'Polygon':
      return { ...geometry, coordinates: flat(geometry.coordinates) };
    case 'MultiPolygon':
      return { ...geometry, coordinates: geometry.coordinates.map(flat) };
    case 'GeometryCollection':
      return { ...geometry, geometries: geometry.geometries.map((g) => liftGeometry(g, groundAt)) };
  }
}

function isFeatureCollection(data: unknown): data is FeatureCollection {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === 'FeatureCollection'
  );
}
