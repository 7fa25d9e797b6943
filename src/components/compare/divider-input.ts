/**
 * How the swipe divider follows the keyboard and the pointer. Keys as for any slider (WAI-ARIA
 * APG): arrows move 1 % of the map's width (10 % with Shift), Page Up and Page Down 10 %, Home and
 * End to the edges.
 */

/** Keyboard steps of the divider, as a share of the map's width. */
const STEP = 0.01;
const PAGE_STEP = 0.1;

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** The divider's position after `key` (rounded to 0.1 %), or undefined when the key does not move it. */
export function positionAfterKey(
  key: string,
  shiftKey: boolean,
  position: number,
): number | undefined {
  const step = shiftKey ? PAGE_STEP : STEP;
  const moves: Record<string, number> = {
    ArrowLeft: position - step,
    ArrowDown: position - step,
    ArrowRight: position + step,
    ArrowUp: position + step,
    PageDown: position - PAGE_STEP,
    PageUp: position + PAGE_STEP,
    Home: 0,
    End: 1,
  };
  const next = moves[key];
  return next === undefined ? undefined : Math.round(clamp01(next) * 1000) / 1000;
}

/** A pointer drag of the divider: captures the pointer and reports positions and the end. */
export class DividerDrag {
  #pointer: number | undefined;

  /**
   * @param mapBox The map's box on the screen (positions are shares of its width).
   * @param move Called with each new position, 0..1.
   * @param end Called once when the drag ends.
   */
  constructor(
    private readonly mapBox: () => DOMRect | undefined,
    private readonly move: (position: number) => void,
    private readonly end: () => void,
  ) {}

  /** The pointer listener for the divider's line and handle. */
  readonly onPointer = (event: PointerEvent): void => {
    if (event.type === 'pointerdown') {
      if (event.button !== 0) return;
      this.#pointer = event.pointerId;
      (event.currentTarget as Element).setPointerCapture(event.pointerId);
      event.preventDefault();
    }
    if (event.pointerId !== this.#pointer) return;
    if (event.type === 'pointerup' || event.type === 'pointercancel') {
      this.#pointer = undefined;
      this.end();
      return;
    }
    const box = this.mapBox();
    if (box && box.width > 0) this.move(clamp01((event.clientX - box.left) / box.width));
  };
}
