/**
 * `<dt-scenario type="heat">`: the InVEST Urban Cooling model (MODELS.md 2a,
 * docs/models/heat-invest.md) on the twin's land cover. Per cell: the land-cover class table gives
 * Kc, albedo, shade and green; tree canopy (DSM - DTM > 2 m outside buildings, and planted trees)
 * counts as the `boom` class; greenery edits change the classes first. The model runs in a worker.
 * Bands: `cc`, `hm`, `t-air`, `t-air-nomix` (before air mixing: the local effect), `wbgt`,
 * `shade`, `green`; statistics: mean and maximum air temperature,
 * area above a threshold, mean heat mitigation and WBGT; per building the mean air temperature
 * over its footprint (`buildingValues['t-air']`).
 */
import type { LandCoverClass } from '../../core/sim/landcover-table.js';
import { gridOf } from '../../core/sim/model-grids.js';
import type { ScenarioResult, ScenarioStat } from '../../core/sim/scenario-result.js';
import { landCoverCells, type LandCoverCells } from './land-cover-cells.js';
import { invalidParameter, numberAttribute, type ScenarioRunContext } from './scenario-kinds.js';

/** The defaults of the heat scenario's parameters (attributes). */
export const HEAT_DEFAULTS = {
  /** Rural reference air temperature on a hot afternoon, degrees C. */
  tRef: 30,
  /** Urban heat island magnitude, degrees C (KNMI/Klimaateffectatlas: 2-3 C for Dutch towns). */
  uhiMax: 3,
  /** InVEST's suggested maximum cooling distance of parks, m. */
  coolDistance: 450,
  /** Air mixing distance, m (InVEST suggests 500-600). */
  mixDistance: 500,
  /** Reference evapotranspiration, mm/day (one value for the area: only ET0 / max ET0 matters). */
  et0: 5,
  /** Relative humidity, %. */
  humidity: 50,
  /** Analysis cell size, m. */
  cellSize: 2,
} as const;

interface HeatSettings {
  tRef: number;
  uhiMax: number;
  coolDistanceM: number;
  mixDistanceM: number;
  et0: number;
  humidity: number;
  cellSizeM: number;
  thresholdC: number;
  weights: [number, number, number];
}

function settingsOf(context: ScenarioRunContext): HeatSettings {
  const d = HEAT_DEFAULTS;
  const tRef = numberAttribute(context, 't-ref', d.tRef, -30, 60);
  const uhiMax = numberAttribute(context, 'uhi-max', d.uhiMax, 0, 20);
  const weightsText = context.attributes['weights'];
  let weights: [number, number, number] = [0.6, 0.2, 0.2];
  if (weightsText) {
    const parts = weightsText.split(',').map(Number);
    if (parts.length !== 3 || parts.some((w) => !(w >= 0)) || !(parts[0] + parts[1] + parts[2] > 0))
      throw invalidParameter(
        context.scenarioId,
        `weights must be three numbers >= 0 (shade, albedo, evapotranspiration), got "${weightsText}"`,
      );
    weights = parts as [number, number, number];
  }
  return {
    tRef,
    uhiMax,
    coolDistanceM: numberAttribute(context, 'cool-distance', d.coolDistance, 0, 5000),
    mixDistanceM: numberAttribute(context, 'mix-distance', d.mixDistance, 0, 5000),
    et0: numberAttribute(context, 'et0', d.et0, 0.01, 50),
    humidity: numberAttribute(context, 'humidity', d.humidity, 0, 100),
    cellSizeM: numberAttribute(context, 'cell-size', d.cellSize, 0.5, 50),
    thresholdC: numberAttribute(context, 'heat-threshold', tRef + uhiMax / 2, -30, 80),
    weights,
  };
}

/** Per-cell Kc, albedo, shade and green: the class table's row, or the tree row under canopy. */
export function heatCells(cells: LandCoverCells): {
  kc: Float32Array;
  albedo: Float32Array;
  shade: Float32Array;
  green: Uint8Array;
} {
  const { classes, table, canopy } = cells;
  const rows = classes.keys.map((k) => table[k] as LandCoverClass);
  const tree = table['boom'] as LandCoverClass;
  const n = classes.classes.length;
  const kc = new Float32Array(n);
  const albedo = new Float32Array(n);
  const shade = new Float32Array(n);
  const green = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = canopy[i] ? tree : (rows[classes.classes[i] as number] as LandCoverClass);
    kc[i] = row.kc;
    albedo[i] = row.albedo;
    shade[i] = row.shade;
    green[i] = row.green;
  }
  return { kc, albedo, shade, green };
}

/** Mean of `values` over each building's footprint cells (NaN for a building without cells). */
export function meanPerBuilding(
  values: Float32Array,
  footprints: Int32Array,
  count: number,
): Float32Array {
  const sum = new Float64Array(count);
  const cells = new Uint32Array(count);
  for (let i = 0; i < footprints.length; i++) {
    const b = footprints[i] as number;
    const v = values[i] as number;
    if (b < 0 || v !== v) continue;
    sum[b] = (sum[b] as number) + v;
    cells[b] = (cells[b] as number) + 1;
  }
  return Float32Array.from(sum, (s, b) => (cells[b] ? s / (cells[b] as number) : NaN));
}

function summary(values: Float32Array, thresholdC: number, cellArea: number) {
  let sum = 0;
  let count = 0;
  let max = -Infinity;
  let above = 0;
  for (const v of values) {
    if (v !== v) continue;
    sum += v;
    count++;
    if (v > max) max = v;
    if (v > thresholdC) above++;
  }
  return { mean: count ? sum / count : NaN, max: count ? max : NaN, aboveM2: above * cellArea };
}

function mean(values: Float32Array): number {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (v !== v) continue;
    sum += v;
    count++;
  }
  return count ? sum / count : NaN;
}

/** Runs the heat scenario. */
export async function runHeat(context: ScenarioRunContext): Promise<ScenarioResult> {
  const start = performance.now();
  const s = settingsOf(context);
  const cells = landCoverCells(context, s.cellSizeM);
  const { spec } = cells;
  const { kc, albedo, shade, green } = heatCells(cells);
  // Cells without ground elevation, or (with a land-cover source) without land cover, are outside
  // the data: nodata for the model.
  const known = cells.known;
  const valid = Uint8Array.from(cells.ground, (z, i) => (z === z && (!known || known[i]) ? 1 : 0));
  const out = await context.workers.request(
    'urban-cooling',
    {
      inputs: {
        width: spec.width,
        height: spec.height,
        cellSizeM: s.cellSizeM,
        kc,
        albedo,
        shade,
        green,
        et0: s.et0,
        valid,
      },
      params: {
        tRef: s.tRef,
        uhiMax: s.uhiMax,
        coolDistanceM: s.coolDistanceM,
        mixDistanceM: s.mixDistanceM,
        humidity: s.humidity,
        weights: s.weights,
      },
    },
    { signal: context.signal, onProgress: context.progress },
  );
  const cellArea = s.cellSizeM * s.cellSizeM;
  const t = summary(out.tAir, s.thresholdC, cellArea);
  let greenCells = 0;
  let canopyCells = 0;
  for (let i = 0; i < green.length; i++) {
    if (!valid[i]) continue;
    greenCells += green[i] as number;
    canopyCells += cells.canopy[i] as number;
  }
  const stats: ScenarioStat[] = [
    { key: 't-air-mean', value: t.mean, unit: 'degC' },
    { key: 't-air-max', value: t.max, unit: 'degC' },
    { key: 'area-above-threshold', value: t.aboveM2, unit: 'm2' },
    { key: 'hm-mean', value: mean(out.hm), unit: 'index' },
    { key: 'wbgt-mean', value: mean(out.wbgt), unit: 'degC' },
    { key: 'green-area', value: greenCells * cellArea, unit: 'm2' },
    { key: 'canopy-area', value: canopyCells * cellArea, unit: 'm2' },
  ];
  const masked = (values: Uint8Array | Float32Array) =>
    Float32Array.from(values, (v, i) => (valid[i] ? v : NaN));
  const buildingCount = context.buildings?.length ?? 0;
  return {
    model: 'heat-invest',
    primaryBand: 't-air',
    bands: {
      cc: gridOf(spec, out.cc),
      hm: gridOf(spec, out.hm),
      't-air': gridOf(spec, out.tAir),
      't-air-nomix': gridOf(spec, out.tAirNoMix),
      wbgt: gridOf(spec, out.wbgt),
      shade: gridOf(spec, masked(shade)),
      green: gridOf(spec, masked(green)),
    },
    times: [],
    snapshots: [],
    stats,
    buildings: [],
    ...(cells.footprints && buildingCount
      ? { buildingValues: { 't-air': meanPerBuilding(out.tAir, cells.footprints, buildingCount) } }
      : {}),
    parameters: {
      tRef: s.tRef,
      uhiMax: s.uhiMax,
      coolDistanceM: s.coolDistanceM,
      mixDistanceM: s.mixDistanceM,
      et0: s.et0,
      humidity: s.humidity,
      cellSizeM: s.cellSizeM,
      heatThresholdC: s.thresholdC,
      weights: s.weights,
      method: out.method,
      edits: context.edits.length,
      editCells: cells.editCells,
    },
    elapsedMs: performance.now() - start,
  };
}
