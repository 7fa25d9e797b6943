/**
 * SCS curve-number runoff (USDA NRCS TR-55, 1986): how much of a cumulative rain depth runs off a
 * surface, the rest being retained (initial abstraction and infiltration). See docs/models/rain.md.
 */

/**
 * Potential maximum retention `S = 25400 / CN - 254` in millimetres (TR-55 eq. 2-4 in mm).
 * @param curveNumber - SCS curve number, 0 < CN <= 100 (100: fully impervious, S = 0).
 * @throws RangeError when `curveNumber` is not in (0, 100].
 */
export function scsRetentionMm(curveNumber: number): number {
  if (!(curveNumber > 0 && curveNumber <= 100))
    throw new RangeError(`curveNumber must be in (0, 100], got ${curveNumber}`);
  return 25400 / curveNumber - 254;
}

/**
 * Cumulative runoff depth in millimetres for a retention `S` (mm), with the initial abstraction
 * `Ia = 0.2 S`: `Q = (P - 0.2 S)^2 / (P + 0.8 S)` when `P > 0.2 S`, else 0. No checks: for hot loops.
 * @param precipMm - Cumulative rain P (mm), >= 0.
 * @param retentionMm - S from {@link scsRetentionMm}.
 */
export function scsRunoffFromRetentionMm(precipMm: number, retentionMm: number): number {
  const excess = precipMm - 0.2 * retentionMm;
  return excess > 0 ? (excess * excess) / (precipMm + 0.8 * retentionMm) : 0;
}

/**
 * TR-55 cumulative runoff depth (mm) for cumulative rain P (mm) and curve number CN.
 * Example from TR-55: P = 3 in (76.2 mm) on CN 80 gives Q = 1.25 in (31.75 mm).
 * @param precipMm - Cumulative rain depth in millimetres, >= 0.
 * @param curveNumber - SCS curve number, 0 < CN <= 100.
 * @throws RangeError when `precipMm` is negative or not finite, or `curveNumber` is not in (0, 100].
 */
export function scsRunoffMm(precipMm: number, curveNumber: number): number {
  if (!(precipMm >= 0 && precipMm < Infinity))
    throw new RangeError(`precipMm must be a finite depth >= 0 mm, got ${precipMm}`);
  return scsRunoffFromRetentionMm(precipMm, scsRetentionMm(curveNumber));
}
