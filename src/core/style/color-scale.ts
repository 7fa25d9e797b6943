import { interpolateStops, toHex, type RGBA } from './color.js';
import { RAMPS, type RampName } from './ramps.js';

/** How values of a property become colours. */
export type ColorMode = 'continuous' | 'classed' | 'categorical';

/** One legend row: a swatch and what it stands for. */
export interface LegendEntry {
  /** CSS colour of the swatch. */
  color: string;
  /** The class: a category value, or a numeric range [from, to]. */
  value: string | [number, number];
}

/** What a legend needs to draw one colour scale. */
export interface Legend {
  /** The property the scale colours by. */
  property: string;
  /** How values become colours. */
  mode: ColorMode;
  /** The legend rows, in order. */
  entries: LegendEntry[];
  /** For continuous scales: the value range the ramp spans. */
  range?: [number, number];
}

/** A colour scale built from the values of one property. */
export interface ColorScale {
  /** The colour for a value (the no-data colour for missing or unusable values). */
  colorOf(value: unknown): RGBA;
  /** What a legend needs to draw this scale. */
  legend: Legend;
}

/** Options of {@link buildColorScale}. */
export interface ColorScaleOptions {
  /** The property whose values are coloured (shown in the legend). */
  property: string;
  /** Default: continuous for numeric values, categorical otherwise. */
  mode?: ColorMode | undefined;
  /** Number of classes for `classed` (equal-count quantiles), default 5. */
  classes?: number | undefined;
  /** The colour ramp; default viridis, or okabe-ito for categorical scales. */
  ramp?: RampName | undefined;
  /** Colour for missing or non-numeric values. */
  noDataColor?: RGBA;
  /** Categorical: fixed colours for some categories (by their text); the others take palette colours. */
  colors?: Record<string, RGBA> | undefined;
}

const NO_DATA: RGBA = [160, 160, 160, 255];

/** Reads a value as a number, accepting numeric strings (servers often send "6.47"). */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function quantileBreaks(sorted: number[], classes: number): number[] {
  const breaks: number[] = [];
  for (let k = 1; k < classes; k++) {
    breaks.push(
      sorted[Math.min(sorted.length - 1, Math.floor((k * sorted.length) / classes))] as number,
    );
  }
  return [...new Set(breaks)];
}

/**
 * Builds a colour scale over the values a property takes in the data.
 * Continuous: the ramp spans min..max. Classed: equal-count (quantile) classes, each one ramp colour.
 * Categorical: one palette colour per distinct value, in order of first appearance.
 */
export function buildColorScale(
  values: readonly unknown[],
  options: ColorScaleOptions,
): ColorScale {
  const noData = options.noDataColor ?? NO_DATA;
  const numbers = values.map(toNumber).filter((n): n is number => n !== undefined);
  const mode: ColorMode =
    options.mode ??
    (numbers.length > 0 && numbers.length >= values.filter((v) => v != null).length
      ? 'continuous'
      : 'categorical');

  if (mode === 'categorical') {
    const palette = options.ramp ? RAMPS[options.ramp] : RAMPS['okabe-ito'];
    const categories = [...new Set(values.filter((v) => v != null).map(String))];
    const fixed = options.colors ?? {};
    const free = categories.filter((c) => !fixed[c]);
    const colors = new Map(
      categories.map((c) => [c, fixed[c] ?? (palette[free.indexOf(c) % palette.length] as RGBA)]),
    );
    return {
      colorOf: (v) => (v == null ? noData : (colors.get(String(v)) ?? noData)),
      legend: {
        property: options.property,
        mode,
        entries: categories.map((c) => ({ value: c, color: toHex(colors.get(c) ?? noData) })),
      },
    };
  }

  const ramp = RAMPS[options.ramp ?? 'viridis'];
  const sorted = [...numbers].sort((a, b) => a - b);
  const min = sorted[0] ?? 0;
  const max = sorted[sorted.length - 1] ?? 1;
  const span = max - min || 1;

  if (mode === 'continuous') {
    const entries: LegendEntry[] = [0, 0.25, 0.5, 0.75, 1].map((t) => ({
      value: [min + t * span, min + t * span],
      color: toHex(interpolateStops(ramp, t)),
    }));
    return {
      colorOf: (v) => {
        const n = toNumber(v);
        return n === undefined ? noData : interpolateStops(ramp, (n - min) / span);
      },
      legend: { property: options.property, mode, entries, range: [min, max] },
    };
  }

  const breaks = quantileBreaks(sorted, Math.max(2, Math.min(10, options.classes ?? 5)));
  const classCount = breaks.length + 1;
  const classColor = (k: number) =>
    interpolateStops(ramp, classCount === 1 ? 0.5 : k / (classCount - 1));
  const bounds = [min, ...breaks, max];
  return {
    colorOf: (v) => {
      const n = toNumber(v);
      if (n === undefined) return noData;
      let k = 0;
      while (k < breaks.length && n >= (breaks[k] as number)) k++;
      return classColor(k);
    },
    legend: {
      property: options.property,
      mode,
      entries: Array.from({ length: classCount }, (_, k) => ({
        value: [bounds[k] as number, bounds[k + 1] as number] as [number, number],
        color: toHex(classColor(k)),
      })),
      range: [min, max],
    },
  };
}
