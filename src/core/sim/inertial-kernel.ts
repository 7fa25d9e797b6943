/**
 * Row kernels of the local-inertial flood model: face discharges, outflow limiter and continuity for
 * one row of cells at a time, over flat typed arrays, allocating nothing. stepInertial()
 * (inertial-step.ts) sweeps them over the rows; the array layout is described there.
 */
import type { InertialState } from './inertial-step.js';

/** Gravitational acceleration, m/s^2. */
export const GRAVITY = 9.81;
/** Faces with a flow depth at or below this (m) carry no water (Bates et al. 2010). */
export const DRY_FACE_DEPTH_M = 1e-3;
/**
 * Largest change of `h_f * s^3` from 1 (s the cached `h_f^(-1/3)` of the previous step) that one
 * Newton step may correct; beyond it (a face that just got wet, or whose depth changed by more than
 * about 1 % in one step) `Math.cbrt` is called. After the Newton step the relative error of s is at
 * most about `2 * (0.01 / 3)^2 = 2.2e-5`, typically far less (3e-6 measured on a 512 x 512 flow).
 */
const NEWTON_RANGE = 0.01;
/**
 * The outflow limiter leaves this share of a draining cell's water, so that the Float32 round-off of
 * the scaled discharges can never make a depth negative.
 */
const LIMITER_MARGIN = 1e-6;

/**
 * New unit discharge (m^2/s) of one face between cells A (west or north) and B (east or south):
 * `(theta q + (1 - theta)/2 (q_side1 + q_side2) - g dt h_f S) / (1 + g dt n^2 |q| / h_f^(7/3))`,
 * with `|q| = sqrt(q^2 + q_perp^2)`; theta = 1 when the blend would flow uphill; 0 on a dry face.
 * Small enough for the JIT to inline into the row loops.
 *
 * `h_f^(7/3)` costs a `Math.cbrt` per face, about a third of the step time. Instead each face keeps
 * `s = h_f^(-1/3)` of its previous step in `invCbrt[face]` and refines it with one division-free
 * Newton step `s <- s (4 - h_f s^3) / 3`; then `1 / (1 + F / h_f^(7/3)) = h_f^2 / (h_f^2 + F s)`.
 * @param q - Old discharge of the face (m^2/s), positive from A to B.
 * @param sides - Sum of the old discharges of the two neighbouring faces in the same direction.
 * @param qPerp - Mean old discharge of the four nearest faces of the other direction.
 * @param etaA - Water surface (m) of cell A; `etaB` of cell B.
 * @param zA - Bed (m) of cell A; `zB` of cell B.
 * @param n2 - Manning n^2 of the face.
 * @param gdt - g * dt.
 * @param invDx - 1 / cell size.
 * @param theta - de Almeida theta.
 * @param side - `(1 - theta) / 2`.
 * @param invCbrt - Per-face cache of `h_f^(-1/3)` (updated).
 * @param face - Index of this face in `invCbrt`.
 */
export function faceDischarge(
  q: number,
  sides: number,
  qPerp: number,
  etaA: number,
  etaB: number,
  zA: number,
  zB: number,
  n2: number,
  gdt: number,
  invDx: number,
  theta: number,
  side: number,
  invCbrt: Float32Array,
  face: number,
): number {
  const hf = (etaA > etaB ? etaA : etaB) - (zA > zB ? zA : zB);
  if (hf <= DRY_FACE_DEPTH_M) return 0;
  const drive = gdt * hf * (etaB - etaA) * invDx;
  let s = invCbrt[face] as number;
  const cubed = hf * s * s * s;
  s =
    cubed > 1 - NEWTON_RANGE && cubed < 1 + NEWTON_RANGE
      ? s * (4 - cubed) * (1 / 3)
      : 1 / Math.cbrt(hf);
  invCbrt[face] = s;
  const h2 = hf * hf;
  const keep = h2 / (h2 + gdt * n2 * Math.sqrt(q * q + qPerp * qPerp) * s);
  const next = (theta * q + side * sides - drive) * keep;
  // Positive `drive` means the surface rises towards B: flow towards B (next > 0) is uphill.
  return next * drive > 0 ? (q - drive) * keep : next;
}

/**
 * Faces of row `y` with both cells in columns x0..x1: its x-faces and, when `withNorth`, the
 * y-faces between rows y - 1 and y. Reads the old `qx`, `qy`; writes `qxNext`, `qyNext`.
 *
 * Walking east, the discharges that the next cell's faces share with this one's (the neighbouring
 * faces of the theta blend, the faces around for q_perp) are carried in locals instead of being
 * loaded again: 13 array loads per cell instead of 25.
 */
export function facesOfRow(
  state: InertialState,
  dt: number,
  y: number,
  x0: number,
  x1: number,
  withNorth: boolean,
): void {
  const { width, bed, depth, qx, qy, qxNext, qyNext, n2x, n2y, theta, invCbrtX, invCbrtY } = state;
  const gdt = GRAVITY * dt;
  const invDx = 1 / state.cellSize;
  const side = 0.5 * (1 - theta);
  const row = y * width;
  const faceRow = y * (width + 1);
  const aboveFaceRow = faceRow - width - 1;
  // Cell x0: only its north face (its west face is outside the box).
  let c = row + x0;
  let zWest = bed[c] as number;
  let etaWest = zWest + (depth[c] as number);
  let qxWest = 0; // qx of the face west of the previous face (set before first use)
  let qxHere = qx[faceRow + x0] as number; // the x-face west of the current cell
  let qyNorthWest = qy[c] as number; // the north and south faces of the previous cell
  let qySouthWest = qy[c + width] as number;
  let qxAboveWest = withNorth ? (qx[aboveFaceRow + x0] as number) : 0;
  if (withNorth) {
    const qxEast = qx[faceRow + x0 + 1] as number;
    const qxAboveEast = qx[aboveFaceRow + x0 + 1] as number;
    const zNorth = bed[c - width] as number;
    const north = faceDischarge(
      qyNorthWest,
      (qy[c - width] as number) + qySouthWest,
      0.25 * (qxAboveWest + qxAboveEast + qxHere + qxEast),
      zNorth + (depth[c - width] as number),
      etaWest,
      zNorth,
      zWest,
      n2y[c] as number,
      gdt,
      invDx,
      theta,
      side,
      invCbrtY,
      c,
    );
    qyNext[c] = north;
    qxAboveWest = qxAboveEast;
  }
  qxWest = qxHere;
  qxHere = qx[faceRow + x0 + 1] as number;
  for (let x = x0 + 1; x <= x1; x++) {
    c = row + x;
    const f = faceRow + x; // the x-face west of cell c
    const z = bed[c] as number;
    const eta = z + (depth[c] as number);
    const qxEast = qx[f + 1] as number;
    const qyNorth = qy[c] as number;
    const qySouth = qy[c + width] as number;
    const west = faceDischarge(
      qxHere,
      qxWest + qxEast,
      0.25 * (qyNorthWest + qyNorth + qySouthWest + qySouth),
      etaWest,
      eta,
      zWest,
      z,
      n2x[f] as number,
      gdt,
      invDx,
      theta,
      side,
      invCbrtX,
      f,
    );
    qxNext[f] = west;
    if (withNorth) {
      const qxAboveEast = qx[aboveFaceRow + x + 1] as number;
      const zNorth = bed[c - width] as number;
      const north = faceDischarge(
        qyNorth,
        (qy[c - width] as number) + qySouth,
        0.25 * (qxAboveWest + qxAboveEast + qxHere + qxEast),
        zNorth + (depth[c - width] as number),
        eta,
        zNorth,
        z,
        n2y[c] as number,
        gdt,
        invDx,
        theta,
        side,
        invCbrtY,
        c,
      );
      qyNext[c] = north;
      qxAboveWest = qxAboveEast;
    }
    zWest = z;
    etaWest = eta;
    qxWest = qxHere;
    qxHere = qxEast;
    qyNorthWest = qyNorth;
    qySouthWest = qySouth;
  }
}

/** x-face `f` again with theta = 1 (faces of fixed-level cells; few, not a hot loop). */
export function redoXFaceWithThetaOne(state: InertialState, dt: number, f: number): void {
  const { width, bed, depth, qx, qy } = state;
  const x = f % (width + 1);
  const c = ((f - x) / (width + 1)) * width + x; // the cell east of the face
  const qPerp =
    0.25 *
    ((qy[c - 1] as number) +
      (qy[c] as number) +
      (qy[c - 1 + width] as number) +
      (qy[c + width] as number));
  const zW = bed[c - 1] as number;
  const zE = bed[c] as number;
  state.qxNext[f] = faceDischarge(
    qx[f] as number,
    0,
    qPerp,
    zW + (depth[c - 1] as number),
    zE + (depth[c] as number),
    zW,
    zE,
    state.n2x[f] as number,
    GRAVITY * dt,
    1 / state.cellSize,
    1,
    0,
    state.invCbrtX,
    f,
  );
}

/** y-face `c` (above cell c) again with theta = 1. */
export function redoYFaceWithThetaOne(state: InertialState, dt: number, c: number): void {
  const { width, bed, depth, qx, qy } = state;
  const x = c % width;
  const faceRow = ((c - x) / width) * (width + 1);
  const aboveFaceRow = faceRow - width - 1;
  const qPerp =
    0.25 *
    ((qx[aboveFaceRow + x] as number) +
      (qx[aboveFaceRow + x + 1] as number) +
      (qx[faceRow + x] as number) +
      (qx[faceRow + x + 1] as number));
  const zN = bed[c - width] as number;
  const zS = bed[c] as number;
  state.qyNext[c] = faceDischarge(
    qy[c] as number,
    0,
    qPerp,
    zN + (depth[c - width] as number),
    zS + (depth[c] as number),
    zN,
    zS,
    state.n2y[c] as number,
    GRAVITY * dt,
    1 / state.cellSize,
    1,
    0,
    state.invCbrtY,
    c,
  );
}

/**
 * Scales the outgoing discharges of each cell of row `y` that would lose more than it holds in this
 * step, so that no depth goes negative. Each face is outgoing for one cell only, so scaling in place
 * is exact and the cell on the other side receives exactly what this one gives.
 */
export function limitOutflowOfRow(
  state: InertialState,
  dt: number,
  y: number,
  x0: number,
  x1: number,
): void {
  const { width, depth, qxNext: qx, qyNext: qy } = state;
  const dtOverDx = dt / state.cellSize;
  const row = y * width;
  const faceRow = y * (width + 1);
  // The east face of a cell is the west face of the next; carried, not loaded again. (Scaling a
  // positive east face cannot change the next cell's outflow, which counts a negative west face only.)
  let west = qx[faceRow + x0] as number;
  for (let x = x0; x <= x1; x++) {
    const c = row + x;
    const fw = faceRow + x;
    const east = qx[fw + 1] as number;
    const north = qy[c] as number;
    const south = qy[c + width] as number;
    const outflow =
      (east > 0 ? east : 0) -
      (west < 0 ? west : 0) +
      (south > 0 ? south : 0) -
      (north < 0 ? north : 0);
    const drained = outflow * dtOverDx;
    const h = depth[c] as number;
    if (drained > h) {
      const scale = (h / drained) * (1 - LIMITER_MARGIN);
      if (east > 0) qx[fw + 1] = east * scale;
      if (west < 0) qx[fw] = west * scale;
      if (south > 0) qy[c + width] = south * scale;
      if (north < 0) qy[c] = north * scale;
    }
    west = east;
  }
}

/**
 * Continuity `h += dt/dx * (net inflow)` for row `y` with the new (limited) discharges, and the
 * statistics of the step that ends at `endS`: maximum depth; arrival time, checked only when the
 * maximum grows (a first crossing of the threshold always raises it); time above the duration
 * threshold, written only when a cell crosses it (see `aboveSinceS`).
 * @returns the largest depth in the row (m).
 */
export function updateDepthOfRow(
  state: InertialState,
  dt: number,
  endS: number,
  y: number,
  x0: number,
  x1: number,
): number {
  const { width, depth, qxNext: qx, qyNext: qy, maxDepth, arrivalTimeS } = state;
  const { durationAboveS, aboveSinceS, arrivalThresholdM, durationThresholdM } = state;
  const startS = endS - dt;
  const dtOverDx = dt / state.cellSize;
  const row = y * width;
  const faceRow = y * (width + 1);
  let deepest = 0;
  let west = qx[faceRow + x0] as number;
  for (let x = x0; x <= x1; x++) {
    const c = row + x;
    const east = qx[faceRow + x + 1] as number;
    let h =
      (depth[c] as number) +
      dtOverDx * (west - east + (qy[c] as number) - (qy[c + width] as number));
    west = east;
    if (h < 0) h = 0; // never taken: the limiter leaves a margin (kept as a guard)
    depth[c] = h;
    if (h > deepest) deepest = h;
    if (h > (maxDepth[c] as number)) {
      maxDepth[c] = h;
      if (h >= arrivalThresholdM && arrivalTimeS[c] !== arrivalTimeS[c]) arrivalTimeS[c] = endS;
    }
    const since = aboveSinceS[c] as number;
    if (h >= durationThresholdM) {
      if (since !== since) aboveSinceS[c] = startS;
    } else if (since === since) {
      durationAboveS[c] = (durationAboveS[c] as number) + (startS - since);
      aboveSinceS[c] = NaN;
    }
  }
  return deepest;
}
