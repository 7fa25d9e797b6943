/**
 * The scenario kinds `<dt-scenario type="..." mode="...">` knows, and what a kind gets to run with.
 * A kind is one async function from its context (the element's parameters, the resolved inputs, the
 * worker pool, a signal and a progress callback) to a {@link ScenarioResult}. Suppliers add kinds with
 * {@link registerScenarioKind}.
 */
import type { Feature } from 'geojson';
import { DtSourceError } from '../../core/errors.js';
import type { Grid } from '../../core/raster/grid.js';
import type { GreeneryEdit } from '../../core/sim/greenery-edits.js';
import type { ScenarioResult } from '../../core/sim/scenario-result.js';
import type { TaskRunner } from '../../core/workers/actor.js';

/** Everything a scenario kind runs with. */
export interface ScenarioRunContext<P = Record<string, unknown>> {
  /** The scenario's id, for errors. */
  scenarioId: string;
  /** The element's parameters (its properties), read at the start of the run. */
  params: P;
  /**
   * All of the element's attributes at the start of the run, by name: a kind reads the parameters
   * it defines itself from here (`t-ref="30"`) with {@link numberAttribute}. Changing any attribute
   * reruns the scenario.
   */
  attributes: Readonly<Record<string, string>>;
  /** The elevation grid of the `dem` source, if given and loaded. */
  dem: Grid | undefined;
  /** The surface grid of the `dsm` source (ground, buildings, trees), if given and loaded. */
  dsm: Grid | undefined;
  /**
   * The greenery edits that apply to this scenario (its own `<dt-edit>` children and the twin's),
   * in document order, WGS 84. A kind that reads land cover burns them in with `applyEdits`.
   */
  edits: readonly GreeneryEdit[];
  /** Features of the `landcover` source, if given. */
  landcover: readonly Feature[] | undefined;
  /** Features of the `buildings` source, if given. */
  buildings: readonly Feature[] | undefined;
  /** The twin's worker pool. */
  workers: TaskRunner;
  /** Aborts when the run is superseded, cancelled, or the element leaves the page. */
  signal: AbortSignal;
  /** Reports the share done, 0..1. */
  progress(share: number): void;
  /**
   * A store that lives as long as the element: a kind keeps expensive precomputes here (the
   * bathtub's flood levels) so that moving a slider does not redo them.
   */
  cache: Map<string, unknown>;
}

/** Runs one kind of scenario. */
export type ScenarioKind = (context: ScenarioRunContext) => Promise<ScenarioResult>;

const kinds = new Map<string, ScenarioKind>();

/**
 * Adds a scenario kind: `<dt-scenario type="name">` (or `type="flood" mode="breach"` for the name
 * `flood/breach`) runs with `kind`.
 */
export function registerScenarioKind(name: string, kind: ScenarioKind): void {
  kinds.set(name, kind);
}

/** The kind for a type and mode: `type/mode` when registered, else `type`. */
export function scenarioKind(type: string, mode: string | null): ScenarioKind | undefined {
  return (mode ? kinds.get(`${type}/${mode}`) : undefined) ?? kinds.get(type);
}

/** The names of the registered kinds. */
export function scenarioKindNames(): string[] {
  return [...kinds.keys()];
}

/** An error about a parameter of a scenario: code `invalid-parameter`. */
export function invalidParameter(scenarioId: string, reason: string): DtSourceError {
  return new DtSourceError(scenarioId, 'invalid-parameter', reason);
}

/** The DEM, or a `missing-input` error naming what is missing. */
export function requireDem(context: ScenarioRunContext): Grid {
  if (!context.dem)
    throw new DtSourceError(
      context.scenarioId,
      'missing-input',
      'no elevation: set dem="<id of a geotiff data source>"',
    );
  return context.dem;
}

/** Parses a JSON attribute, naming the parameter when it is not valid JSON. */
export function parseJsonParameter(scenarioId: string, name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new DtSourceError(scenarioId, 'invalid-parameter', `${name} is not valid JSON`, {
      cause,
    });
  }
}

/** Checks that a number parameter is finite and within [min, max]. */
export function checkNumber(
  scenarioId: string,
  name: string,
  value: number,
  min = -Infinity,
  max = Infinity,
): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    const range =
      min > -Infinity && max < Infinity
        ? ` between ${min} and ${max}`
        : min > -Infinity
          ? min === 0
            ? ' that is not negative'
            : ` of at least ${min}`
          : '';
    throw invalidParameter(scenarioId, `${name} must be a number${range}, got ${value}`);
  }
  return value;
}

/**
 * A number attribute of the scenario: its value, or `fallback` when absent or empty.
 * @throws DtSourceError (`invalid-parameter`) naming the attribute when it is not a number in [min, max].
 */
export function numberAttribute(
  context: Pick<ScenarioRunContext, 'scenarioId' | 'attributes'>,
  name: string,
  fallback: number,
  min = -Infinity,
  max = Infinity,
): number {
  const text = context.attributes[name];
  if (text === undefined || text.trim() === '')
    return checkNumber(context.scenarioId, name, fallback, min, max);
  const value = Number(text);
  if (Number.isNaN(value))
    throw invalidParameter(context.scenarioId, `${name} must be a number, got "${text}"`);
  return checkNumber(context.scenarioId, name, value, min, max);
}
