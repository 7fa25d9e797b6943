import { html, nothing } from 'lit';
import type { LocatieSuggestion } from '../../core/search/locatieserver.js';
import type { SearchHit } from '../../core/search/search-index.js';

/** One entry of the result list: a feature of the twin, or a geocoder suggestion. */
export type SearchOption =
  { kind: 'local'; hit: SearchHit } | { kind: 'place'; place: LocatieSuggestion };

/** What the result list shows and does. */
export interface SearchListView {
  /** Every option, the twin's features first. */
  options: readonly SearchOption[];
  /** How many of them are the twin's features. */
  localCount: number;
  /** Group them (the twin's features, then the geocoder's addresses) under labels. */
  grouped: boolean;
  /** The index of the active option (-1: none). */
  active: number;
  /** Group labels. */
  localLabel: string;
  placesLabel: string;
  /** The name and the second line (what matched, where it is drawn) of a feature result. */
  describe(hit: SearchHit): { name: string; detail: string };
  /** Choose an option. */
  choose(option: SearchOption): void;
}

function renderOption(view: SearchListView, option: SearchOption, i: number) {
  let body;
  if (option.kind === 'local') {
    const { name, detail } = view.describe(option.hit);
    body = html`<span class="name">${name}</span><span class="detail">${detail}</span>`;
  } else {
    // The server's highlight, as text: matched words in <mark>, nothing read as markup.
    const parts = option.place.highlight.map((s) =>
      s.match ? html`<mark>${s.text}</mark>` : s.text,
    );
    body = html`<span class="name">${parts}</span><span class="detail">${option.place.type}</span>`;
  }
  return html`<div
    role="option"
    id="option-${i}"
    part="option"
    aria-selected=${i === view.active ? 'true' : 'false'}
    data-kind=${option.kind}
    @pointerdown=${(e: Event) => e.preventDefault() /* the focus stays in the field */}
    @click=${() => view.choose(option)}
  >
    ${body}
  </div>`;
}

/** The options of the listbox: flat, or in two labelled groups (WAI-ARIA listbox with groups). */
export function renderSearchList(view: SearchListView) {
  const { options, localCount } = view;
  if (!view.grouped) return options.map((o, i) => renderOption(view, o, i));
  const group = (id: string, label: string, from: number, to: number) =>
    from === to
      ? nothing
      : html`<div role="group" aria-labelledby=${id}>
          <div role="presentation" id=${id} class="group-label" part="group-label">${label}</div>
          ${options.slice(from, to).map((o, i) => renderOption(view, o, from + i))}
        </div>`;
  return html`${group('group-local', view.localLabel, 0, localCount)}
  ${group('group-places', view.placesLabel, localCount, options.length)}`;
}

/**
 * The active option after a navigation key (the list open, `count` options): Down and Up move and
 * wrap, Home and End go to the ends. Undefined for any other key.
 */
export function nextActive(key: string, active: number, count: number): number | undefined {
  if (count === 0) return undefined;
  switch (key) {
    case 'ArrowDown':
      return (active + 1) % count;
    case 'ArrowUp':
      return active <= 0 ? count - 1 : active - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
