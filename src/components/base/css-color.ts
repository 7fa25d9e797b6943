import { parseColor, type RGBA } from '../../core/style/color.js';

let context: CanvasRenderingContext2D | null | undefined;

/**
 * Any CSS colour ("teal", "hsl(200 50% 40%)", "#0072b2") as RGBA 0-255, or undefined when the
 * browser does not accept it. Uses a 2D canvas to normalise, so it reads what CSS reads.
 */
export function cssColorToRgba(value: string | null | undefined): RGBA | undefined {
  if (!value) return undefined;
  const direct = parseColor(value);
  if (direct) return direct;
  context ??= document.createElement('canvas').getContext('2d');
  if (!context) return undefined;
  context.fillStyle = '#010203';
  context.fillStyle = value;
  const normalised = String(context.fillStyle);
  if (normalised === '#010203' && value.trim() !== '#010203') return undefined;
  return parseColor(normalised);
}
