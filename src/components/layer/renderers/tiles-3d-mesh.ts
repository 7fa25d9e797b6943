/**
 * One triangle mesh from an untextured glTF tile, so a 3D Tiles layer can draw it with deck.gl's
 * SimpleMeshLayer and the twin's lighting (a flat roof shows exactly its legend colour, as extrusions
 * do) instead of the ScenegraphLayer's PBR shading, which darkens and shifts colours.
 */

/** A triangle mesh in the tile's glTF frame: positions, normals and triangle indices. */
export interface TileMesh {
  /** Vertex positions, x y z. */
  positions: Float32Array;
  /** Unit vertex normals, x y z. */
  normals: Float32Array;
  /** Three vertex indices per triangle. */
  indices: Uint32Array;
}

/** The parts of a glTF as loaders.gl's postProcessGLTF gives it that this module reads. */
interface GltfAccessor {
  value?: ArrayLike<number>;
  size?: number;
  components?: number;
}
interface GltfPrimitive {
  mode?: number;
  attributes?: Record<string, GltfAccessor | undefined>;
  indices?: GltfAccessor;
  material?: { pbrMetallicRoughness?: { baseColorTexture?: unknown } };
}
interface GltfNode {
  matrix?: number[];
  translation?: number[];
  rotation?: number[];
  scale?: number[];
  mesh?: { primitives?: GltfPrimitive[] };
  children?: GltfNode[];
}
interface Gltf {
  scene?: number | { nodes?: GltfNode[] };
  scenes?: { nodes?: GltfNode[] }[];
}

const TRIANGLES = 4;

/** Column-major 4x4 product a · b. */
function multiply(a: number[], b: number[]): number[] {
  const out = new Array<number>(16).fill(0);
  for (let c = 0; c < 4; c++)
    for (let r = 0; r < 4; r++)
      for (let k = 0; k < 4; k++) out[c * 4 + r] += (a[k * 4 + r] ?? 0) * (b[c * 4 + k] ?? 0);
  return out;
}

/** A node's local matrix: `matrix`, or translation · rotation · scale. */
function localMatrix(node: GltfNode): number[] {
  if (node.matrix?.length === 16) return node.matrix;
  const [tx = 0, ty = 0, tz = 0] = node.translation ?? [];
  const [x = 0, y = 0, z = 0, w = 1] = node.rotation ?? [];
  const [sx = 1, sy = 1, sz = 1] = node.scale ?? [];
  return [
    (1 - 2 * (y * y + z * z)) * sx,
    2 * (x * y + z * w) * sx,
    2 * (x * z - y * w) * sx,
    0,
    2 * (x * y - z * w) * sy,
    (1 - 2 * (x * x + z * z)) * sy,
    2 * (y * z + x * w) * sy,
    0,
    2 * (x * z + y * w) * sz,
    2 * (y * z - x * w) * sz,
    (1 - 2 * (x * x + y * y)) * sz,
    0,
    tx,
    ty,
    tz,
    1,
  ];
}

/** The scene's root nodes. */
function sceneNodes(gltf: Gltf): GltfNode[] {
  if (typeof gltf.scene === 'object') return gltf.scene.nodes ?? [];
  return gltf.scenes?.[gltf.scene ?? 0]?.nodes ?? [];
}

/**
 * The tile's triangles as one mesh, node transforms applied; undefined when the glTF has anything
 * a plain coloured mesh cannot show (textures, points or lines) or lacks normals: draw it as a
 * scenegraph then.
 */
export function tileMesh(gltf: unknown): TileMesh | undefined {
  if (typeof gltf !== 'object' || gltf === null) return undefined;
  const positions: number[] = [];
  const normals: number[] = [];
  const indices: number[] = [];
  const stack: [GltfNode, number[]][] = sceneNodes(gltf as Gltf).map((n) => [n, localMatrix(n)]);
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [node, m] = entry;
    for (const primitive of node.mesh?.primitives ?? []) {
      const position = primitive.attributes?.POSITION?.value;
      const normal = primitive.attributes?.NORMAL?.value;
      if ((primitive.mode ?? TRIANGLES) !== TRIANGLES || !position || !normal) return undefined;
      if (primitive.material?.pbrMetallicRoughness?.baseColorTexture) return undefined;
      const first = positions.length / 3;
      for (let i = 0; i + 2 < position.length; i += 3) {
        const [x = 0, y = 0, z = 0] = [position[i], position[i + 1], position[i + 2]];
        const [nx = 0, ny = 0, nz = 0] = [normal[i], normal[i + 1], normal[i + 2]];
        for (let r = 0; r < 3; r++) {
          positions.push(
            (m[r] ?? 0) * x + (m[4 + r] ?? 0) * y + (m[8 + r] ?? 0) * z + (m[12 + r] ?? 0),
          );
        }
        const n = [0, 1, 2].map(
          (r) => (m[r] ?? 0) * nx + (m[4 + r] ?? 0) * ny + (m[8 + r] ?? 0) * nz,
        );
        const length = Math.hypot(...n) || 1;
        normals.push(...n.map((v) => v / length));
      }
      const count = position.length / 3;
      const index = primitive.indices?.value;
      if (index) for (let i = 0; i < index.length; i++) indices.push(first + (index[i] ?? 0));
      else for (let i = 0; i < count; i++) indices.push(first + i);
    }
    for (const child of node.children ?? []) stack.push([child, multiply(m, localMatrix(child))]);
  }
  if (indices.length === 0) return undefined;
  return {
    positions: new Float32Array(positions),
    normals: new Float32Array(normals),
    indices: new Uint32Array(indices),
  };
}
