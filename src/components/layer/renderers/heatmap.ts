/**
 * `<dt-layer type="heatmap">`: the density of a source's features as a heatmap (deck.gl's
 * HeatmapLayer, loaded on first use from @deck.gl/aggregation-layers). Points count where they are;
 * lines and polygons count at their centroid.
 *
 * Attributes: `weight-by` (a numeric property: each feature counts that much, missing or negative
 * as 0; default: every feature counts 1), `radius` (pixels, default 30 for heatmaps), `ramp`
 * (`viridis` default, or `cividis`) and `opacity`.
 */
import type { Layer } from '@deck.gl/core';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { toNumber, type Legend } from '../../../core/style/color-scale.js';
import { interpolateStops, toHex, type RGBA } from '../../../core/style/color.js';
import { RAMPS } from '../../../core/style/ramps.js';
import type { DtLayer } from '../dt-layer.js';
import type { LayerRenderer } from '../layer-renderers.js';
import { lazyModule } from './lazy-module.js';

/** One weighted position of the heatmap. */
export interface HeatPoint {
  /** Longitude, latitude (WGS 84 degrees). */
  position: [number, number];
  /** How much it counts (0 or more). */
  weight: number;
}

/** The heatmap radius in pixels when the layer has no `radius` attribute. */
const DEFAULT_RADIUS_PX = 30;
/** Colours of the heatmap ramp, from sparse to dense. */
const RAMP_STEPS = 6;

const aggregationLayers = lazyModule(() => import('@deck.gl/aggregation-layers'));

/** Area-weighted centroid of a ring (shoelace); the mean vertex when its area is 0. */
function ringCentroid(ring: Position[]): { x: number; y: number; area: number } {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0 = 0, y0 = 0] = ring[j] as Position;
    const [x1 = 0, y1 = 0] = ring[i] as Position;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (Math.abs(area) < 1e-18) {
    const n = ring.length || 1;
    const sum = ring.reduce(([sx, sy], [x = 0, y = 0]) => [sx + x, sy + y], [0, 0]);
    return { x: (sum[0] ?? 0) / n, y: (sum[1] ?? 0) / n, area: 0 };
  }
  return { x: cx / (3 * area), y: cy / (3 * area), area: Math.abs(area / 2) };
}

/** The positions a geometry counts at: its points, or one centroid for lines and areas. */
export function heatPositions(geometry: Geometry | null): [number, number][] {
  if (!geometry) return [];
  switch (geometry.type) {
    case 'Point':
      return [[geometry.coordinates[0] ?? 0, geometry.coordinates[1] ?? 0]];
    case 'MultiPoint':
      return geometry.coordinates.map(([x = 0, y = 0]) => [x, y]);
    case 'LineString': {
      const { x, y } = ringCentroid(geometry.coordinates);
      return [[x, y]];
    }
    case 'Polygon':
    case 'MultiPolygon': {
      const rings =
        geometry.type === 'Polygon'
          ? [geometry.coordinates[0] ?? []]
          : geometry.coordinates.map((polygon) => polygon[0] ?? []);
      // The outer rings' centroids, weighted by their areas.
      let [sx, sy, total] = [0, 0, 0];
      for (const ring of rings) {
        const { x, y, area } = ringCentroid(ring);
        const w = area > 0 ? area : 1e-12;
        sx += x * w;
        sy += y * w;
        total += w;
      }
      return total > 0 ? [[sx / total, sy / total]] : [];
    }
    case 'MultiLineString':
    case 'GeometryCollection': {
      const parts =
        geometry.type === 'MultiLineString'
          ? geometry.coordinates.map((c): Geometry => ({ type: 'LineString', coordinates: c }))
          : geometry.geometries;
      const all = parts.flatMap(heatPositions);
      if (all.length === 0) return [];
      const [sx, sy] = all.reduce(([ax, ay], [x, y]) => [ax + x, ay + y], [0, 0]);
      return [[sx / all.length, sy / all.length]];
    }
  }
}

const pointsCache = new WeakMap<FeatureCollection, Map<string, HeatPoint[]>>();

/** The heat points of a collection, weighted by `weightBy` (1 each without it); cached per data. */
export function heatPoints(data: FeatureCollection, weightBy: string | null): HeatPoint[] {
  let byWeight = pointsCache.get(data);
  if (!byWeight) pointsCache.set(data, (byWeight = new Map()));
  const key = weightBy ?? '';
  let points = byWeight.get(key);
  if (!points) {
    points = data.features.flatMap((feature) => {
      const weight = weightBy ? Math.max(0, toNumber(feature.properties?.[weightBy]) ?? 0) : 1;
      return heatPositions(feature.geometry).map((position) => ({ position, weight }));
    });
    byWeight.set(key, points);
  }
  return points;
}

/** The heatmap's colours, sparse to dense, from the layer's ramp (viridis unless `cividis`). */
function heatColors(layer: DtLayer): RGBA[] {
  const stops = layer.ramp === 'cividis' ? RAMPS.cividis : RAMPS.viridis;
  return Array.from({ length: RAMP_STEPS }, (_, k) =>
    interpolateStops(stops, k / (RAMP_STEPS - 1)),
  );
}

const heatmap: LayerRenderer = {
  render(layer) {
    const data = layer.sourceElement?.data;
    if (!data) return [];
    const module = aggregationLayers(() => layer.requestRedraw());
    if (!module) return [];
    const weightBy = layer.getAttribute('weight-by');
    const radius = layer.hasAttribute('radius') ? layer.radius : DEFAULT_RADIUS_PX;
    return [
      new module.HeatmapLayer<HeatPoint>({
        id: layer.layerId,
        data: heatPoints(data, weightBy),
        getPosition: (p) => p.position,
        getWeight: (p) => p.weight,
        radiusPixels: radius,
        colorRange: heatColors(layer).map(([r, g, b]) => [r, g, b] as [number, number, number]),
        visible: layer.visible,
        opacity: layer.opacity,
        pickable: false,
        updateTriggers: { getWeight: [weightBy] },
      }) as unknown as Layer,
    ];
  },
  legend(layer): Legend {
    const weightBy = layer.getAttribute('weight-by');
    const colors = heatColors(layer);
    return {
      property: weightBy
        ? layer.t('heatmap.legendWeighted', { property: weightBy })
        : layer.t('heatmap.legend'),
      mode: 'categorical',
      entries: [
        { value: layer.t('heatmap.low'), color: toHex(colors[0] ?? [0, 0, 0, 255]) },
        { value: layer.t('heatmap.high'), color: toHex(colors[RAMP_STEPS - 1] ?? [0, 0, 0, 255]) },
      ],
    };
  },
};

/** Renderers of this file, by payload kind or layer type: type `heatmap` (point density). */
export const heatmapRenderers: Record<string, LayerRenderer> = { heatmap };
