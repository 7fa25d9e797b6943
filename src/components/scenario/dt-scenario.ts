import type { FeatureCollection } from 'geojson';
import { css } from 'lit';
import { property } from 'lit/decorators.js';
import { DtSourceError } from '../../core/errors.js';
import type { ScenarioResult } from '../../core/sim/scenario-result.js';
import type { SourceContent } from '../base/dt-data-source-element.js';
import { DtScenarioElement } from '../base/dt-scenario-element.js';
import { runFloodBreach, runRain } from './flood-dynamic.js';
import { runFloodLevel } from './flood-level.js';
import { runGreen33300 } from './green-3-30-300-kind.js';
import { runHeat } from './heat-kind.js';
import { runPet } from './pet-kind.js';
import { appliesTo, editsOf, EDITS_CHANGE_EVENT } from './scenario-edits.js';
import { snapEdit } from '../../core/share/edit-snap.js';
import { attachProvenance } from '../share/run-provenance.js';
import { runWithBaseline } from './scenario-baseline.js';
import { runShadow } from './shadow-kind.js';
import {
  registerScenarioKind,
  scenarioKind,
  scenarioKindNames,
  type ScenarioRunContext,
} from './scenario-kinds.js';
import { gridOf, specOf } from '../../core/sim/model-grids.js';
import type { TimeVarying } from '../timeline/time-varying.js';

registerScenarioKind('flood/level', runFloodLevel);
registerScenarioKind('flood', runFloodLevel);
registerScenarioKind('flood/breach', runFloodBreach);
registerScenarioKind('rain', runRain);
registerScenarioKind('green-3-30-300', runGreen33300);
registerScenarioKind('heat', runHeat);
registerScenarioKind('heat/pet', runPet);
registerScenarioKind('shadow', runShadow);

/**
 * A building's entries of `result.buildingValues` as feature properties: `trees-visible` becomes
 * `trees_visible`; values rounded to 3 decimals, NaN and infinities null.
 */
function buildingValueProperties(
  result: ScenarioResult,
  index: number,
): Record<string, number | null> {
  return Object.fromEntries(
    Object.entries(result.buildingValues ?? {}).map(([name, values]) => {
      const value = values[index];
      return [
        name.replace(/-/g, '_'),
        value !== undefined && Number.isFinite(value) ? Math.round(value * 1000) / 1000 : null,
      ];
    }),
  );
}

const numberOrNull = {
  fromAttribute: (value: string | null) => (value === null || value === '' ? null : Number(value)),
  toAttribute: (value: number | null) => (value === null ? null : String(value)),
};

/**
 * A scenario of the twin: a model run on the twin's data, whose results are a data source. Layers
 * draw its bands (`<dt-layer source="flood1" type="raster" band="depth">`) and its buildings (the
 * buildings source's features with `flooded`, `ring_depth_m` and `dry_storeys`). The twin's panel
 * shows its controls, a results table and exports.
 *
 * ```html
 * <dt-scenario id="flood1" type="flood" mode="level" dem="ahn" landcover="bgt" buildings="panden"
 *              water-level="0.5" flood-from="water"></dt-scenario>
 * <dt-scenario id="breach1" type="flood" mode="breach" dem="ahn" landcover="bgt" buildings="panden"
 *              breach="84930,447530" hydrograph="[[0,0],[600,8],[3600,8]]" duration="3600"></dt-scenario>
 * <dt-scenario id="bui" type="rain" dem="ahn" landcover="bgt" buildings="panden"
 *              intensity="60" rain-duration="3600" duration="5400"></dt-scenario>
 * ```
 *
 * Models, equations, defaults and validation: docs/models/.
 *
 * @summary A flood or rain scenario: a model run whose results are layers, numbers and exports.
 * @attr dsm - Heat, shade, PET, 3-30-300: id of the surface-model (DSM) data source.
 * @attr t-ref - Heat: rural reference air temperature, degrees C (default 30).
 * @attr uhi-max - Heat: urban heat island magnitude, degrees C (default 3).
 * @attr cool-distance - Heat: maximum cooling distance of parks, m (default 450).
 * @attr mix-distance - Heat: air mixing distance, m (default 500).
 * @attr et0 - Heat: reference evapotranspiration, mm/day (default 5; only ET0 / max ET0 matters).
 * @attr humidity - Heat and PET: relative humidity, % (default 50).
 * @attr weights - Heat: weights of shade, albedo and evapotranspiration (default `0.6,0.2,0.2`).
 * @attr heat-threshold - Heat: air temperature above which area is counted, degrees C (default t-ref + uhi-max / 2).
 * @attr tree-radius - 3-30-300: a tree top is the highest canopy within this radius, m (default 2.5).
 * @attr eye-height - 3-30-300: observer eye height in front of a facade, m (default 1.5).
 * @attr view-distance - 3-30-300: how far a home sees trees, m (default 30).
 * @attr min-trees - 3-30-300: trees a home should see (default 3).
 * @attr neighbourhood - 3-30-300: neighbourhoods for canopy cover, inline GeoJSON polygons in WGS 84 (default: the whole grid).
 * @attr canopy-target - 3-30-300: canopy cover a neighbourhood should have, % (default 30).
 * @attr park-min-area - 3-30-300: the smallest park or green space, m2 (default 5000).
 * @attr park-distance - 3-30-300: the greatest distance from a home to such a park, m (default 300).
 * @fires dt-scenario-progress - A run advanced; detail `{ scenarioId, share }`.
 * @fires dt-scenario-complete - A run finished; detail `{ scenarioId, result }`.
 * @fires dt-scenario-error - A run could not start or failed; detail `{ scenarioId, error }` (a `DtSourceError` with code `invalid-parameter`, `missing-input` or `model`).
 * @fires dt-times-change - The times of the time-varying result changed (a timeline follows them).
 */
export class DtScenario extends DtScenarioElement implements TimeVarying {
  static override styles = css`
    :host {
      display: none;
    }
  `;

  /** The model: `flood`, `rain`, `heat`, `shadow`, `green-3-30-300` (and kinds suppliers register). */
  @property({ reflect: true }) type = 'flood';
  /** Flood: `level` (connected bathtub, default) or `breach` (time-stepping local-inertial model). */
  @property({ reflect: true }) mode = 'level';
  /** Level mode: the water level, metres NAP (the DEM's datum). */
  @property({ type: Number, reflect: true, attribute: 'water-level' }) waterLevel = 0;
  /** Level mode: where water enters: `edge` (default), `water` (the land cover's water polygons) or `points`. */
  @property({ reflect: true, attribute: 'flood-from' }) floodFrom = 'edge';
  /** Level mode with `flood-from="points"`: `[[x, y], ...]` in the DEM's CRS. */
  @property({ reflect: true }) points: string | null = null;
  /** Level mode: 8 (default) or 4 neighbours connect cells. */
  @property({ type: Number, reflect: true }) connectivity = 8;
  /** Breach mode: the breach location `"x,y"` in the DEM's CRS (RD New metres). */
  @property({ reflect: true }) breach: string | null = null;
  /** Breach mode: the breach width in metres (default 10): the cells within half of it take the inflow. */
  @property({ type: Number, reflect: true, attribute: 'breach-width' }) breachWidth = 10;
  /** Breach mode: the inflow hydrograph `[[t_s, Q_m3s], ...]`, linear between points. */
  @property({ reflect: true }) hydrograph: string | null = null;
  /** Breach mode: the outside water level (m NAP) held at the breach, instead of a hydrograph. */
  @property({ reflect: true, attribute: 'outside-level', converter: numberOrNull })
  outsideLevel: number | null = null;
  /** Breach and rain: simulated time in seconds (default 3600). */
  @property({ type: Number, reflect: true }) duration = 3600;
  /** Breach and rain: seconds between the depth snapshots the timeline plays (default 300). */
  @property({ type: Number, reflect: true, attribute: 'output-interval' }) outputInterval = 300;
  /**
   * Breach and rain: the analysis cell size in metres (default 2; the DEM is block-averaged to it).
   * Shadow, PET and 3-30-300 default to 1 m: the default is not written to the attribute (`useDefault`), so a
   * kind sees `cell-size` only when the page sets it.
   */
  @property({ type: Number, reflect: true, attribute: 'cell-size', useDefault: true }) cellSize = 2;
  /** Rain: intensity in mm/h, constant over `rain-duration`. */
  @property({ reflect: true, converter: numberOrNull }) intensity: number | null = null;
  /** Rain: how long it rains, seconds (default: `duration`). */
  @property({ reflect: true, attribute: 'rain-duration', converter: numberOrNull })
  rainDuration: number | null = null;
  /** Rain: a hyetograph `[[t_s, mm_per_h], ...]` instead of `intensity`; each value holds until the next time. */
  @property({ reflect: true }) hyetograph: string | null = null;
  /** Rain: the hydrologic soil group A-D for curve numbers (default D: Dutch clay and peat). */
  @property({ reflect: true, attribute: 'soil-group' }) soilGroup = 'D';
  /** Rain: water a roof holds before it drains (mm), for green roofs (default 0). */
  @property({ type: Number, reflect: true, attribute: 'green-roof-storage' }) greenRoofStorage = 0;
  /** Overrides of the land-cover class table, JSON (see docs/models/landcover-table.md). */
  @property({ reflect: true }) classes: string | null = null;
  /** Depth (m) from which a cell counts as flooded for arrival, duration and buildings (default 0.1). */
  @property({ type: Number, reflect: true }) threshold = 0.1;
  /** Depth (m) below which the depth bands show a cell as dry (default 0.01). */
  @property({ type: Number, reflect: true, attribute: 'min-depth' }) minDepth = 0.01;

  /** The result of the last successful run. */
  result: ScenarioResult | undefined;
  /** The share done of the run in progress (0..1), or undefined when none runs. */
  progress: number | undefined;

  #cache = new Map<string, unknown>();
  #time = 0;

  /** A result's content hash is computed only when asked for (a slider reruns often). */
  protected override get hashesOnLoad(): boolean {
    return false;
  }

  /** Times (s) of the depth snapshots of the last run: what a `<dt-timeline>` plays. */
  get times(): readonly number[] {
    return this.result?.times ?? [];
  }

  /** The time shown by the `depth` band (s); setting it shows the nearest snapshot. */
  get time(): number {
    return this.#time;
  }
  set time(value: number) {
    const result = this.result;
    if (!result || result.times.length === 0) return;
    let best = 0;
    result.times.forEach((t, k) => {
      if (Math.abs(t - value) < Math.abs((result.times[best] as number) - value)) best = k;
    });
    this.#time = result.times[best] as number;
    const depth = result.snapshots[best] as Float32Array;
    const reference = result.bands['depth'] ?? Object.values(result.bands)[0];
    if (!reference) return;
    const spec = specOf(reference);
    const shown = depth.map((d) => (d >= this.minDepth ? d : NaN));
    this.bands = { ...this.bands, depth: gridOf(spec, shown) };
    this.twin?.changed('sources');
  }

  /** The parameters a kind reads: this element's model properties. */
  private params(): Record<string, unknown> {
    const keys = [
      'waterLevel',
      'floodFrom',
      'points',
      'connectivity',
      'breach',
      'breachWidth',
      'hydrograph',
      'outsideLevel',
      'duration',
      'outputInterval',
      'cellSize',
      'intensity',
      'rainDuration',
      'hyetograph',
      'soilGroup',
      'greenRoofStorage',
      'classes',
      'threshold',
      'minDepth',
      'mode',
    ] as const;
    return Object.fromEntries(keys.map((k) => [k, this[k]]));
  }

  protected override async load(signal: AbortSignal): Promise<FeatureCollection | SourceContent> {
    const id = this.sourceName;
    try {
      const kind = scenarioKind(this.type, this.mode);
      if (!kind)
        throw new DtSourceError(
          id,
          'unknown-type',
          `unknown scenario type "${this.type}"${this.mode ? ` mode "${this.mode}"` : ''}; known: ${scenarioKindNames().join(', ')}`,
        );
      const twin = this.twin;
      if (!twin)
        throw new DtSourceError(id, 'missing-input', 'the scenario is not inside a <dt-twin>');
      const inputs = await this.resolveInputs(signal);
      this.progress = 0;
      // Edits on a 1e-7 degree grid (about 1 cm), so a permalink gives back exactly these edits.
      const edits = editsOf(this).map(snapEdit);
      const startedAt = new Date();
      const report = (share: number) => {
        this.progress = share;
        this.emit('dt-scenario-progress', { scenarioId: id, share });
      };
      const context: ScenarioRunContext = {
        scenarioId: id,
        params: this.params(),
        attributes: Object.fromEntries([...this.attributes].map((a) => [a.name, a.value])),
        dem: inputs.dem,
        dsm: inputs.dsm,
        landcover: inputs.landcover,
        buildings: inputs.buildings,
        edits,
        workers: twin.workers,
        signal,
        cache: this.#cache,
        progress: report,
      };
      const result = await runWithBaseline(kind, context);
      signal.throwIfAborted();
      const ran = scenarioKindNames().includes(`${this.type}/${this.mode}`)
        ? `${this.type}/${this.mode}`
        : this.type;
      const { attributes } = context;
      await attachProvenance(result, {
        scenario: this,
        kind: ran,
        inputs: this.inputs,
        attributes,
        edits,
        startedAt,
      });
      signal.throwIfAborted();
      this.progress = undefined;
      this.result = result;
      this.#time = result.times[result.times.length - 1] ?? 0;
      queueMicrotask(() => {
        this.emit('dt-scenario-complete', { scenarioId: id, result });
        this.emit('dt-times-change', { times: result.times });
      });
      return { data: this.buildingFeatures(result, inputs.buildingsData), bands: result.bands };
    } catch (cause) {
      this.progress = undefined;
      if (signal.aborted) throw cause;
      const error =
        cause instanceof DtSourceError
          ? cause
          : new DtSourceError(id, 'model', cause instanceof Error ? cause.message : String(cause), {
              cause,
            });
      this.emit('dt-scenario-error', { scenarioId: id, error });
      throw error;
    }
  }

  /** Waits for the named input sources and reads their data; a named source that is missing or failed is an error. */
  private async resolveInputs(signal: AbortSignal) {
    await Promise.resolve(); // sources later in the document register in the same task
    const id = this.sourceName;
    const read = async (role: 'dem' | 'dsm' | 'landcover' | 'buildings') => {
      const name = this[role];
      if (!name) return undefined;
      const source = this.inputs[role];
      if (!source)
        throw new DtSourceError(
          id,
          'missing-input',
          `${role}="${name}": no data source with that id`,
        );
      await source.settled;
      signal.throwIfAborted();
      if (source.state === 'error')
        throw new DtSourceError(
          id,
          'missing-input',
          `${role}="${name}" could not be loaded: ${source.error?.reason ?? 'unknown error'}`,
        );
      return source;
    };
    const [dem, dsm, landcover, buildings] = [
      await read('dem'),
      await read('dsm'),
      await read('landcover'),
      await read('buildings'),
    ];
    const band = (source: typeof dem, role: 'dem' | 'dsm') => {
      if (!source) return undefined;
      const grid = source.bands['value'] ?? Object.values(source.bands)[0];
      if (!grid)
        throw new DtSourceError(
          id,
          'missing-input',
          `${role}="${this[role]}" has no raster band (use type="geotiff")`,
        );
      return grid;
    };
    return {
      dem: band(dem, 'dem'),
      dsm: band(dsm, 'dsm'),
      landcover: landcover?.data?.features,
      buildings: buildings?.data?.features,
      buildingsData: buildings?.data,
    };
  }

  /** The buildings with the run's outcome in their properties: what a layer over the scenario draws. */
  private buildingFeatures(
    result: ScenarioResult,
    buildings: FeatureCollection | undefined,
  ): FeatureCollection {
    const byIndex = new Map(result.buildings.map((b) => [b.index, b]));
    return {
      type: 'FeatureCollection',
      features: (buildings?.features ?? []).map((feature, index) => {
        const outcome = byIndex.get(index);
        return {
          ...feature,
          properties: {
            ...feature.properties,
            flooded: outcome?.flooded ?? false,
            ring_depth_m: outcome ? Math.round(outcome.ringDepthM * 1000) / 1000 : 0,
            dry_storeys: outcome?.dryStoreys ?? null,
            ...buildingValueProperties(result, index),
          },
        };
      }),
    };
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    // Any model parameter changed after the first render: run again (the bathtub reuses its precompute).
    const modelKeys = [...changed.keys()].filter((k) => k !== 'progress');
    if (this.hasUpdated && modelKeys.some((k) => changed.get(k) !== undefined)) this.reload();
  }

  #attributeObserver = new MutationObserver((records) => {
    // Attributes that are not Lit properties (a kind's own parameters, such as t-ref) rerun too.
    const declared = (this.constructor as typeof DtScenario).observedAttributes;
    if (records.some((r) => r.attributeName && !declared.includes(r.attributeName))) this.reload();
  });
  #editsHost: HTMLElement | undefined;
  #onEditsChange = (event: Event) => {
    const target = event.composedPath()[0];
    if (target instanceof Element && appliesTo(target, this)) this.reload();
  };

  protected override twinConnected(twin: Parameters<DtScenarioElement['twinConnected']>[0]): void {
    super.twinConnected(twin);
    this.#attributeObserver.observe(this, { attributes: true });
    this.#editsHost = twin.host;
    twin.host.addEventListener(EDITS_CHANGE_EVENT, this.#onEditsChange);
  }

  protected override twinDisconnected(
    twin: Parameters<DtScenarioElement['twinDisconnected']>[0],
  ): void {
    super.twinDisconnected(twin);
    this.#attributeObserver.disconnect();
    this.#editsHost?.removeEventListener(EDITS_CHANGE_EVENT, this.#onEditsChange);
    this.#editsHost = undefined;
    this.#cache.clear();
  }
}
