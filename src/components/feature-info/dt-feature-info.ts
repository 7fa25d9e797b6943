import { html } from 'lit';
import { formatValue } from '../../core/i18n/localize.js';
import { DtPanelElement } from '../base/dt-panel-element.js';
import { featureName } from '../feature-list/features-in-view.js';

/**
 * The attributes of the selected feature as a table. Values are always shown as text: nothing from
 * the data is ever inserted as HTML.
 *
 * @summary Attributes of the selected feature.
 * @csspart heading - The heading.
 * @csspart table - The attribute table.
 * @csspart button - The button that clears the selection.
 */
export class DtFeatureInfo extends DtPanelElement {
  override render() {
    const selection = this.twin?.selection;
    if (!selection) {
      return html`<section aria-labelledby="heading">
        <h2 id="heading" part="heading">${this.t('feature.heading')}</h2>
        <p class="muted">${this.t('feature.none')}</p>
      </section>`;
    }
    const { feature, layer, index } = selection;
    const locale = this.twin?.locale ?? 'en';
    const name = featureName(
      feature,
      layer.getAttribute('name-by'),
      this.t('feature.fallbackName', { index: index + 1 }),
    );
    return html`<section aria-labelledby="heading">
      <h2 id="heading" part="heading">${this.t('feature.heading')}: ${name}</h2>
      <table part="table">
        <caption class="muted">
          ${layer.displayName}
        </caption>
        <thead>
          <tr>
            <th scope="col">${this.t('feature.property')}</th>
            <th scope="col">${this.t('feature.value')}</th>
          </tr>
        </thead>
        <tbody>
          ${Object.entries(feature.properties ?? {}).map(
            ([key, value]) =>
              html`<tr>
                <th scope="row">${key}</th>
                <td>${formatValue(locale, value)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <button type="button" part="button" @click=${() => this.twin?.select(null)}>
        ${this.t('feature.clear')}
      </button>
    </section>`;
  }
}
