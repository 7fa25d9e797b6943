/**
 * Where the sun stands (docs/models/shade-and-pet.md): the NOAA solar position algorithm, as in the
 * NOAA Global Monitoring Laboratory's solar calculator spreadsheets (after Meeus, "Astronomical
 * Algorithms", 1991). Accurate to about 0.01 degree for dates between 1901 and 2099 (the
 * spreadsheet's claim); the elevation is geometric (no atmospheric refraction).
 */

const RAD = Math.PI / 180;
const DEG = 180 / Math.PI;
const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;

/** Where the sun stands seen from a point on the earth, in degrees. */
export interface SunPosition {
  /** Angle above the horizon, without atmospheric refraction (negative below the horizon). */
  elevationDeg: number;
  /** Compass direction, clockwise from north: 90 east, 180 south, 270 west; in [0, 360). */
  azimuthDeg: number;
}

/** Sunrise, sunset and the day length of one day, from {@link sunTimes}. */
export interface SunTimes {
  /** The first moment of the day with the sun's centre rising through the horizon; none in polar day or night. */
  sunrise: Date | undefined;
  /** The last moment of the day with the sun's centre setting through the horizon; none in polar day or night. */
  sunset: Date | undefined;
  /** Hours of the day with the sun's centre above the horizon (0 in polar night, 24 in polar day). */
  dayLengthHours: number;
}

/** The sun's declination and the equation of time at one moment (NOAA spreadsheet). */
function solarCoordinates(timeMs: number): { declination: number; equationOfTimeMin: number } {
  const julianDay = timeMs / MS_PER_DAY + 2440587.5;
  const t = (julianDay - 2451545) / 36525; // Julian centuries since J2000.0
  const meanLong = (((280.46646 + t * (36000.76983 + t * 0.0003032)) % 360) + 360) % 360;
  const meanAnomaly = 357.52911 + t * (35999.05029 - 0.0001537 * t);
  const eccentricity = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
  const m = meanAnomaly * RAD;
  const centre =
    Math.sin(m) * (1.914602 - t * (0.004817 + 0.000014 * t)) +
    Math.sin(2 * m) * (0.019993 - 0.000101 * t) +
    Math.sin(3 * m) * 0.000289;
  const omega = (125.04 - 1934.136 * t) * RAD;
  const apparentLong = meanLong + centre - 0.00569 - 0.00478 * Math.sin(omega);
  const meanObliquity =
    23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
  const obliquity = (meanObliquity + 0.00256 * Math.cos(omega)) * RAD;
  const declination = Math.asin(Math.sin(obliquity) * Math.sin(apparentLong * RAD));
  const y = Math.tan(obliquity / 2) ** 2;
  const l0 = meanLong * RAD;
  const equationOfTimeMin =
    4 *
    DEG *
    (y * Math.sin(2 * l0) -
      2 * eccentricity * Math.sin(m) +
      4 * eccentricity * y * Math.sin(m) * Math.cos(2 * l0) -
      0.5 * y * y * Math.sin(4 * l0) -
      1.25 * eccentricity * eccentricity * Math.sin(2 * m));
  return { declination, equationOfTimeMin };
}

/**
 * The sun's elevation and azimuth at `date` (an instant; its time zone does not matter) seen from
 * latitude `latDeg` (north positive) and longitude `lonDeg` (east positive), by the NOAA solar
 * position algorithm. The elevation is geometric: no atmospheric refraction (which lifts the sun by
 * about 0.5 degree at the horizon), as shadows on a DSM need.
 *
 * @example sunPosition(new Date('2026-06-21T12:00Z'), 52.0122, 4.3658) // ~ { elevationDeg: 61.27, azimuthDeg: 187.48 }
 */
export function sunPosition(date: Date, latDeg: number, lonDeg: number): SunPosition {
  const timeMs = date.getTime();
  if (!Number.isFinite(timeMs) || !Number.isFinite(latDeg) || !Number.isFinite(lonDeg)) {
    throw new RangeError('sunPosition: the date, latitude and longitude must be finite');
  }
  const { declination, equationOfTimeMin } = solarCoordinates(timeMs);
  const minutesOfDay = (((timeMs % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_MINUTE;
  const trueSolarMin = (((minutesOfDay + equationOfTimeMin + 4 * lonDeg) % 1440) + 1440) % 1440;
  const hourAngle = (trueSolarMin / 4 - 180) * RAD;
  const lat = latDeg * RAD;
  const cosZenith =
    Math.sin(lat) * Math.sin(declination) +
    Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle);
  const elevationDeg = 90 - Math.acos(Math.min(1, Math.max(-1, cosZenith))) * DEG;
  // Azimuth from south, westward (Meeus 13.5), turned to from north, clockwise.
  const fromSouth = Math.atan2(
    Math.sin(hourAngle),
    Math.cos(hourAngle) * Math.sin(lat) - Math.tan(declination) * Math.cos(lat),
  );
  const azimuthDeg = (fromSouth * DEG + 540) % 360;
  return { elevationDeg, azimuthDeg };
}

/**
 * The start (local mean solar midnight) of the local mean solar day that holds `date` at longitude
 * `lonDeg`: the calendar day of `date` in local mean time (UTC + lonDeg / 15 hours). For the
 * Netherlands local mean time is about 20 minutes ahead of UTC; a time near noon picks the day
 * without doubt, while midnight in summer time (22:00 UTC) still falls on the day before.
 */
export function solarDayStart(date: Date, lonDeg: number): Date {
  const offsetMs = (lonDeg / 15) * 3_600_000;
  const localMean = date.getTime() + offsetMs;
  if (!Number.isFinite(localMean)) throw new RangeError('solarDayStart: invalid date or longitude');
  return new Date(Math.floor(localMean / MS_PER_DAY) * MS_PER_DAY - offsetMs);
}

/** The moment in `[lowMs, highMs]` where the elevation crosses `thresholdDeg`, by bisection to 1 s. */
function crossing(
  lowMs: number,
  highMs: number,
  latDeg: number,
  lonDeg: number,
  thresholdDeg: number,
): number {
  const above = (ms: number) =>
    sunPosition(new Date(ms), latDeg, lonDeg).elevationDeg > thresholdDeg;
  const lowAbove = above(lowMs);
  let low = lowMs;
  let high = highMs;
  while (high - low > 1000) {
    const mid = (low + high) / 2;
    if (above(mid) === lowAbove) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/**
 * Sunrise, sunset and day length over the local mean solar day that holds `date`
 * ({@link solarDayStart}), by the same algorithm as {@link sunPosition}: the moments the sun's centre
 * crosses `horizonDeg` (default 0: geometric, as for shadows; -0.833 gives the almanac's sunrise with
 * refraction and the sun's radius). Found by scanning the day in 10-minute steps and bisecting each
 * crossing to within a second.
 */
export function sunTimes(date: Date, latDeg: number, lonDeg: number, horizonDeg = 0): SunTimes {
  const start = solarDayStart(date, lonDeg).getTime();
  const stepMs = 10 * MS_PER_MINUTE;
  const steps = MS_PER_DAY / stepMs;
  let sunrise: number | undefined;
  let sunset: number | undefined;
  let upMs = 0;
  let previousMs = start;
  let previousUp = sunPosition(new Date(start), latDeg, lonDeg).elevationDeg > horizonDeg;
  let upSince = previousUp ? start : NaN;
  for (let k = 1; k <= steps; k++) {
    const ms = start + k * stepMs;
    const up = sunPosition(new Date(ms), latDeg, lonDeg).elevationDeg > horizonDeg;
    if (up !== previousUp) {
      const at = crossing(previousMs, ms, latDeg, lonDeg, horizonDeg);
      if (up) {
        sunrise ??= at;
        upSince = at;
      } else {
        sunset = at;
        upMs += at - upSince;
      }
    }
    previousUp = up;
    previousMs = ms;
  }
  if (previousUp) upMs += start + MS_PER_DAY - upSince;
  return {
    sunrise: sunrise === undefined ? undefined : new Date(sunrise),
    sunset: sunset === undefined ? undefined : new Date(sunset),
    dayLengthHours: upMs / 3_600_000,
  };
}
