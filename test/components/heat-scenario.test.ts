import { expect } from '@open-wc/testing';
import { html } from 'lit';
import type { DtSourceError } from '../../src/core/errors.js';
import { gridToGeoTiff } from '../../src/core/export/index.js';
import { rdToLonLat } from '../../src/core/raster/crs.js';
import { readGeoTiff } from '../../src/core/raster/geotiff.js';
import type { Grid } from '../../src/core/raster/grid.js';
import { wbgt } from '../../src/core/sim/heat-invest.js';
import { statValue, type ScenarioResult } from '../../src/core/sim/scenario-result.js';
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
});

export { gridToGeoTiff, rdToLonLat };
