import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import type { DtScenario } from '../../src/components/scenario/dt-scenario.js';
import type { DtSourceError } from '../../src/core/errors.js';
import { gridToGeoTiff } from '../../src/core/export/index.js';
import { readGeoTiff } from '../../src/core/raster/geotiff.js';
import {
  depthGeoTiff,
  floodedBuildingsGeoJson,
  statsCsv,
} from '../../src/core/sim/scenario-export.js';
import { statValue, type ScenarioResult } from '../../src/core/sim/scenario-result.js';
import { mountTwin, nextEvent, TWIN_SIZE } from '../helpers/twin.js';

const DATA = '/src/data/delft';
const INPUTS = html`<dt-data-source
    id="ahn"
    type="geotiff"
    src="${DATA}/ahn3-dtm-50cm.tif"
  ></dt-data-source>
  <dt-data-source id="bgt" src="${DATA}/bgt-landcover.geojson"></dt-data-source>
  <dt-data-source id="panden" src="${DATA}/buildings.geojson"></dt-data-source>`;

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

function stat(result: ScenarioResult, key: string): number {
  return must(statValue(result, key), `statistic ${key}`);
}

function completion(target: EventTarget): Promise<ScenarioResult> {
  return nextEvent<CustomEvent<{ result: ScenarioResult }>>(target, 'dt-scenario-complete').then(
    (e) => e.detail.result,
  );
}

describe('time-stepping scenarios in a worker', () => {
  it('a breach fills the area from a hydrograph: progress, snapshots for the timeline, volumes that balance', async function () {
    this.timeout(120000);
    const progress: number[] = [];
    const onProgress = (e: Event) => progress.push((e as CustomEvent).detail.share);
    document.addEventListener('dt-scenario-progress', onProgress);
    const done = completion(document);
    const { twin } = await mountTwin(
      html`<dt-twin style=${TWIN_SIZE} lang="nl">
        ${INPUTS}
        <dt-scenario
          id="bres"
          type="flood"
          mode="breach"
          dem="ahn"
          landcover="bgt"
          buildings="panden"
          breach="84930,447500"
          breach-width="6"
          hydrograph="[[0,0],[120,3],[480,3],[600,0]]"
          duration="900"
          output-interval="150"
        ></dt-scenario>
        <dt-layer source="bres" band="depth" ramp="blues"></dt-layer>
      </dt-twin>`,
    );
    const result = await done;
    document.removeEventListener('dt-scenario-progress', onProgress);
    expect(result.model).to.equal('flood-breach');
    expect(result.times).to.deep.equal([150, 300, 450, 600, 750, 900]);
    // The hydrograph's volume: 0.5*120*3 + 360*3 + 0.5*120*3 = 1440 m3.
    expect(stat(result, 'inflow-volume')).to.be.closeTo(1440, 1440 * 1e-6);
    expect(Math.abs(stat(result, 'mass-balance-error'))).to.be.below(1e-6);
    expect(stat(result, 'stored-volume') + stat(result, 'outflow-volume')).to.be.closeTo(
      1440,
      1e-3,
    );
    expect(stat(result, 'flooded-area')).to.be.greaterThan(0);
    expect(progress.length).to.be.greaterThan(0);
    expect(progress.every((p) => p >= 0 && p <= 1)).to.equal(true);

    // The timeline plays the snapshots: moving it shows another depth grid.
    const scenario = must(twin.querySelector<DtScenario>('#bres'), 'scenario');
    await twin.updateComplete;
    const panel = must(twin.shadowRoot?.querySelector('dt-scenario-panel'), 'panel');
    await panel.updateComplete;
    expect(panel.shadowRoot?.querySelector('dt-timeline')).to.not.equal(null);
    const wetCells = (grid: { values: Float32Array } | undefined) =>
      must(grid, 'depth band').values.filter((d) => d > 0).length;
    scenario.time = 150;
    const early = wetCells(scenario.bands['depth']);
    scenario.time = 900;
    const late = wetCells(scenario.bands['depth']);
    expect(late).to.be.greaterThan(early);
    expect(early).to.be.greaterThan(0);

    // The exports: depth as GeoTIFF (read back: the max-depth band), statistics as CSV, buildings as GeoJSON.
    const tiff = await readGeoTiff(await depthGeoTiff(result));
    const band = must(result.bands['max-depth'], 'max-depth');
    expect([tiff.width, tiff.height, tiff.crs]).to.deep.equal([
      band.width,
      band.height,
      'EPSG:28992',
    ]);
    expect(tiff.geotransform).to.deep.equal(band.geotransform);
    const same = band.values.every((v, i) =>
      Number.isNaN(v) ? Number.isNaN(tiff.values[i] as number) : v === tiff.values[i],
    );
    expect(same, 'GeoTIFF values equal the band').to.equal(true);
    const csv = statsCsv(result);
    expect(csv.split('\r\n')[0]).to.equal('kind,key,value,unit');
    expect(csv).to.contain('statistic,inflow-volume,').and.contain('parameter,hydrograph,');
    const geojson = JSON.parse(floodedBuildingsGeoJson(scenario.data?.features ?? [], 'bres'));
    expect(geojson.features.length).to.equal(stat(result, 'buildings-flooded'));
  });

  it('cancel stops a run: no result, no error, the scenario is no longer loading', async function () {
    this.timeout(60000);
    const errors: Event[] = [];
    document.addEventListener('dt-scenario-error', (e) => errors.push(e));
    let completed = false;
    document.addEventListener('dt-scenario-complete', () => (completed = true), { once: true });
    const firstProgress = nextEvent(document, 'dt-scenario-progress');
    // Not mountTwin: the map's first frame would wait for this run to settle.
    const twin = await fixture<HTMLElement>(
      html`<dt-twin style=${TWIN_SIZE}>
        ${INPUTS}
        <dt-scenario
          id="lang"
          type="flood"
          mode="breach"
          dem="ahn"
          breach="84930,447500"
          hydrograph="[[0,20]]"
          duration="200000"
        ></dt-scenario>
      </dt-twin>`,
    );
    const scenario = must(twin.querySelector<DtScenario>('#lang'), 'scenario');
    await firstProgress;
    expect(scenario.state).to.equal('loading');
    scenario.cancel();
    expect(scenario.state).to.equal('idle');
    await new Promise((r) => setTimeout(r, 500));
    expect(completed).to.equal(false);
    expect(errors.length).to.equal(0);
    expect(scenario.result).to.equal(undefined);
  });

  it('rain with curve-number infiltration and green roofs balances its water', async function () {
    this.timeout(120000);
    const done = completion(document);
    await mountTwin(
      html`<dt-twin style=${TWIN_SIZE}>
        ${INPUTS}
        <dt-scenario
          id="bui"
          type="rain"
          dem="ahn"
          landcover="bgt"
          buildings="panden"
          intensity="60"
          rain-duration="600"
          duration="900"
          green-roof-storage="4"
        ></dt-scenario>
      </dt-twin>`,
    );
    const result = await done;
    expect(result.model).to.equal('rain');
    expect(stat(result, 'rain-depth')).to.be.closeTo(10, 1e-9);
    expect(stat(result, 'rain-volume')).to.be.greaterThan(0);
    expect(stat(result, 'infiltration-volume')).to.be.greaterThan(0);
    expect(stat(result, 'infiltration-volume')).to.be.lessThan(stat(result, 'rain-volume'));
    expect(Math.abs(stat(result, 'mass-balance-error'))).to.be.below(1e-6);
    // 4 of the 10 mm on the roofs stay on green roofs.
    expect(stat(result, 'green-roof-retained')).to.be.closeTo(
      stat(result, 'roof-rain-volume') * 0.4,
      1e-6,
    );
  });
});

describe('bad scenario parameters', () => {
  it('each give dt-scenario-error with the reason, and a good scenario in the same twin still runs', async function () {
    this.timeout(120000);
    // A DEM with a hole (NaN): the time-stepping models refuse it.
    const values = new Float32Array(40 * 40).fill(1);
    values[805] = NaN;
    const tiff = await gridToGeoTiff({
      width: 40,
      height: 40,
      values,
      geotransform: [84900, 1, 0, 447540, 0, -1],
      crs: 'EPSG:28992',
      nodata: undefined,
    });
    const holeUrl = URL.createObjectURL(new Blob([tiff], { type: 'image/tiff' }));
    const errors = new Map<string, DtSourceError>();
    const onError = (e: Event) => {
      const { scenarioId, error } = (e as CustomEvent).detail;
      errors.set(scenarioId, error);
    };
    document.addEventListener('dt-scenario-error', onError);
    const good = completion(document);
    try {
      await mountTwin(
        html`<dt-twin style=${TWIN_SIZE}>
          ${INPUTS}
          <dt-data-source id="gat" type="geotiff" src=${holeUrl}></dt-data-source>
          <dt-scenario id="geen-dem" type="flood" dem="bestaat-niet"></dt-scenario>
          <dt-scenario
            id="buiten"
            type="flood"
            mode="breach"
            dem="ahn"
            breach="1000,1000"
            hydrograph="[[0,1]]"
          ></dt-scenario>
          <dt-scenario
            id="terug"
            type="flood"
            mode="breach"
            dem="ahn"
            breach="84930,447500"
            hydrograph="[[0,1],[600,2],[300,1]]"
          ></dt-scenario>
          <dt-scenario
            id="negatief"
            type="rain"
            dem="ahn"
            intensity="30"
            duration="-60"
          ></dt-scenario>
          <dt-scenario
            id="nan"
            type="flood"
            mode="breach"
            dem="gat"
            breach="84920,447520"
            hydrograph="[[0,1]]"
            cell-size="1"
          ></dt-scenario>
          <dt-scenario
            id="goed"
            type="flood"
            dem="ahn"
            landcover="bgt"
            flood-from="water"
            water-level="0.2"
          ></dt-scenario>
        </dt-twin>`,
      );
      const result = await good;
      expect(stat(result, 'flooded-area')).to.be.greaterThan(0);
      await new Promise((r) => setTimeout(r, 200));
      const expected: Record<string, [string, string]> = {
        'geen-dem': ['missing-input', 'bestaat-niet'],
        buiten: ['invalid-parameter', 'outside the grid'],
        terug: ['invalid-parameter', 'times must increase'],
        negatief: ['invalid-parameter', 'duration'],
        nan: ['invalid-parameter', 'without a value'],
      };
      expect([...errors.keys()].sort()).to.deep.equal(Object.keys(expected).sort());
      for (const [id, [code, text]] of Object.entries(expected)) {
        const error = must(errors.get(id), id);
        expect(error.code, id).to.equal(code);
        expect(error.sourceId).to.equal(id);
        expect(error.message, id).to.contain(id).and.contain(text);
      }
    } finally {
      document.removeEventListener('dt-scenario-error', onError);
      URL.revokeObjectURL(holeUrl);
    }
  });
});
