import { expect } from '@open-wc/testing';
import { neighbourhoodZones } from '../../../src/components/scenario/neighbourhood-zones.js';
import { DtSourceError } from '../../../src/core/errors.js';
import { rdToLonLat } from '../../../src/core/raster/crs.js';
import type { GridSpec } from '../../../src/core/raster/rasterize.js';
import {
  canopyCover,
  detectTrees,
  findParks,
  plantedTrees,
  rule33300,
  type Rule33300Inputs,
} from '../../../src/core/sim/rule-3-30-300.js';

/** A flat synthetic site: ground at 0 m, 1 m cells, no buildings, no canopy. */
function site(width: number, height: number): Rule33300Inputs {
  const n = width * height;
  return {
    width,
    height,
    cellSizeM: 1,
    ground: new Float32Array(n),
    surface: new Float32Array(n),
    canopy: new Uint8Array(n),
    footprints: new Int32Array(n).fill(-1),
    buildingCount: 0,
    green: new Uint8Array(n),
    counted: new Uint8Array(n).fill(1),
  };
}

/** A cone-shaped crown: `topM` at (row, col), 1.5 m lower per metre out to `radius` cells, marked canopy. */
function crown(s: Rule33300Inputs, row: number, col: number, topM = 8, radius = 3): void {
  for (let r = row - radius; r <= row + radius; r++) {
    for (let c = col - radius; c <= col + radius; c++) {
      const d = Math.hypot(r - row, c - col);
      if (d > radius || r < 0 || c < 0 || r >= s.height || c >= s.width) continue;
      const i = r * s.width + c;
      s.surface[i] = Math.max(s.surface[i] as number, topM - 1.5 * d);
      s.canopy[i] = 1;
    }
  }
}

/** A building (index `b`) of `heightM` over rows r0..r1 and columns c0..c1. */
function building(
  s: Rule33300Inputs,
  b: number,
  r0: number,
  r1: number,
  c0: number,
  c1: number,
  heightM: number,
): void {
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const i = r * s.width + c;
      s.footprints[i] = b;
      s.surface[i] = heightM;
    }
  }
  s.buildingCount = Math.max(s.buildingCount, b + 1);
}

function count(mask: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) n++;
  return n;
}

describe('the 3-30-300 rule (core/sim)', () => {
  it('"3": a tree in the open at 30 m is visible, one at 31 m is not, one behind a wall is not, one behind another crown is', async () => {
    const layout = (withWall: boolean) => {
      const s = site(60, 60);
      building(s, 0, 8, 12, 20, 24, 10); // the home: east facade observers stand in column 25
      if (withWall) building(s, 1, 0, 59, 10, 10, 30); // a 30 m wall along column 10, all rows
      crown(s, 10, 4); // behind the wall, 15 m west of the home's west facade
      crown(s, 10, 55); // due east, 30 m from the facade observers in column 25
      crown(s, 10, 40); // between the home and that tree: its crown lies on the sight line
      crown(s, 44, 22); // due south, 31 m from the south facade observers in row 13
      return s;
    };
    const walled = await rule33300(layout(true));
    expect(walled.trees.length, 'one top per crown').to.equal(4);
    expect(walled.treesVisible[0], 'the trees at 30 m and at 15 m east').to.equal(2);
    const open = await rule33300(layout(false));
    expect(open.treesVisible[0], 'the tree west of the removed wall counts too').to.equal(3);
    const farther = await rule33300(layout(false), { viewDistanceM: 31 });
    expect(farther.treesVisible[0], 'with 31 m of view the southern tree counts too').to.equal(4);
  });

  it('finds one tree top per crown, flat-topped crowns included, and none on a sliver along a wall', () => {
    const s = site(50, 30);
    const crowns: [number, number][] = [
      [6, 6],
      [6, 20],
      [20, 10],
      [22, 40],
    ];
    for (const [r, c] of crowns) crown(s, r, c, 7 + r / 10, 4);
    // A flat crown: 3 x 3 cells at exactly 9 m on top of a cone.
    crown(s, 20, 28, 9, 4);
    for (let r = 19; r <= 21; r++) for (let c = 27; c <= 29; c++) s.surface[r * 50 + c] = 9;
    crowns.push([20, 28]);
    // A 1-cell-wide strip of "canopy" at roof height along a building edge (a DSM/footprint mismatch).
    for (let c = 5; c < 25; c++) {
      s.surface[28 * 50 + c] = 12;
      s.canopy[28 * 50 + c] = 1;
    }
    const chm = s.surface.map((z, i) => z - (s.ground[i] as number));
    const trees = Array.from(detectTrees(chm, s.canopy, 50, 30, 1));
    expect(trees.length).to.equal(crowns.length);
    for (const [r, c] of crowns) {
      const inCrown = trees.filter((t) => Math.hypot(Math.floor(t / 50) - r, (t % 50) - c) <= 1.5);
      expect(inCrown.length, `crown at row ${r}, column ${c}`).to.equal(1);
    }
  });

  it('"300": a green space of 0.4 ha is not a park, one of 0.6 ha is, and homes are measured to it', async () => {
    const s = site(200, 100);
    for (let r = 0; r < 100; r++) {
      for (let c = 0; c < 40; c++) s.green[r * 200 + c] = 1; // 40 x 100 m = 0.4 ha
      for (let c = 50; c < 110; c++) s.green[r * 200 + c] = 1; // 60 x 100 m = 0.6 ha
    }
    building(s, 0, 50, 52, 150, 154, 6); // 41 m east of the 0.6 ha area's last column (109)
    building(s, 1, 10, 12, 43, 45, 6); // 5 m from the 0.6 ha area (column 45 to 50), 4 m from the 0.4 ha one
    const parks = findParks(s.green, 200, 100, 1);
    expect(parks.count).to.equal(1);
    expect(parks.areaM2).to.equal(6000);
    expect(count(parks.park)).to.equal(6000);
    expect(parks.park[50 * 200 + 20], '0.4 ha area').to.equal(0);
    const result = await rule33300(s);
    expect(result.buildingParkDistanceM[0]).to.be.closeTo(41, 1e-4);
    expect(result.buildingParkDistanceM[1]).to.be.closeTo(5, 1e-4);
    const smaller = await rule33300(s, { parkMinAreaM2: 3000 });
    expect(smaller.parkCount).to.equal(2);
    expect(smaller.buildingParkDistanceM[1], 'the 0.4 ha area is 1 m nearer').to.be.closeTo(
      4,
      1e-4,
    );
    expect(smaller.buildingParkDistanceM[0], 'but not for the home east').to.be.closeTo(41, 1e-4);
  });

  it('"30": canopy cover is the canopy cells over the cells that count, per neighbourhood', () => {
    const width = 90;
    const height = 70;
    const n = width * height;
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const canopy = Uint8Array.from({ length: n }, () => (random() < 0.27 ? 1 : 0));
    const counted = Uint8Array.from({ length: n }, (_, i) => (i % width < 80 ? 1 : 0)); // water east
    const zones = Int32Array.from({ length: n }, (_, i) => (Math.floor(i / width) < 30 ? 0 : 1));
    const canopyCells = [0, 0];
    const areaCells = [0, 0];
    for (let i = 0; i < n; i++) {
      if (!counted[i]) continue;
      const z = zones[i] as number;
      areaCells[z] = (areaCells[z] as number) + 1;
      canopyCells[z] = (canopyCells[z] as number) + (canopy[i] as number);
    }
    const cover = canopyCover(canopy, counted, zones, 2);
    expect(Array.from(cover.areaCells)).to.deep.equal([30 * 80, 40 * 80]);
    expect(cover.percent[0]).to.be.closeTo((100 * (canopyCells[0] as number)) / 2400, 1e-9);
    expect(cover.percent[1]).to.be.closeTo((100 * (canopyCells[1] as number)) / 3200, 1e-9);
    const whole = canopyCover(canopy, counted);
    expect(whole.percent[0]).to.be.closeTo(
      (100 * ((canopyCells[0] as number) + (canopyCells[1] as number))) / 5600,
      1e-9,
    );
  });

  it('plants one tree per 50 m2 (pi * 4^2) of planted canopy, at least one per planting', () => {
    const width = 120;
    const height = 120;
    const planted = new Uint8Array(width * height);
    for (let r = 10; r < 110; r++) for (let c = 10; c < 110; c++) planted[r * width + c] = 1;
    const trees = plantedTrees(planted, width, 1);
    const expected = 10000 / (Math.PI * 16);
    expect(trees.length).to.be.within(expected * 0.9, expected * 1.1);
    for (const t of trees) expect(planted[t]).to.equal(1);
    const small = new Uint8Array(width * height);
    small[60 * width + 61] = 1;
    small[60 * width + 62] = 1;
    expect(Array.from(plantedTrees(small, width, 1))).to.have.length(1);
  });

  it('reads neighbourhoods from inline GeoJSON onto the grid, and names what is wrong with bad ones', () => {
    // A 100 x 50 m grid of 1 m cells in RD New; two neighbourhoods: its west and east halves.
    const spec: GridSpec = {
      width: 100,
      height: 50,
      geotransform: [85000, 1, 0, 447500, 0, -1],
      crs: 'EPSG:28992',
    };
    const rect = (x0: number, x1: number) =>
      [
        [x0, 447450],
        [x1, 447450],
        [x1, 447500],
        [x0, 447500],
        [x0, 447450],
      ].map(([x, y]) => rdToLonLat(x as number, y as number));
    const collection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: 'west' },
          geometry: { type: 'Polygon', coordinates: [rect(85000, 85050)] },
        },
        {
          type: 'Feature',
          properties: { naam: 'oost' },
          geometry: { type: 'Polygon', coordinates: [rect(85050, 85100)] },
        },
      ],
    };
    const { zones, names } = neighbourhoodZones(
      'g',
      'neighbourhood',
      JSON.stringify(collection),
      spec,
    );
    expect(names).to.deep.equal(['west', 'oost']);
    const z = zones ?? new Int32Array(0);
    expect(z[10 * 100 + 20]).to.equal(0);
    expect(z[10 * 100 + 80]).to.equal(1);
    expect(Array.from(z).filter((v) => v === 0).length).to.be.within(2400, 2600);
    expect(neighbourhoodZones('g', 'neighbourhood', undefined, spec).zones).to.equal(undefined);
    const bad = [
      '{"type":"Polygon"',
      '{"type":"Point","coordinates":[4.37,52.01]}',
      JSON.stringify({ type: 'Polygon', coordinates: [rect(90000, 90050)] }), // 5 km away
    ];
    for (const text of bad) {
      let error: unknown;
      try {
        neighbourhoodZones('g', 'neighbourhood', text, spec);
      } catch (e) {
        error = e;
      }
      expect(error, text).to.be.instanceOf(DtSourceError);
      expect((error as DtSourceError).code).to.equal('invalid-parameter');
      expect((error as DtSourceError).message).to.contain('neighbourhood');
    }
  });
});
