/**
 * The height at a point of the twin: the value of every elevation raster (a `<dt-data-source
 * type="geotiff">`: AHN DTM, DSM) at the point, interpolated between cell centres, and the building
 * whose footprint holds the point, with its height above the ground from its attributes.
 */
import type { Feature, Position } from 'geojson';
import { transformer } from '../../core/raster/crs.js';
import { valueAtBilinear, type Grid } from '../../core/raster/grid.js';
import { toNumber } from '../../core/style/color-scale.js';
import { buildingHeights } from '../../core/sim/model-grids.js';
import type { TwinController } from '../base/twin-controller.js';
import type { PointHeight } from './measure-geometry.js';

/** Roof attributes of the shipped Delft data and 3DBAG, in metres NAP. */
const ROOF_PROPERTIES = ['ahn3_h_dak_70p', 'b3_h_dak_70p'];

function insideRing(ring: readonly Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether a Polygon or MultiPolygon feature holds (lon, lat) (outer ring, not in a hole). */
function holds(feature: Feature, lon: number, lat: number): boolean {
  const g = feature.geometry;
  const polygons =
    g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : [];
  return polygons.some(
    ([outer, ...holes]) =>
      !!outer && insideRing(outer, lon, lat) && !holes.some((h) => insideRing(h, lon, lat)),
  );
}

/** The value of a grid at WGS 84 (lon, lat), or undefined outside it or where it has no data. */
function sample(grid: Grid, lon: number, lat: number): number | undefined {
  try {
    const [x, y] = transformer('EPSG:4326', grid.crs)(lon, lat);
    return valueAtBilinear(grid, x, y);
  } catch {
    return undefined; // a CRS proj4 does not know: this raster cannot say
  }
}

/**
 * The height at (lon, lat): every elevation raster of the twin (sources with a `value` band; a
 * scenario's result bands are not elevations) and the building there. `preferred` names the raster
 * whose value differences use (default: the first with a value).
 */
export function heightAt(
  twin: TwinController,
  lon: number,
  lat: number,
  preferred?: string | null,
): PointHeight {
  const rasters: PointHeight['rasters'] = [];
  let building: PointHeight['building'];
  for (const source of twin.sources) {
    const grid = source.bands['value'];
    if (grid) {
      const value = sample(grid, lon, lat);
      if (value !== undefined) rasters.push({ sourceId: source.id, heightM: value });
      continue;
    }
    if (building) continue;
    const features = source.data?.features ?? [];
    const index = features.findIndex((f, i) => {
      const box = source.featureBBoxes[i];
      if (box && (lon < box[0] || lat < box[1] || lon > box[2] || lat > box[3])) return false;
      const p = f.properties ?? {};
      return ROOF_PROPERTIES.some((k) => p[k] !== undefined) && holds(f, lon, lat);
    });
    const feature = features[index];
    if (!feature) continue;
    const heightM = buildingHeights([feature])[0];
    if (heightM === undefined || Number.isNaN(heightM)) continue;
    const p = feature.properties ?? {};
    const roofM = toNumber(p['ahn3_h_dak_70p'] ?? p['b3_h_dak_70p']);
    building = { sourceId: source.id, index, heightM, roofM };
  }
  const chosen = rasters.find((r) => r.sourceId === preferred) ?? rasters[0];
  return {
    rasters,
    ...(building ? { building } : {}),
    heightM: chosen?.heightM ?? building?.roofM,
  };
}
