#!/usr/bin/env node
/**
 * Builds the small 3D Tiles 1.1 tileset of the Delft buildings: src/data/delft/3dtiles/.
 *
 *   node scripts/build-3dtiles-fixture.mjs
 *
 * Input: src/data/delft/buildings.geojson (160 BAG footprints, WGS 84). Each footprint is extruded
 * from the ground (ellipsoid height 0, the map's ground plane) to its height above ground,
 * `ahn3_h_dak_70p - ahn3_h_maaiveld`, and written as one GLB (glTF 2.0, Y up, as 3D Tiles expects):
 * roof triangles from earcut, one quad per wall, flat normals, a white material (the layer colours
 * it). One tile per building: deck.gl's Tile3DLayer picks whole tiles, so one building per tile
 * makes every building pickable. Each tile has
 *
 * - `transform`: east-north-up at the footprint's centre to ECEF (EPSG:4978), the 3D Tiles convention;
 *   the GLB's coordinates are metres east, up and south of that centre (glTF is Y up);
 * - `boundingVolume.region`: the footprint's box in radians, heights 0 to the roof;
 * - `metadata` (3D Tiles 1.1 tile metadata, class `building` of the tileset's `schema`): the BAG id
 *   (`identificatiebagpnd`), `ahn3_h_maaiveld`, `ahn3_h_dak_70p` (m NAP) and `hoogte` (m above ground).
 *
 * Also writes the fault fixture test/fixtures/3dtiles/tileset-missing-tile.json: the same tileset,
 * but the first building's content is a file that does not exist (a 404) and the second building's
 * is truncated.glb (its GLB cut after 100 bytes).
 *
 * Data: BAG / BGT (Kadaster, CC0), AHN (CC0), footprint heights from 3dfier (TU Delft).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { Document, NodeIO } from '@gltf-transform/core';
import earcut from 'earcut';

const ROOT = new URL('../', import.meta.url);
const INPUT = new URL('src/data/delft/buildings.geojson', ROOT);
const OUT = new URL('src/data/delft/3dtiles/', ROOT);
const TEST_OUT = new URL('test/fixtures/3dtiles/', ROOT);

// WGS 84 ellipsoid.
const A = 6378137;
const F = 1 / 298.257223563;
const E2 = F * (2 - F);
const RAD = Math.PI / 180;

/** ECEF (m) of a longitude, latitude (degrees) and ellipsoid height (m). */
function ecef(lon, lat, h = 0) {
  const [l, p] = [lon * RAD, lat * RAD];
  const n = A / Math.sqrt(1 - E2 * Math.sin(p) ** 2);
  return [
    (n + h) * Math.cos(p) * Math.cos(l),
    (n + h) * Math.cos(p) * Math.sin(l),
    (n * (1 - E2) + h) * Math.sin(p),
  ];
}

/** The east, north and up unit vectors at a longitude and latitude (degrees). */
function enuAxes(lon, lat) {
  const [l, p] = [lon * RAD, lat * RAD];
  return {
    east: [-Math.sin(l), Math.cos(l), 0],
    north: [-Math.sin(p) * Math.cos(l), -Math.sin(p) * Math.sin(l), Math.cos(p)],
    up: [Math.cos(p) * Math.cos(l), Math.cos(p) * Math.sin(l), Math.sin(p)],
  };
}

const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const round = (v, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Signed area of a ring in a plane (positive: counter-clockwise). */
function signedArea(ring) {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i];
    const [x2, y2] = ring[(i + 1) % ring.length];
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

/** One building as local east/north rings (m), its tile transform and its region. */
function localFootprint(feature) {
  const rings = feature.geometry.coordinates.map((ring) => ring.slice(0, -1)); // drop the closing point
  const lons = rings[0].map((p) => p[0]);
  const lats = rings[0].map((p) => p[1]);
  const [west, east, south, north] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const [lon0, lat0] = [(west + east) / 2, (south + north) / 2];
  const origin = ecef(lon0, lat0);
  const axes = enuAxes(lon0, lat0);
  const local = rings.map((ring, r) => {
    const en = ring.map(([lon, lat]) => {
      const p = ecef(lon, lat);
      const d = [p[0] - origin[0], p[1] - origin[1], p[2] - origin[2]];
      return [dot(d, axes.east), dot(d, axes.north)];
    });
    // Outer ring counter-clockwise, holes clockwise (seen from above): walls face outwards.
    const ccw = signedArea(en) > 0;
    return (r === 0) === ccw ? en : en.reverse();
  });
  // Column-major 4x4: columns east, north, up, origin.
  const transform = [...axes.east, 0, ...axes.north, 0, ...axes.up, 0, ...origin, 1];
  return { local, transform, box: [west, south, east, north] };
}

/** Positions, normals (glTF axes: x east, y up, z south) and triangle indices of an extruded footprint. */
function extrude(rings, height) {
  const positions = [];
  const normals = [];
  const indices = [];
  const vertex = ([e, n], up, normal) => {
    positions.push(e, up, -n);
    normals.push(normal[0], normal[2], -normal[1]);
    return positions.length / 3 - 1;
  };
  // Roof: earcut over the rings (outer ring then holes).
  const flat = rings.flat();
  const holes = [];
  let count = 0;
  for (const ring of rings.slice(0, -1)) holes.push((count += ring.length));
  const roofStart = positions.length / 3;
  for (const p of flat) vertex(p, height, [0, 0, 1]);
  const triangles = earcut(flat.flat(), holes, 2);
  for (let i = 0; i < triangles.length; i += 3) {
    // earcut's winding is not fixed: make each roof triangle counter-clockwise seen from above.
    const [a, b, c] = [triangles[i], triangles[i + 1], triangles[i + 2]].map((k) => flat[k]);
    const ccw = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]) > 0;
    const [i0, i1, i2] = [triangles[i], triangles[i + 1], triangles[i + 2]].map(
      (k) => k + roofStart,
    );
    indices.push(...(ccw ? [i0, i1, i2] : [i0, i2, i1]));
  }
  // Walls: one quad per edge, facing outwards.
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i];
      const b = ring[(i + 1) % ring.length];
      const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (length < 1e-6) continue;
      const normal = [(b[1] - a[1]) / length, -(b[0] - a[0]) / length, 0];
      const v0 = vertex(a, 0, normal);
      const v1 = vertex(b, 0, normal);
      const v2 = vertex(b, height, normal);
      const v3 = vertex(a, height, normal);
      indices.push(v0, v1, v2, v0, v2, v3);
    }
  }
  return {
    positions: new Float32Array(positions),
    normals: new Float32Array(normals),
    indices: new Uint16Array(indices),
  };
}

/** A GLB of one building's mesh. */
async function glb(io, id, mesh) {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const accessor = (type, array) =>
    doc.createAccessor().setType(type).setArray(array).setBuffer(buffer);
  const material = doc
    .createMaterial('building')
    .setBaseColorFactor([1, 1, 1, 1])
    .setMetallicFactor(0)
    .setRoughnessFactor(1);
  const primitive = doc
    .createPrimitive()
    .setAttribute('POSITION', accessor('VEC3', mesh.positions))
    .setAttribute('NORMAL', accessor('VEC3', mesh.normals))
    .setIndices(accessor('SCALAR', mesh.indices))
    .setMaterial(material);
  const node = doc.createNode(id).setMesh(doc.createMesh(id).addPrimitive(primitive));
  doc.createScene().addChild(node);
  doc.getRoot().getAsset().generator = 'tweeling scripts/build-3dtiles-fixture.mjs';
  return io.writeBinary(doc);
}

const SCHEMA = {
  id: 'tweeling_delft_buildings',
  classes: {
    building: {
      name: 'Building',
      properties: {
        identificatiebagpnd: { type: 'STRING', description: 'BAG pand id' },
        ahn3_h_maaiveld: { type: 'SCALAR', componentType: 'FLOAT32', description: 'ground, m NAP' },
        ahn3_h_dak_70p: { type: 'SCALAR', componentType: 'FLOAT32', description: 'roof, m NAP' },
        hoogte: { type: 'SCALAR', componentType: 'FLOAT32', description: 'height above ground, m' },
      },
    },
  },
};

async function main() {
  const geojson = JSON.parse(await readFile(INPUT, 'utf8'));
  const io = new NodeIO();
  await rm(OUT, { recursive: true, force: true });
  await mkdir(new URL('tiles/', OUT), { recursive: true });
  await mkdir(TEST_OUT, { recursive: true });
  const children = [];
  let truncated;
  let [w, s, e, n, top] = [Infinity, Infinity, -Infinity, -Infinity, 0];
  let bytes = 0;
  for (const feature of geojson.features) {
    const p = feature.properties;
    const id = p.identificatiebagpnd;
    const height = round(p.ahn3_h_dak_70p - p.ahn3_h_maaiveld);
    const { local, transform, box } = localFootprint(feature);
    const data = await glb(io, id, extrude(local, height));
    await writeFile(new URL(`tiles/${id}.glb`, OUT), data);
    truncated ??= data.slice(0, 100);
    bytes += data.byteLength;
    [w, s, e, n] = [
      Math.min(w, box[0]),
      Math.min(s, box[1]),
      Math.max(e, box[2]),
      Math.max(n, box[3]),
    ];
    top = Math.max(top, height);
    children.push({
      boundingVolume: { region: [...box.map((d) => d * RAD), 0, height] },
      geometricError: 0,
      transform,
      content: { uri: `tiles/${id}.glb` },
      metadata: {
        class: 'building',
        properties: {
          identificatiebagpnd: id,
          ahn3_h_maaiveld: p.ahn3_h_maaiveld,
          ahn3_h_dak_70p: p.ahn3_h_dak_70p,
          hoogte: height,
        },
      },
    });
  }
  const tileset = {
    asset: {
      version: '1.1',
      generator: 'tweeling scripts/build-3dtiles-fixture.mjs',
      extras: { attribution: 'BAG / BGT: Kadaster (CC0); AHN (CC0); heights by 3dfier, TU Delft' },
    },
    schema: SCHEMA,
    // Large: the root (which has no content) is refined into its buildings in any view of Delft.
    geometricError: 1000,
    root: {
      boundingVolume: { region: [w * RAD, s * RAD, e * RAD, n * RAD, 0, top] },
      geometricError: 1000,
      refine: 'ADD',
      children,
    },
  };
  const text = JSON.stringify(tileset);
  await writeFile(new URL('tileset.json', OUT), text);
  // The fault fixture: the first building's tile is missing (404), the second's is truncated; the
  // others reach the real tiles.
  const broken = JSON.parse(text);
  const faulty = ['missing-tile.glb', 'truncated.glb'];
  broken.root.children = broken.root.children.map((child, i) => ({
    ...child,
    content: { uri: faulty[i] ?? `../../../src/data/delft/3dtiles/${child.content.uri}` },
  }));
  await writeFile(new URL('truncated.glb', TEST_OUT), truncated);
  await writeFile(new URL('tileset-missing-tile.json', TEST_OUT), JSON.stringify(broken));
  console.log(
    `${children.length} buildings: tileset.json ${text.length} B, GLBs ${bytes} B in ${OUT.pathname}`,
  );
}

await main();
