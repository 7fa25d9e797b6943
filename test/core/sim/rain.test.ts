import { expect } from '@open-wc/testing';
import { scsRetentionMm, scsRunoffMm } from '../../../src/core/sim/curve-number.js';
import { runInertial } from '../../../src/core/sim/inertial.js';

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A bumpy random DEM (m): smooth hills plus cell noise, a few NaN walls. */
function randomDem(width: number, height: number, seed: number): Float32Array {
  const draw = random(seed);
  const z = new Float32Array(width * height);
  const [a, b, c] = [draw() * 6, draw() * 6, draw() * 6];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      z[y * width + x] =
        Math.sin(x / 5 + a) + Math.cos(y / 7 + b) + 0.5 * Math.sin((x + y) / 3 + c) + 0.3 * draw();
  for (let k = 0; k < z.length; k += 53) z[k] = NaN;
  return z;
}

const MM_PER_INCH = 25.4;

describe('scsRunoffMm (USDA TR-55)', () => {
  it('gives the TR-55 example: P = 3 in on CN 80 runs off 1.25 in', () => {
    expect(scsRunoffMm(3 * MM_PER_INCH, 80)).to.be.closeTo(1.25 * MM_PER_INCH, 0.1);
  });

  it('has no runoff up to the initial abstraction 0.2 S, all rain on CN 100', () => {
    const retention = scsRetentionMm(80); // 63.5 mm
    expect(retention).to.be.closeTo(63.5, 1e-9);
    expect(scsRunoffMm(0.2 * retention, 80)).to.equal(0);
    expect(scsRunoffMm(0.2 * retention + 1, 80)).to.be.greaterThan(0);
    expect(scsRunoffMm(42, 100)).to.equal(42);
  });

  it('rejects a curve number outside (0, 100] and a negative rain depth', () => {
    expect(() => scsRunoffMm(10, 0)).to.throw(RangeError, 'curveNumber');
    expect(() => scsRunoffMm(10, 101)).to.throw(RangeError, 'curveNumber');
    expect(() => scsRunoffMm(-1, 80)).to.throw(RangeError, 'precipMm');
  });
});

describe('runInertial: rain on the grid', () => {
  const area = (cells: number, cellSize: number) => cells * cellSize * cellSize;

  it('runs off TR-55 Q(P) of 3 in of rain on a tilted plane with one curve number', async () => {
    const width = 30;
    const height = 20;
    const cellSize = 2;
    const z = new Float32Array(width * height);
    for (let c = 0; c < z.length; c++) z[c] = 0.01 * (width - (c % width)); // 1 % slope to the east
    const rainMm = 3 * MM_PER_INCH;
    const rainS = 1800;
    const result = await runInertial(
      { width, height, cellSize, z },
      {
        manning: 0.02,
        durationS: 3600,
        rain: {
          intensity: (t) => (t < rainS ? (rainMm / rainS) * 3600 : 0),
          breakpointsS: [rainS],
        },
        infiltration: { curveNumber: 80 },
      },
    );
    const { rainM3, infiltrationM3, storedM3, massBalanceError } = result.volumes;
    const runoffM3 = (scsRunoffMm(rainMm, 80) / 1000) * area(width * height, cellSize);
    const rainedM3 = (rainMm / 1000) * area(width * height, cellSize);
    expect(Math.abs(rainM3 / rainedM3 - 1)).to.be.at.most(1e-9);
    expect(Math.abs((rainM3 - infiltrationM3) / runoffM3 - 1)).to.be.at.most(1e-6);
    // Closed walls: all the runoff is still on the grid, ponded against the low (east) edge.
    expect(Math.abs(storedM3 / runoffM3 - 1)).to.be.at.most(1e-6);
    expect(result.depth[10 * width + width - 1]).to.be.greaterThan(
      result.depth[10 * width] as number,
    );
    expect(Math.abs(massBalanceError)).to.be.at.most(1e-6);
  });

  it('adds nothing while the rain stays below the initial abstraction', async () => {
    const result = await runInertial(
      { width: 5, height: 5, cellSize: 1, z: new Float32Array(25) },
      {
        manning: 0.03,
        durationS: 3600,
        rain: { intensity: () => 10 }, // 10 mm in 1 h < 0.2 S = 12.7 mm for CN 80
        infiltration: { curveNumber: 80 },
      },
    );
    expect(result.volumes.storedM3).to.equal(0);
    expect(result.volumes.infiltrationM3).to.be.closeTo(result.volumes.rainM3, 1e-12);
  });

  it('without infiltration all the rain stays on a closed grid', async () => {
    const width = 24;
    const height = 18;
    const z = randomDem(width, height, 3);
    const open = z.filter((v) => v === v).length;
    const result = await runInertial(
      { width, height, cellSize: 2, z },
      { manning: 0.03, durationS: 1800, rain: { intensity: () => 60 } },
    );
    expect(result.volumes.rainM3).to.be.closeTo(0.03 * area(open, 2), 1e-9);
    expect(Math.abs(result.volumes.storedM3 / result.volumes.rainM3 - 1)).to.be.at.most(1e-6);
    expect(Math.abs(result.volumes.massBalanceError)).to.be.at.most(1e-6);
  });

  it('balances rain, infiltration, green roofs, an inflow and a sink to 1e-6 on a random DEM', async () => {
    const width = 48;
    const height = 40;
    const cellSize = 2;
    const z = randomDem(width, height, 11);
    const draw = random(5);
    const curveNumber = new Float32Array(width * height).map(() => 60 + 38 * draw());
    const greenRoofStorageMm = new Float32Array(width * height).map(() =>
      draw() < 0.2 ? 30 * draw() : 0,
    );
    const sink = [width * height - 2, width * height - 3]; // a drain: held at a level below the bed
    const result = await runInertial(
      { width, height, cellSize, z },
      {
        manning: new Float32Array(width * height).map(() => 0.02 + 0.05 * draw()),
        durationS: 3600,
        outputIntervalS: 600,
        rain: { intensity: (t) => (t < 2400 ? 80 * Math.sin((Math.PI * t) / 2400) : 0) },
        infiltration: { curveNumber, greenRoofStorageMm },
        inflows: [
          {
            cells: [width + 1],
            hydrograph: [
              [0, 0],
              [600, 0.5],
              [1200, 0],
            ],
          },
        ],
        fixedLevels: [{ cells: sink, level: () => -Infinity }],
      },
    );
    const { volumes } = result;
    expect(volumes.rainM3).to.be.greaterThan(0);
    expect(volumes.infiltrationM3).to.be.greaterThan(0).and.below(volumes.rainM3);
    expect(volumes.outflowM3, 'water left through the drain').to.be.greaterThan(0);
    expect(volumes.inflowM3).to.be.closeTo(300, 1e-6);
    expect(result.snapshots).to.have.length(6);
    expect(Math.abs(volumes.massBalanceError)).to.be.at.most(1e-6);
    for (const depth of result.depth) expect(depth).to.be.at.least(0);
  });
});
