import type { Feature, Position } from 'geojson';

function insideRing(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether (x, y) lies inside a polygon (outer ring minus holes). */
export function insidePolygon(rings: Position[][], x: number, y: number): boolean {
  const [outer, ...holes] = rings;
  return !!outer && insideRing(outer, x, y) && !holes.some((h) => insideRing(h, x, y));
}

/**
 * A point well inside a Polygon feature: on the horizontal line through the middle of its box, the
 * middle of the widest inside span. Good enough for footprints, which are never very thin.
 */
export function interiorPoint(feature: Feature): [number, number] {
  if (feature.geometry?.type !== 'Polygon') throw new Error('expected a Polygon');
  const rings = feature.geometry.coordinates;
  const outer = rings[0] ?? [];
  const ys = outer.map((p) => p[1] ?? 0);
  const xs = outer.map((p) => p[0] ?? 0);
  const [minX, maxX] = [Math.min(...xs), Math.max(...xs)];
  let best: [number, number] = [(minX + maxX) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
  let bestWidth = -1;
  for (const t of [0.5, 0.35, 0.65, 0.25, 0.75]) {
    const y = Math.min(...ys) + t * (Math.max(...ys) - Math.min(...ys));
    const steps = 200;
    let start: number | undefined;
    for (let k = 0; k <= steps; k++) {
      const x = minX + ((maxX - minX) * k) / steps;
      const inside = k < steps && insidePolygon(rings, x, y);
      if (inside && start === undefined) start = x;
      if (!inside && start !== undefined) {
        if (x - start > bestWidth) {
          bestWidth = x - start;
          best = [(start + x) / 2, y];
        }
        start = undefined;
      }
    }
  }
  return best;
}
