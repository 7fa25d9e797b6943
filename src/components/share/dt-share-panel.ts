import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { downloadBlob } from '../../core/export/download.js';
import { LiveAnnouncer } from '../announcer/live-announcer.js';
import { DtPanelElement, panelStyles } from '../base/dt-panel-element.js';
import type { TwinController } from '../base/twin-controller.js';
import { exportContextDocument } from './context-export.js';
import { loadContextDocument } from './context-import.js';
import { permalinkControllerOf } from './permalink-controller.js';
import type { DtShareApplyDetail, DtShareErrorDetail } from './share-events.js';
import type { ShareHost } from './twin-state.js';

/**
 * Sharing a twin, in its panel: "copy link" (with `<dt-twin permalink>`: the URL of the current
 * view, layers, scenario settings, plan and compare state), and the whole twin as a context
 * document, to export (a `.json` download) and import (a file). What happens is announced politely;
 * a link or document that is rejected is shown as an alert, and the twin is left as it was.
 *
 * @summary Copy link, export and import a context document.
 * @csspart button - The buttons.
 * @csspart input - The file input and the link field.
 * @csspart message - Error messages.
 */
export class DtSharePanel extends DtPanelElement {
  static override styles = [
    panelStyles,
    css`
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: var(--dt-space-s, 0.5rem);
        align-items: center;
        margin: var(--dt-space-s, 0.5rem) 0;
      }
      label {
        display: block;
      }
      input[type='file'],
      input[type='text'] {
        min-height: var(--dt-target-size, 24px);
        box-sizing: border-box;
        width: 100%;
        color: inherit;
        background: var(--dt-color-button, #ffffff);
        border: 1px solid var(--dt-color-border, #767676);
        border-radius: var(--dt-radius, 4px);
        padding: var(--dt-space-2xs, 2px) var(--dt-space-xs, 0.375rem);
      }
      .visually-hidden {
        position: absolute;
        width: 1px;
        height: 1px;
        margin: -1px;
        padding: 0;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
        border: 0;
      }
    `,
  ];

  /** The link shown for copying by hand when the clipboard refused it. */
  @state() private manualLink: string | undefined;
  /** The last rejected link or document, shown as an alert. */
  @state() private problem: string | undefined;

  readonly #announcer = new LiveAnnouncer(this);
  #host: Element | undefined;

  private get host(): ShareHost | undefined {
    return this.twin?.host as ShareHost | undefined;
  }

  /** Copies the link of the twin's current state; announces it (or shows it to copy by hand). */
  async copyLink(): Promise<void> {
    const controller = this.host && permalinkControllerOf(this.host);
    if (!controller) return;
    const link = await controller.link();
    try {
      await navigator.clipboard.writeText(link);
      this.manualLink = undefined;
      this.#announcer.announce('share', () => this.t('share.linkCopied'));
    } catch {
      this.manualLink = link;
      this.#announcer.announce('share', () => this.t('share.linkNotCopied'));
    }
  }

  /** Offers the twin as a context document download (`<title>.context.json`). */
  exportDocument(): void {
    const host = this.host;
    if (!host) return;
    const doc = exportContextDocument(host);
    const name = (doc.title || 'twin').replace(/[^\w.-]+/g, '_');
    downloadBlob(`${JSON.stringify(doc, null, 2)}\n`, `${name}.context.json`, 'application/json');
  }

  /** Imports a context document from its text (success and failure come back as events). */
  importText(text: string): void {
    const host = this.host;
    if (host) loadContextDocument(host, text);
  }

  readonly #onError = (event: CustomEvent<DtShareErrorDetail>) => {
    const key = event.detail.origin === 'permalink' ? 'share.linkFailed' : 'share.importFailed';
    this.problem = this.t(key, { reason: event.detail.error.reason });
  };

  readonly #onApply = (event: CustomEvent<DtShareApplyDetail>) => {
    this.problem = undefined;
    const { origin, skipped } = event.detail;
    if (origin === 'permalink') {
      this.#announcer.announce('share', () => this.t('share.restored'));
      return;
    }
    const built = event.detail.built ?? { sources: 0, scenarios: 0, layers: 0 };
    this.#announcer.announce('share', () => {
      const done = this.t('share.imported', built);
      if (skipped.length === 0) return done;
      const types = [...new Set(skipped.map((s) => s.type))].join(', ');
      return `${done}. ${this.t('share.skipped', { count: skipped.length, types })}`;
    });
  };

  protected override twinConnected(twin: TwinController): void {
    super.twinConnected(twin);
    this.#host = twin.host;
    twin.host.addEventListener('dt-share-error', this.#onError);
    twin.host.addEventListener('dt-share-apply', this.#onApply);
  }

  protected override twinDisconnected(twin: TwinController): void {
    super.twinDisconnected(twin);
    twin.host.removeEventListener('dt-share-error', this.#onError);
    twin.host.removeEventListener('dt-share-apply', this.#onApply);
    this.#host = undefined;
  }

  override render() {
    if (!this.#host) return nothing;
    const linkable = this.host ? permalinkControllerOf(this.host) !== undefined : false;
    return html`<section aria-labelledby="share-heading">
      <h2 id="share-heading" part="heading">${this.t('share.heading')}</h2>
      <div class="row">
        ${
          linkable
            ? html`<button type="button" part="button" @click=${() => void this.copyLink()}>
                ${this.t('share.copyLink')}
              </button>`
            : nothing
        }
        <button type="button" part="button" @click=${() => this.exportDocument()}>
          ${this.t('share.export')}
        </button>
      </div>
      ${
        this.manualLink
          ? html`<label for="link">${this.t('share.linkLabel')}</label>
              <input
                id="link"
                part="input"
                type="text"
                readonly
                .value=${this.manualLink}
                @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
              />`
          : nothing
      }
      <label for="import">${this.t('share.import')}</label>
      <input
        id="import"
        part="input"
        type="file"
        accept=".json,application/json"
        @change=${async (e: Event) => {
          const input = e.target as HTMLInputElement;
          const file = input.files?.[0];
          if (!file) return;
          this.importText(await file.text());
          input.value = ''; // the same file can be chosen again
        }}
      />
      ${this.problem ? html`<p class="error" part="message" role="alert">${this.problem}</p>` : nothing}
      ${this.#announcer.region()}
    </section>`;
  }
}
