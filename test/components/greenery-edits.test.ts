import { expect } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { html } from 'lit';
import type { DtEditErrorDetail } from '../../src/components/edit/dt-edit.js';
import type { DtPlanEditor } from '../../src/components/edit/dt-plan-editor.js';
import {
  editAreaM2,
  isCoordinateProblem,
  parseCoordinates,
} from '../../src/components/edit/plan-geometry.js';
import { planKey, readPlan } from '../../src/components/edit/plan-store.js';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';
import { lonLatToRd } from '../../src/core/raster/crs.js';
import type { GreeneryEdit } from '../../src/core/sim/greenery-edits.js';
import { statValue, type ScenarioResult } from '../../src/core/sim/scenario-result.js';
import { axeViolations } from '../helpers/axe.js';
import { mountTwin, TWIN_SIZE } from '../helpers/twin.js';

const DATA = '/src/data/delft';
/** A BGT pedestrian area (wegdeel / voetgangersgebied, sealed: CN 98) of about 700 m² with 4 holes. */
const PAVED_ID = 'G0503.032e68eee28449cce0532ee22091b28c';

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

const stat = (result: ScenarioResult, key: string) =>
  must(statValue(result, key), `statistic ${key}`);

/** The next `dt-scenario-complete` whose result passes `test`. */
function completion(test: (r: ScenarioResult) => boolean): Promise<ScenarioResult> {
  return new Promise((resolve) => {
    const listener = (e: Event) => {
      const result = (e as CustomEvent<{ result: ScenarioResult }>).detail.result;
      if (!test(result)) return;
      document.removeEventListener('dt-scenario-complete', listener);
      resolve(result);
    };
    document.addEventListener('dt-scenario-complete', listener);
  });
}

function editorOf(twin: DtTwin): DtPlanEditor {
  return must(twin.shadowRoot?.querySelector('dt-plan-editor'), 'plan editor');
}

function planElements(twin: DtTwin, plan: string): Element[] {
  return [...twin.querySelectorAll('dt-edit')].filter((e) => e.getAttribute('data-plan') === plan);
}

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Shoelace area of a ring in RD New, m² (written out here, apart from the code under test). */
function ringArea(ring: number[][]): number {
  const xy = ring.map(([lon, lat]) => lonLatToRd(lon as number, lat as number));
  let sum = 0;
  for (let i = 0; i + 1 < xy.length; i++) {
    const [x0, y0] = xy[i] as [number, number];
    const [x1, y1] = xy[i + 1] as [number, number];
    sum += x0 * y1 - x1 * y0;
  }
  return Math.abs(sum / 2);
}

describe('greenery edits: plan helpers', () => {
  it('reads typed coordinates in RD New or WGS 84, says which pair is wrong, and measures areas', () => {
    const rd = parseCoordinates('84900,447550; 84930,447550\n84930 447580; 84900,447580');
    if (isCoordinateProblem(rd)) throw new Error(rd.key);
    expect(rd.crs).to.equal('EPSG:28992');
    // RD New's origin, the tower of Amersfoort (155000, 463000), is 52.15517 N 5.38721 E in WGS 84.
    const origin = parseCoordinates('155000,463000');
    if (isCoordinateProblem(origin)) throw new Error(origin.key);
    expect(origin.points[0]?.[0]).to.be.closeTo(5.38721, 0.00005);
    expect(origin.points[0]?.[1]).to.be.closeTo(52.15517, 0.00005);
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [[...rd.points, rd.points[0] as number[]]],
    };
    expect(editAreaM2(square)).to.be.closeTo(900, 0.01);
    expect(
      editAreaM2(
        {
          type: 'MultiPoint',
          coordinates: [
            [4.36, 52],
            [4.37, 52],
          ],
        },
        3,
      ),
    ).to.be.closeTo(2 * Math.PI * 9, 1e-9);
    const wgs = parseCoordinates('4.3658, 52.0122; 4.3660,52.0122; 4.3660,52.0124');
    expect(isCoordinateProblem(wgs) ? wgs.key : wgs.crs).to.equal('EPSG:4326');
    expect(parseCoordinates('84900,447550; 4.36')).to.deep.equal({
      key: 'edit.coords.pair',
      params: { n: 2, text: '4.36' },
    });
    expect(parseCoordinates('4.36,52.01; 84900,447550')).to.deep.equal({
      key: 'edit.coords.range',
      params: { n: 1 },
    });
    expect(parseCoordinates(' ; ')).to.deep.equal({ key: 'edit.coords.empty', params: {} });
    // A file with a bad feature: the good ones are kept, the bad one numbered.
    const read = readPlan(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { action: 'pave' }, geometry: square },
          { type: 'Feature', properties: { action: 'pave' }, geometry: null },
        ],
      }),
    );
    if ('error' in read) throw new Error(read.error);
    expect(read.edits.length).to.equal(1);
    expect(read.problems).to.deep.equal([
      { n: 2, reason: 'pave: geometry must be a Polygon, MultiPolygon, Point or MultiPoint' },
    ]);
    expect(readPlan('{"type":"FeatureCollection","features":[')).to.deep.equal({ error: 'json' });
  });
});

describe('greenery edits in a twin', () => {
  it('a park on paving lets more rain infiltrate; an invalid edit is reported and left out; a drawn edit reruns', async function () {
    this.timeout(60000);
    const bgt = (await (await fetch(`${DATA}/bgt-landcover.geojson`)).json()) as FeatureCollection;
    const paved = must(
      bgt.features.find((f) => f.properties?.['lokaalid'] === PAVED_ID),
      'the paved BGT area',
    ) as Feature<Polygon>;
    expect(paved.properties?.['bgt_laag']).to.equal('wegdeel');
    const plan = `test-rain-${Date.now()}`;
    const errors: DtEditErrorDetail[] = [];
    const onError = (e: Event) => errors.push((e as CustomEvent<DtEditErrorDetail>).detail);
    document.addEventListener('dt-edit-error', onError);
    const first = completion((r) => r.baseline !== undefined);
    try {
      const { twin, map } = await mountTwin(
        html`<dt-twin style=${TWIN_SIZE} plan=${plan}>
          <dt-data-source id="ahn" type="geotiff" src="${DATA}/ahn3-dtm-50cm.tif"></dt-data-source>
          <dt-data-source id="bgt" src="${DATA}/bgt-landcover.geojson"></dt-data-source>
          <dt-data-source id="panden" src="${DATA}/buildings.geojson"></dt-data-source>
          <dt-edit
            action="add-park"
            label="Pleinpark"
            geometry=${JSON.stringify(paved.geometry)}
          ></dt-edit>
          <dt-edit
            id="bos"
            action="add-forest"
            geometry=${JSON.stringify(paved.geometry)}
          ></dt-edit>
          <dt-scenario
            id="bui"
            type="rain"
            dem="ahn"
            landcover="bgt"
            buildings="panden"
            intensity="60"
            rain-duration="600"
            duration="600"
            output-interval="600"
            cell-size="4"
          ></dt-scenario>
        </dt-twin>`,
      );
      const result = await first;
      const before = must(result.baseline, 'baseline');
      expect(result.bands['max-depth-before']).to.not.equal(undefined);
      expect(result.bands['max-depth-change']?.values.length).to.equal(
        result.bands['max-depth']?.values.length,
      );
      // 10 mm of rain: sealed paving (CN 98, soil D: S = 5.18 mm) lets Q = 5.68 mm run off; a park
      // (CN 80: S = 63.5 mm, Ia = 12.7 mm > 10 mm) none. So about 5.68 mm more infiltrates over the
      // ~700 m² outer ring: between half and 1.5 times that (its holes stay paved, the ring is
      // rasterized on 4 m cells, and water running on from the paving around can soak in too).
      const gained = stat(result, 'infiltration-volume') - stat(before, 'infiltration-volume');
      const outer = ringArea(paved.geometry.coordinates[0] as number[][]);
      expect(outer).to.be.within(650, 750);
      expect(gained).to.be.within(0.00568 * outer * 0.5, 0.00568 * outer * 1.5);
      expect(stat(result, 'rain-volume')).to.be.closeTo(stat(before, 'rain-volume'), 1e-6);
      // The invalid edit: reported with its id and reason, left out (the run above completed).
      const error = must(
        errors.find((e) => e.editId === 'bos'),
        'dt-edit-error of "bos"',
      );
      expect(error.error.code).to.equal('invalid-parameter');
      expect(error.error.reason).to.match(/edit "bos": unknown action "add-forest"/);
      expect(errors.every((e) => e.editId === 'bos')).to.equal(true);

      // Draw a triangle of about 40 m on the map with the mouse: a park edit, and a rerun.
      const editor = editorOf(twin);
      const maplibre = must(map.map, 'maplibre map');
      const rect = maplibre.getCanvas().getBoundingClientRect();
      const rerun = completion((r) => r !== result && r.baseline !== undefined);
      const corners = [
        [4.3668, 52.0114],
        [4.3673, 52.0114],
        [4.367, 52.0117],
      ];
      editor.inputs.startDrawing();
      for (const [lon, lat] of corners) {
        const p = maplibre.project([lon as number, lat as number]);
        await sendMouse({
          type: 'click',
          position: [Math.round(rect.left + p.x), Math.round(rect.top + p.y)],
        });
      }
      await until(() => editor.inputs.drawnPoints?.length === 3, 'three corners');
      await sendKeys({ press: 'Enter' });
      await until(() => planElements(twin, plan).length === 1, 'the drawn edit');
      const drawn = must(editor.edits[0], 'drawn edit');
      expect(drawn.properties.action).to.equal('add-park');
      expect(drawn.geometry.type).to.equal('Polygon');
      // The corners come back from whole-pixel clicks (about 1 m at this zoom): the same area within 10 %.
      const intended = ringArea([...corners, corners[0] as number[]]);
      expect(intended).to.be.within(500, 650);
      expect(editAreaM2(drawn.geometry)).to.be.closeTo(intended, intended * 0.1);
      const after = await rerun;
      expect(stat(after, 'infiltration-volume')).to.be.greaterThan(
        stat(result, 'infiltration-volume'),
      );
    } finally {
      document.removeEventListener('dt-edit-error', onError);
      localStorage.removeItem(planKey(plan));
    }
  });

  it('the editor: typed coordinates, undo and redo, export and import, reload, a damaged stored plan', async function () {
    this.timeout(60000);
    const stamp = Date.now();
    const [plan, other, damaged] = ['p', 'import', 'damaged'].map((n) => `test-${n}-${stamp}`) as [
      string,
      string,
      string,
    ];
    const mount = () =>
      mountTwin(html`<dt-twin style=${TWIN_SIZE} plan=${plan}><dt-map></dt-map></dt-twin>`);
    try {
      const { twin } = await mount();
      const editor = editorOf(twin);
      await editor.updateComplete;
      const root = must(editor.shadowRoot, 'editor shadow root');
      const input = must(root.querySelector<HTMLInputElement>('#coordinates'), 'coordinates field');
      const add = must(root.querySelector<HTMLButtonElement>('form button[type=submit]'), 'add');
      const type = async (text: string) => {
        input.value = text;
        input.dispatchEvent(new Event('input'));
        add.click();
        await editor.updateComplete;
      };

      // A bad pair: the field says so, and nothing is added.
      await type('84900,447550; 84930');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.contain('coordinates-error');
      expect(root.querySelector('#coordinates-error')?.textContent).to.contain('Pair 2');
      expect(planElements(twin, plan).length).to.equal(0);
      // The editor, with its error showing, passes axe's WCAG 2.1 AA checks.
      const { lines } = await axeViolations(twin);
      expect(lines).to.deep.equal([]);

      // A 30 m square in RD New: one park edit, listed with its area, saved.
      await type('84900,447550; 84930,447550; 84930,447580; 84900,447580');
      expect(input.getAttribute('aria-invalid')).to.equal('false');
      expect(planElements(twin, plan).length).to.equal(1);
      const created = must(editor.edits[0], 'created edit');
      expect(created.properties.action).to.equal('add-park');
      expect(root.querySelector('.edits')?.textContent).to.contain('900 m²');
      const stored = () =>
        JSON.parse(localStorage.getItem(planKey(plan)) ?? 'null').features.length;
      expect(stored()).to.equal(1);

      // Ctrl+Z with focus in the editor undoes; the redo button restores the same edit.
      must(root.querySelector<HTMLButtonElement>('.undo'), 'undo').focus();
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'z' });
      await sendKeys({ up: 'Control' });
      await editor.updateComplete;
      expect(planElements(twin, plan).length).to.equal(0);
      expect(stored()).to.equal(0);
      must(root.querySelector<HTMLButtonElement>('.redo'), 'redo').click();
      await editor.updateComplete;
      expect(planElements(twin, plan).map((e) => e.getAttribute('edit-id'))).to.deep.equal([
        created.properties.id,
      ]);
      expect(stored()).to.equal(1);
      const live = must(root.querySelector('[role=status]'), 'live region');
      editor.announcer.flush(); // spoken after a pause; the test does not wait for it
      await editor.updateComplete;
      expect(live.textContent?.trim()).to.equal('Redone: Added to the plan: Add a park');

      // Export: the downloaded file is the plan.
      let exported = '';
      const onClick = async (e: Event) => {
        const anchor = e.target;
        if (!(anchor instanceof HTMLAnchorElement) || !anchor.download) return;
        e.preventDefault();
        exported = await (await fetch(anchor.href)).text();
      };
      document.addEventListener('click', onClick, true);
      must(root.querySelector<HTMLButtonElement>('.export'), 'export').click();
      await until(() => exported !== '', 'the exported file');
      document.removeEventListener('click', onClick, true);
      const collection = JSON.parse(exported) as FeatureCollection;
      expect(collection.features).to.deep.equal(editor.edits);

      // Import it (plus one bad feature) into another plan: the good one arrives as it was.
      twin.plan = other;
      await twin.updateComplete;
      await editor.updateComplete;
      expect(planElements(twin, plan).length).to.equal(0);
      expect(editor.edits.length).to.equal(0);
      collection.features.push({
        type: 'Feature',
        properties: { action: 'grow' },
        geometry: created.geometry,
      });
      const file = new File([JSON.stringify(collection)], 'plan.geojson');
      const picker = must(root.querySelector<HTMLInputElement>('#import'), 'import field');
      const transfer = new DataTransfer();
      transfer.items.add(file);
      picker.files = transfer.files;
      picker.dispatchEvent(new Event('change'));
      await until(() => editor.edits.length === 1, 'the import');
      await editor.updateComplete;
      const imported = must(editor.edits[0], 'imported edit') as GreeneryEdit;
      expect(imported.geometry).to.deep.equal(created.geometry);
      expect(imported.properties.action).to.equal(created.properties.action);
      const messages = root.querySelector('.import-messages')?.textContent ?? '';
      expect(messages).to.contain('Feature 2');
      expect(messages).to.contain('unknown action "grow"');
      editor.undo(); // the import is one step
      expect(editor.edits.length).to.equal(0);

      // A damaged stored plan: reported, kept under a backup key, not overwritten silently.
      const broken = '{"type":"FeatureCollection","features":[{"type":"Feat';
      localStorage.setItem(planKey(damaged), broken);
      twin.plan = damaged;
      await twin.updateComplete;
      await editor.updateComplete;
      const report = root.querySelector('.storage-message')?.textContent ?? '';
      expect(report).to.contain(`${planKey(damaged)}:backup`);
      expect(report).to.contain('not valid JSON');
      expect(localStorage.getItem(`${planKey(damaged)}:backup`)).to.equal(broken);
      expect(JSON.parse(localStorage.getItem(planKey(damaged)) ?? '').features).to.deep.equal([]);

      // "Reload": a new twin with the first plan's name gets its edit back.
      twin.remove();
      const { twin: again } = await mount();
      const restored = editorOf(again);
      await restored.updateComplete;
      expect(planElements(again, plan).map((e) => e.getAttribute('edit-id'))).to.deep.equal([
        created.properties.id,
      ]);
      expect(restored.edits).to.deep.equal([created]);
    } finally {
      for (const name of [plan, other, damaged]) localStorage.removeItem(planKey(name));
      localStorage.removeItem(`${planKey(damaged)}:backup`);
    }
  });
});
