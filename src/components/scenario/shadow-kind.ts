/**
 * `<dt-scenario type="shadow" dsm="ahn-dsm" dem="ahn" buildings="panden">`: the shade on the surface
 * model (AHN DSM) at a Dutch date and clock time, and the hours of direct sun over that day
 * (docs/models/shade-and-pet.md). The shadows are cast in a worker, with progress and cancel. Also
 * the attribute helpers the PET kind (pet-kind.ts) shares: date and time, cell size, the surface.
 */
import { DtSourceError } from '../../core/errors.js';
import { transformer } from '../../core/raster/crs.js';
import type { Grid } from '../../core/raster/grid.js';
import type { GridSpec } from '../../core/raster/rasterize.js';
import {
  dutchTimeToUtc,
  parseClockTime,
  parseIsoDate,
  type LocalDateTime,
} from '../../core/sim/dutch-time.js';
import { gridOf } from '../../core/sim/model-grids.js';
import type { ScenarioResult, ScenarioStat } from '../../core/sim/scenario-result.js';
import { sunPosition, sunTimes } from '../../core/sim/sun-position.js';
import { landCoverCells, type LandCoverCells } from './land-cover-cells.js';
import {
  invalidParameter,
  numberAttribute,
  requireDem,
  type ScenarioRunContext,
} from './scenario-kinds.js';

/** Default `date`: midsummer 2026, so that a page without one gives the same result every day. */
export const DEFAULT_SHADE_DATE = '2026-06-21';
/** Default `time`: 13:00 Dutch time (11:00 UTC in summer). */
export const DEFAULT_SHADE_TIME = '13:00';
/** Default `cell-size` of the shade and PET kinds, m. */
export const DEFAULT_SHADE_CELL_SIZE_M = 1;

/** The moment a shade or PET scenario is for. */
export interface ScenarioMoment {
  /** `date` as given (or the default), `YYYY-MM-DD`. */
  date: string;
  /** `time` as given (or the default), `HH:MM` Dutch time. */
  time: string;
  /** The local date and time as numbers. */
  local: LocalDateTime;
  /** The instant, UTC. */
  utc: Date;
  /** Noon UTC of the date: picks the day for sun hours and day length (`solarDayStart`). */
  dayNoon: Date;
}

/**
 * The `date` (YYYY-MM-DD, default {@link DEFAULT_SHADE_DATE}) and `time` (HH:MM, Europe/Amsterdam,
 * default {@link DEFAULT_SHADE_TIME}) attributes as an instant.
 * @throws DtSourceError `invalid-parameter` naming `date` or `time` when one is not valid.
 */
export function momentOf(context: ScenarioRunContext): ScenarioMoment {
  const id = context.scenarioId;
  const dateText = context.attributes['date']?.trim() || DEFAULT_SHADE_DATE;
  const timeText = context.attributes['time']?.trim() || DEFAULT_SHADE_TIME;
  const date = parseIsoDate(dateText);
  if (!date || date.year < 1901 || date.year > 2099)
    throw invalidParameter(
      id,
      `date must be a calendar date YYYY-MM-DD between 1901 and 2099, got "${dateText}"`,
    );
  const clock = parseClockTime(timeText);
  if (!clock)
    throw invalidParameter(
      id,
      `time must be HH:MM (00:00 to 23:59, Dutch time), got "${timeText}"`,
    );
  const local = { ...date, ...clock };
  return {
    date: dateText,
    time: timeText,
    local,
    utc: dutchTimeToUtc(local),
    dayNoon: new Date(Date.UTC(date.year, date.month - 1, date.day, 12)),
  };
}

/** The DSM, or a `missing-input` error saying how to give one. */
export function requireDsm(context: ScenarioRunContext): Grid {
  if (!context.dsm)
    throw new DtSourceError(
      context.scenarioId,
      'missing-input',
      'no surface model: set dsm="<id of a geotiff data source>" (AHN DSM)',
    );
  return context.dsm;
}

/**
 * The `cell-size` attribute (m, default {@link DEFAULT_SHADE_CELL_SIZE_M}): at least the DEM's own
 * cell size, at most 10 m.
 */
export function shadeCellSize(context: ScenarioRunContext): number {
  const demCell = Math.abs(requireDem(context).geotransform[1]);
  return numberAttribute(
    context,
    'cell-size',
    Math.max(DEFAULT_SHADE_CELL_SIZE_M, demCell),
    demCell,
    10,
  );
}

/** The surface heights of the cells: the DSM (block mean), the ground (DTM) where the DSM has no data. */
export function surfaceOf(cells: LandCoverCells): Float32Array {
  const surface = Float32Array.from(cells.surface ?? cells.ground);
  for (let i = 0; i < surface.length; i++)
    if (Number.isNaN(surface[i] as number)) surface[i] = cells.ground[i] as number;
  return surface;
}

/** The canopy mask to shade under, when buildings are known (without them roofs would pass as trees). */
export function canopyOf(cells: LandCoverCells): Uint8Array | undefined {
  return cells.footprints ? cells.canopy : undefined;
}

/** Whether cell `i` is open ground: it has a surface height and no building stands on it. */
export function isOpenGround(cells: LandCoverCells, surface: Float32Array, i: number): boolean {
  return (
    !Number.isNaN(surface[i] as number) &&
    (!cells.known || cells.known[i] === 1) &&
    !(cells.footprints && (cells.footprints[i] as number) >= 0)
  );
}

/** Longitude and latitude (WGS 84, degrees) of the centre of a grid: where the sun is computed for. */
export function centreLonLat(spec: GridSpec): [number, number] {
  const [x0, dx, , y0, , dy] = spec.geotransform;
  const toWgs84 = transformer(spec.crs, 'EPSG:4326');
  return toWgs84(x0 + (spec.width * dx) / 2, y0 + (spec.height * dy) / 2);
}

/** A 0/1 mask as a band: NaN where the surface is unknown. */
export function maskBand(mask: Uint8Array, surface: Float32Array): Float32Array {
  return Float32Array.from(mask, (v, i) => (Number.isNaN(surface[i] as number) ? NaN : v));
}

interface SunHoursEntry {
  inputs: unknown[];
  hours: Float32Array;
}

const SUN_HOURS_CACHE = 'shadow-sun-hours';
const SUN_HOURS_KEPT = 4;

/**
 * The sun hours the element computed before for the same day, cells and inputs (with and without
 * edits: the baseline's too), so that moving the time costs one shadow map, not a day of them.
 */
function sunHoursCache(
  context: ScenarioRunContext,
  key: string,
): { hit: Float32Array | undefined; store(hours: Float32Array): void } {
  let entries = context.cache.get(SUN_HOURS_CACHE) as Map<string, SunHoursEntry> | undefined;
  if (!entries) {
    entries = new Map();
    context.cache.set(SUN_HOURS_CACHE, entries);
  }
  const inputs = [context.dem, context.dsm, context.landcover, context.buildings];
  const entry = entries.get(key);
  const fresh = entry && entry.inputs.every((input, i) => input === inputs[i]);
  const store = (hours: Float32Array) => {
    entries.delete(key);
    entries.set(key, { inputs, hours });
    for (const old of entries.keys()) if (entries.size > SUN_HOURS_KEPT) entries.delete(old);
  };
  return { hit: fresh ? entry.hours : undefined, store };
}

/** `type="shadow"`: shade at the moment and hours of direct sun over its day. */
export async function runShadow(context: ScenarioRunContext): Promise<ScenarioResult> {
  const start = performance.now();
  const moment = momentOf(context);
  requireDsm(context);
  const cellSizeM = shadeCellSize(context);
  const stepMinutes = numberAttribute(context, 'sun-hours-step', 15, 1, 240);
  const cells = landCoverCells(context, cellSizeM);
  const surface = surfaceOf(cells);
  const [lon, lat] = centreLonLat(cells.spec);
  const sun = sunPosition(moment.utc, lat, lon);
  const canopy = canopyOf(cells);
  const cached = sunHoursCache(
    context,
    JSON.stringify([
      moment.date,
      cellSizeM,
      stepMinutes,
      context.attributes['classes'],
      context.edits,
    ]),
  );
  const answer = await context.workers.request(
    'shadow-run',
    {
      dsm: surface,
      width: cells.spec.width,
      height: cells.spec.height,
      cellSizeM,
      ...(canopy ? { canopy } : {}),
      sun,
      dayMs: moment.dayNoon.getTime(),
      latDeg: lat,
      lonDeg: lon,
      stepMinutes,
      withSunHours: !cached.hit,
    },
    { signal: context.signal, onProgress: context.progress },
  );
  const shade = answer.shade;
  const sunHours = cached.hit ?? answer.sunHours ?? new Float32Array(shade.length).fill(NaN);
  if (!cached.hit && answer.sunHours) cached.store(answer.sunHours);
  let open = 0;
  let shaded = 0;
  let hoursSum = 0;
  for (let i = 0; i < shade.length; i++) {
    if (!isOpenGround(cells, surface, i)) continue;
    open++;
    shaded += shade[i] as number;
    hoursSum += sunHours[i] as number;
  }
  const day = sunTimes(moment.dayNoon, lat, lon);
  const stats: ScenarioStat[] = [
    { key: 'sun-elevation', value: sun.elevationDeg, unit: 'deg' },
    { key: 'sun-azimuth', value: sun.azimuthDeg, unit: 'deg' },
    { key: 'shade-share', value: open ? (100 * shaded) / open : NaN, unit: 'percent' },
    { key: 'sun-hours-mean', value: open ? hoursSum / open : NaN, unit: 'h' },
    { key: 'day-length', value: day.dayLengthHours, unit: 'h' },
  ];
  return {
    model: 'shadow',
    primaryBand: 'sun-hours',
    bands: {
      shade: gridOf(cells.spec, maskBand(shade, surface)),
      'sun-hours': gridOf(
        cells.spec,
        sunHours.map((h, i) => (Number.isNaN(surface[i] as number) ? NaN : h)),
      ),
    },
    times: [],
    snapshots: [],
    stats,
    buildings: [],
    parameters: {
      date: moment.date,
      time: moment.time,
      utc: moment.utc.toISOString(),
      latitude: lat,
      longitude: lon,
      cellSize: cellSizeM,
      sunHoursStep: stepMinutes,
    },
    elapsedMs: performance.now() - start,
  };
}
