/**
 * `<dt-compare>`'s hold on the twin's own map: finds it (the twin's `<dt-map>` child, or the map the
 * twin made itself), decorates its layers, and measures where it lies for the divider.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { TwinController } from '../base/twin-controller.js';
import type { DtMap, LayerDecorator } from '../map/dt-map.js';

/** Where the map lies in the host, in CSS pixels; `hostWidth` is the host's own width. */
export interface MapBox {
  left: number;
  top: number;
  width: number;
  height: number;
  hostWidth: number;
}

/** Holds the twin's map while the host is in the twin. */
export class TwinMapLink implements ReactiveController {
  /** The twin's map, once found. */
  map: DtMap | undefined;
  /** Where it lies in the host (zero before it is measured). */
  box: MapBox = { left: 0, top: 0, width: 0, height: 0, hostWidth: 0 };

  #twin: TwinController | undefined;
  #removeDecorator: (() => void) | undefined;
  readonly #resize = new ResizeObserver(() => this.measure());

  /**
   * @param host The element over the map (it is measured against the map).
   * @param decorate The decorator for the map's layers.
   * @param released Called when the map is let go (before another is taken).
   */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly decorate: LayerDecorator,
    private readonly released: () => void,
  ) {
    host.addController(this);
  }

  /** Follows `twin` (undefined: none): looks for its map now and whenever a map of it is ready. */
  follow(twin: TwinController | undefined): void {
    if (twin === this.#twin) return this.find();
    this.#twin?.host.removeEventListener('dt-ready', this.find);
    this.release();
    this.#twin = twin;
    twin?.host.addEventListener('dt-ready', this.find);
    this.find();
  }

  /** Looks for the twin's map; takes it when it is new. */
  readonly find = (): void => {
    const host = this.#twin?.host;
    const map =
      host?.querySelector<DtMap>(':scope > dt-map') ?? host?.shadowRoot?.querySelector('dt-map');
    if (!map || map === this.map) return;
    this.release();
    this.map = map;
    this.#removeDecorator = map.addLayerDecorator(this.decorate);
    this.#resize.observe(map);
    this.#resize.observe(this.host);
    this.host.requestUpdate();
  };

  private release(): void {
    if (!this.map) return;
    this.released();
    this.#removeDecorator?.();
    this.#removeDecorator = undefined;
    this.#resize.disconnect();
    this.map = undefined;
  }

  private measure(): void {
    if (!this.map) return;
    const own = this.host.getBoundingClientRect();
    const r = this.map.getBoundingClientRect();
    this.box = {
      left: r.left - own.left,
      top: r.top - own.top,
      width: r.width,
      height: r.height,
      hostWidth: own.width,
    };
    this.host.requestUpdate();
  }

  /** Lets the map go when the host leaves the page. */
  hostDisconnected(): void {
    this.follow(undefined);
  }
}
