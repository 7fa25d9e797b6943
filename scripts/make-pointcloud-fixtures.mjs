// Writes the fixtures of test/components/pointcloud.test.ts into test/fixtures/pointcloud/:
// - expected.json: facts of the shipped AHN3 LAZ files, read independently of the SDK: the header with
//   Node's Buffer, the points with laz-perf 0.0.6 (hobu's WASM build, not the asm.js copy inside
//   @loaders.gl/las that the SDK decodes with): point count, points per class, height range.
//   Also, for every 97th point that is a building point (class 6), whether it lies inside a BAG
//   footprint of buildings.rd.geojson, computed in RD New (no reprojection at all): the test checks the
//   SDK's longitude/latitude placement against these counts with the WGS 84 footprints.
// - truncated.laz: the first 400,000 bytes of ahn3_cropped_2.laz (a download cut off).
// - not-las.laz: a text file with a .laz name.
// Run: node scripts/make-pointcloud-fixtures.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createLazPerf } from 'laz-perf';
import { format } from 'prettier';

const DATA = 'src/data/delft';
const OUT = 'test/fixtures/pointcloud';
const FILES = ['ahn3_cropped_1.laz', 'ahn3_cropped_2.laz'];

mkdirSync(OUT, { recursive: true });
const LazPerf = await createLazPerf();

const insideRing = (ring, x, y) => {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const footprintsRd = JSON.parse(readFileSync(`${DATA}/buildings.rd.geojson`, 'utf8')).features.map(
  (f) => f.geometry.coordinates,
);
const inFootprint = (x, y) =>
  footprintsRd.some(
    ([outer, ...holes]) => insideRing(outer, x, y) && !holes.some((h) => insideRing(h, x, y)),
  );
const EVERY = 97;
const expected = {};
for (const name of FILES) {
  const bytes = readFileSync(`${DATA}/${name}`);
  const header = {
    version: `${bytes[24]}.${bytes[25]}`,
    pointFormat: bytes[104] & 0x3f,
    pointCount: bytes.readUInt32LE(107),
    scale: [131, 139, 147].map((at) => bytes.readDoubleLE(at)),
    offset: [155, 163, 171].map((at) => bytes.readDoubleLE(at)),
  };
  const filePtr = LazPerf._malloc(bytes.byteLength);
  LazPerf.HEAPU8.set(bytes, filePtr);
  const laszip = new LazPerf.LASZip();
  laszip.open(filePtr, bytes.byteLength);
  const count = laszip.getCount();
  const pointPtr = LazPerf._malloc(laszip.getPointLength());
  const classes = {};
  const footprintCheck = { every: EVERY, buildingPoints: 0, insideFootprint: 0 };
  let zMin = Infinity;
  let zMax = -Infinity;
  for (let i = 0; i < count; i++) {
    laszip.getPoint(pointPtr);
    const view = new DataView(LazPerf.HEAPU8.buffer, pointPtr, 20);
    const z = view.getInt32(8, true) * header.scale[2] + header.offset[2];
    zMin = Math.min(zMin, z);
    zMax = Math.max(zMax, z);
    const code = view.getUint8(15) & 0x1f;
    classes[code] = (classes[code] ?? 0) + 1;
    if (code === 6 && i % EVERY === 0) {
      footprintCheck.buildingPoints++;
      const x = view.getInt32(0, true) * header.scale[0] + header.offset[0];
      const y = view.getInt32(4, true) * header.scale[1] + header.offset[1];
      if (inFootprint(x, y)) footprintCheck.insideFootprint++;
    }
  }
  LazPerf._free(pointPtr);
  LazPerf._free(filePtr);
  laszip.delete();
  expected[name] = {
    ...header,
    decodedCount: count,
    classes,
    zRange: [Math.round(zMin * 1000) / 1000, Math.round(zMax * 1000) / 1000],
    footprintCheck,
  };
}
writeFileSync(`${OUT}/expected.json`, await format(JSON.stringify(expected), { parser: 'json' }));
writeFileSync(
  `${OUT}/truncated.laz`,
  readFileSync(`${DATA}/ahn3_cropped_2.laz`).subarray(0, 400_000),
);
writeFileSync(`${OUT}/not-las.laz`, 'This is not a point cloud. '.repeat(20) + '\n');
console.log(JSON.stringify(expected, null, 2));
