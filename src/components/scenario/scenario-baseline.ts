/**
 * Before, after and difference: a scenario with greenery edits runs twice, without the edits (the
 * baseline, kept while its inputs and attributes stay the same) and with them. The result is the
 * planned run, with every band also as `<band>-before` and `<band>-change` (after minus before) and
 * the baseline result in `baseline`, so layers can draw the change and the panel can show the numbers
 * side by side.
 */
import type { Grid } from '../../core/raster/grid.js';
import type { ScenarioResult } from '../../core/sim/scenario-result.js';
import type { ScenarioKind, ScenarioRunContext } from './scenario-kinds.js';

interface CachedBaseline {
  key: string;
  inputs: unknown[];
  result: ScenarioResult;
}

const CACHE_KEY = 'baseline';

function sameGrid(a: Grid, b: Grid): boolean {
  return (
    a.width === b.width &&
    a.height === b.height &&
    a.geotransform.every((v, i) => v === b.geotransform[i])
  );
}

/** `after - before` per cell (NaN where either is NaN). */
export function differenceGrid(after: Grid, before: Grid): Grid {
  const values = new Float32Array(after.values.length);
  for (let i = 0; i < values.length; i++) {
    values[i] = (after.values[i] as number) - (before.values[i] as number);
  }
  return { ...after, values, nodata: undefined };
}

/** The planned result with the baseline's bands (`-before`), the differences (`-change`) and `baseline`. */
export function withBaseline(after: ScenarioResult, before: ScenarioResult): ScenarioResult {
  const bands: Record<string, Grid> = { ...after.bands };
  for (const [name, grid] of Object.entries(after.bands)) {
    const old = before.bands[name];
    if (!old || !sameGrid(grid, old)) continue;
    bands[`${name}-before`] = old;
    bands[`${name}-change`] = differenceGrid(grid, old);
  }
  return { ...after, bands, baseline: before };
}

/**
 * Runs `kind`; when the context has edits, also runs (or reuses) the baseline without them and
 * combines the two with {@link withBaseline}. Progress: baseline 0-50 %, plan 50-100 %.
 */
export async function runWithBaseline(
  kind: ScenarioKind,
  context: ScenarioRunContext,
): Promise<ScenarioResult> {
  if (context.edits.length === 0) return kind(context);
  const key = JSON.stringify(context.attributes);
  const inputs = [context.dem, context.dsm, context.landcover, context.buildings];
  const cached = context.cache.get(CACHE_KEY) as CachedBaseline | undefined;
  let before = cached?.result;
  const fresh = cached?.key === key && cached.inputs.every((input, i) => input === inputs[i]);
  if (!fresh || !before) {
    before = await kind({
      ...context,
      edits: [],
      progress: (share) => context.progress(share / 2),
    });
    context.signal.throwIfAborted();
    context.cache.set(CACHE_KEY, { key, inputs, result: before } satisfies CachedBaseline);
  }
  const after = await kind({
    ...context,
    progress: (share) => context.progress(fresh ? share : 0.5 + share / 2),
  });
  return withBaseline(after, before);
}
