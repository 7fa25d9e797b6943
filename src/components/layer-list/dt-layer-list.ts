import { html } from 'lit';
import { DtPanelElement } from '../base/dt-panel-element.js';
import type { DtLayerElement } from '../base/dt-layer-element.js';

/**
 * The layers of the twin, topmost first, each with a visibility checkbox and its loading state.
 *
 * @summary Layer list with visibility toggles.
 * @csspart heading - The heading.
 * @csspart list - The list of layers.
 * @csspart checkbox - Each layer's visibility checkbox.
 */
export class DtLayerList extends DtPanelElement {
  private status(layer: DtLayerElement) {
    const source = layer.sourceElement;
    if (source?.state === 'loading')
      return html` <span class="muted">(${this.t('layers.loading')})</span>`;
    if (source?.state === 'error' && source.error) {
      return html` <span class="error" role="note"
        >${this.t('layers.error', { reason: source.error.reason })}</span
      >`;
    }
    return '';
  }

  override render() {
    const layers = [...(this.twin?.layers ?? [])].reverse();
    return html`<section aria-labelledby="heading">
      <h2 id="heading" part="heading">${this.t('layers.heading')}</h2>
      ${
        layers.length === 0
          ? html`<p class="muted">${this.t('layers.empty')}</p>`
          : html`<ul part="list">
              ${layers.map(
                (layer) =>
                  html`<li>
                    <label
                      ><input
                        type="checkbox"
                        part="checkbox"
                        .checked=${layer.visible}
                        @change=${(e: Event) => (layer.visible = (e.target as HTMLInputElement).checked)}
                      />
                      ${layer.displayName}</label
                    >${this.status(layer)}
                  </li>`,
              )}
            </ul>`
      }
    </section>`;
  }
}
