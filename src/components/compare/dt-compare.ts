import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DtSourceError } from '../../core/errors.js';
import { CATALOGUES } from '../../core/i18n/localize.js';
import type { Grid } from '../../core/raster/grid.js';
import { LiveAnnouncer } from '../announcer/live-announcer.js';
import { DtElement } from '../base/dt-element.js';
import type { DtLayerElement } from '../base/dt-layer-element.js';
import type { DtView } from '../base/events.js';
import type { TwinChangeKind, TwinController } from '../base/twin-controller.js';
import { TwinMapLink } from './twin-map-link.js';
import type { DtMap } from '../map/dt-map.js';
import './compare-events.js';
import {
  isCompareMode,
  mainMapDecorator,
  secondMapDecorator,
  splitIds,
  onSide,
  type CompareMode,
  type Side,
  type SideState,
} from './compare-sides.js';
import {
  dividerTemplate,
  MODE_LABELS,
  modeButtons,
  namesTemplate,
  secondMapTemplate,
  when,
} from './compare-view.js';
import {
  compareStats,
  defaultEmptyCells,
  gridDifference,
  parseDomain,
  symmetricDomain,
  type EmptyCells,
} from './difference.js';
import { findDifferenceInput, resultOf, type DifferenceProblem } from './difference-input.js';
import { differenceSection } from './difference-view.js';
import { DividerDrag, positionAfterKey } from './divider-input.js';
import { DtCompareDifference } from './dt-compare-difference.js';
import { compareStyles } from './dt-compare.styles.js';
import { SideBySide } from './side-by-side.js';
import type { SwipeSplit } from './swipe-clip.js';

/** The difference layer's domain before there is a difference. */
const NO_DOMAIN: [number, number] = [-1, 1];

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * Compares two scenarios (or two groups of layers) of a twin: a swipe divider over the 3D map, two
 * views side by side that move together, or the difference B - A of a band with a diverging legend
 * and the statistics of both side by side.
 *
 * ```html
 * <dt-compare a="laag" b="hoog" mode="swipe" position="0.5"></dt-compare>
 * <dt-compare a="zonder" b="met-park" mode="difference" band="t-air"></dt-compare>
 * ```
 *
 * A's layers are the twin's layers that draw source `a` (`<dt-layer source="laag">`), or the layers
 * whose ids `a-layers` lists; the same for B. Layers of neither side are drawn in every mode. Swipe
 * clips A's layers to the left of the divider and B's to the right by screen column, in the
 * fragment shader, so it holds in a pitched and rotated 3D view (see docs/compare.md).
 *
 * @summary Swipe, side by side and difference of two scenarios.
 * @fires dt-compare-change - The mode or the divider position changed. Detail `{ compareId, mode, position }`.
 * @fires dt-compare-error - A source, band or grid does not fit; nothing changed. Detail `{ compareId, error }` (a `DtSourceError`).
 * @csspart controls - The box with the mode buttons, legend and numbers.
 * @csspart mode-button - Each mode button (`aria-pressed="true"` on the current mode).
 * @csspart divider - The swipe divider (the line).
 * @csspart divider-handle - The divider's handle, a keyboard slider.
 * @csspart name - The names of A and B over the map (also `name-a`, `name-b`).
 * @csspart second-map - The second map, side by side.
 * @csspart legend - The legend of the difference.
 * @csspart table - The statistics of A and B side by side.
 * @cssproperty --dt-compare-divider-color - Colour of the divider and its handle (default white).
 * @cssproperty --dt-compare-divider-outline - Outline of the divider, for contrast on any map.
 * @cssproperty --dt-compare-divider-width - Width of the divider line (default 3px).
 * @cssproperty --dt-compare-handle-size - Size of the handle (default 36px).
 * @cssproperty --dt-compare-controls-width - Width of the control box (default 360px).
 * @cssproperty --dt-compare-controls-wide-width - Width of the control box with the difference's numbers (default 480px).
 */
export class DtCompare extends DtElement {
  static override styles = compareStyles;

  /** Side A: the id of a scenario or data source; its layers are those drawing it. */
  @property({ reflect: true }) a: string | null = null;
  /** Side B: the id of a scenario or data source. */
  @property({ reflect: true }) b: string | null = null;
  /** Side A's layers by element id (`"id1 id2"`), instead of the layers drawing `a`. */
  @property({ reflect: true, attribute: 'a-layers' }) aLayers: string | null = null;
  /** Side B's layers by element id. */
  @property({ reflect: true, attribute: 'b-layers' }) bLayers: string | null = null;
  /** The name shown for A (default: `a`). */
  @property({ reflect: true, attribute: 'a-label' }) aLabel: string | null = null;
  /** The name shown for B (default: `b`). */
  @property({ reflect: true, attribute: 'b-label' }) bLabel: string | null = null;
  /** `swipe` (default), `side-by-side` or `difference`. */
  @property({ reflect: true }) mode: CompareMode = 'swipe';
  /** Swipe: the divider's position, 0 (left edge of the map) to 1 (right edge); default 0.5. */
  @property({ type: Number, reflect: true }) position = 0.5;
  /** Difference: the band to subtract (`depth`, `t-air`, ...); default A's main band. */
  @property({ reflect: true }) band: string | null = null;
  /** Difference: the ramp's range `"min,max"`; default symmetric around 0 over the data. */
  @property({ reflect: true }) domain: string | null = null;
  /** Difference: a cell without a value counts as `zero` or stays empty (`none`); default zero for depths. */
  @property({ reflect: true }) empty: EmptyCells | null = null;

  @state() private problem: DifferenceProblem | undefined;

  /** The last good difference, with what it was made from (`source`: B's id, `names`: A's and B's). */
  #difference:
    | {
        grid: Grid;
        domain: [number, number];
        band: string;
        source: string;
        names: { a: string; b: string };
        inputs: unknown[];
      }
    | undefined;
  #reported = '';
  #last: { mode: CompareMode; position: number } | undefined;
  /** Side by side: the camera the second map starts at (then the two move together). */
  #secondStart: DtView | undefined;
  readonly #split: SwipeSplit = { position: 0.5 };
  readonly #sides: SideState = { mode: 'swipe', sideOf: (layer) => this.sideOf(layer) };
  readonly #sideBySide = new SideBySide();
  readonly #announcer = new LiveAnnouncer(this);
  readonly #link = new TwinMapLink(this, mainMapDecorator(this.#sides, this.#split), () =>
    this.#sideBySide.stop(),
  );
  readonly #drag = new DividerDrag(
    () => this.#link.map?.getBoundingClientRect(),
    (position) => (this.position = position),
    () => this.#announcer.announce('position', () => this.valueText()),
  );

  /** The last good difference B - A (NaN where neither has a value), or undefined. */
  get difference(): Grid | undefined {
    return this.#difference?.grid;
  }
  /** The value range of the difference's ramp. */
  get differenceDomain(): [number, number] | undefined {
    return this.#difference?.domain;
  }
  /** The last problem reported with `dt-compare-error`, while it lasts. */
  get error(): DtSourceError | undefined {
    return this.problem?.error;
  }
  /** Side by side: the second map (B), else undefined. */
  get secondMap(): DtMap | undefined {
    return this.#sideBySide.second;
  }
  /** Side by side: resolves once both maps have drawn and move together. */
  get linked(): Promise<void> {
    return this.#sideBySide.linked;
  }

  /** The side a twin layer belongs to, or undefined for a layer both share. */
  sideOf(layer: DtLayerElement): Side | undefined {
    if (layer instanceof DtCompareDifference) return undefined;
    if (onSide(layer, { source: this.a, layerIds: splitIds(this.aLayers) })) return 'a';
    if (onSide(layer, { source: this.b, layerIds: splitIds(this.bLayers) })) return 'b';
    return undefined;
  }

  private get names(): { a: string; b: string } {
    return { a: this.aLabel ?? this.a ?? 'A', b: this.bLabel ?? this.b ?? 'B' };
  }

  protected override twinConnected(twin: TwinController): void {
    this.#link.follow(twin);
  }

  protected override twinDisconnected(): void {
    this.#link.follow(undefined);
  }

  protected override twinChanged(kind: TwinChangeKind): void {
    this.#link.find();
    if (kind === 'sources') this.refreshDifference();
    if (kind !== 'view' && kind !== 'layers') this.requestUpdate();
  }

  override connectedCallback(): void {
    // The difference layer lives in this element's shadow root: its tag must exist wherever
    // <dt-compare> is used, also when a page registers the tags itself instead of 'tweeling/define'.
    DtCompareDifference.define('dt-compare-difference');
    super.connectedCallback();
  }

  private reportProblem(problem: DifferenceProblem): void {
    this.problem = problem;
    if (problem.error.message === this.#reported) return;
    this.#reported = problem.error.message;
    this.emit('dt-compare-error', { compareId: this.id, error: problem.error });
  }

  private clearProblem(): void {
    this.problem = undefined;
    this.#reported = '';
  }

  /**
   * Difference mode: (re)computes B - A when its inputs changed (called before a render, and when
   * the twin's sources change); a problem is reported and leaves the last good difference.
   */
  private refreshDifference(): void {
    if (this.mode !== 'difference' || !this.twin) return;
    const input = findDifferenceInput(this.twin, this.a, this.b, this.band);
    if (input.kind === 'waiting') return;
    if (input.kind === 'problem') return this.reportProblem(input);
    this.clearProblem();
    const empty =
      this.empty === 'zero' || this.empty === 'none' ? this.empty : defaultEmptyCells(input.band);
    const inputs = [input.gridA, input.gridB, empty, this.domain, input.band];
    if (this.#difference?.inputs.every((value, i) => value === inputs[i])) return;
    const grid = gridDifference(input.gridA, input.gridB, empty);
    const domain = parseDomain(this.domain) ?? symmetricDomain(grid);
    const { source, band } = input;
    this.#difference = { grid, domain, band, source, names: this.names, inputs };
    this.requestUpdate();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('mode') && !isCompareMode(this.mode)) {
      const wrong = String(this.mode);
      this.mode = (changed.get('mode') as CompareMode | undefined) ?? 'swipe';
      const reason = `unknown compare mode "${wrong}": use swipe, side-by-side or difference`;
      this.emit('dt-compare-error', {
        compareId: this.id,
        error: new DtSourceError(this.id || 'dt-compare', 'invalid-parameter', reason),
      });
    }
    if (changed.has('position')) {
      const previous = changed.get('position') as number | undefined;
      this.position = Number.isFinite(this.position) ? clamp01(this.position) : (previous ?? 0.5);
    }
    this.#split.position = this.position;
    this.#sides.mode = this.mode;
    if (changed.has('mode') && this.mode !== 'difference') this.clearProblem();
    // Side by side: the second map starts where the twin's map is when the mode begins.
    if (this.mode !== 'side-by-side') this.#secondStart = undefined;
    else this.#secondStart ??= this.#link.map?.view;
    if (['mode', 'a', 'b', 'band', 'domain', 'empty'].some((k) => changed.has(k)))
      this.refreshDifference();
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    const main = this.#link.map;
    const second = this.renderRoot.querySelector<DtMap>('.second dt-map');
    if (this.mode === 'side-by-side' && main && second) {
      this.#sideBySide.start(main, second, secondMapDecorator(this.#sides));
      this.#sideBySide.label(this.t('compareView.viewB', { b: this.names.b }));
    } else this.#sideBySide.stop();
    if (['mode', 'a', 'b', 'aLayers', 'bLayers'].some((k) => changed.has(k)))
      this.twin?.changed('layers');
    else if (changed.has('position')) main?.map?.triggerRepaint();
    if (this.#last && (this.#last.mode !== this.mode || this.#last.position !== this.position)) {
      this.emit('dt-compare-change', {
        compareId: this.id,
        mode: this.mode,
        position: this.position,
      });
    }
    this.#last = { mode: this.mode, position: this.position };
  }

  /** The user chose a mode: switch and say what is shown now. */
  private chooseMode(mode: CompareMode): void {
    this.mode = mode;
    this.#announcer.announce('mode', () => this.modeAnnouncement());
  }

  private modeAnnouncement(): string {
    const { a, b } = this.names;
    if (this.mode === 'swipe') return this.t('compareView.modeSwipe', { a, b });
    if (this.mode === 'side-by-side') return this.t('compareView.modeSideBySide', { a, b });
    return this.t('compareView.modeDifference', {
      a,
      b,
      band: this.#difference?.band ?? this.band ?? '',
    });
  }

  private readonly onDividerKey = (event: KeyboardEvent): void => {
    const next = positionAfterKey(event.key, event.shiftKey, this.position);
    if (next === undefined) return;
    event.preventDefault();
    this.position = next;
  };

  private valueText(): string {
    return this.t('compareView.dividerValue', {
      percent: Math.round(this.position * 100),
      ...this.names,
    });
  }

  private statLabel(key: string): string {
    const messageKey = `stat.${key}`;
    const text = this.t(messageKey);
    return messageKey in CATALOGUES.en || text !== messageKey ? text : key;
  }

  /** The difference layer's name in the layer list and legend. */
  private differenceLabel(): string | null {
    const d = this.#difference;
    return d ? this.t('compareView.differenceLayer', { ...d.names, band: d.band }) : null;
  }

  private differencePart() {
    const resultA = resultOf(this.twin?.source(this.a));
    const resultB = resultOf(this.twin?.source(this.b));
    return differenceSection({
      locale: this.twin?.locale ?? 'en',
      difference: this.#difference,
      rows: resultA && resultB ? compareStats(resultA.stats, resultB.stats) : undefined,
      t: (key, params) => this.t(key, params),
      statLabel: (key) => this.statLabel(key),
      ...this.names,
    });
  }

  override render() {
    const { a, b } = this.names;
    const box = this.#link.box;
    const main = this.#link.map;
    const view = this.#secondStart ?? main?.view;
    const split =
      this.mode === 'side-by-side' ? box.hostWidth / 2 : box.left + this.position * box.width;
    return html`${when(this.mode === 'swipe' && main, () =>
        dividerTemplate({
          x: split,
          top: box.top,
          height: box.height,
          position: this.position,
          label: this.t('compareView.divider'),
          valueText: this.valueText(),
          onPointer: this.#drag.onPointer,
          onKey: this.onDividerKey,
        }),
      )}
      ${when(this.mode === 'side-by-side' && main && view && { main, view }, (v) =>
        secondMapTemplate(v.main, v.view),
      )}
      ${when(this.mode !== 'difference' && main, () => namesTemplate(split, box.top, a, b, this.mode === 'side-by-side'))}
      ${
        this.mode === 'difference'
          ? html`<dt-compare-difference
              .source=${this.#difference?.source ?? this.b}
              .grid=${this.#difference?.grid}
              .domain=${this.#difference?.domain ?? NO_DOMAIN}
              .band=${this.#difference?.band ?? ''}
              .label=${this.differenceLabel()}
            ></dt-compare-difference>`
          : nothing
      }
      <section
        class=${this.mode === 'difference' ? 'controls wide' : 'controls'}
        part="controls"
        aria-label=${this.t('compareView.label', { a, b })}
      >
        ${modeButtons(
          this.mode,
          this.t('compareView.mode'),
          (m) => this.t(MODE_LABELS[m]),
          (m) => this.chooseMode(m),
        )}
        ${this.mode === 'difference' ? this.differencePart() : nothing}
        ${when(this.problem, (p) => html`<p class="error" role="alert">${this.t(p.message, p.params)}</p>`)}
      </section>
      ${this.#announcer.region()}`;
  }
}
