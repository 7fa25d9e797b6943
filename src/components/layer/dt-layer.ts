import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import type { Feature } from 'geojson';
import { css } from 'lit';
import { property } from 'lit/decorators.js';
import {
  buildColorScale,
  toNumber,
  type ColorMode,
  type ColorScale,
  type Legend,
} from '../../core/style/color-scale.js';
import { toHex, type RGBA } from '../../core/style/color.js';
import { isRampName } from '../../core/style/ramps.js';
import { DtLayerElement } from '../base/dt-layer-element.js';
import { cssColorToRgba } from '../base/css-color.js';
import { ROOF_TRUE_MATERIAL } from '../map/lighting.js';
import type { Grid } from '../../core/raster/grid.js';
import type { RampName } from '../../core/style/ramps.js';
import { gridRange, paintGrid, rasterBitmapLayer, rasterScale } from './raster-layer.js';
import { rendererFor } from './layer-renderers.js';

/** How a `<dt-layer>` draws its features. */
export type DtLayerType =
  | 'fill'
  | 'line'
  | 'circle'
  | 'extrusion'
  | 'raster'
  | 'hillshade'
  | 'heatmap'
  | 'pointcloud'
  | 'mesh'
  | '3d-tiles';

const DEFAULT_COLOR: RGBA = [0, 114, 178, 255]; // Okabe-Ito blue
const OUTLINE: RGBA = [40, 40, 40, 200];
const HIGHLIGHT: RGBA = [255, 255, 255, 160];

/** A height attribute's value for a feature: a number given as such, else the named property (0 when absent). */
function heightOf(feature: Feature, attribute: string | null): number {
  if (attribute === null) return 0;
  const constant = Number(attribute);
  if (attribute.trim() !== '' && Number.isFinite(constant)) return constant;
  return toNumber(feature.properties?.[attribute]) ?? 0;
}

/**
 * Draws a data source on the map as filled areas, lines, circles or 3D extrusions.
 *
 * ```html
 * <dt-layer source="panden" type="extrusion" height="ahn3_h_dak_70p" base="ahn3_h_maaiveld"
 *           color-by="ahn3_h_dak_70p"></dt-layer>
 * ```
 *
 * Layers draw in document order: a later `<dt-layer>` draws on top of an earlier one.
 *
 * @summary A map layer over a data source: fill, line, circle or extrusion.
 */
export class DtLayer extends DtLayerElement {
  static override styles = css`
    :host {
      display: none;
    }
  `;

  /**
   * How the source is drawn: features as `fill`, `line`, `circle`, `extrusion` or `heatmap`; a band
   * of a raster source or scenario as `raster` or `hillshade`; a point cloud as `pointcloud`; CityJSON
   * as `mesh`; a 3D Tiles tileset as `3d-tiles`. Tile services (WMS, XYZ, WMTS, vector tiles) draw
   * as their source says, vector tiles with `fill`, `line`, `circle` or `extrusion`.
   */
  @property({ reflect: true, useDefault: true }) type: DtLayerType = 'fill';
  /** A fixed colour (any CSS colour). Ignored when `color-by` is set. */
  @property({ reflect: true }) color: string | null = null;
  /** Colour features by this property. */
  @property({ reflect: true, attribute: 'color-by' }) colorBy: string | null = null;
  /** `continuous`, `classed` (quantiles) or `categorical`; default: continuous for numbers, categorical otherwise. */
  @property({ reflect: true, attribute: 'color-mode' }) colorMode: ColorMode | null = null;
  /** Categorical: fixed colours per category as JSON, e.g. `{"true": "#d55e00", "false": "#bbbbbb"}`; other categories take ramp colours. */
  @property({ reflect: true }) colors: string | null = null;
  /** Number of classes for `color-mode="classed"` (2-10, default 5). */
  @property({ type: Number, reflect: true }) classes = 5;
  /** Colour ramp: `viridis` (default), `cividis` or `okabe-ito` (categorical). All colour-blind-safe. */
  @property({ reflect: true }) ramp: string | null = null;
  /** Extrusion: the property with the top height (metres), or a number: one height for all (`height="10"`). */
  @property({ reflect: true }) height: string | null = null;
  /** Extrusion: the property (or a number) with the ground height (metres, same datum as `height`); the drawn height is `height - base`. */
  @property({ reflect: true }) base: string | null = null;
  /** Line width in pixels (lines, outlines). */
  @property({ type: Number, reflect: true, attribute: 'line-width' }) lineWidth = 1;
  /** Circle radius in pixels. */
  @property({ type: Number, reflect: true }) radius = 5;
  /** The property that names a feature in lists (default: a guess such as `naam`, `name` or an id). */
  @property({ reflect: true, attribute: 'name-by' }) nameBy: string | null = null;

  /** Raster: the band to draw (default: the source's first band), e.g. `depth` of a flood scenario. A `band` without a `type` implies `type="raster"`. */
  @property({ reflect: true }) band: string | null = null;
  /** Raster: the value range the ramp spans, `"min,max"` (default: the band's own range). */
  @property({ reflect: true }) domain: string | null = null;

  #scale: { key: string; data: unknown; scale: ColorScale } | undefined;
  #raster: { key: string; grid: Grid; image: ImageData; scale: ColorScale } | undefined;

  /** Whether the layer draws a raster band: `type="raster"`, or a `band` without a `type`. */
  get drawsRaster(): boolean {
    return this.type === 'raster' || (this.band !== null && !this.hasAttribute('type'));
  }

  /** The raster band this layer draws, when `type="raster"` and the source has it. */
  get bandGrid(): Grid | undefined {
    const bands = this.sourceElement?.bands ?? {};
    return bands[this.band ?? Object.keys(bands)[0] ?? ''];
  }

  /** The painted image and scale of the band (recomputed only when the grid or styling changes). */
  raster(): { grid: Grid; image: ImageData; scale: ColorScale } | undefined {
    const grid = this.bandGrid;
    if (!grid) return undefined;
    const parsed = this.domain?.split(',').map(Number);
    const domain: [number, number] =
      parsed?.length === 2 && parsed.every(Number.isFinite)
        ? [parsed[0] as number, parsed[1] as number]
        : gridRange(grid);
    const ramp: RampName = this.ramp && isRampName(this.ramp) ? this.ramp : 'viridis';
    const key = `${domain.join(',')}|${ramp}|${this.band}`;
    if (this.#raster?.key !== key || this.#raster.grid !== grid) {
      const scale = rasterScale(this.band ?? 'value', domain, ramp);
      this.#raster = { key, grid, scale, image: paintGrid(grid, scale, domain) };
    }
    return this.#raster;
  }

  /** The colour scale for `color-by` over the current data, built once per data and settings. */
  colorScale(): ColorScale | undefined {
    const data = this.sourceElement?.data;
    if (!this.colorBy || !data) return undefined;
    const ramp = this.ramp && isRampName(this.ramp) ? this.ramp : undefined;
    const key = `${this.colorBy}|${this.colorMode}|${this.classes}|${ramp}|${this.colors}`;
    if (this.#scale?.key !== key || this.#scale.data !== data) {
      const values = data.features.map((f) => f.properties?.[this.colorBy as string]);
      this.#scale = {
        key,
        data,
        scale: buildColorScale(values, {
          property: this.colorBy,
          mode: this.colorMode ?? undefined,
          classes: this.classes,
          ramp,
          colors: this.categoryColors(),
        }),
      };
    }
    return this.#scale.scale;
  }

  /** The `colors` attribute as RGBA per category; malformed JSON or colours are ignored. */
  private categoryColors(): Record<string, RGBA> | undefined {
    if (!this.colors) return undefined;
    try {
      const parsed: unknown = JSON.parse(this.colors);
      if (typeof parsed !== 'object' || parsed === null) return undefined;
      const out: Record<string, RGBA> = {};
      for (const [k, v] of Object.entries(parsed)) {
        const rgba = typeof v === 'string' ? cssColorToRgba(v) : undefined;
        if (rgba) out[k] = rgba;
      }
      return out;
    } catch {
      return undefined;
    }
  }

  private fixedColor(): RGBA {
    return cssColorToRgba(this.color) ?? DEFAULT_COLOR;
  }

  /** The colour of one feature as deck.gl draws it (RGBA 0-255). */
  colorOf(feature: Feature): RGBA {
    const scale = this.colorScale();
    return scale && this.colorBy
      ? scale.colorOf(feature.properties?.[this.colorBy])
      : this.fixedColor();
  }

  override featureColor(feature: Feature): string {
    return toHex(this.colorOf(feature));
  }

  /** Height of an extruded feature in metres: `height` minus `base`, at least 0. */
  elevationOf(feature: Feature): number {
    return Math.max(0, heightOf(feature, this.height) - heightOf(feature, this.base));
  }

  override legend(): Legend | undefined {
    const renderer = rendererFor(this);
    if (renderer) return renderer.legend?.(this);
    if (this.drawsRaster) return this.raster()?.scale.legend;
    const scale = this.colorScale();
    if (scale) return scale.legend;
    return {
      property: '',
      mode: 'categorical',
      entries: [{ value: '', color: toHex(this.fixedColor()) }],
    };
  }

  /** Asks the map to draw this layer again (after a lazily loaded module or tile data arrived). */
  requestRedraw(): void {
    this.twin?.changed('layers');
  }

  override renderLayers(): Layer[] {
    const renderer = rendererFor(this);
    if (renderer) return renderer.render(this);
    if (this.drawsRaster) {
      const raster = this.raster();
      if (!raster) return [];
      return [
        rasterBitmapLayer({
          id: this.layerId,
          image: raster.image,
          grid: raster.grid,
          visible: this.visible,
          opacity: this.opacity,
        }),
      ];
    }
    const source = this.sourceElement;
    const data = source?.data;
    if (!data) return [];
    const selection = this.twin?.selection;
    const selectedIndex = selection?.layer === this ? selection.index : -1;
    const colorKey = [
      this.color,
      this.colorBy,
      this.colorMode,
      this.classes,
      this.ramp,
      this.colors,
      data,
    ];
    const isLine = this.type === 'line';
    return [
      new GeoJsonLayer<Record<string, unknown>>({
        id: this.layerId,
        data,
        visible: this.visible,
        opacity: this.opacity,
        pickable: true,
        autoHighlight: false,
        highlightedObjectIndex: selectedIndex,
        highlightColor: HIGHLIGHT,
        filled: !isLine,
        stroked: isLine || this.type === 'fill' || this.type === 'circle',
        extruded: this.type === 'extrusion',
        wireframe: false,
        pointType: 'circle',
        getFillColor: (f: Feature) => this.colorOf(f),
        getLineColor: isLine ? (f: Feature) => this.colorOf(f) : OUTLINE,
        getElevation: (f: Feature) => this.elevationOf(f),
        getPointRadius: this.radius,
        pointRadiusUnits: 'pixels',
        getLineWidth: this.lineWidth,
        material: ROOF_TRUE_MATERIAL,
        lineWidthUnits: 'pixels',
        updateTriggers: {
          getFillColor: colorKey,
          getLineColor: colorKey,
          getElevation: [this.height, this.base, data],
        },
        onClick: (info: { index: number }) => {
          if (info.index >= 0) this.selectFeature(info.index);
          return true;
        },
      }) as unknown as Layer,
    ];
  }
}
