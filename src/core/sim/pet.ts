/**
 * Physiological equivalent temperature (PET, degrees C) as in the Dutch Klimaateffectatlas heat
 * stress maps: the WUR regression formulas (Koopmans, Heusinkveld and Steeneveld 2020, Building and
 * Environment 181, 106984: a regression on RayMan runs) as published on the Tygron wiki "PET
 * formulas (Heat Overlay)" (docs/models/shade-and-pet.md, MODELS.md 2b). One formula for cells in the sun, one for cells in the shade and at night; inputs are the air
 * temperature, the wet-bulb temperature, global and diffuse radiation, the wind speed at 1.2 m, the
 * sun's elevation, the Bowen ratio of the surface and the sky view factor from the DSM.
 */

/** The Stefan-Boltzmann constant sigma in W/(m2 K4), as printed with the shade formula. */
export const STEFAN_BOLTZMANN = 5.67e-8;
/** The solar constant in W/m2 used by the clearness index of {@link diffuseFraction}. */
export const SOLAR_CONSTANT = 1367;
/** Bowen ratio of vegetation and water in the WUR method. */
export const BOWEN_GREEN = 0.4;
/** Bowen ratio of every other surface (paving, buildings, bare ground) in the WUR method. */
export const BOWEN_PAVED = 3.0;

/**
 * Wet-bulb temperature (degrees C) from the air temperature `tC` (degrees C) and relative humidity
 * `rhPercent` (0..100) at standard sea-level pressure, by Stull (2011, J. Appl. Meteor. Climatol. 50,
 * 2267-2269, eq. 1):
 * `Tw = T atan(0.151977 (RH + 8.313659)^0.5) + atan(T + RH) - atan(RH - 1.676331)
 *  + 0.00391838 RH^1.5 atan(0.023101 RH) - 4.686035` (angles in radians). Fitted for RH 5..99 % and
 * T -20..50 degrees C, within about 0.3 degree there (outside it the error grows; not clamped).
 * Stull's check: T = 20, RH = 50 gives 13.7.
 */
export function wetBulbStull(tC: number, rhPercent: number): number {
  const rh = rhPercent;
  return (
    tC * Math.atan(0.151977 * Math.sqrt(rh + 8.313659)) +
    Math.atan(tC + rh) -
    Math.atan(rh - 1.676331) +
    0.00391838 * rh ** 1.5 * Math.atan(0.023101 * rh) -
    4.686035
  );
}

/**
 * The diffuse share `f` (0.2..1) of the global radiation `qgl` (W/m2) with the sun at
 * `sunElevationDeg`: from the clearness index `tau = qgl / (1367 sin(phi))`, `f = 1` for
 * `tau <= 0.3`, `1.6 - 2 tau` for `0.3 < tau < 0.7` and `0.2` for `tau >= 0.7` (WUR method). With the
 * sun on or below the horizon all radiation is diffuse: 1. Multiply by `qgl` for the diffuse
 * radiation `Qd` of {@link petShade}.
 */
export function diffuseFraction(qgl: number, sunElevationDeg: number): number {
  const sinPhi = Math.sin((sunElevationDeg * Math.PI) / 180);
  if (!(sinPhi > 0)) return 1;
  const tau = qgl / (SOLAR_CONSTANT * sinPhi);
  if (tau <= 0.3) return 1;
  if (tau < 0.7) return 1.6 - 2 * tau;
  return 0.2;
}

/** Inputs of {@link petSun}. */
export interface PetSunInputs {
  /** Air temperature Ta, degrees C. */
  ta: number;
  /** Global radiation Qgl on a horizontal surface, W/m2. */
  qgl: number;
  /** Wind speed at 1.2 m above the ground, m/s (> 0: the formula takes its logarithm). */
  u: number;
  /** Wet-bulb temperature Tw, degrees C ({@link wetBulbStull}). */
  tw: number;
  /** Sun elevation phi, degrees. */
  phiDeg: number;
  /** Bowen ratio Bb of the surface ({@link BOWEN_GREEN}, {@link BOWEN_PAVED}). */
  bowen: number;
  /** Sky view factor Svf, 0..1. */
  svf: number;
}

/** Inputs of {@link petShade}. */
export interface PetShadeInputs {
  /** Air temperature Ta, degrees C. */
  ta: number;
  /** Wind speed at 1.2 m above the ground, m/s (> 0: the formula takes its logarithm). */
  u: number;
  /** Wet-bulb temperature Tw, degrees C ({@link wetBulbStull}). */
  tw: number;
  /** Sky view factor Svf, 0..1. */
  svf: number;
  /** Diffuse radiation Qd, W/m2: `diffuseFraction(qgl, phi) * qgl`, 0 at night. */
  qd: number;
}

/**
 * PET (degrees C) of a cell in the sun (WUR formula):
 * `PET = -13.26 + 1.25 Ta + 0.011 Qgl - 3.37 ln(u) + 0.078 Tw + 0.0055 Qgl ln(u) + 5.56 sin(phi)
 *  - 0.0103 Qgl ln(u) sin(phi) + 0.546 Bb + 1.94 Svf`. NaN when `u <= 0`.
 */
export function petSun(inputs: PetSunInputs): number {
  const { ta, qgl, u, tw, phiDeg, bowen, svf } = inputs;
  const lnU = u > 0 ? Math.log(u) : NaN;
  const sinPhi = Math.sin((phiDeg * Math.PI) / 180);
  return (
    -13.26 +
    1.25 * ta +
    0.011 * qgl -
    3.37 * lnU +
    0.078 * tw +
    0.0055 * qgl * lnU +
    5.56 * sinPhi -
    0.0103 * qgl * lnU * sinPhi +
    0.546 * bowen +
    1.94 * svf
  );
}

/**
 * PET (degrees C) of a cell in the shade, and of every cell at night (WUR formula):
 * `PET = -12.14 + 1.25 Ta - 1.47 ln(u) + 0.060 Tw + 0.015 Svf Qd
 *  + 0.0060 (1 - Svf) sigma (Ta + 273.15)^4`, sigma = 5.67e-8. NaN when `u <= 0`.
 */
export function petShade(inputs: PetShadeInputs): number {
  const { ta, u, tw, svf, qd } = inputs;
  const lnU = u > 0 ? Math.log(u) : NaN;
  const kelvin = ta + 273.15;
  return (
    -12.14 +
    1.25 * ta -
    1.47 * lnU +
    0.06 * tw +
    0.015 * svf * qd +
    0.006 * (1 - svf) * STEFAN_BOLTZMANN * kelvin ** 4
  );
}

/** Inputs of {@link petGrid}: the weather of one moment and the grids of the area. */
export interface PetGridInputs {
  /** Air temperature Ta, degrees C (one value for the area). */
  ta: number;
  /** Relative humidity, percent: gives the wet-bulb temperature by {@link wetBulbStull}. */
  rh: number;
  /** Global radiation Qgl on a horizontal surface, W/m2 (0 at night). */
  qgl: number;
  /** Wind speed at 1.2 m, m/s (> 0): one value, or one per cell (e.g. reduced among buildings). */
  u: number | Float32Array;
  /** Sun elevation, degrees (e.g. `sunPosition(...).elevationDeg`); at or below 0 every cell is night. */
  sunElevationDeg: number;
  /** Per cell 1 = in shade, 0 = in the sun (`shadowMask` for the same moment). */
  shade: Uint8Array;
  /** Per cell the sky view factor, 0..1 (`skyViewFactor`). */
  svf: Float32Array;
  /** Per cell the Bowen ratio ({@link BOWEN_GREEN} for vegetation and water, else {@link BOWEN_PAVED}), or one value. */
  bowen: Float32Array | number;
  /** An array to write the result into (and return) instead of allocating one. */
  out?: Float32Array;
}

/**
 * PET (degrees C) for every cell at one moment: {@link petSun} for cells in the sun while the sun is
 * above the horizon, {@link petShade} for cells in the shade and for every cell at night, with
 * `Tw = wetBulbStull(ta, rh)` and `Qd = diffuseFraction(qgl, phi) * qgl`. NaN where the wind speed
 * is not positive or an input is NaN. O(cells), synchronous.
 *
 * @throws RangeError when the grids differ in length, or a scalar `u` is not positive.
 */
export function petGrid(inputs: PetGridInputs): Float32Array {
  const { ta, rh, qgl, u, sunElevationDeg, shade, svf, bowen } = inputs;
  const n = shade.length;
  for (const [name, grid] of [
    ['svf', svf],
    ['u', u],
    ['bowen', bowen],
    ['out', inputs.out],
  ] as const) {
    if (typeof grid === 'object' && grid.length !== n) {
      throw new RangeError(`petGrid: ${name} has ${grid.length} cells, expected ${n} (as shade)`);
    }
  }
  if (typeof u === 'number' && !(u > 0)) throw new RangeError('petGrid: u must be > 0 m/s');
  const out = inputs.out ?? new Float32Array(n);
  const tw = wetBulbStull(ta, rh);
  const night = !(sunElevationDeg > 0);
  const qd = diffuseFraction(qgl, sunElevationDeg) * qgl;
  const sinPhi = night ? 0 : Math.sin((sunElevationDeg * Math.PI) / 180);
  // The terms that do not vary per cell.
  const sunBase = -13.26 + 1.25 * ta + 0.011 * qgl + 0.078 * tw + 5.56 * sinPhi;
  const sunLnU = -3.37 + 0.0055 * qgl - 0.0103 * qgl * sinPhi;
  const shadeBase = -12.14 + 1.25 * ta + 0.06 * tw;
  const longwave = 0.006 * STEFAN_BOLTZMANN * (ta + 273.15) ** 4;
  const uScalar = typeof u === 'number' ? Math.log(u) : NaN;
  for (let i = 0; i < n; i++) {
    let lnU = uScalar;
    if (typeof u !== 'number') {
      const ui = u[i] as number;
      lnU = ui > 0 ? Math.log(ui) : NaN;
    }
    const s = svf[i] as number;
    if (night || shade[i] !== 0) {
      out[i] = shadeBase - 1.47 * lnU + 0.015 * s * qd + (1 - s) * longwave;
    } else {
      const bb = typeof bowen === 'number' ? bowen : (bowen[i] as number);
      out[i] = sunBase + sunLnU * lnU + 0.546 * bb + 1.94 * s;
    }
  }
  return out;
}
