/**
 * The two heat-stress pipelines the worker pool runs for `<dt-scenario type="shadow">` and
 * `<dt-scenario type="heat" mode="pet">` (docs/models/shade-and-pet.md): shade at a moment and the
 * hours of direct sun over its day, and the daytime PET map with its cool places. Pure functions
 * over typed-array grids (north-up, row-major), built from the tested kernels in shadow.ts,
 * sky-view.ts, pet.ts and cool-places.ts.
 */
import { coolPlaces, type CoolPlaces } from './cool-places.js';
import { petGrid } from './pet.js';
import type { RunOptions } from './run-options.js';
import { shadowMask, sunHours } from './shadow.js';
import { skyViewFactor } from './sky-view.js';
import type { SunPosition } from './sun-position.js';

/**
 * Clear-sky global radiation on a horizontal surface (W/m2) for a sun at `elevationDeg`: the
 * Haurwitz (1945) model as in Reno, Hansen and Stein (2012, SAND2012-2389) and pvlib,
 * `1098 cos(z) exp(-0.059 / cos(z))` with `z` the zenith angle; 0 with the sun at or below the
 * horizon. About 900 W/m2 at the Dutch midsummer noon sun (61 degrees).
 */
export function clearSkyRadiation(elevationDeg: number): number {
  const cosZenith = Math.sin((elevationDeg * Math.PI) / 180);
  if (!(cosZenith > 0)) return 0;
  return 1098 * cosZenith * Math.exp(-0.059 / cosZenith);
}

/** The surface both pipelines cast shadows on. */
export interface ShadeSurface {
  /** Surface heights (DSM), m, `width * height`, no-data already filled (NaN: lowest ground). */
  dsm: Float32Array;
  /** Columns. */
  width: number;
  /** Rows. */
  height: number;
  /** Side of a square cell, m. */
  cellSizeM: number;
  /**
   * Per cell 1 under tree canopy: a person there stands in the crown's shade (shade 1, no direct
   * sun), where the DSM alone has the sunlit top of the crown. Optional.
   */
  canopy?: Uint8Array;
}

/** A request of {@link shadeDay} (the `shadow-run` worker task). */
export interface ShadeDayRequest extends ShadeSurface {
  /** The sun at the moment of the shade map. */
  sun: SunPosition;
  /** An instant near noon of the day for the sun hours (see `sunHours`), ms since 1970 UTC. */
  dayMs: number;
  /** Latitude of the grid, degrees north. */
  latDeg: number;
  /** Longitude of the grid, degrees east. */
  lonDeg: number;
  /** Minutes between sun positions for the sun hours. */
  stepMinutes: number;
  /** Whether to compute the sun hours (default true); false when the caller still has them. */
  withSunHours?: boolean;
}

/** The answer of {@link shadeDay}. */
export interface ShadeDayResult {
  /** Per cell 1 in shade, 0 in direct sun, at the moment. */
  shade: Uint8Array;
  /** Per cell hours of direct sun over the day; undefined when not asked for. */
  sunHours: Float32Array | undefined;
}

/** Sets canopy cells to shade (1) in `shade`. */
function shadeUnderCanopy(shade: Uint8Array, canopy: Uint8Array | undefined): void {
  if (!canopy) return;
  for (let i = 0; i < shade.length; i++) if (canopy[i]) shade[i] = 1;
}

/**
 * The shade at one moment and the hours of direct sun over its day, on a DSM; canopy cells are in
 * shade and get no sun hours. Progress: the shade map 0-5 %, the sun hours the rest (or the shade
 * map alone with `withSunHours: false`).
 */
export async function shadeDay(
  request: ShadeDayRequest,
  options: RunOptions = {},
): Promise<ShadeDayResult> {
  const { dsm, width, height, cellSizeM, canopy } = request;
  const report = options.onProgress;
  const shade = await shadowMask(dsm, width, height, cellSizeM, request.sun, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(report ? { onProgress: (s: number) => report(0.05 * s) } : {}),
  });
  shadeUnderCanopy(shade, canopy);
  if (request.withSunHours === false) {
    report?.(1);
    return { shade, sunHours: undefined };
  }
  const hours = await sunHours(
    dsm,
    width,
    height,
    cellSizeM,
    new Date(request.dayMs),
    request.latDeg,
    request.lonDeg,
    request.stepMinutes,
    {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(report ? { onProgress: (s: number) => report(0.05 + 0.95 * s) } : {}),
    },
  );
  if (canopy) for (let i = 0; i < hours.length; i++) if (canopy[i]) hours[i] = 0;
  return { shade, sunHours: hours };
}

/** A request of {@link petMap} (the `pet-run` worker task). */
export interface PetMapRequest extends ShadeSurface {
  /** The sun at the moment of the map. */
  sun: SunPosition;
  /** Bowen ratio per cell (0.4 green and water, 3.0 otherwise). */
  bowen: Float32Array;
  /** Air temperature, degrees C. */
  ta: number;
  /** Relative humidity, %. */
  rh: number;
  /** Global radiation, W/m2. */
  qgl: number;
  /** Wind speed at 1.2 m, m/s (> 0). */
  u: number;
  /** Height above the surface the sky view factor is seen from, m (a person: 1.2). */
  observerHeightM: number;
  /** Building index per cell (-1 none): PET is NaN on roofs, and cool-place distances are per building. */
  footprints?: Int32Array;
  /** Number of buildings. */
  buildingCount: number;
  /** Per cell 1 where a cool place may lie (open ground that is not water). */
  eligible?: Uint8Array;
  /** Cool places: highest PET, degrees C. */
  coolPetC: number;
  /** Cool places: smallest area, m2. */
  coolMinAreaM2: number;
  /** Cool places: distance counted as near, m. */
  coolWalkM: number;
}

/** The answer of {@link petMap}. */
export interface PetMapResult {
  /** Per cell 1 in shade (canopy included), 0 in the sun. */
  shade: Uint8Array;
  /** Per cell the sky view factor, 0..1. */
  svf: Float32Array;
  /** Per cell PET, degrees C; NaN on buildings. */
  pet: Float32Array;
  /** The cool places and the distance of every building to the nearest one. */
  cool: CoolPlaces;
}

/**
 * The daytime PET map of one moment: shade (DSM shadows, canopy in shade), the sky view factor (16
 * directions, 100 m), the WUR PET formulas per cell (`petGrid`, NaN on buildings), then the cool
 * places. Progress: shade 0-5 %, sky view factor 5-95 %, the rest after.
 */
export async function petMap(
  request: PetMapRequest,
  options: RunOptions = {},
): Promise<PetMapResult> {
  const { dsm, width, height, cellSizeM, canopy, footprints } = request;
  const report = options.onProgress;
  const signal = options.signal ? { signal: options.signal } : {};
  const shade = await shadowMask(dsm, width, height, cellSizeM, request.sun, {
    ...signal,
    ...(report ? { onProgress: (s: number) => report(0.05 * s) } : {}),
  });
  shadeUnderCanopy(shade, canopy);
  const svf = await skyViewFactor(dsm, width, height, cellSizeM, {
    ...signal,
    observerHeightM: request.observerHeightM,
    ...(report ? { onProgress: (s: number) => report(0.05 + 0.9 * s) } : {}),
  });
  const pet = petGrid({
    ta: request.ta,
    rh: request.rh,
    qgl: request.qgl,
    u: request.u,
    sunElevationDeg: request.sun.elevationDeg,
    shade,
    svf,
    bowen: request.bowen,
  });
  if (footprints)
    for (let i = 0; i < pet.length; i++) if ((footprints[i] as number) >= 0) pet[i] = NaN;
  options.signal?.throwIfAborted();
  const cool = coolPlaces({
    pet,
    width,
    height,
    cellSizeM,
    buildingCount: request.buildingCount,
    maxPetC: request.coolPetC,
    minAreaM2: request.coolMinAreaM2,
    walkM: request.coolWalkM,
    ...(footprints ? { footprints } : {}),
    ...(request.eligible ? { eligible: request.eligible } : {}),
  });
  report?.(1);
  return { shade, svf, pet, cool };
}
