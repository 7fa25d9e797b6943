/**
 * Side by side: the twin's map takes the left half, a second `<dt-map>` (made by `<dt-compare>`)
 * the right half, with the same camera. Each map draws one side's layers through a layer decorator.
 */
import type { DtMap, LayerDecorator } from '../map/dt-map.js';
import { linkViews } from './view-sync.js';

/** Holds the second map while the mode lasts, and undoes everything when it ends. */
export class SideBySide {
  #main: DtMap | undefined;
  #second: DtMap | undefined;
  #savedWidth = '';
  #undo: (() => void)[] = [];
  #linked: Promise<void> = Promise.resolve();
  #label = '';

  /** Resolves once both maps have drawn and move together. */
  get linked(): Promise<void> {
    return this.#linked;
  }

  /** The second map, while side by side. */
  get second(): DtMap | undefined {
    return this.#second;
  }

  /**
   * Starts (or keeps) side by side with these two maps: narrows the twin's map to the left half,
   * hands the second map its decorator, and links the cameras once both are ready.
   */
  start(main: DtMap, second: DtMap, decorate: LayerDecorator): void {
    if (this.#main === main && this.#second === second) return;
    this.stop();
    this.#main = main;
    this.#second = second;
    // An inline width wins over the twin's full-size map (`inset: 0`, `width: 100%`); stop() restores it.
    this.#savedWidth = main.style.width;
    main.style.width = '50%';
    this.#undo.push(second.addLayerDecorator(decorate));
    this.#linked = Promise.all([main.ready, second.ready]).then(() => {
      if (this.#second !== second || !main.map || !second.map) return;
      this.#undo.push(linkViews(main.map, second.map));
      this.label(this.#label);
    });
  }

  /**
   * Names the second map for screen readers (`Map of <B>`): MapLibre names every map canvas the same,
   * and two landmarks must not share a name.
   */
  label(text: string): void {
    this.#label = text;
    this.#second?.map?.getCanvas().setAttribute('aria-label', text);
  }

  /** Ends side by side: unlinks the cameras and gives the twin's map its whole width back. */
  stop(): void {
    for (const undo of this.#undo.splice(0)) undo();
    if (this.#main) this.#main.style.width = this.#savedWidth;
    this.#main = undefined;
    this.#second = undefined;
  }
}
