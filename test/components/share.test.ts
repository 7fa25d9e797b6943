import { expect } from '@open-wc/testing';
import type { Polygon } from 'geojson';
import { html } from 'lit';
import type { DtPlanEditor } from '../../src/components/edit/dt-plan-editor.js';
import { planKey } from '../../src/components/edit/plan-store.js';
import type { DtScenario } from '../../src/components/scenario/dt-scenario.js';
import { loadContextDocument } from '../../src/components/share/context-import.js';
import { exportContextDocument } from '../../src/components/share/context-export.js';
import type { DtShareErrorDetail } from '../../src/components/share/share-events.js';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';
import { rdToLonLat } from '../../src/core/raster/crs.js';
import type { Grid } from '../../src/core/raster/grid.js';
import { validate } from '../../src/core/share/context-validator.generated.js';
import {
  decodePermalink,
  encodePermalink,
  permalinkPayload,
} from '../../src/core/share/permalink.js';
import { snapEdit } from '../../src/core/share/edit-snap.js';
import type { ContextDocument } from '../../src/core/share/context-document.js';
import type { GreeneryEdit } from '../../src/core/sim/greenery-edits.js';
import type { ScenarioResult } from '../../src/core/sim/scenario-result.js';
import { loadAxe, WCAG_AA_RULES } from '../helpers/axe.js';
import { mountTwin, nextEvent, TWIN_SIZE } from '../helpers/twin.js';

const DATA = '/src/data/delft';
const PLAN = 'share-test';

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

/** The next completed run of `hitte` whose result passes `test`. */
function completion(test: (r: ScenarioResult) => boolean): Promise<ScenarioResult> {
  return new Promise((resolve) => {
    const listener = (e: Event) => {
      const detail = (e as CustomEvent<{ scenarioId: string; result: ScenarioResult }>).detail;
      if (detail.scenarioId !== 'hitte' || !test(detail.result)) return;
      document.removeEventListener('dt-scenario-complete', listener);
      resolve(detail.result);
    };
    document.addEventListener('dt-scenario-complete', listener);
  });
}

/** A run with the plan (five edits) and `t-ref="31"`. */
const planned = (r: ScenarioResult) =>
  r.provenance?.edits.length === 5 && r.provenance.parameters['t-ref'] === '31';

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10000) {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Every band of two results has the same name, size and bytes. */
function expectSameBands(a: ScenarioResult, b: ScenarioResult): void {
  expect(Object.keys(b.bands).sort()).to.deep.equal(Object.keys(a.bands).sort());
  for (const [name, grid] of Object.entries(a.bands)) {
    const other = must(b.bands[name], `band ${name}`);
    const bytes = (g: Grid) =>
      new Uint8Array(g.values.buffer, g.values.byteOffset, g.values.byteLength);
    const [x, y] = [bytes(grid), bytes(other)];
    expect(y.length, name).to.equal(x.length);
    let differing = 0;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) differing++;
    expect(differing, `bytes of band ${name} that differ`).to.equal(0);
  }
}

const template = () =>
  html`<dt-twin permalink plan=${PLAN} lang="en" basemap="none" style=${TWIN_SIZE}>
    <dt-map preserve-drawing-buffer></dt-map>
    <dt-data-source id="ahn" type="geotiff" src="${DATA}/ahn3-dtm-50cm.tif"></dt-data-source>
    <dt-data-source id="dsm" type="geotiff" src="${DATA}/ahn3-dsm-50cm.tif"></dt-data-source>
    <dt-data-source id="bgt" src="${DATA}/bgt-landcover.geojson"></dt-data-source>
    <dt-data-source id="panden" src="${DATA}/buildings.geojson"></dt-data-source>
    <dt-scenario
      id="hitte"
      type="heat"
      cell-size="4"
      dem="ahn"
      dsm="dsm"
      landcover="bgt"
      buildings="panden"
    ></dt-scenario>
    <dt-layer source="hitte" type="raster" band="t-air" ramp="blue-red"></dt-layer>
    <dt-layer
      source="panden"
      type="extrusion"
      height="ahn3_h_dak_70p"
      base="ahn3_h_maaiveld"
    ></dt-layer>
  </dt-twin>`;

/** An RD New rectangle as a polygon in WGS 84: full-precision doubles, as the plan editor draws them. */
function rdRectangle(x0: number, y0: number, w: number, h: number): Polygon {
  const ring = [
    [x0, y0],
    [x0 + w, y0],
    [x0 + w, y0 + h],
    [x0, y0 + h],
    [x0, y0],
  ].map(([x, y]) => rdToLonLat(x as number, y as number));
  return { type: 'Polygon', coordinates: [ring] };
}

/** Five edits spread over the model area (lower left of the t-air grid + offsets, metres). */
function fiveEdits(tAir: Grid): GreeneryEdit[] {
  const [x0, , , y1, , dy] = tAir.geotransform;
  const y0 = y1 + dy * tAir.height;
  const at = (dx: number, dy2: number) => [x0 + dx, y0 + dy2] as const;
  const feature = (
    action: GreeneryEdit['properties']['action'],
    geometry: GreeneryEdit['geometry'],
    extra: Partial<GreeneryEdit['properties']> = {},
  ): GreeneryEdit => ({ type: 'Feature', geometry, properties: { action, ...extra } });
  const trees = [at(150, 60), at(160, 62), at(170, 64), at(180, 66)].map(([x, y]) =>
    rdToLonLat(x, y),
  );
  return [
    feature('add-park', rdRectangle(...at(40, 40), 35, 25), { label: 'Pocket park' }),
    feature(
      'add-trees',
      { type: 'MultiPoint', coordinates: trees },
      { crownRadiusM: 5, label: 'Bomenrij' },
    ),
    feature('green-roof', rdRectangle(...at(120, 150), 40, 30)),
    feature('pave', rdRectangle(...at(200, 40), 20, 20), { label: 'Parkeren' }),
    feature('remove-green', rdRectangle(...at(60, 170), 25, 15)),
  ];
}

function scenarioOf(twin: DtTwin): DtScenario {
  return must(twin.querySelector<DtScenario>('dt-scenario'), 'scenario');
}

/** Everything a user could see change in a twin's light DOM: tags and attributes, in order. */
function markupOf(twin: DtTwin): string {
  return [...twin.querySelectorAll('*')]
    .map((e) => `${e.localName} ${[...e.attributes].map((a) => `${a.name}=${a.value}`).join(' ')}`)
    .join('\n');
}

/** A permalink payload written here, apart from the code under test: JSON, deflate-raw, base64url. */
async function handMadePayload(json: unknown): Promise<string> {
  const stream = new Blob([JSON.stringify(json)])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

async function inflate(payload: string): Promise<string> {
  const binary = atob(
    payload.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((payload.length + 3) % 4),
  );
  const stream = new Blob([Uint8Array.from(binary, (c) => c.charCodeAt(0))])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

const clearFragment = () =>
  history.replaceState(null, '', `${location.pathname}${location.search}`);

describe('share and reproduce: permalinks, context documents, provenance', () => {
  before(() => {
    clearFragment();
    localStorage.removeItem(planKey(PLAN));
  });
  after(() => {
    clearFragment();
    localStorage.removeItem(planKey(PLAN));
  });

  let original: ScenarioResult | undefined;
  let exported: ContextDocument | undefined;
  let linkedView: { center: [number, number]; zoom: number; pitch: number; bearing: number };

  it('permalink round trip: view, layers, scenario setting and five edits in < 2,000 characters; a new twin reruns to the same hash and bytes; the context document validates', async function () {
    this.timeout(120000);
    const first = completion(() => true);
    const { twin, map } = await mountTwin(template());
    const baseline = await first;
    expect(baseline.inputHash).to.match(/^[0-9a-f]{12}$/);

    // The user changes the view, hides the buildings, warms the reference and draws a plan.
    const done = completion(planned);
    const scenario = scenarioOf(twin);
    scenario.setAttribute('t-ref', '31');
    const layers = [...twin.querySelectorAll('dt-layer')];
    must(layers[1], 'buildings layer').setAttribute('visible', 'false');
    const editor = must(twin.shadowRoot?.querySelector<DtPlanEditor>('dt-plan-editor'), 'editor');
    const edits = fiveEdits(must(baseline.bands['t-air'], 't-air'));
    editor.addEdits(edits);
    must(map.map, 'maplibre').jumpTo({
      center: [4.36655, 52.01205],
      zoom: 17.2,
      pitch: 40,
      bearing: 30,
    });
    const result = await done;
    original = result;
    expect(result.inputHash).to.not.equal(baseline.inputHash);
    // The run used the edits on the 1e-7 degree grid: the geometry a permalink can carry exactly.
    expect(result.provenance?.edits.map((e) => e.geometry)).to.deep.equal(
      edits.map((e) => snapEdit(e).geometry),
    );

    // The fragment follows (debounced).
    await until(async () => {
      const payload = permalinkPayload(location.hash);
      if (!payload) return false;
      const state = await decodePermalink(payload);
      return state.edits?.length === 5 && Math.abs((state.view?.zoom ?? 0) - 17.2) < 1e-3;
    }, 'the fragment with the plan and the view');
    const fragment = location.hash;
    const payload = must(permalinkPayload(fragment), 'payload');
    const state = await decodePermalink(payload);
    expect(state.layers).to.deep.equal([true, false]);
    expect(state.scenarios).to.deep.equal({ hitte: { 't-ref': '31' } });
    // A <dt-compare>'s mode and divider position travel too (this twin has none).
    const compare = { mode: 'swipe', position: 0.35 };
    expect(
      (await decodePermalink(await encodePermalink({ ...state, compare }))).compare,
    ).to.deep.equal(compare);
    expect(fragment.length, 'fragment length').to.be.below(2000);
    expect(location.href.length, 'URL length').to.be.below(2000);
    console.log(
      `permalink with five edits: ${fragment.length} characters (${location.href.length} with the page URL)`,
    );
    // No sources, URLs or secrets in it.
    const text = await inflate(payload);
    expect(text).to.not.match(/https?:|\/src\/|\.tif|\.geojson|\?/);
    linkedView = must(state.view, 'view');

    // The run information shows the hash.
    const scenarioPanel = must(
      twin.shadowRoot?.querySelector('dt-scenario-panel'),
      'scenario panel',
    );
    await until(
      () =>
        scenarioPanel.shadowRoot
          ?.querySelector('dt-run-info')
          ?.shadowRoot?.querySelector('[part=hash]')?.textContent === result.inputHash,
      'the hash in the run information',
    );

    // A new page: the twin goes, the stored plan goes, and the same markup opens the link.
    twin.remove();
    localStorage.removeItem(planKey(PLAN));
    expect(location.hash).to.equal(fragment);
    const applied = nextEvent(document, 'dt-share-apply');
    const again = completion(planned);
    const restored = await mountTwin(template());
    await applied;
    const view = restored.map.view;
    expect(view.center[0]).to.be.closeTo(linkedView.center[0], 1e-7);
    expect(view.center[1]).to.be.closeTo(linkedView.center[1], 1e-7);
    expect(view.zoom).to.be.closeTo(17.2, 1e-3);
    expect(view.pitch).to.be.closeTo(40, 0.01);
    expect(view.bearing).to.be.closeTo(30, 0.01);
    expect(
      [...restored.twin.querySelectorAll('dt-layer')].map((l) => l.getAttribute('visible')),
    ).to.deep.equal([null, 'false']);
    const rerun = await again;
    expect(rerun.inputHash).to.equal(result.inputHash);
    expect(rerun.provenance?.inputHashFull).to.equal(result.provenance?.inputHashFull);
    expectSameBands(result, rerun);
    const restoredEditor = must(
      restored.twin.shadowRoot?.querySelector<DtPlanEditor>('dt-plan-editor'),
      'restored editor',
    );
    expect(restoredEditor.edits.map((e) => e.geometry)).to.deep.equal(
      edits.map((e) => snapEdit(e).geometry),
    );
    expect(restoredEditor.edits.map((e) => e.properties.label ?? null)).to.deep.equal([
      'Pocket park',
      'Bomenrij',
      null,
      'Parkeren',
      null,
    ]);

    // The run information (opened) and the share panel pass axe (WCAG 2.1 AA).
    const panels = must(restored.twin.shadowRoot, 'panel');
    const scenarioPanel2 = must(panels.querySelector('dt-scenario-panel'), 'scenario panel');
    const info = scenarioPanel2.shadowRoot?.querySelector('dt-run-info');
    must(info?.shadowRoot?.querySelector('details'), 'run information').open = true;
    // Only the two panels, through the shadow roots (axe over the whole twin takes seconds).
    restored.twin.id = 'shared-twin';
    const axe = await loadAxe();
    const { violations, passes } = await axe.run(
      {
        include: [
          { fromShadowDom: ['#shared-twin', 'dt-scenario-panel', 'dt-run-info'] },
          { fromShadowDom: ['#shared-twin', 'dt-share-panel'] },
        ],
      } as unknown as Element, // axe's context object; the helper's type names only elements
      { runOnly: WCAG_AA_RULES },
    );
    expect(violations.map((v) => `${v.id}: ${v.help}`)).to.deep.equal([]);
    // It looked inside: the run information's table and summary, the panel's buttons and file input.
    expect(passes.map((p) => p.id)).to.include.members([
      'button-name',
      'label',
      'th-has-data-cells',
    ]);

    // "Copy link" puts the link of this state on the clipboard (or in a field to copy by hand) and says so.
    const share = must(panels.querySelector('dt-share-panel')?.shadowRoot, 'share panel');
    const copy = [...share.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Copy link',
    );
    // The real clipboard is written; the page may not read it back, so the text is noted on the way.
    let written: string | undefined;
    const status = () => share.querySelector('[role=status]')?.textContent?.trim() ?? '';
    const clipboard = navigator.clipboard;
    const writeText = clipboard.writeText.bind(clipboard);
    clipboard.writeText = (text: string) => ((written = text), writeText(text));
    try {
      must(copy, 'copy link button').click();
      await until(
        () => status().startsWith('Link copied') || status().startsWith('The browser'),
        'the announcement',
      );
    } finally {
      Reflect.deleteProperty(clipboard, 'writeText');
    }
    const field = share.querySelector<HTMLInputElement>('input[type=text]');
    const copied = must(field ? field.value : written, 'the copied link');
    expect(status()).to.equal(
      field
        ? 'The browser did not allow copying: select the link below and copy it.'
        : 'Link copied',
    );
    console.log(`copy link: ${field ? 'shown to copy by hand' : 'on the clipboard'}`);
    expect(
      await decodePermalink(must(permalinkPayload(new URL(copied).hash), 'copied payload')),
    ).to.deep.equal(await decodePermalink(must(permalinkPayload(location.hash), 'payload')));

    // Determinism: the same inputs once more give the same bytes and hash.
    const third = completion(() => true);
    scenarioOf(restored.twin).reload();
    const repeated = await third;
    expect(repeated.inputHash).to.equal(result.inputHash);
    expectSameBands(result, repeated);

    // The same twin as a context document: it validates against the schema.
    const doc = exportContextDocument(restored.twin, { title: 'Hitte Delft' });
    expect(validate(doc), JSON.stringify(validate.errors)).to.equal(true);
    expect(doc.type).to.equal('3dcontextdocument');
    expect(doc.scene.layers.map((l) => [l.type, l.visible])).to.deep.equal([
      ['application/vnd.tweeling.scenario+json', true],
      ['application/geo+json', false],
    ]);
    expect(doc.scene.layers[1]?.href).to.equal(
      new URL(`${DATA}/buildings.geojson`, location.href).href,
    );
    expect(doc.tweeling?.edits.features.length).to.equal(5);
    expect(doc.tweeling?.sourceCrs).to.deep.equal({
      ahn: 'EPSG:28992',
      dsm: 'EPSG:28992',
      bgt: 'EPSG:4326',
      panden: 'EPSG:4326',
    });
    // The camera, checked against MapLibre's own camera solver: it gives back the view.
    const camera = must(doc.scene.cameras[0], 'camera');
    expect(camera.tilt).to.be.closeTo(40, 0.01);
    expect(camera.heading).to.be.closeTo(30, 0.01);
    const solved = must(
      restored.map.map,
      'maplibre',
    ).calculateCameraOptionsFromCameraLngLatAltRotation(
      [camera.position.lon, camera.position.lat],
      camera.position.z,
      camera.heading,
      camera.tilt,
    );
    const centre = solved.center as { lng: number; lat: number };
    expect(centre.lng).to.be.closeTo(restored.map.view.center[0], 1e-6);
    expect(centre.lat).to.be.closeTo(restored.map.view.center[1], 1e-6);
    expect(solved.zoom).to.be.closeTo(restored.map.view.zoom, 1e-3);
    exported = doc;
  });

  it('context document import on a fresh twin gives the same layers, view and hash; bad documents and links change nothing; the Esri form', async function () {
    this.timeout(120000);
    const source = must(original, 'the result of the first test');
    const doc = must(exported, 'the document of the first test');
    clearFragment();
    // A fresh, empty twin builds itself from the document.
    const fresh = await mountTwin(
      html`<dt-twin basemap="none" style=${TWIN_SIZE}
        ><dt-map preserve-drawing-buffer></dt-map
      ></dt-twin>`,
    );
    const imported = completion(planned);
    const built = loadContextDocument(fresh.twin, JSON.parse(JSON.stringify(doc)));
    expect(built).to.deep.include({ sources: 4, scenarios: 1, layers: 2 });
    const result = await imported;
    expect(result.inputHash).to.equal(source.inputHash);
    expectSameBands(source, result);
    const view = fresh.map.view;
    expect(view.center[0]).to.be.closeTo(linkedView.center[0], 1e-6);
    expect(view.center[1]).to.be.closeTo(linkedView.center[1], 1e-6);
    expect(view.zoom).to.be.closeTo(linkedView.zoom, 1e-3);
    expect(view.pitch).to.be.closeTo(40, 0.01);
    expect(view.bearing).to.be.closeTo(30, 0.01);
    expect(
      [...fresh.twin.querySelectorAll('dt-layer')].map((l) => [
        l.getAttribute('source'),
        l.visible,
      ]),
    ).to.deep.equal([
      ['hitte', true],
      ['panden', false],
    ]);

    // Bad documents: an error event naming what is wrong, and nothing changes.
    const before = markupOf(fresh.twin);
    const rejected = async (input: unknown): Promise<DtShareErrorDetail> => {
      const error = nextEvent<CustomEvent<DtShareErrorDetail>>(fresh.twin, 'dt-share-error');
      expect(loadContextDocument(fresh.twin, input)).to.equal(undefined);
      return (await error).detail;
    };
    const badTilt = structuredClone(doc) as unknown as { scene: { cameras: { tilt: unknown }[] } };
    must(badTilt.scene.cameras[0], 'camera').tilt = 'steep';
    let detail = await rejected(badTilt);
    expect(detail.error.code).to.equal('invalid-document');
    expect(detail.error.reason).to.contain('/scene/cameras/0/tilt');
    const badSource = structuredClone(doc);
    must(badSource.tweeling?.layers[1], 'layer').attributes['source'] = 'nowhere';
    detail = await rejected(badSource);
    expect(detail.error.reason).to.contain('source="nowhere"');
    const script = structuredClone(doc);
    must(script.tweeling?.sources[0], 'source').inline = {
      type: 'module',
      text: 'window.hacked = 1',
    };
    detail = await rejected(script);
    expect(detail.error.code).to.equal('unsupported');
    expect(markupOf(fresh.twin)).to.equal(before);
    expect(scenarioOf(fresh.twin).result).to.equal(result);

    // Bad links: the same.
    fresh.twin.permalink = true;
    await fresh.twin.updateComplete;
    const linkError = nextEvent<CustomEvent<DtShareErrorDetail>>(fresh.twin, 'dt-share-error');
    location.hash = '#dt=not*base64';
    detail = (await linkError).detail;
    expect(detail.origin).to.equal('permalink');
    expect(detail.error.code).to.equal('invalid-permalink');
    for (const [json, code, words] of [
      [{ v: 1, e: [[9, 2, [[1, 2, 3, 4, 5, 6]]]] }, 'invalid-permalink', 'unknown action code 9'],
      [{ v: 1, s: { elders: { 't-ref': '40' } } }, 'mismatch', 'no scenario with id "elders"'],
      [{ v: 1, s: { hitte: { onclick: 'alert(1)' } } }, 'invalid-permalink', 'onclick'],
    ] as const) {
      history.replaceState(null, '', `#dt=${await handMadePayload(json)}`);
      const error = nextEvent<CustomEvent<DtShareErrorDetail>>(fresh.twin, 'dt-share-error');
      expect(await fresh.twin.share.restore()).to.equal(false);
      detail = (await error).detail;
      expect(detail.error.code).to.equal(code);
      expect(detail.error.reason).to.contain(words);
    }
    expect(markupOf(fresh.twin)).to.equal(before);
    expect(scenarioOf(fresh.twin).result).to.equal(result);
    fresh.twin.permalink = false;
    clearFragment();

    // The simpler Esri testbed form: the camera and the layers it can draw (3D Tiles are left out).
    const esri = nextEvent<CustomEvent<{ skipped: unknown[] }>>(fresh.twin, 'dt-share-apply');
    const simple = loadContextDocument(fresh.twin, {
      view: { heading: 0, tilt: 0, position: { lat: 52.0117, lon: 4.3672, z: 400 } },
      time: '2026-06-21T12:00:00Z',
      layers: [
        { title: 'Panden', type: 'application/geo+json', href: `${DATA}/buildings.geojson` },
        {
          title: 'Mesh',
          type: 'model/gltf+json;profile=3dtiles',
          href: 'https://example.invalid/tileset.json',
        },
      ],
    });
    expect(simple).to.deep.include({ form: 'esri', sources: 1, scenarios: 0, layers: 1 });
    expect((await esri).detail.skipped).to.have.length(1);
    expect(fresh.map.view.pitch).to.be.closeTo(0, 1e-9);
    expect(fresh.map.view.center[0]).to.be.closeTo(4.3672, 1e-6);
    expect(fresh.map.view.center[1]).to.be.closeTo(52.0117, 1e-6);
  });
});
