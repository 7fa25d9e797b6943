/**
 * `<dt-scenario type="heat" mode="pet" dsm="ahn-dsm" dem="ahn" landcover="bgt" buildings="panden">`:
 * the daytime PET heat-stress map of the Dutch Klimaateffectatlas (WUR formulas, MODELS.md 2b) at a
 * date and Dutch clock time, with the cool places ("koele plekken") and each building's distance to
 * the nearest one (docs/models/shade-and-pet.md). Shade, sky view factor, PET and cool places are
 * computed in a worker, with progress and cancel.
 */
import {
  COOL_PLACE_MAX_PET_C,
  COOL_PLACE_MIN_AREA_M2,
  COOL_PLACE_WALK_M,
} from '../../core/sim/cool-places.js';
import { gridOf } from '../../core/sim/model-grids.js';
import { BOWEN_GREEN, BOWEN_PAVED } from '../../core/sim/pet.js';
import type { ScenarioResult, ScenarioStat } from '../../core/sim/scenario-result.js';
import { clearSkyRadiation } from '../../core/sim/shade-maps.js';
import { sunPosition } from '../../core/sim/sun-position.js';
import { landCoverCells, type LandCoverCells } from './land-cover-cells.js';
import { numberAttribute, type ScenarioRunContext } from './scenario-kinds.js';
import {
  canopyOf,
  centreLonLat,
  isOpenGround,
  maskBand,
  momentOf,
  requireDsm,
  shadeCellSize,
  surfaceOf,
} from './shadow-kind.js';

/** PET from which the heat stress is strong (degrees C): the Klimaateffectatlas class 35-41 and up. */
export const STRONG_HEAT_STRESS_PET_C = 35;
/** Height the sky view factor is seen from, m: a person, as Tygron's Heat Overlay. */
export const PET_OBSERVER_HEIGHT_M = 1.2;

/** Whether a class key is water (`waterdeel` and its subtypes). */
function isWater(key: string | undefined): boolean {
  return key === 'waterdeel' || (key?.startsWith('waterdeel/') ?? false);
}

/**
 * Per cell the Bowen ratio (0.4 where the class table says green, under tree canopy and on water;
 * 3.0 elsewhere) and the cells where a cool place may lie (not water; surface and, with a
 * land-cover source, land cover known).
 */
function bowenAndEligible(
  cells: LandCoverCells,
  surface: Float32Array,
): { bowen: Float32Array; eligible: Uint8Array } {
  const { classes, keys } = cells.classes;
  const n = classes.length;
  const bowen = new Float32Array(n);
  const eligible = new Uint8Array(n);
  const green = keys.map((k) => cells.table[k]?.green === 1);
  const water = keys.map(isWater);
  for (let i = 0; i < n; i++) {
    const c = classes[i] as number;
    bowen[i] = green[c] || water[c] || cells.canopy[i] ? BOWEN_GREEN : BOWEN_PAVED;
    eligible[i] = water[c] || Number.isNaN(surface[i] as number) || cells.known?.[i] === 0 ? 0 : 1;
  }
  return { bowen, eligible };
}

/** `type="heat" mode="pet"`: the PET map of one moment and its cool places. */
export async function runPet(context: ScenarioRunContext): Promise<ScenarioResult> {
  const start = performance.now();
  const moment = momentOf(context);
  requireDsm(context);
  const cellSizeM = shadeCellSize(context);
  const ta = numberAttribute(context, 't-air', 30, -30, 50);
  const rh = numberAttribute(context, 'humidity', 50, 1, 100);
  const u = numberAttribute(context, 'wind', 1.5, 0.1, 30);
  const coolPetC = numberAttribute(context, 'cool-pet', COOL_PLACE_MAX_PET_C, -20, 70);
  const coolMinAreaM2 = numberAttribute(context, 'cool-min-area', COOL_PLACE_MIN_AREA_M2, 0, 1e7);
  const coolWalkM = numberAttribute(context, 'cool-walk', COOL_PLACE_WALK_M, 0, 1e5);
  const cells = landCoverCells(context, cellSizeM);
  const surface = surfaceOf(cells);
  const [lon, lat] = centreLonLat(cells.spec);
  const sun = sunPosition(moment.utc, lat, lon);
  // Default radiation: the clear-sky value for the sun's elevation (Haurwitz), 0 at night.
  const qgl = numberAttribute(context, 'radiation', clearSkyRadiation(sun.elevationDeg), 0, 1400);
  const canopy = canopyOf(cells);
  const { bowen, eligible } = bowenAndEligible(cells, surface);
  const buildingCount = context.buildings?.length ?? 0;
  const { shade, svf, pet, cool } = await context.workers.request(
    'pet-run',
    {
      dsm: surface,
      width: cells.spec.width,
      height: cells.spec.height,
      cellSizeM,
      ...(canopy ? { canopy } : {}),
      sun,
      bowen,
      ta,
      rh,
      qgl,
      u,
      observerHeightM: PET_OBSERVER_HEIGHT_M,
      ...(cells.footprints ? { footprints: cells.footprints } : {}),
      buildingCount,
      eligible,
      coolPetC,
      coolMinAreaM2,
      coolWalkM,
    },
    { signal: context.signal, onProgress: context.progress },
  );
  const cellArea = cellSizeM * cellSizeM;
  let open = 0;
  let sum = 0;
  let max = -Infinity;
  let strong = 0;
  for (let i = 0; i < pet.length; i++) {
    const p = pet[i] as number;
    if (!isOpenGround(cells, surface, i) || Number.isNaN(p)) continue;
    open++;
    sum += p;
    if (p > max) max = p;
    if (p >= STRONG_HEAT_STRESS_PET_C) strong++;
  }
  const stats: ScenarioStat[] = [
    { key: 'pet-mean', value: open ? sum / open : NaN, unit: 'degC' },
    { key: 'pet-max', value: open ? max : NaN, unit: 'degC' },
    { key: 'pet-strong-area', value: strong * cellArea, unit: 'm2' },
    { key: 'cool-places', value: cool.count, unit: 'count' },
    { key: 'cool-place-area', value: cool.areaM2, unit: 'm2' },
  ];
  if (cool.buildingsCounted > 0)
    stats.push({ key: 'homes-near-cool-place', value: cool.nearSharePercent, unit: 'percent' });
  if (Number.isFinite(cool.meanDistanceM))
    stats.push({ key: 'cool-distance-mean', value: cool.meanDistanceM, unit: 'm' });
  stats.push({ key: 'sun-elevation', value: sun.elevationDeg, unit: 'deg' });
  const unknown = (values: Float32Array) =>
    values.map((v, i) => (Number.isNaN(surface[i] as number) || cells.known?.[i] === 0 ? NaN : v));
  return {
    model: 'heat-pet',
    primaryBand: 'pet',
    bands: {
      pet: gridOf(cells.spec, unknown(pet)),
      shade: gridOf(cells.spec, maskBand(shade, surface)),
      svf: gridOf(cells.spec, unknown(svf)),
      'cool-place': gridOf(
        cells.spec,
        Float32Array.from(cool.mask, (v) => (v ? 1 : NaN)),
      ),
    },
    times: [],
    snapshots: [],
    stats,
    buildings: [],
    buildingValues: { 'cool-distance-m': cool.distanceM },
    parameters: {
      date: moment.date,
      time: moment.time,
      utc: moment.utc.toISOString(),
      latitude: lat,
      longitude: lon,
      cellSize: cellSizeM,
      tAir: ta,
      humidity: rh,
      wind: u,
      radiation: qgl,
      coolPet: coolPetC,
      coolMinArea: coolMinAreaM2,
      coolWalk: coolWalkM,
    },
    elapsedMs: performance.now() - start,
  };
}
