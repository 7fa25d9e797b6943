/**
 * The templates of `<dt-compare>`: the swipe divider (a keyboard slider), the names of A and B over
 * the map, the mode buttons, and the difference's legend and numbers.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { DtView } from '../base/events.js';
import type { DtMap } from '../map/dt-map.js';
import { COMPARE_MODES, type CompareMode } from './compare-sides.js';

/** What the divider shows and how it reacts. */
export interface DividerView {
  /** Its left edge in CSS pixels from the left of `<dt-compare>`. */
  x: number;
  /** Its top and height in CSS pixels (the map's). */
  top: number;
  height: number;
  /** The position, 0..1. */
  position: number;
  /** The slider's name and its spoken value. */
  label: string;
  valueText: string;
  onPointer: (event: PointerEvent) => void;
  onKey: (event: KeyboardEvent) => void;
}

/** The divider: a line to drag and, on it, a handle that is a keyboard slider (0-100 %). */
export function dividerTemplate(view: DividerView): TemplateResult {
  return html`<div
    class="divider"
    part="divider"
    style=${styleMap({ left: `${view.x}px`, top: `${view.top}px`, height: `${view.height}px` })}
  >
    <div
      class="line"
      @pointerdown=${view.onPointer}
      @pointermove=${view.onPointer}
      @pointerup=${view.onPointer}
      @pointercancel=${view.onPointer}
    ></div>
    <div
      class="handle"
      part="divider-handle"
      role="slider"
      tabindex="0"
      aria-label=${view.label}
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${Math.round(view.position * 100)}
      aria-valuetext=${view.valueText}
      @pointerdown=${view.onPointer}
      @pointermove=${view.onPointer}
      @pointerup=${view.onPointer}
      @pointercancel=${view.onPointer}
      @keydown=${view.onKey}
    >
      <span aria-hidden="true">⇔</span>
    </div>
  </div>`;
}

/**
 * The names of A and B, left and right of the split at `x` (CSS pixels). Beside a second map, B's
 * name clears that map's zoom buttons.
 */
export function namesTemplate(
  x: number,
  top: number,
  a: string,
  b: string,
  besideSecondMap: boolean,
): TemplateResult {
  const bLeft = x + (besideSecondMap ? 48 : 8);
  return html`<span
      class="name"
      part="name name-a"
      style=${styleMap({ right: `calc(100% - ${x - 8}px)`, top: `${top + 8}px` })}
      >${a}</span
    ><span
      class="name"
      part="name name-b"
      style=${styleMap({ left: `${bLeft}px`, top: `${top + 8}px` })}
      >${b}</span
    >`;
}

/** The label of each mode's button. */
export const MODE_LABELS = {
  swipe: 'compareView.swipe',
  'side-by-side': 'compareView.sideBySide',
  difference: 'compareView.difference',
} as const satisfies Record<CompareMode, string>;

/** The mode switch: one toggle button per mode (`aria-pressed` on the current one). */
export function modeButtons(
  current: CompareMode,
  label: string,
  text: (mode: CompareMode) => string,
  choose: (mode: CompareMode) => void,
): TemplateResult {
  return html`<div class="modes" role="group" aria-label=${label}>
    ${COMPARE_MODES.map(
      (mode) =>
        html`<button
          type="button"
          part="mode-button"
          aria-pressed=${mode === current ? 'true' : 'false'}
          @click=${() => choose(mode)}
        >
          ${text(mode)}
        </button>`,
    )}
  </div>`;
}

/**
 * The second map (side by side): it starts at `view` with the main map's basemap and terrain. Its
 * `dt-ready` and `dt-view-change` stay inside `<dt-compare>`: a page hears those of the twin's own
 * map, which moves along with it.
 */
export function secondMapTemplate(main: DtMap, view: DtView): TemplateResult {
  const stop = (event: Event) => event.stopPropagation();
  return html`<div class="second" part="second-map">
    <dt-map
      .preserveDrawingBuffer=${main.preserveDrawingBuffer}
      .basemap=${main.basemap}
      .terrain=${main.terrain}
      .terrainExaggeration=${main.terrainExaggeration}
      center=${view.center.join(',')}
      zoom=${view.zoom}
      pitch=${view.pitch}
      bearing=${view.bearing}
      @dt-ready=${stop}
      @dt-view-change=${stop}
    ></dt-map>
  </div>`;
}

/** An optional piece of the template. */
export function when<T>(
  value: T | undefined | null | false,
  template: (value: T) => unknown,
): unknown {
  return value ? template(value) : nothing;
}
