import type { RGBA } from './color.js';

const hex = (h: string): RGBA => [
  parseInt(h.slice(1, 3), 16),
  parseInt(h.slice(3, 5), 16),
  parseInt(h.slice(5, 7), 16),
  255,
];

/**
 * Colour ramps that stay readable with colour-vision deficiencies. Sequential ramps are sampled from
 * matplotlib's viridis and cividis (perceptually uniform, CVD-safe); the categorical palette is
 * Okabe & Ito (2008).
 */
export const RAMPS = {
  /** Viridis, sequential, 10 stops from dark purple to yellow. */
  viridis: [
    '#440154',
    '#482878',
    '#3e4989',
    '#31688e',
    '#26828e',
    '#1f9e89',
    '#35b779',
    '#6ece58',
    '#b5de2b',
    '#fde725',
  ].map(hex),
  /** Cividis, sequential, 10 stops from dark blue to yellow. */
  cividis: [
    '#00224e',
    '#123570',
    '#3b496c',
    '#575d6d',
    '#707173',
    '#8a8779',
    '#a69d75',
    '#c4b56c',
    '#e4cf5b',
    '#fee838',
  ].map(hex),
  /** ColorBrewer Blues, sequential, 9 stops from pale to dark blue: water depth. */
  blues: [
    '#deebf7',
    '#c6dbef',
    '#9ecae1',
    '#6baed6',
    '#4292c6',
    '#2171b5',
    '#08519c',
    '#08306b',
    '#041f4a',
  ].map(hex),
  /** ColorBrewer RdBu reversed, diverging, 9 stops from blue (less) through white to red (more). */
  'blue-red': [
    '#2166ac',
    '#4393c3',
    '#92c5de',
    '#d1e5f0',
    '#f7f7f7',
    '#fddbc7',
    '#f4a582',
    '#d6604d',
    '#b2182b',
  ].map(hex),
  /** Okabe & Ito, categorical, 8 colours. */
  'okabe-ito': [
    '#e69f00',
    '#56b4e9',
    '#009e73',
    '#f0e442',
    '#0072b2',
    '#d55e00',
    '#cc79a7',
    '#000000',
  ].map(hex),
} as const satisfies Record<string, readonly RGBA[]>;

/** The name of a built-in colour ramp. */
export type RampName = keyof typeof RAMPS;

/** Whether `name` is a built-in ramp. */
export function isRampName(name: string): name is RampName {
  return Object.hasOwn(RAMPS, name);
}
