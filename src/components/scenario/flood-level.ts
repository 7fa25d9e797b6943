/**
 * `<dt-scenario type="flood" mode="level">`: the connected-bathtub model (MODELS.md 1a). The
 * Priority-Flood precompute runs once in a worker per DEM, sources and connectivity; each water level
 * is then one threshold pass on the main thread, so a slider updates the map at interactive speed.
 */
import { rasterizeFeatures } from '../../core/raster/rasterize.js';
import { toPixel, type Grid } from '../../core/raster/grid.js';
import { edgeSources, floodDepthAt, pointSources, quantiseDem } from '../../core/sim/bathtub.js';
import { floodedBuildings } from '../../core/sim/flooded-buildings.js';
import { buildingHeights, demValues, gridOf, specOf } from '../../core/sim/model-grids.js';
import type { ScenarioResult, ScenarioStat } from '../../core/sim/scenario-result.js';
import {
  checkNumber,
  invalidParameter,
  parseJsonParameter,
  requireDem,
  type ScenarioRunContext,
} from './scenario-kinds.js';

/** The parameters of the bathtub model, as the element gives them. */
export interface FloodLevelParams {
  /** Water level, metres in the DEM's datum (NAP). */
  waterLevel: number;
  /** Where water comes from: `edge`, `water` (the land cover's water polygons) or `points`. */
  floodFrom: string;
  /** With `flood-from="points"`: `[[x, y], ...]` in the DEM's CRS (JSON). */
  points: string | null;
  /** 8 (default) or 4. */
  connectivity: number;
  /** Depth below which a cell is drawn dry (m). */
  minDepth: number;
}

interface Precompute {
  key: unknown[];
  z: Float32Array;
  levels: Float32Array;
  footprints: Int32Array | undefined;
  sourceCells: number;
}

/** Cells of the land cover's water polygons (`bgt_laag` waterdeel, or class `water`). */
function waterSources(context: ScenarioRunContext, dem: Grid): Uint8Array {
  const water = (context.landcover ?? []).filter((f) => {
    const p = f.properties ?? {};
    return p['bgt_laag'] === 'waterdeel' || p['class'] === 'water';
  });
  if (water.length === 0)
    throw invalidParameter(
      context.scenarioId,
      'flood-from="water" needs water polygons (bgt_laag "waterdeel") in the landcover source',
    );
  const cover = rasterizeFeatures(water, specOf(dem));
  return Uint8Array.from(cover, (f) => (f >= 0 ? 1 : 0));
}

function pointCells(context: ScenarioRunContext, dem: Grid, text: string | null): number[] {
  const id = context.scenarioId;
  const points = parseJsonParameter(id, 'points', text ?? '');
  if (!Array.isArray(points) || points.length === 0)
    throw invalidParameter(id, 'points must be a JSON array of [x, y] in the DEM CRS');
  return points.map((p: unknown, k) => {
    const [x, y] = Array.isArray(p) ? (p as number[]) : [];
    const [col, row] = toPixel(dem, Number(x), Number(y));
    if (!(col >= 0 && row >= 0 && col < dem.width && row < dem.height))
      throw invalidParameter(id, `point ${k} (${String(p)}) lies outside the DEM`);
    return Math.floor(row) * dem.width + Math.floor(col);
  });
}

async function precompute(
  context: ScenarioRunContext,
  dem: Grid,
  params: FloodLevelParams,
): Promise<Precompute> {
  const key = [
    dem,
    context.landcover,
    context.buildings,
    params.floodFrom,
    params.points,
    params.connectivity,
  ];
  const cached = context.cache.get('bathtub') as Precompute | undefined;
  if (cached && cached.key.every((k, i) => k === key[i])) return cached;
  const spec = specOf(dem);
  const z = quantiseDem(demValues(dem));
  // Buildings are walls: water goes around them, and the ring rule says which it reaches.
  const footprints = context.buildings ? rasterizeFeatures(context.buildings, spec) : undefined;
  if (footprints) for (let i = 0; i < z.length; i++) if ((footprints[i] as number) >= 0) z[i] = NaN;
  const sources =
    params.floodFrom === 'water'
      ? waterSources(context, dem)
      : params.floodFrom === 'points'
        ? pointSources(dem.width, dem.height, pointCells(context, dem, params.points))
        : params.floodFrom === 'edge'
          ? edgeSources(dem.width, dem.height)
          : undefined;
  if (!sources)
    throw invalidParameter(
      context.scenarioId,
      `flood-from must be edge, water or points, got "${params.floodFrom}"`,
    );
  const { levels } = await context.workers.request(
    'flood-levels',
    {
      dem: z,
      width: dem.width,
      height: dem.height,
      sources,
      connectivity: params.connectivity === 4 ? 4 : 8,
    },
    { signal: context.signal, onProgress: context.progress },
  );
  let sourceCells = 0;
  for (const s of sources) sourceCells += s;
  const result: Precompute = { key, z, levels, footprints, sourceCells };
  context.cache.set('bathtub', result);
  return result;
}

/** Runs the bathtub model for the element's water level. */
export async function runFloodLevel(context: ScenarioRunContext): Promise<ScenarioResult> {
  const start = performance.now();
  const params = context.params as unknown as FloodLevelParams;
  const id = context.scenarioId;
  const dem = requireDem(context);
  checkNumber(id, 'water-level', params.waterLevel, -1000, 10000);
  if (params.connectivity !== 4 && params.connectivity !== 8)
    throw invalidParameter(id, `connectivity must be 4 or 8, got ${params.connectivity}`);
  const pre = await precompute(context, dem, params);
  const h = params.waterLevel;
  const signed = floodDepthAt(pre.z, pre.levels, h);
  const n = signed.length;
  const depth = new Float32Array(n).fill(NaN);
  const lowLying = new Float32Array(n).fill(NaN);
  const level = new Float32Array(n);
  const [, dx, , , , dy] = dem.geotransform;
  const cellArea = Math.abs(dx * dy);
  let floodedCells = 0;
  let lowCells = 0;
  let volume = 0;
  let maxDepth = 0;
  for (let i = 0; i < n; i++) {
    const d = signed[i] as number;
    if (d > 0) {
      floodedCells++;
      volume += d;
      if (d > maxDepth) maxDepth = d;
      if (d >= params.minDepth) depth[i] = d;
    } else if (d < 0) {
      lowCells++;
      if (-d >= params.minDepth) lowLying[i] = -d;
    }
    const l = pre.levels[i] as number;
    level[i] = Number.isFinite(l) ? l : NaN;
  }
  const buildings = pre.footprints
    ? floodedBuildings(
        signed.map((d) => (d > 0 ? d : 0)),
        pre.footprints,
        dem.width,
        buildingHeights(context.buildings ?? []),
      )
    : [];
  const spec = specOf(dem);
  const stats: ScenarioStat[] = [
    { key: 'water-level', value: h, unit: 'm NAP' },
    { key: 'flooded-area', value: floodedCells * cellArea, unit: 'm2' },
    { key: 'water-volume', value: volume * cellArea, unit: 'm3' },
    { key: 'max-depth', value: maxDepth, unit: 'm' },
    { key: 'low-lying-area', value: lowCells * cellArea, unit: 'm2' },
    { key: 'buildings-flooded', value: buildings.filter((b) => b.flooded).length, unit: 'count' },
  ];
  return {
    model: 'flood-level',
    bands: {
      depth: gridOf(spec, depth),
      'low-lying': gridOf(spec, lowLying),
      'flood-level': gridOf(spec, level),
    },
    times: [],
    snapshots: [],
    stats,
    buildings,
    parameters: { ...params },
    elapsedMs: performance.now() - start,
  };
}
