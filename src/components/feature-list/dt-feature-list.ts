import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { DtPanelElement } from '../base/dt-panel-element.js';
import { featuresInView } from './features-in-view.js';

/**
 * The features in view as a list of buttons: the keyboard and screen-reader way to select what the
 * map shows. Choosing one selects it as a click on the map would.
 *
 * @summary Features in view, selectable without a mouse.
 * @csspart heading - The heading.
 * @csspart list - The list of features.
 * @csspart button - Each feature's button (`aria-pressed="true"` on the selected one).
 * @csspart swatch - Each feature's colour swatch.
 */
export class DtFeatureList extends DtPanelElement {
  /** The most features listed at once. */
  @property({ type: Number }) limit = 100;

  override render() {
    if (!this.twin) return html``;
    const { items, total } = featuresInView(this.twin, this.limit, (i) =>
      this.t('feature.fallbackName', { index: i }),
    );
    const selection = this.twin.selection;
    return html`<section aria-labelledby="heading">
      <h2 id="heading" part="heading">${this.t('features.heading')}</h2>
      <p class="muted">
        ${total === 0 ? this.t('features.none') : this.t('features.count', { shown: items.length, total })}
      </p>
      <ul part="list" class="features">
        ${items.map(
          (item) =>
            html`<li>
              <button
                type="button"
                part="button"
                aria-pressed=${selection?.layer === item.layer && selection.index === item.index ? 'true' : 'false'}
                @click=${() => item.layer.selectFeature(item.index)}
              >
                <span
                  class="swatch"
                  part="swatch"
                  style=${styleMap({ background: item.layer.featureColor(item.feature) ?? 'transparent' })}
                ></span
                >${item.name}
              </button>
            </li>`,
        )}
      </ul>
    </section>`;
  }
}
