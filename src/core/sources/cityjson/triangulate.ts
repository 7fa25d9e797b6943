/**
 * Triangulation of one planar polygon face in 3D (an outer ring and holes): the face's Newell
 * normal, its rings projected onto its own plane, and earcut on the projection. DOM-free.
 */

/** earcut's signature (earcut 3): flat 2D coordinates, hole starts (in vertices), dimensions. */
export type Earcut = (data: ArrayLike<number>, holeIndices?: number[], dim?: number) => number[];

/**
 * The Newell normal of a ring of 3D points (`xyz`, flat): its direction is the face's normal (by
 * the right-hand rule, so an outward normal for a CityJSON surface), its length twice the area.
 */
export function newellNormal(xyz: ArrayLike<number>): [number, number, number] {
  let nx = 0;
  let ny = 0;
  let nz = 0;
  const n = Math.floor(xyz.length / 3);
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    const x0 = xyz[i * 3] ?? 0;
    const y0 = xyz[i * 3 + 1] ?? 0;
    const z0 = xyz[i * 3 + 2] ?? 0;
    const x1 = xyz[j * 3] ?? 0;
    const y1 = xyz[j * 3 + 1] ?? 0;
    const z1 = xyz[j * 3 + 2] ?? 0;
    nx += (y0 - y1) * (z0 + z1);
    ny += (z0 - z1) * (x0 + x1);
    nz += (x0 - x1) * (y0 + y1);
  }
  return [nx, ny, nz];
}

/** A triangulated face: the unit normal and triangles as indices into the face's vertices. */
export interface FaceTriangles {
  /** Unit normal (right-hand rule of the outer ring). */
  normal: [number, number, number];
  /** Vertex indices (into the concatenated rings), three per triangle. */
  triangles: number[];
}

/**
 * Triangulates a planar face. `xyz` holds the vertices of all rings one after the other (x, y, z in
 * metres); `holeStarts` the vertex index where each inner ring starts. Returns undefined for a
 * degenerate face (no area).
 */
export function triangulateFace(
  xyz: ArrayLike<number>,
  holeStarts: number[],
  earcut: Earcut,
): FaceTriangles | undefined {
  const vertexCount = Math.floor(xyz.length / 3);
  const outerCount = holeStarts[0] ?? vertexCount;
  if (outerCount < 3) return undefined;
  const outer = Array.prototype.slice.call(xyz, 0, outerCount * 3) as number[];
  const [nx, ny, nz] = newellNormal(outer);
  const length = Math.hypot(nx, ny, nz);
  if (!(length > 1e-12)) return undefined;
  const normal: [number, number, number] = [nx / length, ny / length, nz / length];
  if (outerCount === 3 && holeStarts.length === 0) return { normal, triangles: [0, 1, 2] };
  // An orthonormal basis (u, v) of the face's plane, right-handed with the normal.
  const [ax, ay, az] = Math.abs(normal[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  let ux = ay * normal[2] - az * normal[1];
  let uy = az * normal[0] - ax * normal[2];
  let uz = ax * normal[1] - ay * normal[0];
  const ul = Math.hypot(ux, uy, uz);
  ux /= ul;
  uy /= ul;
  uz /= ul;
  const vx = normal[1] * uz - normal[2] * uy;
  const vy = normal[2] * ux - normal[0] * uz;
  const vz = normal[0] * uy - normal[1] * ux;
  const flat = new Float64Array(vertexCount * 2);
  for (let i = 0; i < vertexCount; i++) {
    const x = xyz[i * 3] ?? 0;
    const y = xyz[i * 3 + 1] ?? 0;
    const z = xyz[i * 3 + 2] ?? 0;
    flat[i * 2] = x * ux + y * uy + z * uz;
    flat[i * 2 + 1] = x * vx + y * vy + z * vz;
  }
  return { normal, triangles: earcut(flat, holeStarts.length ? holeStarts : undefined, 2) };
}
