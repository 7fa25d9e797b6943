import { expect } from '@open-wc/testing';
import type { Feature, Polygon } from 'geojson';
import { html } from 'lit';
import type { DtScenario } from '../../src/components/scenario/dt-scenario.js';
import { EDITS_CHANGE_EVENT } from '../../src/components/scenario/scenario-edits.js';
import type { DtSourceError } from '../../src/core/errors.js';
import { lonLatToRd } from '../../src/core/raster/crs.js';
import { statValue, type ScenarioResult } from '../../src/core/sim/scenario-result.js';
import { mountTwin, nextEvent, TWIN_SIZE } from '../helpers/twin.js';

const DATA = '/src/data/delft';

/** A paved courtyard area in the middle of the Delft extract, RD New metres: x0, y0, x1, y1. */
const COURTYARD = [84891, 447541.5, 84951, 447591.5] as const;
/** The same rectangle in WGS 84, as a `<dt-edit>` geometry. */
const COURTYARD_WGS84 =
  '{"type":"Polygon","coordinates":[[[4.3659853,52.0118018],[4.3668591,52.0118094],[4.3668489,52.0122587],[4.365975,52.0122511],[4.3659853,52.0118018]]]}';

// <dt-edit> comes from another module of the SDK; if it is not there, a minimal stand-in that
// behaves as scenario-edits.ts expects of an edit element (toEdit() and dt-edits-change).
if (!customElements.get('dt-edit')) {
  customElements.define(
    'dt-edit',
    class extends HTMLElement {
      toEdit(): Feature<Polygon, { action: 'add-park' }> {
        return {
          type: 'Feature',
          geometry: JSON.parse(this.getAttribute('geometry') ?? 'null') as Polygon,
          properties: { action: 'add-park' },
        };
      }
      connectedCallback(): void {
        this.dispatchEvent(new Event(EDITS_CHANGE_EVENT, { bubbles: true, composed: true }));
      }
    },
  );
}

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

/** The share (percent) of the values with a value that pass `test`. */
function share(values: Float32Array, test: (v: number) => boolean): number {
  const known = Array.from(values).filter((v) => !Number.isNaN(v));
  return (100 * known.filter(test).length) / known.length;
}

describe('<dt-scenario type="green-3-30-300"> on the Delft data', () => {
  it('finds trees on canopy, reports shares that agree with the per-home values, and a new park brings homes nearer', async function () {
    this.timeout(60000); // about 7 s on a quiet machine; the margin is for a loaded one
    const started = performance.now();
    const first = completion(document);
    // The plan (a park on the courtyard) is there from the start: one run gives the situation
    // without it (the baseline) and with it.
    const { twin } = await mountTwin(
      html`<dt-twin style=${TWIN_SIZE} lang="en">
        <dt-map center="4.3668,52.0118" zoom="16.4" pitch="0"></dt-map>
        <dt-data-source id="ahn" type="geotiff" src="${DATA}/ahn3-dtm-50cm.tif"></dt-data-source>
        <dt-data-source
          id="ahn-dsm"
          type="geotiff"
          src="${DATA}/ahn3-dsm-50cm.tif"
        ></dt-data-source>
        <dt-data-source id="bgt" src="${DATA}/bgt-landcover.geojson"></dt-data-source>
        <dt-data-source id="panden" src="${DATA}/buildings.geojson"></dt-data-source>
        <dt-scenario
          id="groen"
          type="green-3-30-300"
          dem="ahn"
          dsm="ahn-dsm"
          landcover="bgt"
          buildings="panden"
          park-min-area="1000"
        >
          <dt-edit action="add-park" geometry=${COURTYARD_WGS84}></dt-edit>
        </dt-scenario>
      </dt-twin>`,
    );
    const scenario = must(twin.querySelector<DtScenario>('#groen'), 'the scenario');
    const after = await first;
    const result = must(after.baseline, 'the run without the plan');
    const ran = performance.now();

    // Trees: found, each on a canopy cell of the 1 m default grid.
    const trees = must(result.bands['tree'], 'tree band');
    const canopy = must(result.bands['canopy'], 'canopy band');
    expect(trees.geotransform[1], 'default cell size, m').to.equal(1);
    const treeCells = [...trees.values.keys()].filter((i) => trees.values[i] === 1);
    expect(treeCells.length).to.be.above(0);
    expect(stat(result, 'trees-found')).to.equal(treeCells.length);
    for (const i of treeCells) expect(canopy.values[i], `tree cell ${i}`).to.equal(1);

    // "30": the canopy cells over the land area of the (only) neighbourhood.
    const canopyCells = canopy.values.filter((v) => v === 1).length;
    const landAreaM2 = result.parameters['landAreaM2.1'] as number;
    const cover = stat(result, 'canopy-cover');
    expect(cover).to.be.within(0, 100);
    expect(landAreaM2).to.be.above(20000);
    expect(cover).to.be.closeTo((100 * canopyCells) / landAreaM2, 1e-9);

    // "3" and "300": the shares are those of the per-home values.
    const visible = must(result.buildingValues?.['trees-visible'], 'trees-visible');
    const distance = must(result.buildingValues?.['park-distance-m'], 'park-distance-m');
    const homes3 = stat(result, 'homes-3-trees');
    const homesNear = stat(result, 'homes-near-park');
    for (const v of [homes3, homesNear]) expect(v).to.be.within(0, 100);
    expect(stat(result, 'homes-counted')).to.equal(160);
    expect(homes3).to.be.closeTo(
      share(visible, (v) => v >= 3),
      1e-9,
    );
    expect(homesNear).to.be.closeTo(
      share(distance, (v) => v <= 300),
      1e-9,
    );

    // With the park on the courtyard the homes around it have it next door; nobody is farther away.
    const now = must(after.buildingValues?.['park-distance-m'], 'park distance with the plan');
    expect(stat(after, 'parks')).to.be.above(stat(result, 'parks'));
    const features = must(scenario.data, 'scenario features').features;
    expect(features).to.have.length(160);
    const [x0, y0, x1, y1] = COURTYARD;
    const around = features
      .map((f, b) => [f, b] as const)
      .filter(([f]) =>
        (f.geometry as Polygon).coordinates.flat().some(([lon = NaN, lat = NaN]) => {
          const [x, y] = lonLatToRd(lon, lat);
          return x >= x0 && x <= x1 && y >= y0 && y <= y1;
        }),
      )
      .map(([, b]) => b);
    expect(around.length).to.be.above(10);
    for (const b of around) {
      expect(now[b], `home ${b}: next to the new park`).to.be.at.most(Math.SQRT2 + 1e-6);
      expect(now[b], `home ${b}: nearer than before`).to.be.below(distance[b] as number);
    }
    distance.forEach((d, b) => expect(now[b], `home ${b}`).to.be.at.most(d + 1e-6));
    const change = must(after.bands['park-distance-change'], 'park-distance-change band');
    expect(Math.max(...change.values.filter((v) => !Number.isNaN(v)))).to.be.at.most(1e-6);
    // The features carry the planned per-home values.
    const visibleNow = must(after.buildingValues?.['trees-visible'], 'trees-visible with the plan');
    features.forEach((f, b) => {
      expect(f.properties?.['trees_visible']).to.equal(visibleNow[b]);
      expect(f.properties?.['park_distance_m']).to.be.closeTo(now[b] as number, 1e-3);
    });

    // A bad attribute: a typed error, and the last good result stays.
    const failed = nextEvent<CustomEvent<{ error: DtSourceError }>>(scenario, 'dt-scenario-error');
    scenario.setAttribute('view-distance', '-5');
    const { error } = (await failed).detail;
    expect(error.code).to.equal('invalid-parameter');
    expect(error.message).to.contain('view-distance');
    expect(scenario.result?.stats).to.deep.equal(after.stats);
    console.info(
      `green-3-30-300: mount and run ${Math.round(ran - started)} ms; trees ${treeCells.length}, ` +
        `canopy ${cover.toFixed(2)} %, homes with 3 trees ${homes3.toFixed(1)} %, ` +
        `homes near a park ${homesNear.toFixed(1)} % (park-min-area 1000 m2)`,
    );
  });
});
