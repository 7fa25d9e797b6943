/**
 * Draws one raster band (a {@link Grid} in any projected CRS) as a coloured image on the map: a
 * deck.gl BitmapLayer whose four corners are the grid's corners in longitude/latitude. NaN and nodata
 * cells are transparent; the other values are coloured by a continuous ramp over a domain.
 */
import type { Layer } from '@deck.gl/core';
import { BitmapLayer } from '@deck.gl/layers';
import { transformer } from '../../core/raster/crs.js';
import type { Grid } from '../../core/raster/grid.js';
import { buildColorScale, type ColorScale } from '../../core/style/color-scale.js';
import type { RampName } from '../../core/style/ramps.js';

/** Entries of the colour look-up table an image is painted with. */
const LUT_SIZE = 256;

/** Smallest and largest valid value of a grid; [0, 0] when it has none. */
export function gridRange(grid: Grid): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  const { values, nodata } = grid;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v || v === nodata) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min <= max ? [min, max] : [0, 0];
}

/** The continuous colour scale of a band over `domain`. */
export function rasterScale(label: string, domain: [number, number], ramp: RampName): ColorScale {
  return buildColorScale(domain, { property: label, mode: 'continuous', ramp });
}

/** Paints a grid with a scale over `domain`: RGBA pixels, one per cell, NaN and nodata transparent. */
export function paintGrid(grid: Grid, scale: ColorScale, domain: [number, number]): ImageData {
  const [min, max] = domain;
  const span = max - min || 1;
  const lut = new Uint32Array(LUT_SIZE);
  const bytes = new Uint8Array(lut.buffer);
  for (let k = 0; k < LUT_SIZE; k++) {
    const [r, g, b, a] = scale.colorOf(min + (k / (LUT_SIZE - 1)) * span);
    bytes.set([r, g, b, a], k * 4);
  }
  const image = new ImageData(grid.width, grid.height);
  const pixels = new Uint32Array(image.data.buffer);
  const { values, nodata } = grid;
  const factor = (LUT_SIZE - 1) / span;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v || v === nodata) continue; // stays transparent
    const k = Math.round((v - min) * factor);
    pixels[i] = lut[k < 0 ? 0 : k >= LUT_SIZE ? LUT_SIZE - 1 : k] as number;
  }
  return image;
}

/** The grid's outer corners in [lon, lat]: bottom-left, top-left, top-right, bottom-right. */
export function gridCornersLonLat(grid: Grid): [number, number][] {
  const toLonLat = transformer(grid.crs, 'EPSG:4326');
  const [x0, dx, , y0, , dy] = grid.geotransform;
  const x1 = x0 + dx * grid.width;
  const y1 = y0 + dy * grid.height;
  return [toLonLat(x0, y1), toLonLat(x0, y0), toLonLat(x1, y0), toLonLat(x1, y1)];
}

/** Options of {@link rasterBitmapLayer}. */
export interface RasterLayerOptions {
  /** The deck.gl layer id. */
  id: string;
  /** The painted image. */
  image: ImageData;
  /** The grid it was painted from (for its corners). */
  grid: Grid;
  /** Whether it is drawn. */
  visible: boolean;
  /** 0..1. */
  opacity: number;
}

/** A BitmapLayer that lays the image over the grid's footprint. */
export function rasterBitmapLayer(options: RasterLayerOptions): Layer {
  const corners = gridCornersLonLat(options.grid);
  return new BitmapLayer({
    id: options.id,
    image: options.image,
    bounds: corners as unknown as [number, number, number, number],
    visible: options.visible,
    opacity: options.opacity,
    pickable: false,
    textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
  }) as unknown as Layer;
}
