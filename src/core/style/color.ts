/** A colour as deck.gl takes it: red, green, blue, alpha, each 0-255. */
export type RGBA = [number, number, number, number];

/**
 * Parses `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb(r, g, b)` and `rgba(r, g, b, a)` (what a
 * browser's canvas normalises any CSS colour to). Returns undefined for anything else.
 */
export function parseColor(text: string): RGBA | undefined {
  const value = text.trim().toLowerCase();
  const hex = /^#([0-9a-f]{3,8})$/.exec(value)?.[1];
  if (hex && (hex.length === 3 || hex.length === 4)) {
    const [r = 0, g = 0, b = 0, a = 15] = [...hex].map((c) => parseInt(c, 16));
    return [r * 17, g * 17, b * 17, a * 17];
  }
  if (hex && (hex.length === 6 || hex.length === 8)) {
    const byte = (i: number) => parseInt(hex.slice(i, i + 2), 16);
    return [byte(0), byte(2), byte(4), hex.length === 8 ? byte(6) : 255];
  }
  const fn = /^rgba?\(([^)]*)\)$/.exec(value)?.[1];
  if (fn) {
    const parts = fn
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    const [r, g, b, a = 1] = parts;
    if ([r, g, b, a].every((n) => n !== undefined && Number.isFinite(n))) {
      return [r as number, g as number, b as number, Math.round((a as number) * 255)];
    }
  }
  return undefined;
}

/** `#rrggbb` for an RGBA colour (alpha dropped), for legends and CSS. */
export function toHex([r, g, b]: RGBA): string {
  return `#${[r, g, b].map((n) => Math.round(n).toString(16).padStart(2, '0')).join('')}`;
}

/** Linear interpolation between colour stops spaced evenly over 0..1. */
export function interpolateStops(stops: readonly RGBA[], t: number): RGBA {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const x = clamped * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i] as RGBA;
  const b = stops[i + 1] as RGBA;
  return [0, 1, 2, 3].map((k) =>
    Math.round((a[k] as number) + ((b[k] as number) - (a[k] as number)) * f),
  ) as RGBA;
}
