/**
 * Writes the small CityJSON fixtures of test/components/cityjson.test.ts into test/fixtures/cityjson/:
 * broken copies of the shipped 3DBAG sample (src/data/delft-campus/) for the error checks, and one
 * hand-made file for inner rings and geometry templates.
 *
 *   node scripts/make-cityjson-fixtures.mjs
 *
 * - not-json.city.json: the first 3000 bytes of 3dbag_b2.city.json (a truncated download);
 * - wrong-type.city.json: 3dbag_b2.city.json with `"type": "FeatureCollection"`;
 * - vertex-out-of-range.city.json: 3dbag_b2.city.json with one boundary index past the vertices;
 * - truncated.city.jsonl: delft_subset.city.jsonl with its last line cut in half;
 * - unknown-crs.city.json: 3dbag_b2.city.json in EPSG:2154 (Lambert-93, not supported);
 * - no-crs.city.json: 3dbag_b2.city.json without metadata.referenceSystem;
 * - holes-templates.city.json (CityJSON 2.0, EPSG:7415): building "plein", one horizontal face at
 *   5 m, a 20 m x 20 m square with a 10 m x 10 m hole (300 m2); two SolitaryVegetationObjects
 *   "boom-1" and "boom-2", GeometryInstances of one template (a 4 m x 4 m x 6 m pyramid) at
 *   RD (85010, 447480) and (85030, 447480).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';

const ROOT = new URL('../', import.meta.url);
const OUT = new URL('test/fixtures/cityjson/', ROOT);
await mkdir(OUT, { recursive: true });

const b2Text = await readFile(new URL('src/data/delft-campus/3dbag_b2.city.json', ROOT), 'utf8');
const seqText = await readFile(
  new URL('src/data/delft-campus/delft_subset.city.jsonl', ROOT),
  'utf8',
);
const b2 = () => JSON.parse(b2Text);
const write = (name, text) => writeFile(new URL(name, OUT), text);

await write('not-json.city.json', b2Text.slice(0, 3000));
await write('wrong-type.city.json', JSON.stringify({ ...b2(), type: 'FeatureCollection' }));

const outOfRange = b2();
const firstWithGeometry = Object.values(outOfRange.CityObjects).find((o) => o.geometry?.length);
// Solid -> shell 0 -> surface 0 -> ring 0 -> vertex 0
firstWithGeometry.geometry[0].boundaries[0][0][0][0] = outOfRange.vertices.length + 1000;
await write('vertex-out-of-range.city.json', JSON.stringify(outOfRange));

const lines = seqText.trimEnd().split('\n');
const last = lines.pop() ?? '';
await write(
  'truncated.city.jsonl',
  [...lines, last.slice(0, Math.floor(last.length / 2))].join('\n'),
);

const lambert = b2();
lambert.metadata.referenceSystem = 'https://www.opengis.net/def/crs/EPSG/0/2154';
await write('unknown-crs.city.json', JSON.stringify(lambert));

const noCrs = b2();
delete noCrs.metadata.referenceSystem;
await write('no-crs.city.json', JSON.stringify(noCrs));

// Hand-made: millimetre integers from RD (85000, 447470, 0).
const mm = (x, y, z) => [Math.round(x * 1000), Math.round(y * 1000), Math.round(z * 1000)];
const square = [
  [0, 0],
  [20, 0],
  [20, 20],
  [0, 20],
].map(([x, y]) => mm(x, y, 5));
const hole = [
  [5, 5],
  [5, 15],
  [15, 15],
  [15, 5],
].map(([x, y]) => mm(x, y, 5));
const anchors = [mm(10, 10, 0), mm(30, 10, 0)];
const templateVertices = [
  [-2, -2, 0],
  [2, -2, 0],
  [2, 2, 0],
  [-2, 2, 0],
  [0, 0, 6],
];
const instance = (anchor) => ({
  type: 'GeometryInstance',
  template: 0,
  boundaries: [anchor],
  transformationMatrix: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
});
const handMade = {
  type: 'CityJSON',
  version: '2.0',
  transform: { scale: [0.001, 0.001, 0.001], translate: [85000, 447470, 0] },
  metadata: { referenceSystem: 'https://www.opengis.net/def/crs/EPSG/0/7415' },
  CityObjects: {
    plein: {
      type: 'Building',
      attributes: { naam: 'Plein met gat' },
      geometry: [
        {
          type: 'MultiSurface',
          lod: '1',
          boundaries: [
            [
              [0, 1, 2, 3],
              [4, 5, 6, 7],
            ],
          ],
        },
      ],
    },
    'boom-1': { type: 'SolitaryVegetationObject', geometry: [{ ...instance(8), lod: '1' }] },
    'boom-2': { type: 'SolitaryVegetationObject', geometry: [{ ...instance(9), lod: '1' }] },
  },
  'geometry-templates': {
    templates: [
      {
        type: 'MultiSurface',
        lod: '1',
        boundaries: [[[0, 3, 2, 1]], [[0, 1, 4]], [[1, 2, 4]], [[2, 3, 4]], [[3, 0, 4]]],
      },
    ],
    'vertices-templates': templateVertices,
  },
  vertices: [...square, ...hole, ...anchors],
};
await write('holes-templates.city.json', JSON.stringify(handMade, null, 1));
console.log('wrote test/fixtures/cityjson/');
