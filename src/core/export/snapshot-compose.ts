/**
 * Composing the exported image on a 2D canvas: the captured map, cropped and scaled as a
 * {@link SnapshotPlan} says, with the legend, notes, scale bar and attribution drawn over it. All
 * text is drawn with `fillText`: nothing of the page's HTML goes into the image. No DOM is needed:
 * the context may belong to an `OffscreenCanvas`.
 */
import type { Rect, SnapshotPlan } from './png-snapshot.js';

/** One layer's legend, as text and colours. */
export interface SnapshotLegend {
  /** The layer's name (and the property it colours by). */
  title: string;
  /** The rows: a CSS colour and what it stands for. */
  rows: { color: string; label: string }[];
}

/** What is drawn over the map. All text is already in the user's language. */
export interface SnapshotOverlays {
  /** The visible layers' legends, top first. */
  legends: SnapshotLegend[];
  /** The scale bar: its width in CSS pixels of the map and its label ("50 m", "50 m at the centre"). */
  scaleBar?: { cssPixels: number; label: string } | undefined;
  /** The attribution of the data shown (plain text). */
  attribution: string;
  /** Notes in the top-left corner (the current measurements): a title and lines. */
  notes?: { title: string; lines: string[] } | undefined;
  /** The text for rows left out of a long legend ("… and 4 more"). */
  moreRows?: ((count: number) => string) | undefined;
}

/** Where the overlays were drawn, in image pixels (for checks and for a caller's own additions). */
export interface SnapshotLayout {
  legend?: Rect;
  /** Each legend swatch and the colour it was filled with. */
  swatches: { rect: Rect; color: string }[];
  scaleBar?: Rect;
  attribution?: Rect;
  notes?: Rect;
}

/** Any 2D context: of a canvas element or of an OffscreenCanvas. */
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Legend rows drawn per layer before "… and N more". */
const MAX_LEGEND_ROWS = 12;
const TEXT = '#1b1b1b';
const BOX = 'rgba(255, 255, 255, 0.9)';
const BORDER = '#767676';

/** Splits text into lines no wider than `maxWidth` (a word longer than that gets a line of its own). */
function wrap(ctx: Context2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function box(ctx: Context2D, rect: Rect, s: number): void {
  ctx.fillStyle = BOX;
  ctx.fillRect(rect.x, rect.y, rect.width, rect.height);
  ctx.strokeStyle = BORDER;
  ctx.lineWidth = Math.max(1, s);
  ctx.strokeRect(rect.x, rect.y, rect.width, rect.height);
}

/**
 * Draws the image: the captured map (`mapImage`, drawn at `mapPixelRatio` canvas pixels per CSS
 * pixel) cropped and scaled as `plan` says, then the legend (top right), the notes (top left), the
 * scale bar (bottom left) and the attribution (bottom right), sized for the plan's pixel ratio so a
 * 2× image looks like the screen, twice as sharp.
 */
export function composeSnapshot(
  ctx: Context2D,
  mapImage: CanvasImageSource,
  mapPixelRatio: number,
  plan: SnapshotPlan,
  overlays: SnapshotOverlays,
): SnapshotLayout {
  const { width, height, crop } = plan;
  const s = plan.pixelRatio;
  ctx.drawImage(
    mapImage,
    crop.x * mapPixelRatio,
    crop.y * mapPixelRatio,
    crop.width * mapPixelRatio,
    crop.height * mapPixelRatio,
    0,
    0,
    width,
    height,
  );
  const layout: SnapshotLayout = { swatches: [] };
  const margin = 10 * s;
  const pad = 6 * s;
  const font = (px: number, weight = '') => `${weight} ${px * s}px system-ui, sans-serif`.trim();
  ctx.textBaseline = 'top';

  // Legend, top right.
  const rowHeight = 16 * s;
  const swatch = 12 * s;
  const blocks = overlays.legends.map((legend) => {
    const rows = legend.rows.slice(0, MAX_LEGEND_ROWS);
    const more = legend.rows.length - rows.length;
    const moreText = more > 0 ? (overlays.moreRows?.(more) ?? `+${more}`) : undefined;
    return { title: legend.title, rows, moreText };
  });
  if (blocks.length > 0) {
    ctx.font = font(12, '600');
    let inner = Math.max(...blocks.map((b) => ctx.measureText(b.title).width));
    ctx.font = font(11);
    for (const b of blocks) {
      for (const row of b.rows)
        inner = Math.max(inner, swatch + 6 * s + ctx.measureText(row.label).width);
      if (b.moreText) inner = Math.max(inner, ctx.measureText(b.moreText).width);
    }
    inner = Math.min(inner, width * 0.4);
    const lines = blocks.reduce((n, b) => n + 1 + b.rows.length + (b.moreText ? 1 : 0), 0);
    const rect = {
      x: width - margin - inner - 2 * pad,
      y: margin,
      width: inner + 2 * pad,
      height: lines * rowHeight + pad * 2 + (blocks.length - 1) * 4 * s,
    };
    box(ctx, rect, s);
    let y = rect.y + pad;
    const x = rect.x + pad;
    for (const b of blocks) {
      ctx.fillStyle = TEXT;
      ctx.font = font(12, '600');
      ctx.fillText(b.title, x, y + 2 * s, inner);
      y += rowHeight;
      ctx.font = font(11);
      for (const row of b.rows) {
        const r = { x, y: y + (rowHeight - swatch) / 2, width: swatch, height: swatch };
        ctx.fillStyle = row.color;
        ctx.fillRect(r.x, r.y, r.width, r.height);
        ctx.strokeStyle = BORDER;
        ctx.lineWidth = Math.max(1, s / 2);
        ctx.strokeRect(r.x, r.y, r.width, r.height);
        layout.swatches.push({ rect: r, color: row.color });
        ctx.fillStyle = TEXT;
        ctx.fillText(row.label, x + swatch + 6 * s, y + 3 * s, inner - swatch - 6 * s);
        y += rowHeight;
      }
      if (b.moreText) {
        ctx.fillText(b.moreText, x, y + 3 * s, inner);
        y += rowHeight;
      }
      y += 4 * s;
    }
    layout.legend = rect;
  }

  // Notes (measurements), top left.
  const notes = overlays.notes;
  if (notes && notes.lines.length > 0) {
    const maxInner = width * 0.45;
    ctx.font = font(11);
    const lines = notes.lines.flatMap((line) => wrap(ctx, line, maxInner));
    const inner = Math.min(
      maxInner,
      Math.max(...lines.map((l) => ctx.measureText(l).width), ctx.measureText(notes.title).width),
    );
    const rect = {
      x: margin,
      y: margin,
      width: inner + 2 * pad,
      height: (lines.length + 1) * 15 * s + 2 * pad,
    };
    box(ctx, rect, s);
    ctx.fillStyle = TEXT;
    ctx.font = font(12, '600');
    ctx.fillText(notes.title, rect.x + pad, rect.y + pad, inner);
    ctx.font = font(11);
    lines.forEach((line, i) =>
      ctx.fillText(line, rect.x + pad, rect.y + pad + (i + 1) * 15 * s, inner),
    );
    layout.notes = rect;
  }

  // Scale bar, bottom left.
  const bar = overlays.scaleBar;
  if (bar && bar.cssPixels > 0) {
    const barWidth = bar.cssPixels * s;
    ctx.font = font(11);
    const labelWidth = ctx.measureText(bar.label).width;
    const rect = {
      x: margin,
      y: height - margin - 28 * s,
      width: Math.max(barWidth, labelWidth) + 2 * pad,
      height: 28 * s,
    };
    box(ctx, rect, s);
    ctx.fillStyle = TEXT;
    ctx.fillText(bar.label, rect.x + pad, rect.y + 3 * s);
    const y = rect.y + 19 * s;
    ctx.fillRect(rect.x + pad, y, barWidth, 3 * s);
    ctx.fillRect(rect.x + pad, y - 4 * s, Math.max(1, s), 7 * s);
    ctx.fillRect(rect.x + pad + barWidth - Math.max(1, s), y - 4 * s, Math.max(1, s), 7 * s);
    layout.scaleBar = rect;
  }

  // Attribution, bottom right.
  if (overlays.attribution.trim()) {
    ctx.font = font(10);
    const maxInner = width * 0.55;
    const lines = wrap(ctx, overlays.attribution, maxInner);
    const inner = Math.min(maxInner, Math.max(...lines.map((l) => ctx.measureText(l).width)));
    const lineHeight = 13 * s;
    const rect = {
      x: width - inner - 2 * pad,
      y: height - lines.length * lineHeight - 2 * pad,
      width: inner + 2 * pad,
      height: lines.length * lineHeight + 2 * pad,
    };
    ctx.fillStyle = BOX;
    ctx.fillRect(rect.x, rect.y, rect.width, rect.height);
    ctx.fillStyle = TEXT;
    lines.forEach((line, i) => ctx.fillText(line, rect.x + pad, rect.y + pad + i * lineHeight));
    layout.attribution = rect;
  }
  return layout;
}
