import { expect } from '@open-wc/testing';
import type { Position } from 'geojson';
import { rdToLonLat } from '../../../src/core/raster/crs.js';
import type { GridSpec } from '../../../src/core/raster/rasterize.js';
import {
  applyEdits,
  editProblem,
  type EditAction,
  type GreeneryEdit,
} from '../../../src/core/sim/greenery-edits.js';
import { DEFAULT_LANDCOVER_TABLE } from '../../../src/core/sim/landcover-table.js';
import type { ClassGrid } from '../../../src/core/sim/model-grids.js';

// A 10 x 10 grid of 1 m cells in RD New; by column pairs: building, water, grass, road, tree.
const X0 = 85000;
const Y0 = 447500;
const SPEC: GridSpec = {
  width: 10,
  height: 10,
  geotransform: [X0, 1, 0, Y0, 0, -1],
  crs: 'EPSG:28992',
};
const KEYS = Object.keys(DEFAULT_LANDCOVER_TABLE);
const COLUMN_CLASSES = ['pand', 'waterdeel', 'begroeidterreindeel', 'wegdeel', 'boom'];

function index(key: string): number {
  const i = KEYS.indexOf(key);
  if (i < 0) throw new Error(`no class ${key}`);
  return i;
}

function baseGrid(): ClassGrid {
  const classes = new Uint16Array(100);
  for (let r = 0; r < 10; r++)
    for (let c = 0; c < 10; c++)
      classes[r * 10 + c] = index(COLUMN_CLASSES[Math.floor(c / 2)] as string);
  return { classes, keys: KEYS };
}

/** A rectangle given in RD New metres, as a WGS 84 polygon edit. */
function rectangle(action: EditAction, xFrom: number, xTo: number): GreeneryEdit {
  const corners: Position[] = [
    [X0 + xFrom, Y0 - 10.1],
    [X0 + xTo, Y0 - 10.1],
    [X0 + xTo, Y0 + 0.1],
    [X0 + xFrom, Y0 + 0.1],
  ].map(([x, y]) => rdToLonLat(x as number, y as number));
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [[...corners, corners[0] as Position]] },
    properties: { action },
  };
}

/** The class key of every cell of one row (all rows are alike here except for tree disks). */
function row(grid: ClassGrid, r: number): string[] {
  return [...grid.classes.slice(r * 10, r * 10 + 10)].map((k) => KEYS[k] as string);
}

describe('greenery edits: applyEdits on a class grid (core/sim)', () => {
  const all = (action: EditAction) => rectangle(action, -0.1, 10.1);

  it('each action changes only the cells it may change', () => {
    const base = baseGrid();
    const run = (action: EditAction) =>
      applyEdits(base, SPEC, DEFAULT_LANDCOVER_TABLE, [all(action)]);

    // Green roofs: only the 20 building cells.
    const roof = run('green-roof');
    expect(roof.changedCells).to.deep.equal([20]);
    expect(row(roof.grid, 4)).to.deep.equal([
      ...Array(2).fill('pand/groen dak'),
      ...Array(2).fill('waterdeel'),
      ...Array(2).fill('begroeidterreindeel'),
      ...Array(2).fill('wegdeel'),
      ...Array(2).fill('boom'),
    ]);
    // Remove green: only grass and trees (green = 1), to bare unpaved ground.
    const bare = run('remove-green');
    expect(bare.changedCells).to.deep.equal([40]);
    expect(row(bare.grid, 0).slice(4)).to.deep.equal(
      Array(6).fill('onbegroeidterreindeel/onverhard').fill('wegdeel', 2, 4),
    );
    // Pave: everything but buildings and water.
    const paved = run('pave');
    expect(paved.changedCells).to.deep.equal([60]);
    expect(row(paved.grid, 9)).to.deep.equal([
      'pand',
      'pand',
      'waterdeel',
      'waterdeel',
      ...Array(6).fill('onbegroeidterreindeel/gesloten verharding'),
    ]);
    // A park: the same cells as paving, but grass cells already are park (no change there).
    const park = run('add-park');
    expect(park.changedCells).to.deep.equal([40]);
    expect(row(park.grid, 9).slice(4)).to.deep.equal(Array(6).fill('begroeidterreindeel'));
    // The input grid is not changed.
    expect(row(base, 0)).to.deep.equal(row(baseGrid(), 0));
  });

  it('plants trees as crown disks around points, not on buildings or water', () => {
    // A tree at the centre of cell (row 5, column 6) with a 1.5 m crown: the cell and its 8
    // neighbours (centres within 1.41 m); columns 5-7 are grass and road.
    const [lon, lat] = rdToLonLat(X0 + 6.5, Y0 - 5.5);
    const tree: GreeneryEdit = {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { action: 'add-trees', crownRadiusM: 1.5 },
    };
    const planted = applyEdits(baseGrid(), SPEC, DEFAULT_LANDCOVER_TABLE, [tree]);
    expect(planted.changedCells).to.deep.equal([9]);
    for (const r of [4, 5, 6])
      expect(row(planted.grid, r).slice(5, 8)).to.deep.equal(['boom', 'boom', 'boom']);
    expect(row(planted.grid, 3).slice(5, 8)).to.deep.equal([
      'begroeidterreindeel',
      'wegdeel',
      'wegdeel',
    ]);
    // A tree polygon over everything: grass and road become canopy, buildings and water stay.
    const canopy = applyEdits(baseGrid(), SPEC, DEFAULT_LANDCOVER_TABLE, [all('add-trees')]);
    expect(canopy.changedCells).to.deep.equal([40]);
    expect(row(canopy.grid, 0).slice(0, 4)).to.deep.equal([
      'pand',
      'pand',
      'waterdeel',
      'waterdeel',
    ]);
  });

  it('applies edits in order: a later edit wins where they overlap', () => {
    const leftHalf = rectangle('pave', -0.1, 5);
    // Park everywhere, then paving up to x = 5 m: column 4 is paved, column 5 stays park.
    const parkThenPave = applyEdits(baseGrid(), SPEC, DEFAULT_LANDCOVER_TABLE, [
      all('add-park'),
      leftHalf,
    ]);
    expect(parkThenPave.changedCells).to.deep.equal([40, 10]);
    expect(row(parkThenPave.grid, 2).slice(4, 6)).to.deep.equal([
      'onbegroeidterreindeel/gesloten verharding',
      'begroeidterreindeel',
    ]);
    // The other way round the park wins everywhere.
    const paveThenPark = applyEdits(baseGrid(), SPEC, DEFAULT_LANDCOVER_TABLE, [
      leftHalf,
      all('add-park'),
    ]);
    expect(paveThenPark.changedCells).to.deep.equal([10, 50]);
    expect(row(paveThenPark.grid, 2).slice(4, 6)).to.deep.equal([
      'begroeidterreindeel',
      'begroeidterreindeel',
    ]);
  });

  it('names what is wrong with an edit', () => {
    const park = all('add-park');
    expect(editProblem(park)).to.equal(undefined);
    expect(editProblem({ ...park, properties: { action: 'add-forest' } })).to.match(
      /unknown action "add-forest"/,
    );
    expect(
      editProblem({
        ...park,
        properties: { action: 'pave' },
        geometry: { type: 'Point', coordinates: [4.36, 52.01] },
      }),
    ).to.match(/points are only for add-trees/);
    expect(
      editProblem({
        ...park,
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [4.36, null],
              [4.37, 52],
              [4.36, 52],
            ],
          ],
        },
      }),
    ).to.match(/finite numbers/);
    expect(
      editProblem({ ...park, properties: { action: 'add-trees', crownRadiusM: 80 } }),
    ).to.match(/crownRadiusM/);
    expect(() =>
      applyEdits(baseGrid(), SPEC, DEFAULT_LANDCOVER_TABLE, [
        { ...park, properties: { action: 'add-forest' as EditAction, id: 'bos' } },
      ]),
    ).to.throw(TypeError, /edit bos: unknown action/);
  });
});
