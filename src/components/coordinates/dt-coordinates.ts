import { css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { lonLatToRd } from '../../core/raster/crs.js';
import { DtPanelElement, panelStyles } from '../base/dt-panel-element.js';
import type { TwinChangeKind, TwinController } from '../base/twin-controller.js';
import { twinMap } from '../search/move-view.js';
import { PointerPosition, type ShownPosition } from './pointer-position.js';

/** Decimals shown: RD New metres to the centimetre, WGS 84 degrees to about 0.1 m. */
export const RD_DECIMALS = 2;
export const WGS84_DECIMALS = 6;

/**
 * The position under the pointer in RD New (EPSG:28992: x, y in metres, 2 decimals) and WGS 84
 * (EPSG:4326: longitude, latitude in degrees, 6 decimals), updated at most once per animation frame
 * as the pointer moves over the map. When the pointer is off the map, or the map is used with the
 * keyboard, it shows the map's centre instead (and says so). A button copies both.
 *
 * The values change too often to be spoken (`aria-live="off"`); the readout can be focused with Tab,
 * and then reads the current values. Placed inside a `<dt-twin>` it is a box at the bottom left of
 * the map (`placement="overlay"`, default); `placement="inline"` leaves the layout to the page.
 *
 * @summary Pointer (or map centre) coordinates in RD New and WGS 84.
 * @csspart readout - The focusable block with both coordinate pairs.
 * @csspart value - Each coordinate pair (`data-crs="rd"` or `data-crs="wgs84"`).
 * @csspart button - The copy button.
 * @cssproperty --dt-coordinates-font - Font of the numbers (default: tabular figures of the UI font).
 */
export class DtCoordinates extends DtPanelElement {
  static override styles = css`
    ${panelStyles}
    :host([placement='overlay']) {
      position: absolute;
      left: var(--dt-space-s, 0.5rem);
      bottom: calc(var(--dt-space-s, 0.5rem) + 20px);
      z-index: 1;
      max-width: calc(100% - 2 * var(--dt-space-s, 0.5rem));
      box-sizing: border-box;
      padding: var(--dt-space-xs, 0.375rem) var(--dt-space-s, 0.5rem);
      background: var(--dt-color-panel, rgba(255, 255, 255, 0.96));
      border: 1px solid var(--dt-color-border-subtle, #dddddd);
      border-radius: var(--dt-radius, 4px);
      box-shadow: var(--dt-shadow, 0 1px 4px rgba(0, 0, 0, 0.25));
    }
    .box {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--dt-space-xs, 0.375rem) var(--dt-space-s, 0.5rem);
    }
    .readout {
      display: grid;
      grid-template-columns: auto auto;
      column-gap: var(--dt-space-s, 0.5rem);
      font: var(--dt-coordinates-font, inherit);
      font-variant-numeric: tabular-nums;
      border-radius: var(--dt-radius, 4px);
    }
    .mode {
      grid-column: 1 / -1;
      font-weight: 600;
    }
    .crs {
      color: var(--dt-color-muted, #595959);
    }
  `;

  /** `overlay` (default): a box at the bottom left of the map; `inline`: laid out by the page. */
  @property({ reflect: true }) placement: 'overlay' | 'inline' = 'overlay';

  @state() private shown: ShownPosition | undefined;
  @state() private copied: 'copied' | 'failed' | undefined;

  #follower: PointerPosition | undefined;
  #host: HTMLElement | undefined;

  /** The position shown: WGS 84 [lon, lat] degrees and whether it is the pointer's or the centre. */
  get position(): ShownPosition | undefined {
    return this.shown;
  }

  /** The shown position in RD New [x, y] metres (EPSG:28992). */
  get rd(): [number, number] | undefined {
    return this.shown ? lonLatToRd(...this.shown.lonLat) : undefined;
  }

  protected override twinConnected(twin: TwinController): void {
    this.#host = twin.host;
    twin.host.addEventListener('dt-ready', this.follow);
    this.follow();
  }

  protected override twinDisconnected(twin: TwinController): void {
    twin.host.removeEventListener('dt-ready', this.follow);
    this.#host = undefined;
    this.#follower?.dispose();
    this.#follower = undefined;
  }

  protected override twinChanged(kind: TwinChangeKind): void {
    super.twinChanged(kind); // re-renders (a new language)
    this.follow(); // the map may have been made (or rebuilt) since
  }

  /** Follows the twin's current map (a rebuilt map is a new one). */
  private readonly follow = (): void => {
    const map = this.#host ? twinMap(this.twin) : undefined;
    if (map === this.#follower?.map) return;
    this.#follower?.dispose();
    this.#follower = map
      ? new PointerPosition(map, (position) => {
          this.shown = position;
          this.copied = undefined;
        })
      : undefined;
  };

  /** Both pairs as one line of text (what the copy button copies). */
  text(): string {
    const { rd, wgs84 } = this.pairs();
    if (!rd || !wgs84) return '';
    return `${this.t('coords.rd')}: ${rd}; ${this.t('coords.wgs84')}: ${wgs84}`;
  }

  private pairs(): { rd?: string; wgs84?: string } {
    const shown = this.shown;
    const rd = this.rd;
    if (!shown || !rd) return {};
    const [lon, lat] = shown.lonLat;
    return {
      rd: `x ${rd[0].toFixed(RD_DECIMALS)}, y ${rd[1].toFixed(RD_DECIMALS)}`,
      wgs84: `${this.t('coords.lon')} ${lon.toFixed(WGS84_DECIMALS)}, ${this.t('coords.lat')} ${lat.toFixed(WGS84_DECIMALS)}`,
    };
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text());
      this.copied = 'copied';
    } catch {
      this.copied = 'failed';
    }
  }

  override render() {
    const { rd, wgs84 } = this.pairs();
    const mode = this.shown ? this.t(`coords.${this.shown.mode}`) : this.t('coords.none');
    const label = rd && wgs84 ? `${mode}. ${this.text()}` : mode;
    return html`<div class="box">
      <div
        class="readout"
        part="readout"
        role="group"
        tabindex="0"
        aria-live="off"
        aria-label=${`${this.t('coords.heading')}: ${label}`}
      >
        <span class="mode">${mode}</span>
        ${
          rd && wgs84
            ? html`<span class="crs">${this.t('coords.rd')}</span>
                <span part="value" data-crs="rd">${rd}</span>
                <span class="crs">${this.t('coords.wgs84')}</span>
                <span part="value" data-crs="wgs84">${wgs84}</span>`
            : nothing
        }
      </div>
      <button type="button" part="button" ?disabled=${!rd} @click=${() => void this.copy()}>
        ${this.t('coords.copy')}
      </button>
      <span role="status">${this.copied ? this.t(`coords.${this.copied}`) : nothing}</span>
    </div>`;
  }
}
