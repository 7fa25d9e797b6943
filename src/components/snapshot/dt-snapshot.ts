import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { DtExportError } from '../../core/export/export-error.js';
import { downloadBlob } from '../../core/export/download.js';
import type { SnapshotResolution } from '../../core/export/png-snapshot.js';
import { LiveAnnouncer } from '../announcer/live-announcer.js';
import { DtPanelElement } from '../base/dt-panel-element.js';
import { toolStyles } from '../measure/dt-measure.styles.js';
import { snapshotTwin, twinMap, type TwinSnapshot } from './twin-snapshot.js';

/** The scales offered besides a custom size. */
const SCALES = [1, 2, 3] as const;

/** A file name for an image made now: `twin-view-2026-11-29-1405.png`. */
function fileName(prefix: string): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  return `${prefix}-${stamp}.png`;
}

/**
 * Downloads a PNG of the twin's current view, as the map shows it (pitch, bearing, 3D layers), at
 * the map's size on screen, 2× or 3× that, or an exact width × height, with the legend, a scale bar
 * (metres; "at the centre" in a pitched view), the current measurements and the attribution drawn
 * in. The twin's panel has one.
 *
 * @summary "Download image (PNG)" with a resolution choice.
 * @fires dt-snapshot - An image was made and offered as a download. Detail `{ snapshot }` (blob, size, layout).
 * @fires dt-export-error - The image could not be made. Detail `{ error }`, a `DtExportError` (`invalid-resolution`, `no-map` or `render`).
 * @csspart heading - The heading.
 * @csspart button - The download button.
 * @csspart input - The resolution select and the width and height inputs.
 */
export class DtSnapshot extends DtPanelElement {
  static override styles = toolStyles;

  /** The chosen resolution: `1x`, `2x`, `3x` or `custom` (then `width` × `height`). Default `1x`. */
  @property({ reflect: true }) resolution = '1x';
  /** With `resolution="custom"`: the image width in pixels (default 1920). */
  @property({ type: Number }) width = 1920;
  /** With `resolution="custom"`: the image height in pixels (default 1080). */
  @property({ type: Number }) height = 1080;
  /** The start of the file name (default `twin-view`). */
  @property({ attribute: 'file-prefix' }) filePrefix = 'twin-view';

  @state() private busy = false;
  @state() private failure: string | undefined;

  private readonly announcer = new LiveAnnouncer(this);

  /** The resolution the current choice stands for. */
  get chosenResolution(): SnapshotResolution {
    if (this.resolution === 'custom') return { width: this.width, height: this.height };
    return { scale: Number.parseFloat(this.resolution) || 1 };
  }

  /**
   * Makes the image at the chosen resolution and offers it as a download. Resolves with it, or
   * with undefined when it failed (the reason is shown and `dt-export-error` fired).
   */
  async download(): Promise<TwinSnapshot | undefined> {
    const twin = this.twin;
    if (!twin || this.busy) return undefined;
    this.busy = true;
    this.failure = undefined;
    this.announcer.announce('snapshot', () => this.t('snapshot.busy'));
    try {
      const snapshot = await snapshotTwin(twin, { resolution: this.chosenResolution });
      downloadBlob(await snapshot.blob.arrayBuffer(), fileName(this.filePrefix), 'image/png');
      this.announcer.announce('snapshot', () =>
        this.t('snapshot.done', { width: snapshot.width, height: snapshot.height }),
      );
      this.dispatchEvent(
        new CustomEvent('dt-snapshot', { detail: { snapshot }, bubbles: true, composed: true }),
      );
      return snapshot;
    } catch (cause) {
      const error =
        cause instanceof DtExportError
          ? cause
          : new DtExportError('snapshot', 'render', String(cause), { cause });
      this.failure = this.t('snapshot.failed', { reason: error.reason });
      this.announcer.cancel('snapshot');
      this.dispatchEvent(
        new CustomEvent('dt-export-error', { detail: { error }, bubbles: true, composed: true }),
      );
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const canvas = this.twin ? twinMap(this.twin)?.map?.getCanvas() : undefined;
    const cssWidth = canvas?.clientWidth ?? 0;
    const cssHeight = canvas?.clientHeight ?? 0;
    const custom = this.resolution === 'custom';
    const number = (e: Event) => Number((e.target as HTMLInputElement).value);
    return html`<section aria-labelledby="heading">
      <h2 id="heading" part="heading">${this.t('snapshot.heading')}</h2>
      <label class="field" for="resolution">${this.t('snapshot.resolution')}</label>
      <select
        id="resolution"
        part="input"
        .value=${this.resolution}
        @change=${(e: Event) => (this.resolution = (e.target as HTMLSelectElement).value)}
      >
        ${SCALES.map(
          (scale) =>
            html`<option value=${`${scale}x`} ?selected=${this.resolution === `${scale}x`}>
              ${this.t('snapshot.scale', {
                scale,
                width: Math.round(cssWidth * scale),
                height: Math.round(cssHeight * scale),
              })}
            </option>`,
        )}
        <option value="custom" ?selected=${custom}>${this.t('snapshot.custom')}</option>
      </select>
      ${
        custom
          ? html`<div class="row">
              <label for="width">${this.t('snapshot.width')}</label>
              <input
                id="width"
                part="input"
                type="number"
                min="16"
                max="8192"
                .value=${String(this.width)}
                @change=${(e: Event) => (this.width = number(e))}
              />
              <label for="height">${this.t('snapshot.height')}</label>
              <input
                id="height"
                part="input"
                type="number"
                min="16"
                max="8192"
                .value=${String(this.height)}
                @change=${(e: Event) => (this.height = number(e))}
              />
            </div>`
          : nothing
      }
      <div class="row">
        <button
          type="button"
          part="button"
          ?disabled=${this.busy}
          aria-busy=${this.busy ? 'true' : 'false'}
          @click=${() => void this.download()}
        >
          ${this.t('snapshot.download')}
        </button>
      </div>
      ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
      ${this.announcer.region()}
    </section>`;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dt-snapshot': CustomEvent<{ snapshot: TwinSnapshot }>;
    'dt-export-error': CustomEvent<{ error: DtExportError }>;
  }
}
