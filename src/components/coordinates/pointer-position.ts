import type { Map as MapLibreMap } from 'maplibre-gl';

/** Where the shown position comes from: the ground under the pointer, or the map's centre. */
export type PositionMode = 'pointer' | 'center';

/** A position to show: WGS 84 [longitude, latitude] in degrees, and where it comes from. */
export interface ShownPosition {
  lonLat: [number, number];
  mode: PositionMode;
}

/**
 * Follows one MapLibre map and reports the position to show, at most once per animation frame:
 * the ground under the pointer while it moves over the map (also while the map moves under it),
 * the map's centre once it leaves the map or when the map is used with the keyboard (focused with
 * Tab, or a key pressed on it), so keyboard users get coordinates too.
 */
export class PointerPosition {
  #pixel: [number, number] | undefined;
  #mode: PositionMode = 'center';
  #frame = 0;
  readonly #canvas: HTMLCanvasElement;

  constructor(
    readonly map: MapLibreMap,
    private readonly onPosition: (position: ShownPosition) => void,
  ) {
    this.#canvas = map.getCanvas();
    const container = map.getCanvasContainer();
    container.addEventListener('pointermove', this.onPointerMove);
    container.addEventListener('pointerleave', this.onPointerLeave);
    this.#canvas.addEventListener('focus', this.onFocus);
    this.#canvas.addEventListener('keydown', this.onKeydown);
    map.on('move', this.schedule);
    this.schedule();
  }

  /** Stops following the map. */
  dispose(): void {
    const container = this.map.getCanvasContainer();
    container.removeEventListener('pointermove', this.onPointerMove);
    container.removeEventListener('pointerleave', this.onPointerLeave);
    this.#canvas.removeEventListener('focus', this.onFocus);
    this.#canvas.removeEventListener('keydown', this.onKeydown);
    this.map.off('move', this.schedule);
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  private readonly onPointerMove = (event: PointerEvent): void => {
    const rect = this.#canvas.getBoundingClientRect();
    this.#pixel = [event.clientX - rect.left, event.clientY - rect.top];
    this.#mode = 'pointer';
    this.schedule();
  };

  private readonly onPointerLeave = (): void => {
    this.#mode = 'center';
    this.schedule();
  };

  private readonly onFocus = (): void => {
    // A click focuses the canvas too; only keyboard focus (focus-visible) switches to the centre.
    if (!this.#canvas.matches(':focus-visible')) return;
    this.#mode = 'center';
    this.schedule();
  };

  private readonly onKeydown = (): void => {
    this.#mode = 'center';
    this.schedule();
  };

  private readonly schedule = (): void => {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.onPosition(this.position());
    });
  };

  /** The position to show now. */
  position(): ShownPosition {
    if (this.#mode === 'pointer' && this.#pixel) {
      const { lng, lat } = this.map.unproject(this.#pixel);
      return { lonLat: [lng, lat], mode: 'pointer' };
    }
    const { lng, lat } = this.map.getCenter();
    return { lonLat: [lng, lat], mode: 'center' };
  }
}
