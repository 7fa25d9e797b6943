import { expect } from '@open-wc/testing';
import { readGeoTiff } from '../../../src/core/raster/geotiff.js';
import { shadowMask, sunHours } from '../../../src/core/sim/shadow.js';
import { skyViewFactor } from '../../../src/core/sim/sky-view.js';
import { solarDayStart, sunPosition, sunTimes } from '../../../src/core/sim/sun-position.js';

/** Delft, as in MODELS.md 2b. */
const LAT = 52.0122;
const LON = 4.3658;

/** A `width` x `height` DSM at `base` m with a wall of `wallH` m along column `col` or row `row`. */
function wallDsm(
  width: number,
  height: number,
  wall: { col?: number; row?: number },
  wallH: number,
  base = 0,
): Float32Array {
  const dsm = new Float32Array(width * height).fill(base);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x === wall.col || y === wall.row) dsm[y * width + x] = base + wallH;
    }
  }
  return dsm;
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (const v of mask) n += v;
  return n;
}

const RAD = Math.PI / 180;

describe('sun position, shadows and sky view factor (core/sim)', () => {
  it('matches the NOAA reference values for Delft within 0.1 degree (MODELS.md 2b)', () => {
    const cases: [string, number, number][] = [
      ['2026-06-21T12:00:00Z', 61.27, 187.48],
      ['2026-12-21T11:45:00Z', 14.54, 181.04],
      ['2026-09-15T16:00:00Z', 17.06, 252.03],
    ];
    for (const [iso, elevation, azimuth] of cases) {
      const sun = sunPosition(new Date(iso), LAT, LON);
      expect(
        Math.abs(sun.elevationDeg - elevation),
        `${iso} elevation ${sun.elevationDeg}`,
      ).to.be.below(0.1);
      expect(Math.abs(sun.azimuthDeg - azimuth), `${iso} azimuth ${sun.azimuthDeg}`).to.be.below(
        0.1,
      );
    }
    // The azimuth runs clockwise from north: east in the morning, west in the evening.
    expect(sunPosition(new Date('2026-06-21T06:00:00Z'), LAT, LON).azimuthDeg).to.be.within(
      60,
      110,
    );
    expect(sunPosition(new Date('2026-06-21T18:00:00Z'), LAT, LON).azimuthDeg).to.be.within(
      250,
      300,
    );
    expect(() => sunPosition(new Date(NaN), LAT, LON)).to.throw(RangeError);
  });

  it('finds sunrise, sunset and the day length, also in polar day and night', () => {
    const june = sunTimes(new Date('2026-06-21T12:00:00Z'), LAT, LON);
    const { sunrise, sunset } = june;
    if (!sunrise || !sunset) throw new Error('no sunrise or sunset in Delft in June');
    // Geometric (no refraction): about 16.5 h at the solstice in Delft.
    expect(june.dayLengthHours).to.be.within(16.4, 16.6);
    expect(
      Math.abs((sunset.getTime() - sunrise.getTime()) / 3.6e6 - june.dayLengthHours),
    ).to.be.below(1e-3);
    expect(Math.abs(sunPosition(sunrise, LAT, LON).elevationDeg)).to.be.below(0.01);
    expect(Math.abs(sunPosition(sunset, LAT, LON).elevationDeg)).to.be.below(0.01);
    // 7.5 h geometric in December; the almanac's 7 h 42 min counts refraction and the sun's radius.
    const december = new Date('2026-12-21T12:00:00Z');
    expect(sunTimes(december, LAT, LON).dayLengthHours).to.be.within(7.4, 7.6);
    expect(sunTimes(december, LAT, LON, -0.833).dayLengthHours).to.be.within(7.65, 7.8);
    const polarDay = sunTimes(new Date('2026-06-21T12:00:00Z'), 80, 10);
    expect(polarDay.dayLengthHours).to.equal(24);
    expect(polarDay.sunrise).to.equal(undefined);
    expect(sunTimes(new Date('2026-12-21T12:00:00Z'), 80, 10).dayLengthHours).to.equal(0);
    // The local mean solar day of noon UTC in Delft starts about 17 minutes before midnight UTC.
    const start = solarDayStart(new Date('2026-06-21T12:00:00Z'), LON).getTime();
    expect(start - Date.parse('2026-06-21T00:00:00Z')).to.be.closeTo((-LON / 15) * 3.6e6, 1);
  });

  it('casts a wall shadow of length H / tan(elevation) within one cell (sun from south, west, oblique)', async () => {
    const cell = 0.5;
    const wallH = 10;
    const width = 200;
    const height = 200;
    const cases = [
      { azimuthDeg: 180, elevationDeg: 30, wall: { row: 160 } },
      { azimuthDeg: 270, elevationDeg: 30, wall: { col: 40 } },
      { azimuthDeg: 240, elevationDeg: 30, wall: { col: 40 } },
      { azimuthDeg: 225, elevationDeg: 20, wall: { col: 40 } },
      { azimuthDeg: 200, elevationDeg: 45, wall: { row: 160 } },
      { azimuthDeg: 123, elevationDeg: 25, wall: { col: 160 } },
    ];
    for (const { azimuthDeg, elevationDeg, wall } of cases) {
      const dsm = wallDsm(width, height, wall, wallH, 1.5);
      const mask = await shadowMask(dsm, width, height, cell, { azimuthDeg, elevationDeg });
      const length = wallH / Math.tan(elevationDeg * RAD);
      // Walk away from the wall on the side opposite the sun, across the middle of the grid.
      const shadowCells: number[] = [];
      const sunSide: number[] = [];
      if (wall.row !== undefined) {
        const x = 100;
        const away = Math.cos(azimuthDeg * RAD) < 0 ? -1 : 1; // sun in the south: shadow to the north
        for (let y = wall.row + away; y >= 0 && y < height; y += away)
          shadowCells.push(mask[y * width + x] as number);
        for (let y = wall.row - away; y >= 0 && y < height; y -= away)
          sunSide.push(mask[y * width + x] as number);
      } else if (wall.col !== undefined) {
        const y = 100;
        const away = Math.sin(azimuthDeg * RAD) < 0 ? 1 : -1; // sun in the west: shadow to the east
        for (let x = wall.col + away; x >= 0 && x < width; x += away)
          shadowCells.push(mask[y * width + x] as number);
        for (let x = wall.col - away; x >= 0 && x < width; x -= away)
          sunSide.push(mask[y * width + x] as number);
      }
      // The shadow is one unbroken run from the wall; its extent across the wall is the length
      // along the sun's direction projected on the wall's normal.
      const run = shadowCells.indexOf(0);
      expect(
        shadowCells.slice(run).every((v) => v === 0),
        `${azimuthDeg}: one run`,
      ).to.equal(true);
      expect(
        sunSide.every((v) => v === 0),
        `${azimuthDeg}: sun side lit`,
      ).to.equal(true);
      const across =
        wall.row !== undefined
          ? length * Math.abs(Math.cos(azimuthDeg * RAD))
          : length * Math.abs(Math.sin(azimuthDeg * RAD));
      expect(
        Math.abs(run * cell - across),
        `${azimuthDeg}/${elevationDeg}: ${run * cell} m vs ${across.toFixed(2)} m`,
      ).to.be.at.most(cell);
      // Along the ray: the farthest shaded cell lies within one cell of H / tan(elevation).
      const alongRay = (run * cell) / (across / length);
      expect(Math.abs(alongRay - length)).to.be.at.most(cell * Math.SQRT2);
    }
  });

  it('leaves a flat plain in the sun, shades everything at night, treats NaN as ground', async () => {
    const width = 120;
    const height = 90;
    const flat = new Float32Array(width * height).fill(2.5);
    for (const sun of [
      { elevationDeg: 60, azimuthDeg: 180 },
      { elevationDeg: 3, azimuthDeg: 95 },
      { elevationDeg: 12, azimuthDeg: 300 },
      { elevationDeg: 89.9, azimuthDeg: 10 },
    ]) {
      expect(count(await shadowMask(flat, width, height, 0.5, sun))).to.equal(0);
    }
    expect(
      count(await shadowMask(flat, width, height, 0.5, { elevationDeg: -5, azimuthDeg: 0 })),
    ).to.equal(width * height);
    expect(
      count(await shadowMask(flat, width, height, 0.5, { elevationDeg: 0, azimuthDeg: 90 })),
    ).to.equal(width * height);
    // A NaN "wall" casts no shadow; a NaN cell behind a real wall is shaded as ground would be.
    const dsm = wallDsm(width, height, { row: 50 }, 10);
    for (let x = 0; x < width; x++) dsm[30 * width + x] = NaN;
    dsm[45 * width + 60] = NaN;
    const mask = await shadowMask(dsm, width, height, 0.5, { elevationDeg: 45, azimuthDeg: 180 });
    // Shadow from row 50 northwards for 10 m = 20 cells (rows 31..49 strictly inside).
    expect(mask[45 * width + 60]).to.equal(1);
    expect(mask[29 * width + 60]).to.equal(0);
    expect(mask[51 * width + 60]).to.equal(0);
    let error: unknown;
    try {
      await shadowMask(flat, width, height + 1, 0.5, { elevationDeg: 30, azimuthDeg: 0 });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(RangeError);
  });

  it('reports progress and stops when aborted', async () => {
    const width = 300;
    const height = 300;
    const dsm = new Float32Array(width * height);
    for (let i = 0; i < dsm.length; i++) dsm[i] = (i * 7919) % 13;
    const shares: number[] = [];
    await shadowMask(
      dsm,
      width,
      height,
      0.5,
      { elevationDeg: 10, azimuthDeg: 135 },
      { onProgress: (s) => shares.push(s) },
    );
    expect(shares[0]).to.equal(0);
    expect(shares[shares.length - 1]).to.equal(1);
    const controller = new AbortController();
    controller.abort();
    let error: unknown;
    try {
      await skyViewFactor(dsm, width, height, 0.5, { signal: controller.signal });
    } catch (e) {
      error = e;
    }
    expect((error as Error).name).to.equal('AbortError');
  });

  it('gives a flat plain the day length in sun hours, within one step', async () => {
    const width = 40;
    const height = 30;
    const flat = new Float32Array(width * height);
    for (const iso of ['2026-06-21T12:00:00Z', '2026-12-21T12:00:00Z', '2026-09-15T12:00:00Z']) {
      const date = new Date(iso);
      const { dayLengthHours } = sunTimes(date, LAT, LON);
      for (const step of [15, 10]) {
        const hours = await sunHours(flat, width, height, 0.5, date, LAT, LON, step);
        expect(hours.every((h) => h === hours[0])).to.equal(true);
        expect(
          Math.abs((hours[0] as number) - dayLengthHours),
          `${iso} step ${step}: ${hours[0]} h vs ${dayLengthHours}`,
        ).to.be.at.most(step / 60);
      }
    }
    // North of an east-west wall there is less sun than south of it.
    const dsm = wallDsm(width, height, { row: 15 }, 6);
    const hours = await sunHours(
      dsm,
      width,
      height,
      0.5,
      new Date('2026-06-21T12:00:00Z'),
      LAT,
      LON,
    );
    const north = hours[14 * width + 20] as number;
    const south = hours[16 * width + 20] as number;
    expect(north).to.be.above(0);
    expect(north).to.be.below(south);
  });

  it('gives SVF 1 on a flat plain and cos(atan(2H/W)) at the centre of a street canyon', async () => {
    const flat = new Float32Array(50 * 40).fill(1);
    const svfFlat = await skyViewFactor(flat, 50, 40, 0.5);
    expect(svfFlat.every((v) => v === 1)).to.equal(true);
    // A canyon 20.5 m wide (41 floor cells of 0.5 m) between blocks 20.5 m high (H/W = 1), 200 m long.
    const cell = 0.5;
    const floor = 41;
    const block = 10;
    const across = floor + 2 * block;
    const along = 401;
    const wallH = floor * cell;
    const ratio = (2 * wallH) / (floor * cell); // 2H/W = 2
    const analytic = 1 / Math.sqrt(1 + ratio * ratio); // cos(atan(2H/W)) = 1/sqrt(5) = 0.4472
    const results: string[] = [];
    for (const northSouth of [true, false]) {
      const width = northSouth ? across : along;
      const height = northSouth ? along : across;
      const dsm = new Float32Array(width * height);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const a = northSouth ? x : y;
          if (a < block || a >= block + floor) dsm[y * width + x] = wallH;
        }
      }
      const centre = northSouth
        ? ((along - 1) / 2) * width + block + (floor - 1) / 2
        : (block + (floor - 1) / 2) * width + (along - 1) / 2;
      const svf = await skyViewFactor(dsm, width, height, cell, { directions: 32 });
      const value = svf[centre] as number;
      results.push(value.toFixed(4));
      // Seen from 1.2 m above the floor (as Tygron's Heat Overlay does) the walls hide less sky.
      const raised = await skyViewFactor(dsm, width, height, cell, {
        directions: 32,
        observerHeightM: 1.2,
      });
      expect(raised[centre] as number).to.be.above(value);
      expect(
        Math.abs(value - analytic),
        `${northSouth ? 'N-S' : 'E-W'} canyon: ${value} vs ${analytic}`,
      ).to.be.below(0.05);
      // On the roofs, with nothing higher around, the sky is open.
      const roof = northSouth ? ((along - 1) / 2) * width + 2 : 2 * width + (along - 1) / 2;
      expect(svf[roof]).to.be.above(0.99);
    }
    console.log(
      `SVF at the canyon centre (H/W = 1, 32 directions): ${results.join(', ')}; analytic ${analytic.toFixed(4)}`,
    );
  });

  it('times shadowMask and skyViewFactor on the Delft DSM size (529 x 458 cells of 0.5 m)', async () => {
    const width = 529;
    const height = 458;
    let dsm: Float32Array;
    let what: string;
    try {
      // The real AHN3 DSM when the shared data folder is next to the repository (outside the root).
      const grid = await readGeoTiff('/__wds-outside-root__/1/shared/data/delft/ahn3-dsm-50cm.tif');
      if (grid.width !== width || grid.height !== height) throw new Error('unexpected size');
      dsm = grid.values;
      what = 'AHN3 DSM of Delft';
    } catch {
      // Else a synthetic town: blocks of 8..24 m high buildings, 12 m streets, on flat ground.
      dsm = new Float32Array(width * height);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const bx = Math.floor(x / 60);
          const by = Math.floor(y / 50);
          const inBlock = x % 60 >= 24 && y % 50 >= 24;
          dsm[y * width + x] = inBlock ? 8 + ((bx * 7 + by * 13) % 17) : 0;
        }
      }
      what = 'synthetic DSM';
    }
    const timings: string[] = [];
    for (const iso of ['2026-06-21T12:00:00Z', '2026-09-15T16:00:00Z']) {
      const sun = sunPosition(new Date(iso), LAT, LON);
      const t0 = performance.now();
      const mask = await shadowMask(dsm, width, height, 0.5, sun, { nodata: -9999 });
      const ms = performance.now() - t0;
      timings.push(
        `shadowMask ${iso} (elevation ${sun.elevationDeg.toFixed(1)}): ${ms.toFixed(0)} ms, ${((100 * count(mask)) / mask.length).toFixed(1)} % shade`,
      );
      expect(count(mask)).to.be.above(0);
    }
    const t0 = performance.now();
    const svf = await skyViewFactor(dsm, width, height, 0.5, { nodata: -9999 });
    const ms = performance.now() - t0;
    let sum = 0;
    for (const v of svf) sum += v;
    timings.push(
      `skyViewFactor (16 directions, 100 m): ${ms.toFixed(0)} ms, mean SVF ${(sum / svf.length).toFixed(3)}`,
    );
    expect(sum / svf.length).to.be.within(0.2, 1);
    console.log(`${what}, ${width} x ${height}: ${timings.join('; ')}`);
  });
});
