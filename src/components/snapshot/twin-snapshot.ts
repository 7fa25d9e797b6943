/**
 * A PNG of a twin's current view: the map as drawn (pitch, bearing, deck.gl layers, measurements),
 * at a chosen resolution, with the visible layers' legends, a scale bar in metres, the current
 * measurements and the attribution drawn into the image (see core/export/png-snapshot.ts).
 */
import { DtExportError } from '../../core/export/export-error.js';
import {
  checkResolution,
  composeSnapshot,
  parseResolution,
  planSnapshot,
  scaleBarLength,
  type SnapshotLayout,
  type SnapshotLegend,
  type SnapshotResolution,
} from '../../core/export/png-snapshot.js';
import { formatNumber, translate, type Locale } from '../../core/i18n/localize.js';
import { lonLatToRd } from '../../core/raster/crs.js';
import type { Legend, LegendEntry } from '../../core/style/color-scale.js';
import type { TwinController } from '../base/twin-controller.js';
import { legendDigits } from '../legend/dt-legend.js';
import type { DtMap } from '../map/dt-map.js';
import { twinMeasurements } from '../measure/measure-store.js';
import { measurementText } from '../measure/measure-text.js';
import { captureMap } from './capture-map.js';

/** What {@link snapshotTwin} made. */
export interface TwinSnapshot {
  /** The PNG. */
  blob: Blob;
  /** Its size, pixels. */
  width: number;
  height: number;
  /** The pixel ratio the map was drawn at (image pixels per CSS pixel of the map on screen). */
  pixelRatio: number;
  /** Ground metres per image pixel at the centre of the view (horizontally). */
  metresPerPixel: number;
  /** Where the legend, swatches, scale bar, notes and attribution are in the image. */
  layout: SnapshotLayout;
}

/** Options of {@link snapshotTwin}. */
export interface TwinSnapshotOptions {
  /** `2x`, `1920x1080`, or the object form; default `1x` (the map's size on screen). */
  resolution?: SnapshotResolution | string;
}

/** The twin's `<dt-map>` (its child, or the one it made). */
export function twinMap(twin: TwinController): DtMap | undefined {
  const host = twin.host;
  return host.querySelector('dt-map') ?? host.shadowRoot?.querySelector('dt-map') ?? undefined;
}

/** A legend row's label as the panel's legend shows it. */
function rowLabel(locale: Locale, legend: Legend, entry: LegendEntry): string {
  if (typeof entry.value === 'string')
    return entry.value === '' ? translate(locale, 'legend.fixed') : entry.value;
  const digits = legendDigits(legend);
  const [from, to] = entry.value;
  if (legend.mode === 'continuous') return formatNumber(locale, from, digits);
  return translate(locale, 'legend.range', {
    from: formatNumber(locale, from, digits),
    to: formatNumber(locale, to, digits),
  });
}

/** The legends of the twin's visible layers, top layer first (as the panel lists them). */
export function twinLegends(twin: TwinController): SnapshotLegend[] {
  return twin.layers
    .filter((layer) => layer.visible && layer.sourceElement?.data)
    .reverse()
    .flatMap((layer) => {
      const legend = layer.legend();
      if (!legend) return [];
      return [
        {
          title: legend.property ? `${layer.displayName} (${legend.property})` : layer.displayName,
          rows: legend.entries.map((entry) => ({
            color: entry.color,
            label: rowLabel(twin.locale, legend, entry),
          })),
        },
      ];
    });
}

/** Plain text of an attribution that may hold HTML (links): parsed inertly, never inserted. */
function plainText(html: string): string {
  const text = new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
  return text.replace(/\s+/g, ' ').trim();
}

/** The attribution of what the map draws: its style's sources and the twin's visible layers' sources. */
export function twinAttribution(twin: TwinController): string {
  const parts = new Set<string>();
  const sources = twinMap(twin)?.map?.getStyle()?.sources ?? {};
  for (const source of Object.values(sources)) {
    const text = 'attribution' in source ? source.attribution : undefined;
    if (typeof text === 'string' && text.trim()) parts.add(plainText(text));
  }
  for (const layer of twin.layers) {
    const text = layer.sourceElement?.getAttribute('attribution');
    if (text && layer.visible) parts.add(plainText(text));
  }
  return [...parts].filter(Boolean).join(' · ');
}

/** "50 m", "2 km". */
function lengthLabel(locale: Locale, metres: number): string {
  return metres >= 1000
    ? `${formatNumber(locale, metres / 1000, 1)} km`
    : `${formatNumber(locale, metres, 1)} m`;
}

/**
 * Ground metres per CSS pixel at the centre of the map, measured in RD New between two points
 * 40 px either side of the centre (so it holds for latitude, zoom, bearing and, at the centre,
 * pitch).
 */
export function centreMetresPerCssPixel(dtMap: DtMap): number {
  const map = dtMap.map;
  if (!map) return NaN;
  const canvas = map.getCanvas();
  const x = canvas.clientWidth / 2;
  const y = canvas.clientHeight / 2;
  const a = map.unproject([x - 40, y]);
  const b = map.unproject([x + 40, y]);
  const [ax, ay] = lonLatToRd(a.lng, a.lat);
  const [bx, by] = lonLatToRd(b.lng, b.lat);
  return Math.hypot(bx - ax, by - ay) / 80;
}

/**
 * Makes a PNG of the twin's current view at `resolution`, with legend, scale bar, measurements and
 * attribution. The map is drawn once at the pixel ratio the resolution needs.
 * @throws DtExportError `invalid-resolution`, `no-map` or `render`.
 */
export async function snapshotTwin(
  twin: TwinController,
  options: TwinSnapshotOptions = {},
): Promise<TwinSnapshot> {
  const given = options.resolution ?? { scale: 1 };
  const resolution = typeof given === 'string' ? parseResolution(given) : checkResolution(given);
  const dtMap = twinMap(twin);
  if (!dtMap?.map) throw new DtExportError('snapshot', 'no-map', 'the twin has no map yet');
  const canvas = dtMap.map.getCanvas();
  const plan = planSnapshot(canvas.clientWidth, canvas.clientHeight, resolution);
  const captured = await captureMap(dtMap, plan.pixelRatio);
  const locale = twin.locale;
  const mppCss = centreMetresPerCssPixel(dtMap);
  const bar = Number.isFinite(mppCss) && mppCss > 0 ? scaleBarLength(mppCss, 120) : undefined;
  const pitched = (dtMap.map?.getPitch() ?? 0) > 0.5;
  const measurements = twinMeasurements(twin);
  const out = document.createElement('canvas');
  out.width = plan.width;
  out.height = plan.height;
  const ctx = out.getContext('2d');
  if (!ctx) throw new DtExportError('snapshot', 'render', 'no 2D canvas context');
  const layout = composeSnapshot(ctx, captured.canvas, captured.pixelRatio, plan, {
    legends: twinLegends(twin),
    scaleBar: bar && {
      cssPixels: bar.pixels,
      label: pitched
        ? translate(locale, 'snapshot.scaleAtCentre', { length: lengthLabel(locale, bar.metres) })
        : lengthLabel(locale, bar.metres),
    },
    attribution: twinAttribution(twin),
    notes:
      measurements.length > 0
        ? {
            title: translate(locale, 'snapshot.measurements'),
            lines: measurements.map((m) => measurementText(locale, m)),
          }
        : undefined,
    moreRows: (count) => translate(locale, 'snapshot.moreRows', { count }),
  });
  const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/png'));
  if (!blob) throw new DtExportError('snapshot', 'render', 'the image could not be encoded as PNG');
  return {
    blob,
    width: plan.width,
    height: plan.height,
    pixelRatio: captured.pixelRatio,
    metresPerPixel: mppCss / plan.pixelRatio,
    layout,
  };
}
