import { html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { formatNumber } from '../../core/i18n/localize.js';
import type { Legend, LegendEntry } from '../../core/style/color-scale.js';
import { DtPanelElement } from '../base/dt-panel-element.js';

/**
 * Enough decimals to tell the legend's numeric rows apart (at least 1, at most 6): a ramp over
 * 31.37-31.41 C reads 31.37, 31.38, ... rather than 31.4 five times.
 */
export function legendDigits(legend: Legend): number {
  const values = legend.entries.flatMap((e) => (typeof e.value === 'string' ? [] : e.value));
  if (values.length < 2) return 1;
  const step = (Math.max(...values) - Math.min(...values)) / Math.max(1, legend.entries.length - 1);
  const tolerance = step > 0 ? step / 20 : 0;
  for (let digits = 1; digits < 6; digits++) {
    if (values.every((v) => Math.abs(Number(v.toFixed(digits)) - v) <= tolerance)) return digits;
  }
  return 6;
}

/**
 * The legend of every visible layer: one table per layer, so screen readers read it as data.
 *
 * @summary Legend of the visible layers.
 * @csspart heading - The heading.
 * @csspart table - Each layer's legend table.
 * @csspart swatch - Each colour swatch (it keeps its colour in forced-colors mode).
 */
export class DtLegend extends DtPanelElement {
  private label(legend: Legend, entry: LegendEntry): string {
    const locale = this.twin?.locale ?? 'en';
    if (typeof entry.value === 'string')
      return entry.value === '' ? this.t('legend.fixed') : entry.value;
    const [from, to] = entry.value;
    const digits = legendDigits(legend);
    if (legend.mode === 'continuous') return formatNumber(locale, from, digits);
    return this.t('legend.range', {
      from: formatNumber(locale, from, digits),
      to: formatNumber(locale, to, digits),
    });
  }

  override render() {
    const items = (this.twin?.layers ?? [])
      .filter((layer) => layer.visible && layer.sourceElement?.data)
      .reverse()
      .map((layer) => ({ layer, legend: layer.legend() }))
      .filter(
        (item): item is { layer: (typeof item)['layer']; legend: Legend } =>
          item.legend !== undefined,
      );
    return html`<section aria-labelledby="heading">
      <h2 id="heading" part="heading">${this.t('legend.heading')}</h2>
      ${items.length === 0 ? html`<p class="muted">${this.t('legend.empty')}</p>` : ''}
      ${items.map(
        ({ layer, legend }) =>
          html`<table part="table">
            <caption>
              ${layer.displayName}${legend.property ? html` <span class="muted">(${legend.property})</span>` : ''}
            </caption>
            <tbody>
              ${legend.entries.map(
                (entry) =>
                  html`<tr>
                    <td>
                      <span
                        class="swatch"
                        part="swatch"
                        style=${styleMap({ background: entry.color })}
                      ></span
                      >${this.label(legend, entry)}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`,
      )}
    </section>`;
  }
}
