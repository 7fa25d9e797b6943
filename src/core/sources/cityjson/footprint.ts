/**
 * A CityObject's footprint as GeoJSON (WGS 84): the faces it stands on, merged into polygons. Files
 * often store a ground surface as many triangles; their shared edges cancel, and what is left is
 * the outline (with courtyards as holes). DOM-free.
 */
import type { Geometry, Position } from 'geojson';
import type { Face } from './surfaces.js';

/** Signed area of a lon/lat ring (positive counter-clockwise). */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    sum += (xj - xi) * (yj + yi);
  }
  return sum / 2;
}

function insideRing(ring: Position[], [x = 0, y = 0]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * The boundary rings of faces that share vertices: directed edges whose reverse is also present are
 * inner edges and cancel. Undefined when the rest does not chain into closed rings (then the faces
 * are used as they are).
 */
function boundaryRings(faces: Face[]): number[][] | undefined {
  const edges = new Map<string, [number, number]>();
  for (const face of faces)
    for (const ring of face)
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i] ?? 0;
        const b = ring[(i + 1) % ring.length] ?? 0;
        if (a === b) continue;
        const reverse = `${b},${a}`;
        if (edges.has(reverse)) edges.delete(reverse);
        else edges.set(`${a},${b}`, [a, b]);
      }
  const next = new Map<number, number>();
  for (const [a, b] of edges.values()) {
    if (next.has(a)) return undefined; // a vertex where the outline touches itself: keep the faces
    next.set(a, b);
  }
  const rings: number[][] = [];
  while (next.size) {
    const [start] = next.keys();
    if (start === undefined) break;
    const ring: number[] = [];
    let at: number | undefined = start;
    while (at !== undefined && next.has(at)) {
      ring.push(at);
      const to: number | undefined = next.get(at);
      next.delete(at);
      at = to;
    }
    if (at !== start || ring.length < 3) return undefined;
    rings.push(ring);
  }
  return rings;
}

/**
 * The footprint of `faces` (indices into the vertices `lonLatOf` converts): a Polygon or
 * MultiPolygon with exterior rings counter-clockwise and holes clockwise (RFC 7946), or undefined
 * when there are no faces.
 */
export function footprintOf(
  faces: Face[],
  lonLatOf: (index: number) => [number, number],
): Geometry | undefined {
  const toLonLat = (ring: number[]): Position[] => ring.map((index) => [...lonLatOf(index)]);
  const close = (ring: Position[]): Position[] => [...ring, [...(ring[0] ?? [])]];
  const rings = faces.length > 1 ? boundaryRings(faces) : undefined;
  let polygons: Position[][][];
  if (rings) {
    // Outlines run the way the faces do; holes the other way.
    const orientation = Math.sign(signedArea(toLonLat(faces[0]?.[0] ?? [])));
    const outers: Position[][][] = [];
    const holes: Position[][] = [];
    for (const ring of rings.map(toLonLat)) {
      const area = signedArea(ring);
      if (Math.sign(area) === orientation) outers.push([area > 0 ? ring : ring.reverse()]);
      else holes.push(area < 0 ? ring : ring.reverse());
    }
    for (const hole of holes) {
      const home = outers.find((p) => insideRing(p[0] ?? [], hole[0] ?? []));
      home?.push(hole);
    }
    polygons = outers.map((p) => p.map(close));
  } else {
    polygons = faces.map((face) =>
      face
        .filter((ring) => ring.length >= 3)
        .map((ring, r) => {
          const coordinates = toLonLat(ring);
          if (signedArea(coordinates) > 0 !== (r === 0)) coordinates.reverse();
          return close(coordinates);
        }),
    );
  }
  if (polygons.length === 1 && polygons[0]) return { type: 'Polygon', coordinates: polygons[0] };
  if (polygons.length > 1) return { type: 'MultiPolygon', coordinates: polygons };
  return undefined;
}
