import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toLocale } from '../../core/i18n/localize.js';
import { translate } from '../../core/i18n/localize.js';
import { twinContext } from '../base/twin-context.js';
import { TwinController } from '../base/twin-controller.js';
import { viewFromAttributes } from '../map/view.js';
import { defaultContent } from './default-content.js';
import { twinStyles } from './dt-twin.styles.js';

/**
 * The root of a digital twin. Its children compose it: a `<dt-map>`, `<dt-data-source>`s,
 * `<dt-layer>`s and `<dt-scenario>`s. With no children it shows the shipped default: the Delft
 * canal-side area with BGT land cover and the 160 BAG buildings in 3D, offline.
 *
 * ```html
 * <dt-twin lang="nl"></dt-twin>
 * ```
 *
 * @summary A digital twin: map, data, layers and scenarios composed from child elements.
 * @slot - `<dt-map>`, `<dt-data-source>`, `<dt-layer>`, `<dt-scenario>` and supplier elements.
 * @fires dt-select - A feature was selected or the selection cleared (from the panel).
 * @csspart panel - The side panel with the layer list, legend, features in view and attributes.
 * @csspart panel-toggle - The button that shows or hides the panel.
 * @csspart map - The map, when the twin makes its own.
 * @cssproperty --dt-twin-height - Height of the twin (default 600px).
 * @cssproperty --dt-panel-width - Width of the side panel (default 300px).
 * @cssproperty --dt-font - Font of all UI text.
 * @cssproperty --dt-color-text - Text colour.
 * @cssproperty --dt-color-panel - Panel background.
 * @cssproperty --dt-color-border - Borders of controls.
 * @cssproperty --dt-focus-color - Focus ring colour.
 * @cssproperty --dt-radius - Corner radius of panels and buttons.
 * @cssproperty --dt-space-s - Small spacing.
 * @cssproperty --dt-space-m - Medium spacing.
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
  /** The side panel: `open` (default) or `closed`. The user toggles it with the panel button. */
  @property({ reflect: true }) panel: 'open' | 'closed' = 'open';

  /** Whether the side panel is open (`panel="open"`). */
  get panelOpen(): boolean {
    return this.panel !== 'closed';
  }
  /** Opens (true) or closes (false) the side panel, by setting `panel`. */
  set panelOpen(open: boolean) {
    this.panel = open ? 'open' : 'closed';
  }

  /** The twin's shared state: sources, layers, selection, language. */
  readonly controller = new TwinController(this);

  @state() private hasChildren = false;
  @state() private hasOwnMap = false;

  constructor() {
    super();
    new ContextProvider(this, { context: twinContext, initialValue: this.controller });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.readChildren();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.controller.releaseWorkers(); // the last twin to let go terminates the workers
  }

  private readChildren = () => {
    this.hasChildren = this.children.length > 0;
    this.hasOwnMap = this.querySelector(':scope > dt-map') !== null;
  };

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
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
    const t = (key: Parameters<typeof translate>[1]) => translate(this.controller.locale, key);
    return html`<div class="stage" role="region" aria-label=${t('twin.label')}>
        <slot @slotchange=${this.readChildren}></slot>
        ${this.hasOwnMap ? nothing : html`<dt-map exportparts="map"></dt-map>`}
        ${this.hasChildren ? nothing : defaultContent(t('default.buildings'))}
      </div>
      <button
        class="toggle"
        part="panel-toggle"
        type="button"
        aria-expanded=${this.panelOpen ? 'true' : 'false'}
        aria-controls="panel"
        @click=${() => (this.panelOpen = !this.panelOpen)}
      >
        ${this.panelOpen ? t('panel.hide') : t('panel.show')}
      </button>
      <aside id="panel" part="panel" aria-label=${t('panel.label')} ?hidden=${!this.panelOpen}>
        <dt-layer-list></dt-layer-list>
        <dt-legend></dt-legend>
        <dt-scenario-panel></dt-scenario-panel>
        <dt-feature-list></dt-feature-list>
        <dt-feature-info></dt-feature-info>
      </aside>`;
  }

  /** Registers `<dt-twin>` unless a class is already registered for it. */
  static define(tag = 'dt-twin'): void {
    if (!customElements.get(tag)) customElements.define(tag, this);
  }
}
