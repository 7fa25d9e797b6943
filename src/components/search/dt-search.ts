import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DtSourceError } from '../../core/errors.js';
import { PDOK_LOCATIESERVER_URL, type LocatieSuggestion } from '../../core/search/locatieserver.js';
import { SearchIndex, type SearchHit, type SearchResult } from '../../core/search/search-index.js';
import { LiveAnnouncer } from '../announcer/live-announcer.js';
import { DtPanelElement } from '../base/dt-panel-element.js';
import type { TwinChangeKind } from '../base/twin-controller.js';
import { searchStyles } from './dt-search.styles.js';
import { moveViewTo, twinMap } from './move-view.js';
import { PlaceSearch } from './place-search.js';
import { dtSearchEvent } from './search-events.js';
import { nextActive, renderSearchList, type SearchOption } from './search-list.js';

export type { SearchOption } from './search-list.js';

const NO_RESULTS: SearchResult = { hits: [], total: 0 };

/**
 * A search box over the features loaded in the twin: addresses (street, house number, place),
 * BAG ids (`identificatiebagpnd`, `identificatie`, also without the `NL.IMBAG.Pand.` prefix), the
 * feature id and any attribute value, case- and accent-insensitive. Exact id matches come first,
 * then texts that start with the query, then texts that contain it. Choosing a result selects the
 * feature (its attributes show in the panel) and moves the map to it.
 *
 * With `geocoder="pdok"` it also asks the PDOK Locatieserver for Dutch addresses (only then does
 * anything leave the page); they are listed in their own group, and choosing one moves the map there.
 *
 * Keyboard: the field is a WAI-ARIA 1.2 combobox. Down and Up arrows move through the results,
 * Home and End go to the first and last, Enter chooses (the first result when none is active),
 * Escape closes the list (a second Escape clears the field). The number of results is announced
 * politely. The twin's panel has one (`placement="inline"`); a page may place another inside a
 * `<dt-twin>` (a box over the top left of the map).
 *
 * @summary Search the twin's features (and, opt-in, PDOK addresses).
 * @fires dt-search-select - A result was chosen. Detail `{ choice }`: `{ kind: 'feature', sourceId, index, feature, label }` or `{ kind: 'place', id, label, lonLat, rd }`.
 * @fires dt-search-error - The online geocoder failed (the local results still work). Detail `{ request, error }`: `request` is `suggest` or `lookup`, `error` a `DtSourceError` (code `http`, `network` or `parse`) naming the URL.
 * @fires dt-select - Through the layer: the chosen feature was selected.
 * @csspart label - The field's visible label.
 * @csspart input - The search field.
 * @csspart button - The clear button.
 * @csspart listbox - The list of results.
 * @csspart option - Each result.
 * @csspart group-label - The heading of each group of results (with a geocoder).
 * @csspart message - The line under the list: counts, "no results", geocoder errors.
 * @cssproperty --dt-search-width - Width of the box over the map (default 18rem).
 * @cssproperty --dt-search-list-height - Largest height of the result list before it scrolls (default 16rem).
 */
export class DtSearch extends DtPanelElement {
  static override styles = searchStyles;

  /** Ids of the sources to search, separated by spaces (default: every source of the twin). */
  @property({ reflect: true }) sources: string | null = null;
  /** The most results listed (default 8). */
  @property({ type: Number, attribute: 'max-results' }) maxResults = 8;
  /** An online geocoder to ask as well: `pdok` (the PDOK Locatieserver). Default: none. */
  @property({ reflect: true }) geocoder: string | null = null;
  /** Base URL of the Locatieserver (v3.1 API: `/suggest` and `/lookup` are added). */
  @property({ attribute: 'geocoder-url' }) geocoderUrl = PDOK_LOCATIESERVER_URL;
  /** `overlay` (default): a box over the top left of the map; `inline`: laid out by the page or panel. */
  @property({ reflect: true }) placement: 'overlay' | 'inline' = 'overlay';

  @state() private query = '';
  @state() private local: SearchResult = NO_RESULTS;
  @state() private problem: string | undefined;
  @state() private expanded = false;
  @state() private active = -1;

  readonly #index = new SearchIndex();
  private readonly announcer = new LiveAnnouncer(this);
  private readonly geocoding = new PlaceSearch(this, {
    url: () => this.geocoderUrl,
    onPlaces: () => {
      this.expanded = true;
      this.announceResults();
    },
    onError: (request, error, suggestion) => this.fail(request, error, suggestion?.label),
  });
  #indexWanted = false;
  #run = 0;

  constructor() {
    super();
    this.announcer.delayMs = 500;
  }

  /** The search index (features indexed, time spent indexing and on the last search). */
  get searchIndex(): SearchIndex {
    return this.#index;
  }

  /** The current results, best first: the features of the twin, then the geocoder's addresses. */
  get results(): readonly SearchOption[] {
    return [
      ...this.local.hits.map((hit) => ({ kind: 'local' as const, hit })),
      ...this.geocoding.places.map((place) => ({ kind: 'place' as const, place })),
    ];
  }

  /**
   * Searches the twin's features for `text` as typing it would (the field shows it, the list
   * opens, the geocoder is asked when one is set). Resolves with the local result.
   */
  async search(text: string): Promise<SearchResult> {
    this.query = text;
    this.problem = undefined;
    this.active = -1;
    if (this.geocoder === 'pdok') this.geocoding.schedule(text);
    else this.geocoding.cancel();
    return this.searchLocal(text);
  }

  protected override twinChanged(kind: TwinChangeKind): void {
    super.twinChanged(kind);
    // Reloaded data is indexed again only once the search was used; then the list follows it.
    if (kind === 'sources' && this.#indexWanted) {
      void this.syncIndex().then(() => {
        if (this.query.trim()) void this.searchLocal(this.query, false);
      });
    }
  }

  private wantedSources(): Set<string> | undefined {
    return this.sources ? new Set(this.sources.split(/\s+/).filter(Boolean)) : undefined;
  }

  private syncIndex(): Promise<void> {
    this.#indexWanted = true;
    const wanted = this.wantedSources();
    const sources = (this.twin?.sources ?? [])
      .filter((s) => s.id && s.data && (!wanted || wanted.has(s.id)))
      .map((s) => ({ id: s.id, features: s.data?.features ?? [] }));
    return this.#index.sync(sources);
  }

  private async searchLocal(text: string, typed = true): Promise<SearchResult> {
    const run = ++this.#run;
    await this.syncIndex();
    if (run !== this.#run) return this.local;
    const wanted = this.wantedSources();
    const result = text.trim()
      ? this.#index.search(text, { max: this.maxResults, ...(wanted ? { sources: wanted } : {}) })
      : NO_RESULTS;
    this.local = result;
    if (!typed) {
      // Reloaded data: the list follows it, but is not opened or announced again.
      if (this.active >= this.results.length) this.active = -1;
      return result;
    }
    this.expanded = text.trim() !== '';
    this.announceResults();
    return result;
  }

  private announceResults(): void {
    this.announcer.announce('results', () => {
      const { hits, total } = this.local;
      const parts = [
        total === 0
          ? this.t('search.none')
          : total > hits.length
            ? this.t('search.more', { shown: hits.length, total })
            : total === 1
              ? this.t('search.countOne')
              : this.t('search.count', { count: total }),
      ];
      if (this.geocoding.state === 'done')
        parts.push(this.t('search.pdokCount', { count: this.geocoding.places.length }));
      return parts.join(', ');
    });
  }

  private fail(request: 'suggest' | 'lookup', error: DtSourceError, name = '?'): void {
    this.problem =
      request === 'suggest'
        ? this.t('search.pdokError', { reason: error.reason })
        : this.t('search.lookupError', { name, reason: error.reason });
    const text = this.problem;
    this.announcer.announce('results', () => text);
    this.dispatchEvent(dtSearchEvent('dt-search-error', { request, error }));
  }

  private describe(hit: SearchHit): { name: string; detail: string } {
    const name = hit.entry.label ?? this.t('feature.fallbackName', { index: hit.entry.index + 1 });
    const layer = this.twin?.layers.find((l) => l.source === hit.entry.sourceId);
    const where = layer?.displayName ?? hit.entry.sourceId;
    const matched = hit.field.text === name ? '' : `${hit.field.key}: ${hit.field.text} · `;
    return { name, detail: `${matched}${where}` };
  }

  private choose(option: SearchOption | undefined): void {
    if (!option) return;
    if (option.kind === 'local') this.chooseFeature(option.hit);
    else void this.choosePlace(option.place);
  }

  private chooseFeature(hit: SearchHit): void {
    const twin = this.twin;
    const { sourceId, index } = hit.entry;
    const source = twin?.source(sourceId);
    const feature = source?.data?.features[index];
    if (!twin || !source || !feature) return;
    const label = this.describe(hit).name;
    this.close(label);
    // The topmost visible layer drawing the source selects it (its attributes show in the panel).
    const layers = twin.layers.filter((l) => l.source === sourceId).reverse();
    (layers.find((l) => l.visible) ?? layers[0])?.selectFeature(index);
    const map = twinMap(twin);
    const box = source.featureBBoxes[index];
    if (map && box) moveViewTo(map, box);
    this.announcer.announce('results', () => this.t('search.selected', { name: label }));
    const choice = { kind: 'feature' as const, sourceId, index, feature, label };
    this.dispatchEvent(dtSearchEvent('dt-search-select', { choice }));
  }

  private async choosePlace(suggestion: LocatieSuggestion): Promise<void> {
    this.close(suggestion.label);
    const place = await this.geocoding.lookup(suggestion);
    if (!place) return; // failed (reported) or replaced by a newer choice
    const map = twinMap(this.twin);
    if (map) moveViewTo(map, place.lonLat);
    this.announcer.announce('results', () => this.t('search.movedTo', { name: place.label }));
    const { id, label, lonLat, rd } = place;
    const choice = { kind: 'place' as const, id, label, lonLat, rd };
    this.dispatchEvent(dtSearchEvent('dt-search-select', { choice }));
  }

  /** Closes the list and shows `text` in the field (the geocoder is not asked for it). */
  private close(text: string): void {
    this.geocoding.cancel();
    this.query = text;
    this.expanded = false;
    this.active = -1;
    this.problem = undefined;
  }

  private clear(): void {
    this.close('');
    this.local = NO_RESULTS;
    this.renderRoot.querySelector('input')?.focus();
  }

  private readonly onKeydown = (event: KeyboardEvent): void => {
    const options = this.results;
    const open = this.expanded && options.length > 0;
    const { key } = event;
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      event.preventDefault();
      if (!this.query.trim()) return;
      if (!this.expanded) {
        this.expanded = true;
        if (event.altKey || !options.length) return;
        this.active = key === 'ArrowDown' ? 0 : options.length - 1;
      } else this.active = nextActive(key, this.active, options.length) ?? -1;
    } else if (key === 'Home' || key === 'End') {
      if (!open || this.active < 0) return; // otherwise they move the caret in the field
      event.preventDefault();
      this.active = nextActive(key, this.active, options.length) ?? -1;
    } else if (key === 'Enter' && open) {
      event.preventDefault();
      this.choose(options[Math.max(0, this.active)]);
    } else if (key === 'Escape' && (this.expanded || this.query)) {
      event.preventDefault();
      event.stopPropagation(); // not the panel's Escape (it closes the bottom sheet)
      if (this.expanded) {
        this.expanded = false;
        this.active = -1;
      } else this.clear();
    }
  };

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    super.updated(changed);
    if (changed.has('active') && this.active >= 0) {
      this.renderRoot.querySelector(`#option-${this.active}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  private summary(): string | undefined {
    if (this.problem) return this.problem;
    if (!this.expanded || !this.query.trim()) return undefined;
    const { hits, total } = this.local;
    const places = this.geocoding;
    if (places.state === 'loading' && hits.length === 0) return this.t('search.pdokLoading');
    if (total === 0 && places.places.length === 0) return this.t('search.none');
    if (total > hits.length) return this.t('search.more', { shown: hits.length, total });
    return undefined;
  }

  override render() {
    const options = this.results;
    const shown = this.expanded && options.length > 0;
    const active = shown && this.active >= 0 ? `option-${this.active}` : '';
    const summary = this.summary();
    return html`<label class="label" part="label" for="input">${this.t('search.label')}</label>
      <div class="field">
        <input
          id="input"
          part="input"
          type="text"
          role="combobox"
          enterkeyhint="search"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-expanded=${shown ? 'true' : 'false'}
          aria-controls="listbox"
          aria-activedescendant=${active || nothing}
          aria-describedby="help"
          placeholder=${this.t('search.placeholder')}
          .value=${this.query}
          @input=${(e: Event) => void this.search((e.target as HTMLInputElement).value)}
          @keydown=${this.onKeydown}
          @focus=${() => void this.syncIndex()}
          @blur=${() => {
            this.expanded = false;
            this.active = -1;
          }}
        />
        ${
          this.query
            ? html`<button
                type="button"
                part="button"
                aria-label=${this.t('search.clear')}
                @click=${() => this.clear()}
              >
                ×
              </button>`
            : nothing
        }
      </div>
      <p id="help" class="visually-hidden">${this.t('search.help')}</p>
      <div
        id="listbox"
        role="listbox"
        part="listbox"
        aria-label=${this.t('search.results')}
        ?hidden=${!shown}
      >
        ${
          shown
            ? renderSearchList({
                options,
                localCount: this.local.hits.length,
                grouped: this.geocoder === 'pdok',
                active: this.active,
                localLabel: this.t('search.localGroup'),
                placesLabel: this.t('search.pdokGroup'),
                describe: (hit) => this.describe(hit),
                choose: (option) => this.choose(option),
              })
            : nothing
        }
      </div>
      ${
        summary
          ? html`<p class="summary ${this.problem ? 'error' : 'muted'}" part="message">
              ${summary}
            </p>`
          : nothing
      }
      ${this.announcer.region()}`;
  }
}
