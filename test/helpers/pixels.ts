import type { Frame } from './frame.js';

/** Pixels that are a shade (lit or in shadow) of a pure magenta layer colour: r = b, g = 0. */
export function countMagentaShades(frame: Frame): number {
  let n = 0;
  const d = frame.data;
  for (let i = 0; i < d.length; i += 4) {
    const r = d[i] ?? 0;
    const g = d[i + 1] ?? 0;
    const b = d[i + 2] ?? 0;
    if (r > 80 && g < 12 && Math.abs(r - b) < 10) n++;
  }
  return n;
}
