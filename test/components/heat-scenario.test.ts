import { expect } from '@open-wc/testing';
import { html } from 'lit';
import type { DtSourceError } from '../../src/core/errors.js';
import { gridToGeoTiff } from '../../src/core/export/index.js';
import { rdToLonLat } from '../../src/core/raster/crs.js';
import { readGeoTiff } from '../../src/core/raster/geotiff.js';
import type { Grid } from '../../src/core/raster/grid.js';
import { wbgt } from '../../src/core/sim/heat-invest.js';
import { bandGeoTiff } from '../../src/core/sim/scenario-export.js';
import { statValue, type ScenarioResult } from '../../src/core/sim/scenario-result.js';
import '../../src/components/edit/define.js';
import { mountTwin, nextEvent, TWIN_SIZE } from '../helpers/twin.js';

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

/** The next completed run of scenario `id`. */
function completion(id: string): Promise<ScenarioResult> {
  return new Promise((resolve) => {
    const listener = (e: Event) => {
      const detail = (e as CustomEvent<{ scenarioId: string; result: ScenarioResult }>).detail;
      if (detail.scenarioId !== id) return;
      document.removeEventListener('dt-scenario-complete', listener);
      resolve(detail.result);
    };
    document.addEventListener('dt-scenario-complete', listener);
  });
}

/** Block means of a 0.5 m grid at `factor` cells (same origin), NaN where a block has no value. */
function blockMean(grid: Grid, factor: number): Float32Array {
  const w = Math.ceil(grid.width / factor);
  const h = Math.ceil(grid.height / factor);
  const sum = new Float64Array(w * h);
  const count = new Uint32Array(w * h);
  for (let r = 0; r < grid.height; r++) {
    for (let c = 0; c < grid.width; c++) {
      const v = grid.values[r * grid.width + c] as number;
      if (!Number.isFinite(v) || v === grid.nodata) continue;
      const i = Math.floor(r / factor) * w + Math.floor(c / factor);
      sum[i] = (sum[i] as number) + v;
      count[i] = (count[i] as number) + 1;
    }
  }
  return Float32Array.from(sum, (s, i) => (count[i] ? s / (count[i] as number) : NaN));
}

/** A polygon ring (WGS 84) of the RD New rectangle [x0, y0] - [x1, y1], as a geometry attribute. */
function rdRectangle(x0: number, y0: number, x1: number, y1: number): string {
  const ring = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ].map(([x, y]) => rdToLonLat(x as number, y as number));
  return JSON.stringify({ type: 'Polygon', coordinates: [ring] });
}

/** A flat 1 km x 1 km DTM at 5 m cells (RD New, lower left 84000, 448000) as a GeoTIFF blob URL. */
async function flatDtmUrl(): Promise<string> {
  const bytes = await gridToGeoTiff({
    width: 200,
    height: 200,
    values: new Float32Array(200 * 200),
    geotransform: [84000, 5, 0, 449000, 0, -5],
    crs: 'EPSG:28992',
    nodata: undefined,
  });
  return URL.createObjectURL(new Blob([bytes], { type: 'image/tiff' }));
}

describe('heat scenario (InVEST Urban Cooling on the twin)', () => {
  it('runs on the Delft land cover and canopy: temperatures in range, WBGT by its formula, canopy from DSM - DTM', async function () {
    this.timeout(90000);
    const done = completion('hitte');
    await mountTwin(
      html`<dt-twin style=${TWIN_SIZE}>
        <dt-data-source id="ahn" type="geotiff" src="${DATA}/ahn3-dtm-50cm.tif"></dt-data-source>
        <dt-data-source id="dsm" type="geotiff" src="${DATA}/ahn3-dsm-50cm.tif"></dt-data-source>
        <dt-data-source id="bgt" src="${DATA}/bgt-landcover.geojson"></dt-data-source>
        <dt-data-source id="panden" src="${DATA}/buildings.geojson"></dt-data-source>
        <dt-scenario
          id="hitte"
          type="heat"
          dem="ahn"
          dsm="dsm"
          landcover="bgt"
          buildings="panden"
          t-ref="30"
          uhi-max="3"
          humidity="60"
        ></dt-scenario>
        <dt-layer source="hitte" band="t-air" ramp="blue-red"></dt-layer>
      </dt-twin>`,
    );
    const result = await done;
    expect(result.model).to.equal('heat-invest');
    const tAir = band(result, 't-air').values;
    const w = band(result, 'wbgt').values;
    let checked = 0;
    for (let i = 0; i < tAir.length; i++) {
      const t = tAir[i] as number;
      if (t !== t) continue;
      expect(t).to.be.within(30 - 1e-4, 33 + 1e-4);
      expect(w[i]).to.be.closeTo(wbgt(t, 60), 1e-3);
      checked++;
    }
    expect(checked).to.be.greaterThan(5000);
    expect(stat(result, 't-air-mean')).to.be.within(30, 33);
    expect(stat(result, 't-air-max')).to.be.at.least(stat(result, 't-air-mean'));

    // Canopy (shade 1) only where the 2 m block mean of DSM - DTM exceeds 2 m.
    const [dtm, dsm] = await Promise.all([
      readGeoTiff(`${DATA}/ahn3-dtm-50cm.tif`),
      readGeoTiff(`${DATA}/ahn3-dsm-50cm.tif`),
    ]);
    const ground = blockMean(dtm, 4);
    const surface = blockMean(dsm, 4);
    const shade = band(result, 'shade').values;
    let canopy = 0;
    for (let i = 0; i < shade.length; i++) {
      if (shade[i] !== 1) continue;
      canopy++;
      expect((surface[i] as number) - (ground[i] as number)).to.be.greaterThan(2);
    }
    expect(canopy).to.be.greaterThan(50);
    expect(stat(result, 'canopy-area')).to.equal(canopy * 4);

    // Green and shaded cells mitigate more heat than the rest.
    const hm = band(result, 'hm').values;
    const green = band(result, 'green').values;
    let [gSum, gN, oSum, oN] = [0, 0, 0, 0];
    for (let i = 0; i < hm.length; i++) {
      const v = hm[i] as number;
      if (v !== v) continue;
      if (green[i] === 1) [gSum, gN] = [gSum + v, gN + 1];
      else [oSum, oN] = [oSum + v, oN + 1];
    }
    expect(gSum / gN).to.be.greaterThan(oSum / oN);

    // Per building: the mean air temperature over its footprint.
    const perBuilding = must(result.buildingValues?.['t-air'], 'per-building t-air');
    expect(perBuilding.length).to.equal(160);
    const finite = [...perBuilding].filter(Number.isFinite);
    expect(finite.length).to.be.greaterThan(150);
    for (const t of finite) expect(t).to.be.within(30, 33);

    // The export writes the air temperature as a GeoTIFF that reads back cell for cell.
    const tiff = await readGeoTiff(await bandGeoTiff(result));
    expect([tiff.width, tiff.height]).to.deep.equal([
      band(result, 't-air').width,
      band(result, 't-air').height,
    ]);
    for (let i = 0; i < tAir.length; i += 101) {
      const t = tAir[i] as number;
      if (t === t) expect(tiff.values[i]).to.equal(t);
      else expect(Number.isNaN(tiff.values[i])).to.equal(true);
    }
  });

  it('a bad parameter gives dt-scenario-error naming it; the flood next to it still runs', async function () {
    this.timeout(60000);
    const error = nextEvent<CustomEvent<{ scenarioId: string; error: DtSourceError }>>(
      document,
      'dt-scenario-error',
    );
    const flood = completion('vloed');
    await mountTwin(
      html`<dt-twin style=${TWIN_SIZE}>
        <dt-data-source id="ahn" type="geotiff" src="${DATA}/ahn3-dtm-50cm.tif"></dt-data-source>
        <dt-scenario id="hitte" type="heat" dem="ahn" t-ref="warm"></dt-scenario>
        <dt-scenario id="vloed" type="flood" dem="ahn" water-level="0.5"></dt-scenario>
      </dt-twin>`,
    );
    const { detail } = await error;
    expect(detail.scenarioId).to.equal('hitte');
    expect(detail.error.code).to.equal('invalid-parameter');
    expect(detail.error.reason).to.contain('t-ref');
    expect((await flood).stats.length).to.be.greaterThan(0);
  });

  it('a park of more than 2 ha cools its surroundings, less with distance (before, after and change bands)', async function () {
    this.timeout(60000);
    const dtm = await flatDtmUrl();
    const done = completion('park');
    // A 150 m x 150 m park (2.25 ha) in the middle of a paved square kilometre.
    await mountTwin(
      html`<dt-twin style=${TWIN_SIZE}>
        <dt-data-source id="vlak" type="geotiff" src=${dtm}></dt-data-source>
        <dt-scenario id="park" type="heat" dem="vlak" cell-size="5">
          <dt-edit
            action="add-park"
            geometry=${rdRectangle(84425, 448425, 84575, 448575)}
          ></dt-edit>
        </dt-scenario>
      </dt-twin>`,
    );
    const result = await done;
    URL.revokeObjectURL(dtm);
    const change = band(result, 't-air-change').values;
    const before = band(result, 't-air-before').values;
    const after = band(result, 't-air').values;
    for (let i = 0; i < change.length; i += 997)
      expect(change[i]).to.be.closeTo((after[i] as number) - (before[i] as number), 1e-6);
    // Along the middle row, from the park's centre (column 100) eastwards past its edge (column 115).
    const row = 100 * 200;
    const samples = [100, 118, 130, 150, 180].map((col) => change[row + col] as number);
    expect(samples[0]).to.be.below(-0.01);
    for (let k = 1; k < samples.length; k++)
      expect(samples[k], `change at sample ${k}: ${samples}`).to.be.greaterThan(
        samples[k - 1] as number,
      );
    expect(samples[samples.length - 1]).to.be.at.most(0);
    const base = must(result.baseline, 'baseline');
    expect(stat(result, 't-air-mean')).to.be.below(stat(base, 't-air-mean'));
    expect(stat(result, 'green-area') - stat(base, 'green-area')).to.be.closeTo(22500, 1000);
  });

  it('removing green warms; a green roof changes runoff and not shade', async function () {
    this.timeout(120000);
    const bgt = (await (await fetch(`${DATA}/bgt-landcover.geojson`)).json()) as {
      features: { properties: Record<string, unknown>; geometry: { coordinates: number[][][] } }[];
    };
    // The largest green polygon of the data (by the extent of its outer ring).
    const green = bgt.features
      .filter((f) => f.properties['bgt_laag'] === 'begroeidterreindeel')
      .map((f) => {
        const ring = f.geometry.coordinates[0] ?? [];
        const xs = ring.map((p) => p[0] as number);
        const ys = ring.map((p) => p[1] as number);
        const size = (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
        return { geometry: f.geometry, size };
      })
      .sort((a, b) => b.size - a.size)[0];
    const removeGreen = JSON.stringify(must(green, 'a green polygon').geometry);
    // The whole test area: every roof becomes green.
    const everywhere = rdRectangle(84800, 447400, 85100, 447700);
    const results = new Map<string, Promise<ScenarioResult>>(
      ['grijs', 'dak-hitte', 'dak-regen'].map((id) => [id, completion(id)]),
    );
    await mountTwin(
      html`<dt-twin style=${TWIN_SIZE}>
        <dt-data-source id="ahn" type="geotiff" src="${DATA}/ahn3-dtm-50cm.tif"></dt-data-source>
        <dt-data-source id="dsm" type="geotiff" src="${DATA}/ahn3-dsm-50cm.tif"></dt-data-source>
        <dt-data-source id="bgt" src="${DATA}/bgt-landcover.geojson"></dt-data-source>
        <dt-data-source id="panden" src="${DATA}/buildings.geojson"></dt-data-source>
        <dt-scenario id="grijs" type="heat" dem="ahn" dsm="dsm" landcover="bgt" buildings="panden">
          <dt-edit action="remove-green" geometry=${removeGreen}></dt-edit>
        </dt-scenario>
        <dt-scenario
          id="dak-hitte"
          type="heat"
          dem="ahn"
          dsm="dsm"
          landcover="bgt"
          buildings="panden"
        >
          <dt-edit action="green-roof" geometry=${everywhere}></dt-edit>
        </dt-scenario>
        <dt-scenario
          id="dak-regen"
          type="rain"
          dem="ahn"
          landcover="bgt"
          buildings="panden"
          intensity="40"
          duration="600"
          output-interval="600"
          cell-size="4"
        >
          <dt-edit action="green-roof" geometry=${everywhere}></dt-edit>
        </dt-scenario>
      </dt-twin>`,
    );
    const [grey, roofHeat, roofRain] = await Promise.all([...results.values()].map((p) => p));
    const warmer = band(must(grey, 'grijs'), 't-air-change').values;
    let max = -Infinity;
    let min = Infinity;
    for (const v of warmer) {
      if (v !== v) continue;
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
    expect(max).to.be.greaterThan(1e-3);
    expect(min).to.be.at.least(-1e-6);
    const greyResult = must(grey, 'grijs');
    expect(stat(greyResult, 't-air-mean')).to.be.greaterThan(
      stat(must(greyResult.baseline, 'baseline'), 't-air-mean'),
    );

    const shadeChange = band(must(roofHeat, 'dak-hitte'), 'shade-change').values;
    expect([...shadeChange].every((v) => v === 0 || v !== v)).to.equal(true);
    const rain = must(roofRain, 'dak-regen');
    const rainBefore = must(rain.baseline, 'rain baseline');
    expect(stat(rain, 'roof-rain-volume')).to.be.closeTo(
      stat(rainBefore, 'roof-rain-volume'),
      1e-6,
    );
    // 40 mm/h for 10 minutes is 6.7 mm: the green roofs (30 mm) hold all of it.
    expect(stat(rainBefore, 'roof-runoff-volume')).to.be.greaterThan(0);
    expect(stat(rain, 'roof-runoff-volume')).to.be.closeTo(0, 1e-6);
    expect(stat(rain, 'green-roof-retained')).to.be.closeTo(stat(rain, 'roof-rain-volume'), 1e-6);
  });
});
