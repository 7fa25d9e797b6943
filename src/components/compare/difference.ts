/**
 * B - A, cell by cell and statistic by statistic: the numbers behind the difference mode of
 * `<dt-compare>`. Framework-free (no DOM, no lit), so it runs and tests anywhere.
 */
import type { Grid } from '../../core/raster/grid.js';
import type { ScenarioStat } from '../../core/sim/scenario-result.js';

/**
 * What a cell without a value (NaN or nodata) counts as where the other grid has one: `zero` (a dry
 * cell of a flood has depth 0, so a cell that floods only in B shows its whole depth) or `none` (the
 * difference has no value there either, as for an air temperature outside the model's area).
 */
export type EmptyCells = 'zero' | 'none';

/** The default of {@link EmptyCells} for a band: `zero` for water depths, `none` for the rest. */
export function defaultEmptyCells(band: string): EmptyCells {
  return /(^|-)depth$/.test(band) ? 'zero' : 'none';
}

/** Whether two grids have the same cells: size, placement and CRS. */
export function sameGrid(a: Grid, b: Grid): boolean {
  return (
    a.width === b.width &&
    a.height === b.height &&
    a.crs === b.crs &&
    a.geotransform.every((v, i) => v === b.geotransform[i])
  );
}

/** A grid in words, for error messages: "530 x 458 cells of 0.5 m at (84800, 447700) in EPSG:28992". */
export function describeGrid(grid: Grid): string {
  const [x0, dx, , y0] = grid.geotransform;
  return `${grid.width} x ${grid.height} cells of ${Math.abs(dx)} m at (${x0}, ${y0}) in ${grid.crs}`;
}

const valueOf = (grid: Grid, i: number): number => {
  const v = grid.values[i] as number;
  return v === grid.nodata ? NaN : v;
};

/**
 * `b - a` per cell, on `b`'s grid (the caller checks {@link sameGrid} first). Where both have no
 * value the difference has none (NaN); where one has none, `empty` decides.
 */
export function gridDifference(a: Grid, b: Grid, empty: EmptyCells): Grid {
  const n = b.values.length;
  const values = new Float32Array(n);
  const zero = empty === 'zero';
  for (let i = 0; i < n; i++) {
    const va = valueOf(a, i);
    const vb = valueOf(b, i);
    const aMissing = va !== va;
    const bMissing = vb !== vb;
    if (aMissing && bMissing) values[i] = NaN;
    else if (aMissing) values[i] = zero ? vb : NaN;
    else if (bMissing) values[i] = zero ? -va : NaN;
    else values[i] = vb - va;
  }
  return { ...b, values, nodata: undefined };
}

/**
 * A domain symmetric around 0 that holds every value of the grid: `[-m, m]` with m the largest
 * absolute difference (a tiny span when the grids are equal, so a ramp can still be built).
 */
export function symmetricDomain(grid: Grid): [number, number] {
  let m = 0;
  for (const v of grid.values) {
    if (v === v && Math.abs(v) > m) m = Math.abs(v);
  }
  const span = m > 0 ? m : 1e-6;
  return [-span, span];
}

/** Parses a `domain` attribute, `"min,max"`; undefined when it is not two finite, increasing numbers. */
export function parseDomain(text: string | null | undefined): [number, number] | undefined {
  const parts = text?.split(',').map((part) => Number(part.trim()));
  if (parts?.length !== 2) return undefined;
  const [min, max] = parts as [number, number];
  return Number.isFinite(min) && Number.isFinite(max) && min < max ? [min, max] : undefined;
}

/** One row of the side-by-side numbers: a statistic both runs have, A, B and B - A. */
export interface StatComparison {
  /** The statistic's key (`flooded-area`, `t-air-mean`, ...). */
  key: string;
  /** A's value. */
  a: ScenarioStat;
  /** B's value. */
  b: ScenarioStat;
  /** B - A, in the same unit. */
  change: ScenarioStat;
}

/** The statistics both runs have (same key and unit), in A's order, with B - A. */
export function compareStats(
  a: readonly ScenarioStat[],
  b: readonly ScenarioStat[],
): StatComparison[] {
  const rows: StatComparison[] = [];
  for (const statA of a) {
    const statB = b.find((s) => s.key === statA.key && s.unit === statA.unit);
    if (!statB) continue;
    // A change of a level (m NAP) is a height difference in metres.
    const unit = statB.unit === 'm NAP' ? 'm' : statB.unit;
    rows.push({
      key: statA.key,
      a: statA,
      b: statB,
      change: { key: statB.key, unit, value: statB.value - statA.value },
    });
  }
  return rows;
}
