/**
 * Reading the map's pixels without `preserveDrawingBuffer` (which costs speed on every frame): a
 * repaint is asked for and the canvas is copied inside MapLibre's `render` event, in the same task
 * as the frame, while the drawing buffer still holds it. deck.gl draws interleaved, inside
 * MapLibre's render pass into MapLibre's WebGL context, so its layers are in that canvas too.
 *
 * For a sharper image the map's pixel ratio is raised for one frame (`map.setPixelRatio`) and put
 * back. deck.gl keeps its own idea of the drawing-buffer size (luma.gl does not resize an external
 * context); a `onBeforeRender` hook makes it follow the canvas, or its layers would be drawn at the
 * old size in the lower-left corner of the bigger canvas.
 */
import type { Device } from '@luma.gl/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { DtExportError } from '../../core/export/export-error.js';
import type { DtMap } from '../map/dt-map.js';

/** A copy of one map frame. */
export interface CapturedMap {
  /** The frame, `cssWidth × pixelRatio` by `cssHeight × pixelRatio` pixels. */
  canvas: HTMLCanvasElement;
  /** The map's size on screen, CSS pixels. */
  cssWidth: number;
  cssHeight: number;
  /** The pixel ratio the frame was drawn at (lower than asked when the GPU cannot draw that large). */
  pixelRatio: number;
}

const followed = new WeakSet<object>();

/** Makes deck.gl's drawing buffer follow the map canvas's size on every frame (installed once per overlay). */
function followCanvasSize(dtMap: DtMap): void {
  const overlay = dtMap.deck;
  if (!overlay || followed.has(overlay)) return;
  followed.add(overlay);
  overlay.setProps({
    onBeforeRender: ({ device }: { device: Device }) => {
      const context = device.canvasContext;
      const canvas = context?.canvas;
      if (!context || !canvas) return;
      const [width, height] = context.getDrawingBufferSize();
      if (width !== canvas.width || height !== canvas.height)
        context.setDrawingBufferSize(canvas.width, canvas.height);
    },
  });
}

/** Resolves with the next frame copied out of the canvas (inside its `render` event). */
function copyNextFrame(map: MapLibreMap): Promise<HTMLCanvasElement> {
  return new Promise((resolve, reject) => {
    const onRender = () => {
      map.off('remove', onRemove);
      const source = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const ctx = copy.getContext('2d');
      if (!ctx) {
        reject(new DtExportError('snapshot', 'render', 'no 2D canvas context'));
        return;
      }
      ctx.drawImage(source, 0, 0);
      resolve(copy);
    };
    const onRemove = () => {
      map.off('render', onRender);
      reject(new DtExportError('snapshot', 'no-map', 'the map was removed while drawing'));
    };
    map.once('render', onRender);
    map.once('remove', onRemove);
    map.triggerRepaint();
  });
}

const stop = (event: Event) => event.stopImmediatePropagation();

/**
 * Sets the map's pixel ratio without telling the page the view changed: to MapLibre a new ratio is
 * a resize, which it reports as a move (`moveend`, hence `dt-view-change`: "Map moved" would be
 * spoken and a permalink rewritten for a view that did not change). The events fire synchronously.
 */
function setPixelRatioQuietly(dtMap: DtMap, map: MapLibreMap, ratio: number | null): void {
  dtMap.addEventListener('dt-view-change', stop, { capture: true });
  try {
    // MapLibre documents null ("disable the devicePixelRatio override"); its type says number.
    map.setPixelRatio(ratio as number);
  } finally {
    dtMap.removeEventListener('dt-view-change', stop, { capture: true });
  }
}

/**
 * Draws the map's current view once at `pixelRatio` (image pixels per CSS pixel) and copies it.
 * Waits for the map's first complete frame and for tiles still loading. The map's own pixel ratio
 * is put back afterwards, also when drawing fails.
 * @throws DtExportError `no-map` without a map, `render` when the frame cannot be read.
 */
export async function captureMap(dtMap: DtMap, pixelRatio: number): Promise<CapturedMap> {
  if (!dtMap.map) throw new DtExportError('snapshot', 'no-map', 'the twin has no map yet');
  await dtMap.ready;
  const map = dtMap.map;
  if (!map) throw new DtExportError('snapshot', 'no-map', 'the map was removed');
  if (!map.loaded()) await dtMap.rendered();
  const canvas = map.getCanvas();
  const cssWidth = canvas.clientWidth;
  const cssHeight = canvas.clientHeight;
  if (cssWidth === 0 || cssHeight === 0)
    throw new DtExportError('snapshot', 'render', 'the map is not shown (it has no size)');
  followCanvasSize(dtMap);
  const before = map.getPixelRatio();
  const change = Math.abs(before - pixelRatio) > 1e-9;
  try {
    if (change) setPixelRatioQuietly(dtMap, map, pixelRatio);
    const copy = await copyNextFrame(map);
    return { canvas: copy, cssWidth, cssHeight, pixelRatio: copy.width / cssWidth };
  } catch (error) {
    if (error instanceof DtExportError) throw error;
    throw new DtExportError('snapshot', 'render', String(error), { cause: error });
  } finally {
    if (change) {
      // Back to following the screen's devicePixelRatio when that is what the map did.
      setPixelRatioQuietly(dtMap, map, before === devicePixelRatio ? null : before);
    }
  }
}
