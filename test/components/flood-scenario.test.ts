import { expect } from '@open-wc/testing';
import { html } from 'lit';
import type { DtScenario } from '../../src/components/scenario/dt-scenario.js';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';
import type { Grid } from '../../src/core/raster/grid.js';
import { rasterizeFeatures } from '../../src/core/raster/rasterize.js';
import { floodFillAt, quantiseDem } from '../../src/core/sim/bathtub.js';
import { demValues, specOf } from '../../src/core/sim/model-grids.js';
import { statValue, type ScenarioResult } from '../../src/core/sim/scenario-result.js';
import { axeViolations } from '../helpers/axe.js';
import { captureFrame } from '../helpers/frame.js';
import { mountTwin, nextEvent, TWIN_SIZE } from '../helpers/twin.js';

const DATA = '/src/data/delft';

/** The value, or a failed assertion naming what was missing. */
function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

/** Sets a property of the scenario and waits for the run it starts. */
async function rerun(scenario: DtScenario, change: () => void): Promise<ScenarioResult> {
  const done = nextEvent<CustomEvent<{ result: ScenarioResult }>>(scenario, 'dt-scenario-complete');
  change();
  return (await done).detail.result;
}

function stat(result: ScenarioResult, key: string): number {
  return must(statValue(result, key), `statistic ${key}`);
}

/** A twin with the Delft DTM, land cover and buildings, and a bathtub scenario flooding from the canals. */
async function mountCanals(): Promise<{
  twin: DtTwin;
  scenario: DtScenario;
  first: ScenarioResult;
}> {
  const completed = new Promise<ScenarioResult>((resolve) =>
    document.addEventListener('dt-scenario-complete', (e) => resolve(e.detail.result), {
      once: true,
    }),
  );
  const { twin } = await mountTwin(
    html`<dt-twin style=${TWIN_SIZE} lang="en">
      <dt-map center="4.3668,52.0118" zoom="16.4" pitch="0"></dt-map>
      <dt-data-source id="ahn" type="geotiff" src="${DATA}/ahn3-dtm-50cm.tif"></dt-data-source>
      <dt-data-source id="bgt" src="${DATA}/bgt-landcover.geojson"></dt-data-source>
      <dt-data-source id="panden" src="${DATA}/buildings.geojson"></dt-data-source>
      <dt-scenario
        id="kanalen"
        type="flood"
        dem="ahn"
        landcover="bgt"
        buildings="panden"
        flood-from="water"
        water-level="-5"
      ></dt-scenario>
      <dt-layer source="kanalen" type="raster" band="depth" ramp="viridis" domain="0,2"></dt-layer>
    </dt-twin>`,
  );
  const scenario = must(twin.querySelector<DtScenario>('#kanalen'), 'the scenario');
  return { twin, scenario, first: await completed };
}

/** The scenario panel inside the twin's shadow root. */
async function panelOf(twin: DtTwin): Promise<ShadowRoot> {
  await twin.updateComplete;
  const panel = must(twin.shadowRoot?.querySelector('dt-scenario-panel'), 'the scenario panel');
  await panel.updateComplete;
  return must(panel.shadowRoot, 'the panel shadow root');
}

describe('<dt-scenario type="flood" mode="level"> on the Delft canals', () => {
  let twin: DtTwin;
  let scenario: DtScenario;
  let first: ScenarioResult;

  // Fixtures are removed after each test, so each test mounts its own twin.
  beforeEach(async () => {
    ({ twin, scenario, first } = await mountCanals());
  });

  it('floods more as the canals rise in 0.25 m steps, from the canals; every area equals a plain breadth-first flood fill', async function () {
    this.timeout(120000);
    const dem: Grid = must(twin.controller.source('ahn')?.bands['value'], 'the DTM');
    const spec = specOf(dem);
    const bgt = twin.controller.source('bgt')?.data?.features ?? [];
    const panden = twin.controller.source('panden')?.data?.features ?? [];
    const canals = bgt.filter((f) => f.properties?.['bgt_laag'] === 'waterdeel');
    const isWater = Uint8Array.from(rasterizeFeatures(canals, spec), (w) => (w >= 0 ? 1 : 0));
    // The reference: the DEM quantised as the model does, buildings as walls, a plain BFS per level.
    const z = quantiseDem(demValues(dem));
    rasterizeFeatures(panden, spec).forEach((b, i) => {
      if (b >= 0) z[i] = NaN;
    });
    let lowestCanal = Infinity;
    isWater.forEach((w, i) => {
      const zi = z[i] as number;
      if (w && zi < lowestCanal) lowestCanal = zi;
    });
    expect(stat(first, 'flooded-area')).to.equal(0);

    const cellArea = 0.25;
    const rows: { rise: number; area: number; buildings: number }[] = [];
    let firstLand: number[] | undefined;
    for (let k = 1; k <= 8; k++) {
      const level = lowestCanal + 0.25 * k;
      const result = await rerun(scenario, () => (scenario.waterLevel = level));
      const area = stat(result, 'flooded-area');
      const reference = floodFillAt(z, dem.width, dem.height, isWater, level, 8);
      let referenceCells = 0;
      const land: number[] = [];
      reference.forEach((f, i) => {
        if (!f) return;
        referenceCells++;
        if (!isWater[i]) land.push(i);
      });
      expect(area, `area at +${0.25 * k} m`).to.equal(referenceCells * cellArea);
      const previous = rows[rows.length - 1];
      if (previous) expect(area).to.be.at.least(previous.area);
      if (!firstLand && land.length > 0) firstLand = land;
      rows.push({ rise: 0.25 * k, area, buildings: stat(result, 'buildings-flooded') });
    }
    console.log(
      `flood-level Delft, lowest canal cell ${lowestCanal} m NAP: ${JSON.stringify(rows)}`,
    );
    expect(must(rows[7], 'last row').area).to.be.greaterThan(must(rows[0], 'first row').area);
    // The numbers of docs/models/flood-bathtub.md (area m2, buildings flooded) at +0.5, +1.0, +1.5 m.
    expect([rows[1], rows[3], rows[5]]).to.deep.equal([
      { rise: 0.5, area: 6518.25, buildings: 2 },
      { rise: 1, area: 29516, buildings: 134 },
      { rise: 1.5, area: 49756.25, buildings: 160 },
    ]);
    // The first land to flood lies along the canals: every such cell within 3 m of a canal cell.
    const landCells = must(firstLand, 'land that floods');
    const nearCanal = (i: number) => {
      const [r, c] = [Math.floor(i / dem.width), i % dem.width];
      for (let dr = -6; dr <= 6; dr++)
        for (let dc = -6; dc <= 6; dc++) if (isWater[(r + dr) * dem.width + c + dc]) return true;
      return false;
    };
    const far = landCells.filter((i) => !nearCanal(i));
    expect(
      far.length,
      `${far.length} of ${landCells.length} first land cells > 3 m from a canal`,
    ).to.equal(0);
  });

  it('draws the depth band on the map, more of it when the water is higher', async () => {
    const map = must(twin.querySelector('dt-map'), 'the map');
    const layer = must(twin.querySelector('dt-layer'), 'the layer');
    const drawnPixels = async () => {
      layer.visible = true;
      await layer.updateComplete;
      const shown = await captureFrame(map);
      layer.visible = false;
      await layer.updateComplete;
      const hidden = await captureFrame(map);
      let n = 0;
      for (let i = 0; i < shown.data.length; i += 4) {
        const d =
          Math.abs((shown.data[i] ?? 0) - (hidden.data[i] ?? 0)) +
          Math.abs((shown.data[i + 1] ?? 0) - (hidden.data[i + 1] ?? 0));
        if (d > 30) n++;
      }
      layer.visible = true;
      return n;
    };
    const low = stat(await rerun(scenario, () => (scenario.waterLevel = 0)), 'flooded-area');
    const lowPixels = await drawnPixels();
    const high = stat(await rerun(scenario, () => (scenario.waterLevel = 0.8)), 'flooded-area');
    const highPixels = await drawnPixels();
    expect(high).to.be.greaterThan(low);
    expect(lowPixels).to.be.greaterThan(100);
    expect(highPixels).to.be.greaterThan(lowPixels * 1.2);
  });

  it('marks buildings flooded by the ring rule, and the panel lists them and follows its slider', async () => {
    const result = await rerun(scenario, () => (scenario.waterLevel = 0.5));
    const flooded = result.buildings.filter((b) => b.flooded);
    expect(flooded.length).to.equal(stat(result, 'buildings-flooded'));
    expect(flooded.length).to.be.greaterThan(0);
    for (const b of flooded) {
      expect(b.ringDepthM).to.be.at.least(0.1);
      expect(b.dryStoreys).to.equal(Math.max(0, Math.floor((b.heightM - b.ringDepthM) / 2.65)));
    }
    const features = scenario.data?.features ?? [];
    expect(features.filter((f) => f.properties?.['flooded'] === true).length).to.equal(
      flooded.length,
    );
    const panel = await panelOf(twin);
    const table = must(panel.querySelector('table[part="results"]'), 'the results table');
    expect(table.textContent).to.contain('Buildings flooded').and.contain(String(flooded.length));
    expect(panel.querySelector('summary')?.textContent).to.contain(`(${flooded.length})`);
    const { lines } = await axeViolations(twin);
    expect(lines, 'axe-core on the twin with the scenario panel').to.deep.equal([]);

    const slider = must(panel.querySelector<HTMLInputElement>('input[type="range"]'), 'slider');
    expect(slider.labels?.[0]?.textContent).to.contain('Water level');
    const next = await rerun(scenario, () => {
      slider.value = '0.3';
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(scenario.waterLevel).to.equal(0.3);
    expect(stat(next, 'water-level')).to.equal(0.3);
    expect(stat(next, 'flooded-area')).to.be.lessThan(stat(result, 'flooded-area'));
  });
});
