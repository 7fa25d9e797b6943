import { expect } from '@open-wc/testing';
import type { FeatureCollection } from 'geojson';
import { html, nothing, render } from 'lit';
import '../../src/define.js';
import type { DtScenario } from '../../src/components/scenario/dt-scenario.js';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';
import type { DtSourceError } from '../../src/core/errors.js';
import { rdToLonLat } from '../../src/core/raster/crs.js';
import { readGeoTiff } from '../../src/core/raster/geotiff.js';
import type { Grid } from '../../src/core/raster/grid.js';
import { rasterizeFeatures } from '../../src/core/raster/rasterize.js';
import { coolPlaces } from '../../src/core/sim/cool-places.js';
import { connectedComponents, distanceTransform } from '../../src/core/sim/distance-transform.js';
import { dutchTimeToUtc, parseClockTime, parseIsoDate } from '../../src/core/sim/dutch-time.js';
import { resampleMean, specOf } from '../../src/core/sim/model-grids.js';
import { statValue, type ScenarioResult } from '../../src/core/sim/scenario-result.js';
import { clearSkyRadiation } from '../../src/core/sim/shade-maps.js';
import { sunPosition, sunTimes } from '../../src/core/sim/sun-position.js';
import { mapOf, TWIN_SIZE } from '../helpers/twin.js';

const DATA = '/src/data/delft';

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

function band(result: ScenarioResult, name: string): Grid {
  return must(result.bands[name], `band ${name}`);
}

function stat(result: ScenarioResult, key: string): number {
  return must(statValue(result, key), `statistic ${key}`);
}

/** The next event of `type` from scenario `id`. */
function next<T>(id: string, type: string): Promise<T> {
  return new Promise((resolve) => {
    const listener = (e: Event) => {
      const detail = (e as CustomEvent<T & { scenarioId: string }>).detail;
      if (detail.scenarioId !== id) return;
      document.removeEventListener(type, listener);
      resolve(detail);
    };
    document.addEventListener(type, listener);
  });
}

const completion = (id: string) =>
  next<{ result: ScenarioResult }>(id, 'dt-scenario-complete').then((d) => d.result);

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Grid centre in WGS 84, [lon, lat]. */
function centre(grid: Grid): [number, number] {
  const [x0, dx, , y0, , dy] = grid.geotransform;
  return rdToLonLat(x0 + (grid.width * dx) / 2, y0 + (grid.height * dy) / 2);
}

describe('shade, sun hours, PET and cool places on the Delft DSM', () => {
  const host = document.createElement('div');
  let twin: DtTwin;
  let footprints: Int32Array;
  let buildings: FeatureCollection;
  let noon: ScenarioResult;
  let pet: ScenarioResult;
  const shadowOf = () => must(twin.querySelector<DtScenario>('#schaduw'), 'shadow scenario');
  const petOf = () => must(twin.querySelector<DtScenario>('#pet'), 'pet scenario');

  before(async function () {
    this.timeout(90000);
    document.body.append(host);
    const shadowDone = completion('schaduw');
    const petDone = completion('pet');
    render(
      html`<dt-twin style=${TWIN_SIZE}>
        <dt-data-source id="ahn" type="geotiff" src="${DATA}/ahn3-dtm-50cm.tif"></dt-data-source>
        <dt-data-source
          id="ahn-dsm"
          type="geotiff"
          src="${DATA}/ahn3-dsm-50cm.tif"
        ></dt-data-source>
        <dt-data-source id="bgt" src="${DATA}/bgt-landcover.geojson"></dt-data-source>
        <dt-data-source id="panden" src="${DATA}/buildings.geojson"></dt-data-source>
        <dt-scenario
          id="schaduw"
          type="shadow"
          dsm="ahn-dsm"
          dem="ahn"
          buildings="panden"
          date="2026-06-21"
          time="13:00"
        ></dt-scenario>
        <dt-scenario
          id="pet"
          type="heat"
          mode="pet"
          dsm="ahn-dsm"
          dem="ahn"
          landcover="bgt"
          buildings="panden"
          date="2026-06-21"
          time="13:00"
        ></dt-scenario>
        <dt-layer source="pet" band="pet" ramp="blue-red" domain="25,45"></dt-layer>
      </dt-twin>`,
      host,
    );
    twin = must(host.querySelector('dt-twin'), 'twin');
    const started = performance.now();
    [noon, pet] = await Promise.all([shadowDone, petDone]);
    const ran = performance.now() - started;
    await mapOf(twin).ready;
    console.log(
      `mounted and ran in ${ran.toFixed(0)} ms (shadow ${noon.elapsedMs.toFixed(0)} ms, PET ${pet.elapsedMs.toFixed(0)} ms)`,
    );
    buildings = (await (await fetch(`${DATA}/buildings.geojson`)).json()) as FeatureCollection;
    footprints = rasterizeFeatures(buildings.features, specOf(band(noon, 'shade')));
  });

  after(() => {
    render(nothing, host);
    host.remove();
  });

  it('shadow at 13:00 on 21 June: the sun of that instant, sun hours within the day, less sun right north of tall buildings', async () => {
    const shade = band(noon, 'shade');
    const hours = band(noon, 'sun-hours').values;
    // 1 m cells by default: the 0.5 m DSM block-averaged.
    expect(shade.geotransform[1]).to.equal(1);
    // 13:00 Dutch summer time is 11:00 UTC.
    const [lon, lat] = centre(shade);
    const sun = sunPosition(new Date('2026-06-21T11:00:00Z'), lat, lon);
    expect(stat(noon, 'sun-elevation')).to.be.closeTo(sun.elevationDeg, 0.1);
    expect(stat(noon, 'sun-azimuth')).to.be.closeTo(sun.azimuthDeg, 0.1);
    expect(noon.parameters['utc']).to.equal('2026-06-21T11:00:00.000Z');

    const day = sunTimes(new Date('2026-06-21T12:00:00Z'), lat, lon).dayLengthHours;
    const step = 0.25; // sun hours count whole 15-minute steps: within one step of the day length
    let max = 0;
    for (const h of hours) {
      if (Number.isNaN(h)) continue;
      expect(h).to.be.within(0, day + step);
      if (h > max) max = h;
    }
    expect(max).to.be.closeTo(day, step);

    // Bare ground (DSM - DTM < 0.5 m, so no tree canopy) at the 1 m cells.
    const [dtm, dsm] = await Promise.all([
      readGeoTiff(`${DATA}/ahn3-dtm-50cm.tif`),
      readGeoTiff(`${DATA}/ahn3-dsm-50cm.tif`),
    ]);
    const ground = resampleMean(dtm, 1).values;
    const surface = resampleMean(dsm, 1).values;
    const bare = (i: number) => (surface[i] as number) - (ground[i] as number) < 0.5;
    const { width, height } = shade;
    const heights = buildings.features.map(
      (f) => Number(f.properties?.['ahn3_h_dak_70p']) - Number(f.properties?.['ahn3_h_maaiveld']),
    );
    // For each column of each building of 10 m or more, the first bare open cell within 3 m north of
    // its northern edge (the cell next to the wall often holds part of the wall in its block mean).
    const north: number[] = [];
    heights.forEach((h, b) => {
      if (!(h >= 10)) return;
      for (let col = 0; col < width; col++) {
        let row = 0;
        while (row < height && footprints[row * width + col] !== b) row++;
        if (row >= height) continue;
        for (let r = row - 1; r >= Math.max(0, row - 3); r--) {
          const i = r * width + col;
          if (footprints[i] !== -1) break;
          if (bare(i)) {
            north.push(i);
            break;
          }
        }
      }
    });
    const toBuildings = distanceTransform(
      Uint8Array.from(footprints, (b) => (b >= 0 ? 1 : 0)),
      width,
      height,
      1,
    );
    const far: number[] = [];
    for (let i = 0; i < hours.length; i++)
      if ((toBuildings[i] as number) > 25 && bare(i) && !Number.isNaN(hours[i] as number))
        far.push(hours[i] as number);
    far.sort((a, b) => a - b);
    const farMedian = far[far.length >> 1] as number;
    const northMean = mean(north.map((i) => hours[i] as number));
    console.log(
      `13:00: sun ${stat(noon, 'sun-elevation').toFixed(3)} / ${stat(noon, 'sun-azimuth').toFixed(3)} deg; ` +
        `sun hours 21 June: day ${day.toFixed(3)} h, max ${max}, open-ground mean ${stat(noon, 'sun-hours-mean').toFixed(2)} h; ` +
        `far bare ground (${far.length} cells) median ${farMedian} h; north of buildings >= 10 m ` +
        `(${north.length} cells) mean ${northMean.toFixed(2)} h; ` +
        `shade at 13:00 ${stat(noon, 'shade-share').toFixed(1)} %`,
    );
    expect(north.length).to.be.greaterThan(3);
    expect(far.length).to.be.greaterThan(100);
    expect(farMedian).to.be.greaterThan(northMean + 2);
  });

  it('changing time to 19:00 reruns: more open ground in shade than at midday', async function () {
    this.timeout(60000);
    const evening = completion('schaduw');
    shadowOf().setAttribute('time', '19:00');
    const result = await evening;
    const [lon, lat] = centre(band(result, 'shade'));
    const sun = sunPosition(new Date('2026-06-21T17:00:00Z'), lat, lon);
    expect(stat(result, 'sun-elevation')).to.be.closeTo(sun.elevationDeg, 0.1);
    // The same day: the same sun hours (kept from the first run, not cast again).
    const [before, after] = [band(noon, 'sun-hours').values, band(result, 'sun-hours').values];
    expect(after.every((h, i) => Object.is(h, before[i]))).to.equal(true);
    // The shaded share of open ground, recomputed from the band and the footprints.
    const share = (r: ScenarioResult) => {
      const values = band(r, 'shade').values;
      let [open, shaded] = [0, 0];
      values.forEach((v, i) => {
        if (Number.isNaN(v) || (footprints[i] as number) >= 0) return;
        open++;
        shaded += v;
      });
      return (100 * shaded) / open;
    };
    expect(stat(noon, 'shade-share')).to.be.closeTo(share(noon), 1e-9);
    expect(stat(result, 'shade-share')).to.be.closeTo(share(result), 1e-9);
    console.log(
      `open ground in shade: ${share(noon).toFixed(1)} % at 13:00, ${share(result).toFixed(1)} % at 19:00 ` +
        `(sun ${stat(result, 'sun-elevation').toFixed(2)} deg)`,
    );
    expect(share(result)).to.be.greaterThan(share(noon) + 10);
  });

  it('PET: shade is cooler; cool places obey the rule; building distances equal brute force', () => {
    const petValues = band(pet, 'pet').values;
    const shade = band(pet, 'shade').values;
    const cool = band(pet, 'cool-place');
    const { width, height } = cool;
    const cellArea = cool.geotransform[1] ** 2;
    const [inShade, inSun]: number[][] = [[], []];
    petValues.forEach((p, i) => {
      if (Number.isNaN(p)) return;
      expect(footprints[i]).to.equal(-1); // no PET on roofs
      (shade[i] === 1 ? inShade : inSun).push(p);
    });
    expect(inShade.length).to.be.greaterThan(1000);
    expect(inSun.length).to.be.greaterThan(1000);
    expect(mean(inShade)).to.be.lessThan(mean(inSun) - 3);

    // Every cool-place cell has PET <= 35; every 8-connected area of them is >= 200 m2.
    const mask = Uint8Array.from(cool.values, (v) => (v === 1 ? 1 : 0));
    mask.forEach((m, i) => {
      if (m) expect(petValues[i]).to.be.at.most(35);
    });
    const { sizes } = connectedComponents(mask, width, height);
    const areas = sizes.slice(1).map((s) => s * cellArea);
    expect(areas.length).to.be.greaterThan(0);
    for (const a of areas) expect(a).to.be.at.least(200);
    expect(stat(pet, 'cool-places')).to.equal(areas.length);
    expect(stat(pet, 'cool-place-area')).to.equal(areas.reduce((a, b) => a + b, 0));

    // Distance from each building's nearest footprint cell to the nearest cool cell, by brute force.
    const distances = must(pet.buildingValues?.['cool-distance-m'], 'cool-distance-m');
    expect(distances.length).to.equal(buildings.features.length);
    const coolCells: [number, number][] = [];
    mask.forEach((m, i) => m && coolCells.push([i % width, Math.floor(i / width)]));
    const checked = [0, 31, 77, 120, 159].filter((b) => footprints.includes(b));
    for (const b of checked) {
      let best = Infinity;
      footprints.forEach((f, i) => {
        if (f !== b) return;
        const [c, r] = [i % width, Math.floor(i / width)];
        for (const [cc, rc] of coolCells) best = Math.min(best, Math.hypot(cc - c, rc - r));
      });
      expect(distances[b]).to.be.closeTo(best * Math.sqrt(cellArea), 1e-3);
    }
    expect(checked.length).to.be.greaterThan(3);
    const counted = [...distances].filter((d) => !Number.isNaN(d));
    const near = (100 * counted.filter((d) => d <= 300).length) / counted.length;
    expect(stat(pet, 'homes-near-cool-place')).to.be.closeTo(near, 1e-9);
    console.log(
      `PET 13:00: shade ${mean(inShade).toFixed(2)} C (${inShade.length} cells), sun ${mean(inSun).toFixed(2)} C ` +
        `(${inSun.length}); open-ground mean ${stat(pet, 'pet-mean').toFixed(2)}, max ${stat(pet, 'pet-max').toFixed(2)}, ` +
        `>= 35 C ${stat(pet, 'pet-strong-area')} m2; radiation ${String(pet.parameters['radiation'])} W/m2; ` +
        `cool places ${areas.length} (${stat(pet, 'cool-place-area')} m2); buildings within 300 m ${near.toFixed(1)} % ` +
        `of ${counted.length}; mean distance ${stat(pet, 'cool-distance-mean').toFixed(1)} m, ` +
        `largest ${Math.max(...counted).toFixed(1)} m; areas ${areas.join(', ')} m2`,
    );
  });

  it('a bad date gives dt-scenario-error naming date; the twin keeps working', async function () {
    this.timeout(60000);
    const failed = next<{ error: DtSourceError }>('pet', 'dt-scenario-error');
    petOf().setAttribute('date', '2026-13-45');
    const { error } = await failed;
    expect(error.code).to.equal('invalid-parameter');
    expect(error.reason).to.contain('date');
    expect(petOf().result).to.equal(pet); // the last good result stays
    // The other scenario still runs: back to 13:00 gives the first result again.
    const again = completion('schaduw');
    shadowOf().setAttribute('time', '13:00');
    const result = await again;
    expect(stat(result, 'shade-share')).to.equal(stat(noon, 'shade-share'));
  });
});

describe('Dutch clock time, clear-sky radiation and cool places (pure functions)', () => {
  it('Dutch time to UTC around the summer-time switches, as the browser zone data says', () => {
    const utc = (d: string, t: string) => {
      const date = must(parseIsoDate(d), d);
      return dutchTimeToUtc({ ...date, ...must(parseClockTime(t), t) }).toISOString();
    };
    expect(utc('2026-06-21', '13:00')).to.equal('2026-06-21T11:00:00.000Z');
    expect(utc('2026-12-21', '12:45')).to.equal('2026-12-21T11:45:00.000Z');
    expect(utc('2026-03-29', '01:59')).to.equal('2026-03-29T00:59:00.000Z'); // CET
    expect(utc('2026-03-29', '03:00')).to.equal('2026-03-29T01:00:00.000Z'); // CEST
    expect(utc('2026-03-29', '02:30')).to.equal('2026-03-29T01:30:00.000Z'); // skipped: read as CET
    expect(utc('2026-10-25', '02:30')).to.equal('2026-10-25T00:30:00.000Z'); // repeated: the first
    expect(utc('2026-10-25', '03:00')).to.equal('2026-10-25T02:00:00.000Z'); // CET again
    // Against the browser's own Europe/Amsterdam data, noon and evening through 2026 and 2031.
    const clock = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Amsterdam',
      dateStyle: 'short',
      timeStyle: 'short',
    });
    for (const year of [2026, 2031])
      for (let day = 0; day < 366; day += 3) {
        const date = new Date(Date.UTC(year, 0, 1 + day)).toISOString().slice(0, 10);
        for (const time of ['12:00', '19:30'])
          expect(clock.format(new Date(utc(date, time)))).to.equal(`${date} ${time}`);
      }
    for (const bad of ['2026-13-45', '2026-02-30', '26-06-21', '2026-6-21'])
      expect(parseIsoDate(bad), bad).to.equal(undefined);
    for (const bad of ['24:00', '12:60', '1300', '12:5'])
      expect(parseClockTime(bad), bad).to.equal(undefined);
  });

  it('clear-sky radiation and cool places on a small grid, worked by hand', () => {
    // Haurwitz: 1098 sin(e) exp(-0.059 / sin(e)); at 30 degrees 549 exp(-0.118) = 487.90.
    expect(clearSkyRadiation(30)).to.be.closeTo(487.9, 0.01);
    expect(clearSkyRadiation(0)).to.equal(0);
    expect(clearSkyRadiation(-4)).to.equal(0);
    // 30 x 20 cells of 1 m at PET 40, a cool 15 x 15 block (225 m2, PET 30) in the north-west
    // corner, a cool 10 x 10 block (100 m2, PET 34) in the south-east; building 0 on cells
    // (25..27, 0..2), building 1 on cell (17, 18) with PET 20 (roofs never count).
    const [w, h] = [30, 20];
    const pet = new Float32Array(w * h).fill(40);
    const footprints = new Int32Array(w * h).fill(-1);
    for (let r = 0; r < h; r++)
      for (let c = 0; c < w; c++) {
        if (c < 15 && r < 15) pet[r * w + c] = 30;
        if (c >= 20 && r >= 10) pet[r * w + c] = 34;
        if (c >= 25 && c <= 27 && r <= 2) footprints[r * w + c] = 0;
      }
    footprints[18 * w + 17] = 1;
    pet[18 * w + 17] = 20;
    const big = coolPlaces({ pet, width: w, height: h, cellSizeM: 1, footprints, walkM: 8 });
    expect([big.count, big.areaM2]).to.deep.equal([1, 225]);
    expect([...big.distanceM]).to.deep.equal([11, 5]); // (25, r) to (14, r); (17, 18) to (14, 14)
    expect(big.nearSharePercent).to.equal(50);
    const both = coolPlaces({
      pet,
      width: w,
      height: h,
      cellSizeM: 1,
      footprints,
      walkM: 8,
      minAreaM2: 100,
    });
    expect([both.count, both.areaM2]).to.deep.equal([2, 325]);
    expect([...both.distanceM]).to.deep.equal([8, 3]); // (25, 2) to (25, 10); (17, 18) to (20, 18)
    expect(both.nearSharePercent).to.equal(100);
    expect(both.meanDistanceM).to.equal(5.5);
    const none = coolPlaces({ pet, width: w, height: h, cellSizeM: 1, footprints, maxPetC: 25 });
    expect(none.count).to.equal(0);
    expect([...none.distanceM]).to.deep.equal([Infinity, Infinity]);
    expect(none.nearSharePercent).to.equal(0);
  });
});
