/**
 * Finds the two grids a difference subtracts, in the twin's sources, and says clearly what is wrong
 * when it cannot: a source that does not exist, a band one of them lacks, or grids that differ.
 */
import { DtSourceError } from '../../core/errors.js';
import type { MessageKey } from '../../core/i18n/messages.js';
import type { Grid } from '../../core/raster/grid.js';
import type { ScenarioResult } from '../../core/sim/scenario-result.js';
import type { DtDataSourceElement } from '../base/dt-data-source-element.js';
import type { TwinController } from '../base/twin-controller.js';
import { describeGrid, sameGrid } from './difference.js';

/** A reason the difference cannot be made: the typed error for the event, the text for the user. */
export interface DifferenceProblem {
  kind: 'problem';
  /** Names the source and what was wrong. */
  error: DtSourceError;
  /** The localized message for the controls. */
  message: MessageKey;
  /** Its parameters. */
  params: Record<string, string>;
}

/** What {@link findDifferenceInput} found. */
export type DifferenceInput =
  | { kind: 'ready'; band: string; gridA: Grid; gridB: Grid; source: string }
  | { kind: 'waiting' }
  | DifferenceProblem;

/** The scenario result a source carries, if it is a scenario that has run. */
export function resultOf(source: DtDataSourceElement | undefined): ScenarioResult | undefined {
  const result = (source as { result?: ScenarioResult } | undefined)?.result;
  return result && Array.isArray(result.stats) ? result : undefined;
}

/** Short and language-neutral: "530 × 458, 0.5 m". */
function gridInWords(grid: Grid): string {
  return `${grid.width} × ${grid.height}, ${Math.abs(grid.geotransform[1])} m`;
}

function problem(
  sourceId: string,
  code: 'missing-input' | 'invalid-parameter',
  reason: string,
  message: MessageKey,
  params: Record<string, string>,
): DifferenceProblem {
  return { kind: 'problem', error: new DtSourceError(sourceId, code, reason), message, params };
}

/** The band to subtract: the one asked for, else A's primary band, else the first band both have. */
function chooseBand(a: DtDataSourceElement, b: DtDataSourceElement, band: string | null): string {
  if (band) return band;
  const primary = resultOf(a)?.primaryBand;
  if (primary && primary in b.bands) return primary;
  return Object.keys(a.bands).find((name) => name in b.bands) ?? Object.keys(a.bands)[0] ?? '';
}

/**
 * The grids of `band` in sources `a` and `b` of the twin, `waiting` while a source has not loaded
 * (or a run is still going), or the problem that stops the difference.
 */
export function findDifferenceInput(
  twin: TwinController,
  a: string | null,
  b: string | null,
  band: string | null,
): DifferenceInput {
  if (!a || !b) {
    const reason = 'the difference needs two sources: set the "a" and "b" attributes';
    return problem(a || b || '(none)', 'missing-input', reason, 'compareView.error.noSources', {});
  }
  const sources = { a: twin.source(a), b: twin.source(b) };
  for (const id of [a, b]) {
    if (twin.source(id)) continue;
    const reason = `no data source or scenario with id "${id}" in this twin`;
    return problem(id, 'missing-input', reason, 'compareView.error.missingSource', { id });
  }
  const sourceA = sources.a as DtDataSourceElement;
  const sourceB = sources.b as DtDataSourceElement;
  const loaded = (s: DtDataSourceElement) => Object.keys(s.bands).length > 0;
  if (!loaded(sourceA) || !loaded(sourceB)) return { kind: 'waiting' };
  const name = chooseBand(sourceA, sourceB, band);
  for (const source of [sourceA, sourceB]) {
    if (source.bands[name]) continue;
    if (source.state === 'loading') return { kind: 'waiting' };
    const reason = `it has no band "${name}" (it has ${Object.keys(source.bands).join(', ')})`;
    return problem(source.id, 'invalid-parameter', reason, 'compareView.error.missingBand', {
      id: source.id,
      band: name,
    });
  }
  const gridA = sourceA.bands[name] as Grid;
  const gridB = sourceB.bands[name] as Grid;
  if (!sameGrid(gridA, gridB)) {
    const reason =
      `band "${name}" is on another grid than in "${a}" (${describeGrid(gridB)} against ` +
      `${describeGrid(gridA)}): the difference B - A needs the same grid`;
    return problem(b, 'invalid-parameter', reason, 'compareView.error.gridMismatch', {
      a,
      b,
      gridA: gridInWords(gridA),
      gridB: gridInWords(gridB),
    });
  }
  return { kind: 'ready', band: name, gridA, gridB, source: b };
}
