import { html, nothing, type CSSResultGroup } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toLocale, translate, type Locale } from '../../core/i18n/localize.js';
import type { MessageKey } from '../../core/i18n/messages.js';
import type { StoreErrorDetail } from '../../core/store/admission.js';
import { readCatalogue, type Catalogue } from '../../core/store/catalogue.js';
import {
  checkEntryAdmission,
  installComponent,
  installedComponents,
  uninstallComponent,
} from '../../core/store/loader.js';
import { LiveAnnouncer } from '../announcer/live-announcer.js';
import { DtPanelElement, panelStyles } from '../base/dt-panel-element.js';
import type { TwinController, TwinChangeKind } from '../base/twin-controller.js';
import { conformanceSummary } from './conformance-summary.js';
import { storeStyles } from './dt-store.styles.js';
import { entryView, facetLabel, type ConformanceState } from './store-entry-view.js';
import {
  FACETS,
  NO_FILTERS,
  facetValues,
  filterRows,
  toRow,
  type Facet,
  type StoreFilters,
  type StoreRow,
} from './store-listing.js';

/**
 * A component store: lists the components of a catalogue (a `store.json` or an OGC API Records
 * `/items` URL, following `next` pages), with search and filters, each entry's admission report,
 * and install and remove buttons for the current twin (the enclosing `<dt-twin>`, or the one named
 * by `twin`). Installing runs the admitting loader (`installComponent`): code runs only after its
 * SHA-384 matched. Removing takes the component's elements out of the twin; its element definitions
 * stay until the page reloads (browsers cannot undefine one), and the store says so.
 *
 * @summary Component store: browse, check, install and remove twin components.
 * @fires dt-store-error - An install was refused or a component failed; detail `{ entryId, code, reason, url }`.
 * @fires dt-store-load - The catalogue was read; detail `{ entries, pages }` (counts).
 * @fires dt-store-install - A component was installed; detail `{ entryId }`.
 * @csspart heading - The store's heading.
 * @csspart filters - The search box and filters.
 * @csspart search - The search box.
 * @csspart filter - Each filter (a select).
 * @csspart count - The "n of m components" line.
 * @csspart list - The list of components.
 * @csspart entry - One component.
 * @csspart title - A component's title.
 * @csspart facts - A component's kind, status, licence, terms and admission result.
 * @csspart badge - The status and admission badges.
 * @csspart button - The install and remove buttons (also `install` or `remove`).
 * @csspart note - The notice after a removal or a refused install (with the technical reason, in English).
 * @csspart report - A component's admission report (a details element).
 * @csspart schema-errors - The schema errors in the report.
 * @csspart criteria - The conformance report's criteria in the report.
 * @cssproperty --dt-store-max-height - Largest height of the store before it scrolls (default none).
 * @cssproperty --dt-color-success - Text of passed checks and admitted entries.
 * @cssproperty --dt-color-warning - Text of warnings and deprecated entries.
 * @cssproperty --dt-color-link - Link colour.
 */
export class DtStore extends DtPanelElement {
  static override styles: CSSResultGroup = [panelStyles, storeStyles];

  /** URL of the catalogue: a `store.json` or an OGC API Records `/items` (or collection) URL. */
  @property({ reflect: true }) src: string | null = null;
  /** Id of the `<dt-twin>` to install into, when the store is not inside one. */
  @property({ attribute: 'twin', reflect: true }) twinId: string | null = null;
  /** The most catalogue pages read (`next` links followed), default 20. */
  @property({ type: Number, attribute: 'max-pages' }) maxPages = 20;

  /** The catalogue as read, or undefined before (or without) one. */
  @state() catalogue: Catalogue | undefined;
  @state() private loadError: string | undefined;
  @state() private filters: StoreFilters = { ...NO_FILTERS };
  @state() private busy = new Set<string>();
  private readonly notes = new Map<string, { text: string; detail?: string }>();
  /** Conformance reports by entry id: being read, none published, or the report as read. */
  private readonly conformance = new Map<string, 'loading' | 'none' | { report: unknown }>();
  private readonly announcer = new LiveAnnouncer(this);
  #abort: AbortController | undefined;
  #namedTwin: TwinController | undefined;
  readonly #onNamedTwinChange = () => this.requestUpdate();
  readonly #onStoreError = (event: Event) =>
    this.onStoreError(event as CustomEvent<StoreErrorDetail>);
  readonly #onInstall = () => this.requestUpdate();

  constructor() {
    super();
    this.announcer.delayMs = 100;
  }

  /** The twin components are installed into: the enclosing one, else the one `twin` names. */
  get targetTwin(): TwinController | undefined {
    if (this.twin) return this.twin;
    const element = this.twinId ? document.getElementById(this.twinId) : null;
    const controller = (element as { controller?: unknown } | null)?.controller;
    const named = controller instanceof EventTarget ? (controller as TwinController) : undefined;
    if (named !== this.#namedTwin) {
      this.#namedTwin?.removeEventListener('change', this.#onNamedTwinChange);
      named?.addEventListener('change', this.#onNamedTwinChange);
      this.#namedTwin = named;
    }
    return named;
  }

  private get locale(): Locale {
    return (
      this.targetTwin?.locale ??
      toLocale(this.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang)
    );
  }

  /** Localized text in the target twin's language. */
  override t(key: MessageKey | (string & {}), params?: Record<string, string | number>): string {
    return translate(this.locale, key, params);
  }

  /** Rows of every record, with their admission now (tags defined since are taken into account). */
  private get rows(): StoreRow[] {
    const locale = this.locale;
    return (this.catalogue?.entries ?? []).map((entry) =>
      toRow(entry, locale, checkEntryAdmission(entry.record)),
    );
  }

  /** Reads the catalogue again. */
  async reload(): Promise<void> {
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    this.catalogue = undefined;
    this.loadError = undefined;
    if (!this.src) return;
    try {
      const catalogue = await readCatalogue(this.src, {
        signal: abort.signal,
        maxPages: this.maxPages,
      });
      if (abort.signal.aborted) return;
      this.catalogue = catalogue;
      this.dispatchEvent(
        new CustomEvent('dt-store-load', {
          detail: { entries: catalogue.entries.length, pages: catalogue.pages.length },
          bubbles: true,
          composed: true,
        }),
      );
    } catch (error) {
      if (abort.signal.aborted) return;
      this.loadError = error instanceof Error ? error.message : String(error);
    }
  }

  /** Installs the listed component `id` into the target twin. */
  async install(id: string): Promise<void> {
    const row = this.rows.find((r) => r.id === id);
    const twin = this.targetTwin;
    if (!row || !twin || this.busy.has(id)) return;
    this.busy = new Set(this.busy).add(id);
    this.notes.delete(id);
    const result = await installComponent(row.source.record, twin, {
      baseUrl: row.source.baseUrl,
      target: this,
    });
    const busy = new Set(this.busy);
    busy.delete(id);
    this.busy = busy;
    if (result.ok)
      this.announcer.announce(id, () => this.t('store.announce.installed', { title: row.title }));
  }

  /** Removes the installed component `id` from the target twin. */
  uninstall(id: string): void {
    const row = this.rows.find((r) => r.id === id);
    const twin = this.targetTwin;
    if (!row || !twin || !uninstallComponent(id, twin)) return;
    this.notes.set(id, { text: this.t('store.definitionsStay') });
    this.announcer.announce(id, () => this.t('store.announce.removed', { title: row.title }));
    this.requestUpdate();
  }

  private onStoreError(event: CustomEvent<StoreErrorDetail>): void {
    const { entryId, code } = event.detail;
    const title = this.rows.find((r) => r.id === entryId)?.title ?? entryId;
    const reason = this.t(`store.error.${code}`);
    const key = code === 'render-failed' ? 'store.announce.dropped' : 'store.announce.refused';
    this.notes.set(entryId, { text: this.t(key, { title, reason }), detail: event.detail.reason });
    this.announcer.announce(entryId, () => this.t(key, { title, reason }));
    this.requestUpdate();
  }

  private async loadConformance(row: StoreRow): Promise<void> {
    if (this.conformance.has(row.id)) return;
    this.conformance.set(row.id, 'loading');
    this.requestUpdate();
    let state: 'none' | { report: unknown } = 'none';
    try {
      const response = await fetch(new URL('conformance.json', row.source.baseUrl).href);
      if (response.ok) state = { report: await response.json() };
    } catch {
      // No report, or not JSON: the report says none is published.
    }
    this.conformance.set(row.id, state);
    this.requestUpdate();
  }

  /** What the report shows about the conformance report of `id`, in the current language. */
  private conformanceState(id: string): ConformanceState | undefined {
    const state = this.conformance.get(id);
    if (state === undefined || typeof state === 'string') return state;
    return conformanceSummary(state.report, this.locale) ?? 'none';
  }

  private setFilter(name: 'search' | Facet, value: string): void {
    this.filters = { ...this.filters, [name]: value };
  }

  protected override twinChanged(kind: TwinChangeKind): void {
    if (kind === 'locale') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('dt-store-error', this.#onStoreError);
    this.addEventListener('dt-store-install', this.#onInstall);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('dt-store-error', this.#onStoreError);
    this.removeEventListener('dt-store-install', this.#onInstall);
    this.#namedTwin?.removeEventListener('change', this.#onNamedTwinChange);
    this.#namedTwin = undefined;
    this.#abort?.abort();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has('src') || changed.has('maxPages')) void this.reload();
  }

  private filterControl(facet: Facet, rows: StoreRow[]) {
    const labelled =
      facet === 'kind' || facet === 'status' || facet === 'terms' || facet === 'admission';
    return html`<label>
      ${this.t(`store.facet.${facet}`)}
      <select
        part="filter"
        data-facet=${facet}
        .value=${this.filters[facet]}
        @change=${(event: Event) => this.setFilter(facet, (event.target as HTMLSelectElement).value)}
      >
        <option value="">${this.t('store.all')}</option>
        ${facetValues(rows, facet).map(
          (value) =>
            html`<option value=${value} ?selected=${value === this.filters[facet]}>
              ${labelled ? facetLabel((k, p) => this.t(k, p), facet, value) : value}
            </option>`,
        )}
      </select>
    </label>`;
  }

  override render() {
    const twin = this.targetTwin;
    const rows = this.rows;
    const shown = filterRows(rows, this.filters);
    const installed = new Set(twin ? installedComponents(twin).map((c) => c.id) : []);
    const t = (key: MessageKey, params?: Record<string, string | number>) => this.t(key, params);
    return html`<section aria-labelledby="heading" lang=${this.locale}>
      <h2 id="heading" part="heading">${this.t('store.heading')}</h2>
      ${twin ? nothing : html`<p class="error">${this.t('store.noTwin')}</p>`}
      ${this.loadError ? html`<p class="error" role="alert">${this.t('store.loadFailed', { reason: this.loadError })}</p>` : nothing}
      ${!this.catalogue && !this.loadError && this.src ? html`<p class="muted">${this.t('store.loading')}</p>` : nothing}
      <div class="filters" part="filters" role="search" aria-label=${this.t('store.filters')}>
        <label>
          ${this.t('store.search')}
          <input
            type="search"
            part="search"
            .value=${this.filters.search}
            @input=${(event: Event) => this.setFilter('search', (event.target as HTMLInputElement).value)}
          />
        </label>
        ${FACETS.map((facet) => this.filterControl(facet, rows))}
      </div>
      <p part="count" class="muted" aria-live="polite">
        ${this.t('store.count', { shown: shown.length, total: rows.length })}
      </p>
      ${this.catalogue && shown.length === 0 ? html`<p>${this.t('store.empty')}</p>` : nothing}
      <ul class="entries" part="list">
        ${shown.map((row, index) =>
          entryView(row, index, {
            t,
            installed: installed.has(row.id),
            busy: this.busy.has(row.id),
            canInstall: twin !== undefined,
            note: this.notes.get(row.id),
            conformance: this.conformanceState(row.id),
            onInstall: () => void this.install(row.id),
            onRemove: () => this.uninstall(row.id),
            onReportToggle: (open) => {
              if (open) void this.loadConformance(row);
            },
          }),
        )}
      </ul>
      ${this.announcer.region()}
    </section>`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dt-store-error': CustomEvent<StoreErrorDetail>;
    'dt-store-install': CustomEvent<{ entryId: string }>;
    'dt-store-load': CustomEvent<{ entries: number; pages: number }>;
    'dt-store-uninstall': CustomEvent<{ entryId: string }>;
  }
}
