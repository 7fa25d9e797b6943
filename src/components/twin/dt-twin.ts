import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toLocale, translate, type Locale } from '../../core/i18n/localize.js';
import { LiveAnnouncer } from '../announcer/live-announcer.js';
import { TwinAnnouncements } from '../announcer/twin-announcements.js';
import { twinContext } from '../base/twin-context.js';
import { TwinController } from '../base/twin-controller.js';
import { viewFromAttributes } from '../map/view.js';
import { PermalinkController } from '../share/permalink-controller.js';
import { defaultContent } from './default-content.js';
import { twinStyles } from './dt-twin.styles.js';

/** Below this width (CSS pixels) the twin is "narrow": the panel starts closed and opens as a bottom sheet. */
export const NARROW_TWIN_PX = 600;

/** The language switch: each language named in itself (and marked with its own `lang`). */
const LANGUAGES: { locale: Locale; name: string }[] = [
  { locale: 'nl', name: 'Nederlands' },
  { locale: 'en', name: 'English' },
];

/**
 * The root of a digital twin. Its children compose it: a `<dt-map>`, `<dt-data-source>`s,
 * `<dt-layer>`s and `<dt-scenario>`s. With no children it shows the shipped default: the Delft
 * canal-side area with BGT land cover and the 160 BAG buildings in 3D, offline.
 *
 * ```html
 * <dt-twin lang="nl"></dt-twin>
 * ```
 *
 * Accessibility: the panel (layers, legend, features in view as buttons, the selected feature's
 * attributes as a table) is the text alternative to the map, and has a language switch (Dutch,
 * English). A polite live region says, once per change, where the map moved to, which data loaded or
 * failed, and when a scenario run starts and finishes. On a twin narrower than 600 px the panel is a
 * bottom sheet, closed until the toggle opens it (Escape closes it). Theme it with the `--dt-*` custom
 * properties below (`theme="dark"` or `theme="auto"` for dark colours); see docs/accessibility.md.
 *
 * @summary A digital twin: map, data, layers and scenarios composed from child elements.
 * @slot - `<dt-map>`, `<dt-data-source>`, `<dt-layer>`, `<dt-scenario>` and supplier elements.
 * @fires dt-select - A feature was selected or the selection cleared (from the panel).
 *
 * @csspart panel - The side panel (a bottom sheet on a narrow twin) with the language switch, layer list, legend, scenarios, features in view and attributes.
 * @csspart panel-toggle - The button that shows or hides the panel.
 * @csspart map - The map, when the twin makes its own.
 * @csspart language - The language switch (a group of two buttons).
 * @csspart language-option - Each button of the language switch (`aria-pressed="true"` on the current language).
 * @csspart heading - Every panel heading (layers, legend, features in view, selected feature).
 * @csspart button - The panel's buttons: features in view and "clear selection".
 * @csspart checkbox - The layer visibility checkboxes.
 * @csspart swatch - The colour swatches of the legend and the features in view.
 * @csspart layer-list - The list of layers.
 * @csspart feature-list - The list of features in view.
 * @csspart legend-table - Each layer's legend table.
 * @csspart feature-table - The attribute table of the selected feature.
 * @csspart scenario - One scenario's section in the scenario panel.
 * @csspart results - A scenario's results table.
 * @csspart plan-editor - The plan editor (`plan` attribute): greenery edits for the scenarios.
 * @csspart plan-list - The plan editor's list of edits.
 * @csspart plan-input - The plan editor's text, number and file inputs.
 * @csspart share-input - The share panel's file input and link field.
 * @csspart run-info - A scenario's run information (input hash, model, sources; JSON download).
 * @csspart hash - The input hash in a scenario's run information.
 * @fires dt-share-apply - A permalink or context document was applied. Detail `{ origin, skipped, built }`.
 * @fires dt-share-error - A permalink or context document was rejected; nothing changed. Detail `{ origin, error }` (a `DtShareError`).
 * @csspart tool-input - The inputs of the measuring tool and the image export (coordinates, resolution, size).
 * @csspart measure-list - The list of measurements.
 * @csspart search-input - The search field of the panel's search box (`<dt-search>`).
 * @csspart search-listbox - The search box's list of results.
 * @csspart search-option - Each search result.
 *
 * @cssproperty --dt-twin-height - Height of the twin (default 600px).
 * @cssproperty --dt-twin-radius - Corner radius of the twin itself (default 0).
 * @cssproperty --dt-panel-width - Width of the side panel (default 300px).
 * @cssproperty --dt-panel-sheet-height - Largest height of the bottom sheet on a narrow twin (default 70%).
 * @cssproperty --dt-font - Font of all UI text (shorthand; default 0.875rem/1.4 system-ui, sans-serif).
 * @cssproperty --dt-heading-size - Font size of panel headings (default 0.95rem).
 * @cssproperty --dt-heading-weight - Font weight of panel headings (default 700).
 * @cssproperty --dt-color-text - Text colour.
 * @cssproperty --dt-color-muted - Secondary text: counts, captions, "nothing selected" (keep 4.5:1 on the panel).
 * @cssproperty --dt-color-error - Error text in the layer list.
 * @cssproperty --dt-color-panel - Background of the panel and its toggle.
 * @cssproperty --dt-color-border - Borders of controls (keep 3:1 on the panel).
 * @cssproperty --dt-color-border-subtle - The panel's border and table rules.
 * @cssproperty --dt-color-button - Button background.
 * @cssproperty --dt-color-button-text - Button text (default: the text colour).
 * @cssproperty --dt-color-button-hover - Button background under the pointer.
 * @cssproperty --dt-color-selected - Background of a pressed button (the selected feature, the current language).
 * @cssproperty --dt-color-accent - Checkboxes and sliders.
 * @cssproperty --dt-focus-color - Focus ring colour (keep 3:1 against panel and map).
 * @cssproperty --dt-focus-width - Focus ring width (default 3px).
 * @cssproperty --dt-focus-offset - Gap between a control and its focus ring (default 1px).
 * @cssproperty --dt-shadow - Shadow of the panel.
 * @cssproperty --dt-radius - Corner radius of the panel, its toggle and buttons.
 * @cssproperty --dt-space-2xs - Smallest spacing: inside buttons and table cells (default 2px).
 * @cssproperty --dt-space-xs - Extra-small spacing: between a checkbox or swatch and its text (default about 0.4em).
 * @cssproperty --dt-space-s - Small spacing: around the toggle and panel (default 0.5rem).
 * @cssproperty --dt-space-m - Medium spacing: inside the panel and between its sections (default 0.75rem).
 * @cssproperty --dt-target-size - Smallest width and height of a control (default 24px, WCAG 2.2 target size).
 * @cssproperty --dt-checkbox-size - Size of the layer checkboxes (default 1.125rem).
 * @cssproperty --dt-swatch-size - Size of colour swatches (default 1em).
 * @cssproperty --dt-map-background - Background of the map before the basemap draws.
 * @cssproperty --dt-map-min-height - Smallest height of the map (default 300px).
 */
export class DtTwin extends LitElement {
  static override styles = twinStyles;

  /** Language of the UI, `nl` or `en`. Default: the nearest `lang` on the page. */
  // Not reflected: an empty `lang=""` attribute would tell screen readers the language is unknown.
  @property() override lang = '';
  /** The basemap: `offline` (default: the shipped BGT land cover), `none`, an XYZ URL template or a MapLibre style URL. */
  @property({ reflect: true }) basemap: string | null = null;
  /** Shorthand for the map's `center` (`"lon,lat"`). */
  @property({ reflect: true }) center: string | null = null;
  /** Shorthand for the map's `zoom`. */
  @property({ type: Number, reflect: true }) zoom: number | null = null;
  /** Shorthand for the map's `pitch` (degrees). */
  @property({ type: Number, reflect: true }) pitch: number | null = null;
  /** Shorthand for the map's `bearing` (degrees). */
  @property({ type: Number, reflect: true }) bearing: number | null = null;
  /**
   * The side panel: `open` or `closed`; the user toggles it with the panel button. Unset (default):
   * open on a twin at least 600 px wide, closed on a narrower one (a phone), where it opens as a
   * bottom sheet over the map.
   */
  @property({ reflect: true }) panel: 'open' | 'closed' | undefined = undefined;
  /**
   * Colours of the panel: `light` (default), `dark`, or `auto` (follows the system's
   * `prefers-color-scheme`). Custom properties set by the page win over the theme's.
   */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' | undefined = undefined;
  /**
   * The name of the user's plan of greenery edits: the panel shows a plan editor (`<dt-plan-editor>`)
   * whose edits every scenario of the twin runs with, saved in the browser under
   * `tweeling:plan:<name>` (see docs/greenery-edits.md). Unset (default): no editor.
   */
  @property({ reflect: true }) plan: string | null = null;
  /**
   * Keep the twin's state in the URL fragment (`#dt=...`: view, visible layers, scenario settings,
   * the plan's edits, compare mode) and restore it from there on load; the panel gets "copy link".
   * See docs/share-and-reproduce.md.
   */
  @property({ type: Boolean, reflect: true }) permalink = false;

  /** The permalink: follows the URL fragment when `permalink` is set; `link()` gives the URL of the state now. */
  readonly share = new PermalinkController(this);

  /** Whether the side panel is open (`panel="open"`, or unset on a wide twin). */
  get panelOpen(): boolean {
    return this.panel ? this.panel === 'open' : !this.narrow;
  }
  /** Opens (true) or closes (false) the side panel, by setting `panel`. */
  set panelOpen(open: boolean) {
    this.panel = open ? 'open' : 'closed';
  }

  /** The twin's shared state: sources, layers, selection, language. */
  readonly controller = new TwinController(this);

  @state() private hasChildren = false;
  @state() private hasOwnMap = false;
  /** Narrower than {@link NARROW_TWIN_PX}: the panel is a bottom sheet, closed until opened. */
  @state() private narrow = false;

  /** The polite live region: view, data and scenario changes, spoken once each. */
  private readonly announcer = new LiveAnnouncer(this);
  private readonly resizeObserver = new ResizeObserver(([entry]) => {
    if (entry) this.measure(entry.contentRect.width);
  });

  constructor() {
    super();
    new ContextProvider(this, { context: twinContext, initialValue: this.controller });
    new TwinAnnouncements(this, this.controller, this.announcer);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.readChildren();
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    this.controller.releaseWorkers(); // the last twin to let go terminates the workers
  }

  /** Sets `narrow` from the twin's width in CSS pixels (0: not laid out, nothing to decide). */
  private measure(width: number): void {
    if (width > 0) this.narrow = width < NARROW_TWIN_PX;
  }

  /** Switches the UI language: sets the `lang` attribute, so screen readers and the page see it too. */
  private setLanguage(locale: Locale): void {
    this.setAttribute('lang', locale);
  }

  /** Escape in the bottom sheet closes it and puts focus back on the toggle. */
  private readonly onPanelKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.narrow || !this.panelOpen) return;
    this.panelOpen = false;
    this.shadowRoot?.querySelector<HTMLButtonElement>('.toggle')?.focus();
  };

  private readChildren = () => {
    // A plan's edits (added by the plan editor) do not make a bare twin lose its default content.
    this.hasChildren = [...this.children].some((child) => !child.matches('dt-edit[data-plan]'));
    this.hasOwnMap = this.querySelector(':scope > dt-map') !== null;
  };

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // Decided before the first render, so a phone never shows the panel for a frame and hides it.
    if (!this.hasUpdated) this.measure(this.getBoundingClientRect().width);
    const c = this.controller;
    const locale = toLocale(
      this.lang ||
        this.parentElement?.closest('[lang]')?.getAttribute('lang') ||
        document.documentElement.lang ||
        navigator.language,
    );
    if (locale !== c.locale) {
      c.locale = locale;
      c.changed('locale');
    }
    if (['basemap', 'center', 'zoom', 'pitch', 'bearing'].some((k) => changed.has(k))) {
      c.basemap = this.basemap;
      c.view = viewFromAttributes(this);
      if (this.hasUpdated) c.changed('settings');
    }
  }

  override render() {
    const locale = this.controller.locale;
    const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
    // `lang` on the shadow content: the text is in the twin's language even where the page's differs.
    return html`<div class="stage" role="region" aria-label=${t('twin.label')} lang=${locale}>
        <slot @slotchange=${this.readChildren}></slot>
        ${this.hasOwnMap ? nothing : html`<dt-map exportparts="map"></dt-map>`}
        ${this.hasChildren ? nothing : defaultContent(t('default.buildings'))}
      </div>
      <button
        class="toggle"
        part="panel-toggle"
        type="button"
        lang=${locale}
        aria-expanded=${this.panelOpen ? 'true' : 'false'}
        aria-controls="panel"
        @click=${() => (this.panelOpen = !this.panelOpen)}
      >
        ${this.panelOpen ? t('panel.hide') : t('panel.show')}
      </button>
      <aside
        id="panel"
        part="panel"
        class=${this.narrow ? 'sheet' : ''}
        lang=${locale}
        aria-label=${t('panel.label')}
        ?hidden=${!this.panelOpen}
        @keydown=${this.onPanelKeydown}
      >
        <div class="language" role="group" part="language" aria-label=${t('language.label')}>
          ${LANGUAGES.map(
            (language) =>
              html`<button
                type="button"
                part="language-option"
                lang=${language.locale}
                aria-pressed=${language.locale === locale ? 'true' : 'false'}
                @click=${() => this.setLanguage(language.locale)}
              >
                ${language.name}
              </button>`,
          )}
        </div>
        <dt-search
          placement="inline"
          exportparts="input: search-input, button, listbox: search-listbox, option: search-option"
        ></dt-search>
        <dt-layer-list exportparts="heading, list: layer-list, checkbox"></dt-layer-list>
        <dt-legend exportparts="heading, table: legend-table, swatch"></dt-legend>
        <dt-scenario-panel exportparts="scenario, results, run-info, hash"></dt-scenario-panel>
        ${
          this.plan
            ? html`<dt-plan-editor
                part="plan-editor"
                .plan=${this.plan}
                exportparts="heading, button, list: plan-list, input: plan-input"
              ></dt-plan-editor>`
            : nothing
        }
        <dt-share-panel exportparts="heading, button, input: share-input, message"></dt-share-panel>
        <dt-feature-list
          exportparts="heading, list: feature-list, button, swatch"
        ></dt-feature-list>
        <dt-feature-info exportparts="heading, table: feature-table, button"></dt-feature-info>
        <dt-measure
          exportparts="heading, button, input: tool-input, list: measure-list"
        ></dt-measure>
        <dt-snapshot exportparts="heading, button, input: tool-input"></dt-snapshot>
      </aside>
      ${this.announcer.region()}`;
  }

  /** Registers `<dt-twin>` unless a class is already registered for it. */
  static define(tag = 'dt-twin'): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }
}
