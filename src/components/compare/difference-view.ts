/**
 * The difference's part of `<dt-compare>`'s controls: the diverging legend and the statistics of A
 * and B side by side.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { formatNumber, type Locale } from '../../core/i18n/localize.js';
import type { ScenarioStat } from '../../core/sim/scenario-result.js';
import { toHex } from '../../core/style/color.js';
import { RAMPS } from '../../core/style/ramps.js';
import { formatChange, formatStat } from '../scenario-panel/format-stat.js';
import type { StatComparison } from './difference.js';

/** The diverging legend of the difference: the blue-red ramp from `domain[0]` through 0 to `domain[1]`. */
export function legendTemplate(
  locale: Locale,
  domain: [number, number],
  caption: string,
  hint: string,
): TemplateResult {
  const stops = RAMPS['blue-red'].map((rgba) => toHex(rgba)).join(', ');
  const digits = Math.max(domain[1] - domain[0], 0) < 0.1 ? 3 : 2;
  const number = (v: number) => (v > 0 ? '+' : '') + formatNumber(locale, v, digits);
  const symmetric = Math.abs(domain[0] + domain[1]) <= 1e-9 * Math.abs(domain[1]);
  return html`<figure part="legend" style="margin: 0">
    <figcaption>${caption}</figcaption>
    <div
      class="ramp"
      aria-hidden="true"
      style=${styleMap({ background: `linear-gradient(to right, ${stops})` })}
    ></div>
    <div class="ticks">
      <span>${number(domain[0])}</span>
      ${symmetric ? html`<span>0</span>` : nothing}
      <span>${number(domain[1])}</span>
    </div>
    <p class="muted">${hint}</p>
  </figure>`;
}

/** Labels and formatting for {@link statsTable}. */
export interface StatsTableText {
  /** The table's caption. */
  caption: string;
  /** The heading of the statistics' column. */
  statistic: string;
  /** The headings of A's and B's columns (their names). */
  a: string;
  b: string;
  /** The heading of the change column. */
  change: string;
  /** The label of a statistic by key. */
  label: (key: string) => string;
}

/** The numbers side by side: each statistic both have, A, B and B - A. */
export function statsTable(
  locale: Locale,
  rows: StatComparison[],
  text: StatsTableText,
): TemplateResult {
  const cell = (stat: ScenarioStat) => html`<td class="number">${formatStat(locale, stat)}</td>`;
  return html`<table part="table">
    <caption>
      ${text.caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${text.statistic}</th>
        <th scope="col" class="number">${text.a}</th>
        <th scope="col" class="number">${text.b}</th>
        <th scope="col" class="number">${text.change}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr>
            <th scope="row">${text.label(row.key)}</th>
            ${cell(row.a)} ${cell(row.b)}
            <td class="number">${formatChange(locale, row.change)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** What {@link differenceSection} shows. */
export interface DifferenceSectionView {
  /** The language numbers are formatted in. */
  locale: Locale;
  /** The difference's domain and band, or undefined while waiting for results. */
  difference: { domain: [number, number]; band: string } | undefined;
  /** The statistics both have; undefined while either run has no result. */
  rows: StatComparison[] | undefined;
  /** Localized text by message key and parameters. */
  t: (key: string, params?: Record<string, string | number>) => string;
  /** The names of A and B. */
  a: string;
  b: string;
  /** The label of a statistic. */
  statLabel: (key: string) => string;
}

/** The legend (or a waiting note) and the table of numbers. */
export function differenceSection(view: DifferenceSectionView): TemplateResult {
  const { t, a, b, locale, difference, rows } = view;
  return html`${
    difference
      ? legendTemplate(
          locale,
          difference.domain,
          t('compareView.legendCaption', { band: difference.band, a, b }),
          t('compareView.legendHint', { b }),
        )
      : html`<p class="muted">${t('compareView.waiting', { a, b })}</p>`
  }
  ${
    rows === undefined
      ? nothing
      : rows.length > 0
        ? statsTable(locale, rows, {
            caption: t('compareView.tableCaption', { a, b }),
            statistic: t('compareView.statistic'),
            a,
            b,
            change: t('compareView.change'),
            label: view.statLabel,
          })
        : html`<p class="muted">${t('compareView.noStats')}</p>`
  }`;
}
