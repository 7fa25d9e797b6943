import type { Layer } from '@deck.gl/core';
import { css } from 'lit';
import { property } from 'lit/decorators.js';
import type { Grid } from '../../core/raster/grid.js';
import type { ColorScale, Legend } from '../../core/style/color-scale.js';
import { DtLayerElement } from '../base/dt-layer-element.js';
import { paintGrid, rasterBitmapLayer, rasterScale } from '../layer/raster-layer.js';

/**
 * The B - A layer of `<dt-compare mode="difference">`: a grid of differences drawn with the diverging
 * `blue-red` ramp over a domain symmetric around 0 (blue: B is lower, red: B is higher, white: no
 * change). `<dt-compare>` creates it in its own shadow root and sets {@link grid}, {@link domain} and
 * {@link band} (the base class redraws the map when they change);
 * as a twin layer it is listed in the layer list (where it can be hidden) and the legend.
 *
 * @summary The difference layer of `<dt-compare>` (made by it; not meant for markup).
 */
export class DtCompareDifference extends DtLayerElement {
  static override styles = css`
    :host {
      display: none;
    }
  `;

  /** The differences, B - A per cell (NaN: no value, transparent). Setting it redraws. */
  @property({ attribute: false }) grid: Grid | undefined;
  /** The value range the ramp spans, symmetric around 0 unless the page gave another. */
  @property({ attribute: false }) domain: [number, number] = [-1, 1];
  /** What the legend says the values are (`depth`, `t-air`, ...). */
  @property({ attribute: false }) band = '';

  #painted: { grid: Grid; key: string; image: ImageData; scale: ColorScale } | undefined;

  private painted(): { image: ImageData; scale: ColorScale; grid: Grid } | undefined {
    const grid = this.grid;
    if (!grid) return undefined;
    const key = `${this.domain.join(',')}|${this.band}`;
    if (this.#painted?.grid !== grid || this.#painted.key !== key) {
      const scale = rasterScale(`Δ ${this.band}`, this.domain, 'blue-red');
      this.#painted = { grid, key, scale, image: paintGrid(grid, scale, this.domain) };
    }
    return this.#painted;
  }

  override legend(): Legend | undefined {
    return this.painted()?.scale.legend;
  }

  override renderLayers(): Layer[] {
    const painted = this.painted();
    if (!painted) return [];
    return [
      rasterBitmapLayer({
        id: this.layerId,
        image: painted.image,
        grid: painted.grid,
        visible: this.visible,
        opacity: this.opacity,
      }),
    ];
  }
}
