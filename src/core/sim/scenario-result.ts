/**
 * What a scenario run gives: result grids (bands), the times of its snapshots, statistics, the
 * buildings it affects and the parameters it ran with. The same shape for every scenario kind, so
 * panels, tables, exports and comparisons treat them alike.
 */
import type { Grid } from '../raster/grid.js';
import type { BuildingFlood } from './flooded-buildings.js';
import type { RunProvenance } from '../share/provenance.js';

/** The unit of a statistic, for formatting. */
export type StatUnit =
  | 'm'
  | 'm2'
  | 'm3'
  | 's'
  | 'count'
  | 'ratio'
  | 'mm'
  | 'm NAP'
  | 'degC'
  | 'percent'
  | 'h'
  | 'index'
  | 'deg'; // deg: an angle in degrees (sun elevation, azimuth)

/** One number of a result. */
export interface ScenarioStat {
  /** Stable key, also the message key suffix for its label (`stat.<key>`). */
  key: string;
  /** The value in `unit`. */
  value: number;
  /** Its unit. */
  unit: StatUnit;
}

/** The result of one scenario run. */
export interface ScenarioResult {
  /** The model that produced it: `flood-level`, `flood-breach`, `rain`, ... */
  model: string;
  /** Result grids by band name (NaN where a band has no value, e.g. dry cells). */
  bands: Record<string, Grid>;
  /** Times (s) of the depth snapshots of a time-stepping run; empty for an instant model. */
  times: number[];
  /** Depth grids at `times` (same order), for the timeline. */
  snapshots: Float32Array[];
  /** The statistics, in display order. */
  stats: ScenarioStat[];
  /** Per building (by index in the buildings source): ring depth, flooded, dry storeys. */
  buildings: BuildingFlood[];
  /** The parameters the run used, after defaults. */
  parameters: Record<string, unknown>;
  /** Wall-clock time of the run, ms. */
  elapsedMs: number;
  /**
   * With greenery edits: the same scenario run without them. The result's bands then include
   * `<band>-before` and `<band>-change` (after minus before).
   */
  baseline?: ScenarioResult;
  /** The band that stands for the result (exports, the first layer to draw); default: the first band. */
  primaryBand?: string;
  /** Per building, model values by name (heat: mean air temperature on the ring around it). */
  buildingValues?: Record<string, Float32Array>;
  /**
   * What produced the result: data sources with URLs and content hashes, model and SDK version,
   * parameters, edits, time of the run (set by `<dt-scenario>`; see docs/share-and-reproduce.md).
   */
  provenance?: RunProvenance;
  /** Short hash (12 hex digits) of the run's inputs: the same inputs give the same hash and the same bands. */
  inputHash?: string;
}

/** The value of a statistic by key, or undefined. */
export function statValue(result: ScenarioResult, key: string): number | undefined {
  return result.stats.find((s) => s.key === key)?.value;
}
