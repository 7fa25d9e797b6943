import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DtExportError } from '../../core/export/export-error.js';
import { translate } from '../../core/i18n/localize.js';
import { LiveAnnouncer } from '../announcer/live-announcer.js';
import { DtPanelElement } from '../base/dt-panel-element.js';
import type { TwinController } from '../base/twin-controller.js';
import { isCoordinateProblem, parseCoordinates } from '../edit/plan-geometry.js';
import type { DtMap } from '../map/dt-map.js';
import { toolStyles } from './dt-measure.styles.js';
import { MeasureDrawing } from './measure-drawing.js';
import {
  isMeasureProblem,
  measure,
  MEASURE_KINDS,
  type Measurement,
  type MeasureKind,
} from './measure-geometry.js';
import { heightAt } from './measure-heights.js';
import { setTwinMeasurements, twinMeasurements } from './measure-store.js';
import { measurementName, measurementText } from './measure-text.js';

/** The text shown for a problem, and the English reason an error event carries. */
interface Problem {
  key: string;
  params: Record<string, string | number>;
}

let nextMeasurement = 1;

/** The twin's MapLibre map (its `<dt-map>` child, or the one it made), if it exists yet. */
function mapOf(twin: TwinController | undefined) {
  const host = twin?.host;
  const element: DtMap | null =
    host?.querySelector('dt-map') ?? host?.shadowRoot?.querySelector('dt-map') ?? null;
  return element?.map;
}

/**
 * Measures distance (a line), area (a polygon) and height (one point, or the difference between
 * two) in metres, in RD New (EPSG:28992) rather than on the Web Mercator map. Points are clicked on
 * the map, or typed (RD New metres or WGS 84 degrees, as in the plan editor). Heights come from the
 * twin's elevation rasters (AHN DTM, DSM) and from the building under the point. The measurements
 * are listed as text in a polite live region, drawn on the map, and included in the exported image
 * and the scenario report.
 *
 * The twin's panel has one; a page may place another anywhere inside a `<dt-twin>`
 * (`<dt-measure kind="area"></dt-measure>`).
 *
 * @summary Distance, area and height in metres, on the map or typed.
 * @fires dt-measure - A measurement was added. Detail `{ measurement, measurements }`.
 * @fires dt-measure-error - Points could not be measured (a bad typed coordinate, too few points). Detail `{ error }`, a `DtExportError` with tool `measure` and code `invalid-coordinates`; nothing was added.
 * @csspart heading - The heading.
 * @csspart button - Every button.
 * @csspart input - The coordinates text area.
 * @csspart list - The list of measurements.
 */
export class DtMeasure extends DtPanelElement {
  static override styles = toolStyles;

  /** What the next measurement measures: `distance` (default), `area` or `height`. */
  @property({ reflect: true }) kind: MeasureKind = 'distance';
  /** Id of the elevation raster whose values height differences use (default: the first with a value). */
  @property({ reflect: true, attribute: 'height-source' }) heightSource: string | null = null;

  @state() private coordinates = '';
  @state() private problem: Problem | undefined;
  @state() private drawnCount: number | undefined;
  @state() private list: readonly Measurement[] = [];

  private readonly announcer = new LiveAnnouncer(this);
  #drawing: MeasureDrawing | undefined;
  #shown: { map: unknown; list: readonly Measurement[] } | undefined;

  /** The current measurements, oldest first. */
  get measurements(): readonly Measurement[] {
    return this.list;
  }

  protected override twinConnected(twin: TwinController): void {
    this.#drawing?.dispose();
    this.#drawing = new MeasureDrawing(twin.host, {
      onChange: (points) => {
        this.drawnCount = points.length;
        this.announcer.announce('draw', () =>
          this.t('measure.pointPlaced', { count: points.length }),
        );
      },
      onFinish: (points) => {
        this.drawnCount = undefined;
        this.measurePoints(points.map(([lon = NaN, lat = NaN]) => [lon, lat] as [number, number]));
      },
      onCancel: () => {
        this.drawnCount = undefined;
        this.announcer.announce('draw', () => this.t('measure.cancelled'));
      },
    });
    this.list = twinMeasurements(twin);
    this.#shown = undefined;
  }

  protected override twinDisconnected(): void {
    this.#drawing?.dispose();
    this.#drawing = undefined;
    this.#shown = undefined;
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    // Draw the measurements on the map when they or the map changed (not on every panel update).
    const map = mapOf(this.twin);
    if (map && (this.#shown?.map !== map || this.#shown.list !== this.list)) {
      this.#shown = { map, list: this.list };
      this.#drawing?.show(map, this.list);
    }
  }

  /**
   * Measures `kind` over WGS 84 `[lon, lat]` points and adds it. Returns the measurement, or
   * undefined when the points do not make one (the reason is shown and a `dt-measure-error` fired).
   */
  measurePoints(
    points: readonly [number, number][],
    kind: MeasureKind = this.kind,
  ): Measurement | undefined {
    const twin = this.twin;
    const n = 1 + Math.max(0, ...this.list.filter((m) => m.kind === kind).map((m) => m.n));
    const result = measure(kind, points, {
      id: `m-${nextMeasurement++}`,
      n,
      heightAt: twin ? (lon, lat) => heightAt(twin, lon, lat, this.heightSource) : undefined,
    });
    if (isMeasureProblem(result)) {
      this.fail(result);
      return undefined;
    }
    this.problem = undefined;
    this.setList([...this.list, result]);
    const text = measurementText(this.twin?.locale ?? 'en', result);
    this.announcer.announce('added', () => text);
    this.dispatchEvent(
      new CustomEvent('dt-measure', {
        detail: { measurement: result, measurements: this.list },
        bubbles: true,
        composed: true,
      }),
    );
    return result;
  }

  /**
   * Measures typed coordinates (`x,y; x,y` in RD New metres or `lon,lat` in WGS 84 degrees).
   * Returns the measurement, or undefined when the text cannot be read (shown, and a
   * `dt-measure-error` fired; nothing changes).
   */
  measureText(text: string, kind: MeasureKind = this.kind): Measurement | undefined {
    const parsed = parseCoordinates(text);
    if (isCoordinateProblem(parsed)) {
      this.fail(parsed);
      return undefined;
    }
    const result = this.measurePoints(parsed.points, kind);
    if (result) this.coordinates = '';
    return result;
  }

  /** Removes one measurement by id. */
  removeMeasurement(id: string): void {
    this.setList(this.list.filter((m) => m.id !== id));
  }

  /** Removes every measurement. */
  clear(): void {
    this.setList([]);
  }

  /** Starts measuring on the map (or says there is no map yet). */
  startDrawing(): void {
    const map = mapOf(this.twin);
    if (!map || !this.#drawing) {
      this.problem = { key: 'measure.noMap', params: {} };
      return;
    }
    this.problem = undefined;
    this.#drawing.start(map, this.kind);
    this.drawnCount = 0;
    const kind = this.kind;
    this.announcer.announce('draw', () =>
      this.t('measure.started', { kind: this.t(`measure.${kind}`) }),
    );
  }

  private setList(list: readonly Measurement[]): void {
    this.list = list;
    if (this.twin) setTwinMeasurements(this.twin, list);
  }

  private fail(problem: Problem): void {
    this.problem = problem;
    const reason = translate('en', problem.key, problem.params);
    this.dispatchEvent(
      new CustomEvent('dt-measure-error', {
        detail: { error: new DtExportError('measure', 'invalid-coordinates', reason) },
        bubbles: true,
        composed: true,
      }),
    );
  }

  override render() {
    const drawing = this.drawnCount !== undefined;
    const problem = this.problem;
    return html`<section aria-labelledby="heading">
      <h2 id="heading" part="heading">${this.t('measure.heading')}</h2>
      <fieldset>
        <legend>${this.t('measure.kind')}</legend>
        <div class="choices">
          ${MEASURE_KINDS.map(
            (kind) =>
              html`<label
                ><input
                  type="radio"
                  name="kind"
                  .checked=${this.kind === kind}
                  @change=${() => (this.kind = kind)}
                />${this.t(`measure.${kind}`)}</label
              >`,
          )}
        </div>
      </fieldset>
      <div class="row">
        ${
          drawing
            ? html`<button type="button" part="button" @click=${() => this.#drawing?.finish()}>
                  ${this.t('measure.finish')}
                </button>
                <button type="button" part="button" @click=${() => this.#drawing?.cancel()}>
                  ${this.t('measure.cancel')}
                </button>`
            : html`<button
                type="button"
                part="button"
                aria-describedby="draw-help"
                @click=${() => this.startDrawing()}
              >
                ${this.t('measure.draw')}
              </button>`
        }
      </div>
      <p id="draw-help" class="help muted">${this.t(`measure.help.${this.kind}`)}</p>
      ${drawing ? html`<p class="help">${this.t('measure.drawing', { count: this.drawnCount ?? 0 })}</p>` : nothing}
      <form
        @submit=${(e: Event) => {
          e.preventDefault();
          this.measureText(this.coordinates);
        }}
      >
        <label class="field" for="coordinates">${this.t('measure.coords')}</label>
        <p id="coordinates-help" class="help muted">${this.t('measure.coordsHelp')}</p>
        <textarea
          id="coordinates"
          part="input"
          rows="2"
          spellcheck="false"
          autocomplete="off"
          aria-describedby=${problem ? 'coordinates-help coordinates-error' : 'coordinates-help'}
          aria-invalid=${problem ? 'true' : 'false'}
          .value=${this.coordinates}
          @input=${(e: Event) => (this.coordinates = (e.target as HTMLTextAreaElement).value)}
        ></textarea>
        <div class="row">
          <button type="submit" part="button">${this.t('measure.add')}</button>
        </div>
        ${
          problem
            ? html`<p id="coordinates-error" class="error" role="alert">
                ${this.t(problem.key, problem.params)}
              </p>`
            : nothing
        }
      </form>
      <h3 id="results-heading">${this.t('measure.results')}</h3>
      <div>
        ${
          this.list.length === 0
            ? html`<p class="muted">${this.t('measure.none')}</p>`
            : html`<ol part="list" aria-labelledby="results-heading">
                ${this.list.map(
                  (m) =>
                    html`<li>
                      <span>${measurementText(this.twin?.locale ?? 'en', m)}</span>
                      <button
                        type="button"
                        part="button"
                        aria-label=${this.t('measure.removeLabel', {
                          name: measurementName(this.twin?.locale ?? 'en', m),
                        })}
                        @click=${() => this.removeMeasurement(m.id)}
                      >
                        ${this.t('measure.remove')}
                      </button>
                    </li>`,
                )}
              </ol>`
        }
      </div>
      ${
        this.list.length > 0
          ? html`<div class="row">
              <button type="button" part="button" @click=${() => this.clear()}>
                ${this.t('measure.clear')}
              </button>
            </div>`
          : nothing
      }
      <p class="help muted">${this.t('measure.crs')}</p>
      ${this.announcer.region()}
    </section>`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dt-measure': CustomEvent<{ measurement: Measurement; measurements: readonly Measurement[] }>;
    'dt-measure-error': CustomEvent<{ error: DtExportError }>;
  }
}
