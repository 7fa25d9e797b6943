import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { html, render } from 'lit';
import type { DtCompareErrorDetail } from '../../src/components/compare/compare-events.js';
import type { DtCompare } from '../../src/components/compare/dt-compare.js';
import { DtCompareDifference } from '../../src/components/compare/dt-compare-difference.js';
import type { DtMap } from '../../src/components/map/dt-map.js';
import { formatChange } from '../../src/components/scenario-panel/format-stat.js';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';
import { gridToGeoTiff } from '../../src/core/export/index.js';
import type { Grid } from '../../src/core/raster/grid.js';
import { statValue, type ScenarioResult } from '../../src/core/sim/scenario-result.js';
import { axeViolations } from '../helpers/axe.js';
import { captureFrame, type Frame } from '../helpers/frame.js';
import { mapOf, nextEvent, TWIN_SIZE } from '../helpers/twin.js';

const DATA = '/src/data/delft';

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

/** Pixels of the frame between columns `from` and `to` (CSS pixels) that pass `test`. */
function countIn(frame: Frame, from: number, to: number, test: (rgb: number[]) => boolean): number {
  const scale = window.devicePixelRatio;
  let n = 0;
  for (let y = 0; y < frame.height; y++) {
    for (let x = Math.round(from * scale); x < Math.round(to * scale); x++) {
      const i = (y * frame.width + x) * 4;
      if (test([frame.data[i] ?? 0, frame.data[i + 1] ?? 0, frame.data[i + 2] ?? 0])) n++;
    }
  }
  return n;
}
/** Shades of #ff00ff (roofs lit fully, walls darker): red = blue, no green. */
const magenta = ([r = 0, g = 0, b = 0]: number[]) => r > 80 && g < 12 && Math.abs(r - b) < 10;
/** Shades of #00ff00. */
const green = ([r = 0, g = 0, b = 0]: number[]) => g > 80 && r < 12 && b < 12;

/** B - A per cell as the docs define it for a depth band: a cell without water counts as 0. */
function expectedDepthChange(a: Grid, b: Grid, i: number): number {
  const va = a.values[i] as number;
  const vb = b.values[i] as number;
  if (Number.isNaN(va) && Number.isNaN(vb)) return NaN;
  return (Number.isNaN(vb) ? 0 : vb) - (Number.isNaN(va) ? 0 : va);
}

describe('<dt-compare>: swipe, side by side and difference of two flood scenarios', function () {
  this.timeout(60000);
  const container = document.createElement('div');
  let twin: DtTwin;
  let map: DtMap;
  let compare: DtCompare;
  let low: ScenarioResult;
  let high: ScenarioResult;
  let otherGrid = '';

  before(async () => {
    // A small DEM on another grid (20 x 20 cells of 2 m), for the mismatch.
    const bytes = await gridToGeoTiff({
      width: 20,
      height: 20,
      values: new Float32Array(400),
      geotransform: [84900, 2, 0, 447560, 0, -2],
      crs: 'EPSG:28992',
      nodata: undefined,
    });
    otherGrid = URL.createObjectURL(new Blob([bytes], { type: 'image/tiff' }));
    const results = new Map<string, ScenarioResult>();
    const runs = new Promise<void>((resolve) => {
      const listener = (e: Event) => {
        const { scenarioId, result } = (
          e as CustomEvent<{ scenarioId: string; result: ScenarioResult }>
        ).detail;
        results.set(scenarioId, result);
        if (results.size < 2) return;
        document.removeEventListener('dt-scenario-complete', listener);
        resolve();
      };
      document.addEventListener('dt-scenario-complete', listener);
    });
    document.body.append(container);
    render(
      html`<dt-twin style=${TWIN_SIZE} lang="en" basemap="none" panel="closed">
        <dt-map center="4.3668,52.0118" zoom="17" pitch="55" bearing="-20"></dt-map>
        <dt-data-source id="ahn" type="geotiff" src="${DATA}/ahn3-dtm-50cm.tif"></dt-data-source>
        <dt-data-source id="grof" type="geotiff" src=${otherGrid}></dt-data-source>
        <dt-data-source id="bgt" src="${DATA}/bgt-landcover.geojson"></dt-data-source>
        <dt-data-source id="panden" src="${DATA}/buildings.geojson"></dt-data-source>
        <dt-scenario
          id="laag"
          type="flood"
          mode="level"
          dem="ahn"
          landcover="bgt"
          buildings="panden"
          flood-from="water"
          water-level="0.2"
        ></dt-scenario>
        <dt-scenario
          id="hoog"
          type="flood"
          mode="level"
          dem="ahn"
          landcover="bgt"
          buildings="panden"
          flood-from="water"
          water-level="0.6"
        ></dt-scenario>
        <dt-layer
          id="roze"
          source="panden"
          type="extrusion"
          height="ahn3_h_dak_70p"
          base="ahn3_h_maaiveld"
          color="#ff00ff"
        ></dt-layer>
        <dt-layer
          id="groen"
          source="panden"
          type="extrusion"
          height="ahn3_h_dak_70p"
          base="ahn3_h_maaiveld"
          color="#00ff00"
        ></dt-layer>
        <dt-compare a="laag" b="hoog" a-layers="roze" b-layers="groen" band="depth"></dt-compare>
      </dt-twin>`,
      container,
    );
    twin = must(container.querySelector('dt-twin'), 'twin');
    compare = must(container.querySelector('dt-compare'), 'compare');
    await twin.updateComplete;
    map = mapOf(twin);
    await Promise.all([map.ready, runs]);
    low = must(results.get('laag'), 'result of laag');
    high = must(results.get('hoog'), 'result of hoog');
  });

  after(() => {
    render(html``, container);
    container.remove();
    URL.revokeObjectURL(otherGrid);
  });

  it('swipe in a pitched view: A left and B right of the divider; the keyboard and the pointer move it', async () => {
    expect(map.view.pitch).to.be.closeTo(55, 1e-6);
    let frame = await captureFrame(map);
    // The divider is at the middle (500 px): pink (A) only left of it, green (B) only right of it.
    const band = (f: Frame) => ({
      leftPink: countIn(f, 0, 395, magenta),
      leftGreen: countIn(f, 0, 395, green),
      middlePink: countIn(f, 405, 495, magenta),
      middleGreen: countIn(f, 405, 495, green),
      rightPink: countIn(f, 505, 1000, magenta),
      rightGreen: countIn(f, 505, 1000, green),
    });
    const before = band(frame);
    const seen = JSON.stringify(before);
    expect(before.leftPink, seen).to.be.greaterThan(2000);
    expect(before.middlePink, seen).to.be.greaterThan(1000);
    expect(before.leftGreen + before.middleGreen, seen).to.equal(0);
    expect(before.rightGreen, seen).to.be.greaterThan(2000);
    expect(before.rightPink, seen).to.equal(0);

    // The keyboard: the handle is a slider; Page Down moves it 10 % of the map's width to the left.
    const handle = must(
      compare.shadowRoot?.querySelector<HTMLElement>('[role="slider"]'),
      'slider',
    );
    expect(handle.getAttribute('aria-valuenow')).to.equal('50');
    handle.focus();
    const changed = nextEvent<CustomEvent<{ position: number; mode: string }>>(
      compare,
      'dt-compare-change',
    );
    await sendKeys({ press: 'PageDown' });
    expect((await changed).detail).to.include({ mode: 'swipe', position: 0.4 });
    await compare.updateComplete;
    expect(compare.getAttribute('position')).to.equal('0.4');
    expect(handle.getAttribute('aria-valuenow')).to.equal('40');
    expect(handle.getAttribute('aria-valuetext')).to.equal(
      '40 %: laag on the left, hoog on the right',
    );
    frame = await captureFrame(map);
    const after = band(frame);
    // Between 40 % and 50 % the pink buildings are now green: the boundary moved with the divider.
    const seenAfter = JSON.stringify(after);
    expect(after.middlePink, seenAfter).to.equal(0);
    expect(after.middleGreen, seenAfter).to.be.greaterThan(1000);
    expect(after.leftPink, seenAfter).to.be.greaterThan(2000);
    expect(after.leftGreen, seenAfter).to.equal(0);

    // The pointer: drag the line to 70 % of the map's width.
    const box = handle.getBoundingClientRect();
    const mapBox = map.getBoundingClientRect();
    await sendMouse({
      type: 'move',
      position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)],
    });
    await sendMouse({ type: 'down' });
    await sendMouse({
      type: 'move',
      position: [Math.round(mapBox.x + 0.7 * mapBox.width), Math.round(box.y)],
    });
    await sendMouse({ type: 'up' });
    expect(compare.position).to.be.closeTo(0.7, 0.01);
  });

  it('difference: the layer is B - A cell by cell, with a diverging legend and the numbers side by side', async () => {
    compare.mode = 'difference';
    await compare.updateComplete;
    const a = must(low.bands['depth'], 'depth of laag');
    const b = must(high.bands['depth'], 'depth of hoog');
    const difference = must(compare.difference, 'the difference');
    expect(difference.width).to.equal(b.width);
    let mismatches = 0;
    let deeper = 0;
    let largest = 0;
    for (let i = 0; i < difference.values.length; i++) {
      const expected = expectedDepthChange(a, b, i);
      const actual = difference.values[i] as number;
      if (Number.isNaN(expected) ? !Number.isNaN(actual) : Math.abs(actual - expected) > 1e-6)
        mismatches++;
      if (actual > 0.01) deeper++;
      if (Math.abs(actual) > largest) largest = Math.abs(actual);
    }
    expect(mismatches).to.equal(0);
    expect(deeper, 'cells deeper at 0.6 m NAP').to.be.greaterThan(1000);
    const domain = must(compare.differenceDomain, 'domain');
    expect(domain[0]).to.be.closeTo(-largest, 1e-6);
    expect(domain[1]).to.be.closeTo(largest, 1e-6);

    // The layer is a twin layer: in the legend with the blue-red ramp; A and B are not drawn.
    const layer = must(
      twin.controller.layers.find((l) => l instanceof DtCompareDifference),
      'the difference layer',
    );
    expect(layer.legend()?.entries.at(-1)?.color).to.equal('#b2182b');
    const frame = await captureFrame(map);
    expect(countIn(frame, 0, 1000, magenta) + countIn(frame, 0, 1000, green)).to.equal(0);
    const red = countIn(frame, 0, 1000, ([r = 0, g = 0, bl = 0]) => r > 150 && g < 130 && bl < 130);
    expect(red, 'cells drawn deeper').to.be.greaterThan(500);

    // The table: A, B and B - A of the flooded area.
    const rows = [...(compare.shadowRoot?.querySelectorAll('tbody tr') ?? [])];
    const area = must(
      rows.find((r) => r.querySelector('th')?.textContent?.trim() === 'Flooded area'),
      'row',
    );
    const cells = [...area.querySelectorAll('td')].map((td) => td.textContent?.trim());
    const change =
      must(statValue(high, 'flooded-area'), 'area') - must(statValue(low, 'flooded-area'), 'area');
    expect(change).to.be.greaterThan(0);
    expect(cells[2]).to.equal(
      formatChange('en', { key: 'flooded-area', value: change, unit: 'm2' }),
    );
    const { lines } = await axeViolations(compare);
    expect(lines).to.deep.equal([]);
  });

  it('a band on another grid gives dt-compare-error naming the source; nothing changes', async () => {
    const before = compare.difference;
    const failed = nextEvent<CustomEvent<DtCompareErrorDetail>>(compare, 'dt-compare-error');
    Object.assign(compare, { a: 'ahn', b: 'grof', band: 'value' });
    const { error } = (await failed).detail;
    expect(error.code).to.equal('invalid-parameter');
    expect(error.sourceId).to.equal('grof');
    expect(error.reason).to.match(/20 x 20 cells of 2 m.*the difference B - A needs the same grid/);
    await compare.updateComplete;
    expect(compare.difference).to.equal(before);
    expect(compare.shadowRoot?.querySelector('[role="alert"]')?.textContent).to.contain(
      '20 × 20, 2 m',
    );
    // An unknown mode: an error, and the mode stays.
    const wrongMode = nextEvent<CustomEvent<DtCompareErrorDetail>>(compare, 'dt-compare-error');
    compare.setAttribute('mode', 'wipe');
    expect((await wrongMode).detail.error.reason).to.match(/unknown compare mode "wipe"/);
    await compare.updateComplete;
    expect(compare.mode).to.equal('difference');
    // Back to the scenarios: the error goes, the same difference is shown again.
    Object.assign(compare, { a: 'laag', b: 'hoog', band: 'depth' });
    await compare.updateComplete;
    expect(compare.error).to.equal(undefined);
    expect(compare.difference).to.equal(before);
  });

  it('side by side: two maps, A left and B right, that move together', async () => {
    compare.mode = 'side-by-side';
    await compare.updateComplete;
    await compare.linked;
    const second = must(compare.secondMap, 'second map');
    expect(Math.round(map.getBoundingClientRect().width)).to.equal(500);
    const target = {
      center: [4.3672, 52.0116] as [number, number],
      zoom: 17.2,
      pitch: 40,
      bearing: 25,
    };
    must(map.map, 'maplibre').jumpTo(target);
    const near = (view: typeof target, other: typeof target) => {
      expect(view.center[0]).to.be.closeTo(other.center[0], 1e-9);
      expect(view.center[1]).to.be.closeTo(other.center[1], 1e-9);
      expect(view.zoom).to.be.closeTo(other.zoom, 1e-9);
      expect(view.pitch).to.be.closeTo(other.pitch, 1e-9);
      expect(view.bearing).to.be.closeTo(other.bearing, 1e-9);
    };
    near(second.view, target);
    must(second.map, 'second maplibre').jumpTo({ zoom: 16.8, bearing: -10 });
    near(map.view, { ...target, zoom: 16.8, bearing: -10 });
    const [left, right] = await Promise.all([captureFrame(map), captureFrame(second)]);
    expect(countIn(left, 0, 500, magenta)).to.be.greaterThan(1000);
    expect(countIn(left, 0, 500, green)).to.equal(0);
    expect(countIn(right, 0, 500, green)).to.be.greaterThan(1000);
    expect(countIn(right, 0, 500, magenta)).to.equal(0);
    // Two maps in one twin: the second is named apart (two landmarks may not share a name).
    const canvas = must(second.map, 'second maplibre').getCanvas();
    expect(canvas.getAttribute('aria-label')).to.equal('Map of hoog');
    expect(must(map.map, 'maplibre').getCanvas().getAttribute('aria-label')).to.not.equal(
      'Map of hoog',
    );

    compare.mode = 'swipe';
    await compare.updateComplete;
    expect(compare.secondMap).to.equal(undefined);
    expect(Math.round(map.getBoundingClientRect().width)).to.equal(1000);
    const { lines } = await axeViolations(compare);
    expect(lines).to.deep.equal([]);
  });
});
