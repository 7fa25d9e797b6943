import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html } from 'lit';
import { TwinController } from '../../src/components/base/twin-controller.js';
import type { DtStore } from '../../src/components/store/dt-store.js';
import type { StoreErrorDetail } from '../../src/core/store/admission.js';
import { sha384Integrity } from '../../src/core/store/admission.js';
import { readCatalogue } from '../../src/core/store/catalogue.js';
import {
  installComponent,
  installedComponents,
  uninstallComponent,
} from '../../src/core/store/loader.js';
import type { StoreEntry } from '../../src/core/store/store-entry.js';
import type { ScenarioResult } from '../../src/core/sim/scenario-result.js';
import { axeViolations } from '../helpers/axe.js';
import { captureFrame, type Frame } from '../helpers/frame.js';
import { countMagentaShades } from '../helpers/pixels.js';
import { mountTwin, nextEvent, TWIN_SIZE } from '../helpers/twin.js';

const STORE = '/examples/store/store.json';
const RECORDS = '/examples/store/records/items.json';
const CANOPY = '/examples/store/packages/acme-canopy/tweeling.json';
const DATA = '/src/data/delft';
/** The crown colours of <acme-canopy-layer> (fill by height class) and its outline. */
const CROWN_COLOURS = [
  [161, 217, 155],
  [65, 171, 93],
  [0, 90, 50],
  [0, 60, 30],
];

async function json<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

const clone = <T>(value: T): T => structuredClone(value);

function crownPixels(frame: Frame): number {
  let n = 0;
  const d = frame.data;
  for (let i = 0; i < d.length; i += 4) {
    const close = CROWN_COLOURS.some(
      ([r = 0, g = 0, b = 0]) =>
        Math.abs((d[i] ?? 0) - r) <= 4 &&
        Math.abs((d[i + 1] ?? 0) - g) <= 4 &&
        Math.abs((d[i + 2] ?? 0) - b) <= 4,
    );
    if (close) n++;
  }
  return n;
}

/** Collects the `dt-store-error` details fired at `target` while `run` runs. */
async function storeErrors(target: EventTarget, run: () => Promise<unknown>) {
  const details: StoreErrorDetail[] = [];
  const listener = (e: Event) => details.push((e as CustomEvent<StoreErrorDetail>).detail);
  target.addEventListener('dt-store-error', listener);
  try {
    await run();
  } finally {
    target.removeEventListener('dt-store-error', listener);
  }
  return details;
}

/** A store entry for a module written here (served as a blob: URL), with its real SHA-384. */
async function entryForSource(
  id: string,
  source: string,
  tags: string[] = [],
): Promise<StoreEntry> {
  const entry = clone(await json<StoreEntry>(CANOPY));
  entry.id = id;
  const component = entry.properties['tweeling:component'];
  component.tagPrefix = 'test-';
  component.tags = tags;
  component.scenarioKinds = [];
  component.elements = tags.map((tag) => ({ tag }));
  component.module.url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  component.module.integrity = await sha384Integrity(new TextEncoder().encode(source));
  return entry;
}

describe('component store', () => {
  it('reads a catalogue page by page, following next links, each entry once', async () => {
    for (const url of [STORE, RECORDS]) {
      const catalogue = await readCatalogue(url);
      const ids = catalogue.entries.map((e) => e.id);
      expect(catalogue.pages.length, url).to.equal(2);
      expect(ids.length, url).to.equal(catalogue.numberMatched);
      expect(new Set(ids).size, url).to.equal(ids.length);
      expect(
        catalogue.entries.every((e) => e.validation.valid),
        url,
      ).to.equal(true);
      expect(ids).to.include.members(['nl.acme.tree-canopy', 'nl.example.street-view-tiles']);
    }
    const capped = await readCatalogue(RECORDS, { maxPages: 1 });
    expect(capped.truncated).to.equal(true);
    expect(capped.entries.length).to.equal(2);
  });

  it('refuses revoked, out-of-range, invalid and tampered entries before any code runs', async () => {
    const twin = new TwinController(document.createElement('div'));
    const target = new EventTarget();
    const catalogue = await readCatalogue(STORE);
    const record = (id: string) => catalogue.entries.find((e) => e.id === id)?.record;
    const canopy = await json<StoreEntry>(CANOPY);
    const canopyBase = new URL(CANOPY, location.href).href;
    // One byte more: a module that would leave a global behind if it ran.
    const moduleUrl = new URL(canopy.properties['tweeling:component'].module.url, canopyBase).href;
    const tamperedSource = `globalThis.tamperedRan = true;\n${await (await fetch(moduleUrl)).text()}`;
    const tampered = clone(canopy);
    tampered.properties['tweeling:component'].module.url = URL.createObjectURL(
      new Blob([tamperedSource], { type: 'text/javascript' }),
    );
    const invalid = clone(canopy) as unknown as Record<string, unknown>;
    delete invalid.links;
    const cases: [unknown, StoreErrorDetail['code']][] = [
      [record('nl.example.street-view-tiles'), 'revoked'],
      [record('nl.geluidlab.noise-contours'), 'sdk-range'],
      [invalid, 'invalid-entry'],
      [tampered, 'integrity'],
    ];
    for (const [entry, code] of cases) {
      const errors = await storeErrors(target, async () => {
        const result = await installComponent(entry, twin, { target, baseUrl: canopyBase });
        expect(result.ok, code).to.equal(false);
      });
      expect(errors.map((e) => e.code)).to.deep.equal([code]);
      expect(errors[0]?.reason, code).to.be.a('string').and.not.equal('');
    }
    expect((globalThis as { tamperedRan?: boolean }).tamperedRan).to.equal(undefined);
    expect(customElements.get('acme-canopy-layer') === undefined, 'not defined').to.equal(true);
    expect(installedComponents(twin)).to.deep.equal([]);
  });

  it('installs the example package (its scenario kind runs, its layer draws), removes it, and isolates failing components', async () => {
    const { twin, map } = await mountTwin(
      html`<dt-twin lang="en" style=${TWIN_SIZE}>
        <dt-map center="4.3672,52.0117" zoom="17" pitch="0" bearing="0"></dt-map>
        <dt-data-source id="ahn" type="geotiff" src="${DATA}/ahn3-dtm-50cm.tif"></dt-data-source>
        <dt-data-source
          id="ahn-dsm"
          type="geotiff"
          src="${DATA}/ahn3-dsm-50cm.tif"
        ></dt-data-source>
        <dt-data-source id="panden" src="${DATA}/buildings.geojson"></dt-data-source>
        <dt-layer
          source="panden"
          type="extrusion"
          height="ahn3_h_dak_70p"
          color="#ff00ff"
        ></dt-layer>
      </dt-twin>`,
    );
    const before = crownPixels(await captureFrame(map));
    const entry = await json<StoreEntry>(CANOPY);
    const completed = nextEvent<CustomEvent<{ scenarioId: string; result: ScenarioResult }>>(
      twin,
      'dt-scenario-complete',
    );
    const result = await installComponent(entry, twin, {
      baseUrl: new URL(CANOPY, location.href).href,
    });
    expect(result.ok).to.equal(true);
    const { detail } = await completed;
    expect(detail.scenarioId).to.equal('acme-canopy');
    const stat = (key: string) => detail.result.stats.find((s) => s.key === key)?.value ?? NaN;
    const share = stat('acme-canopy-share');
    const trees = stat('acme-tree-count');
    expect(share).to.be.within(1, 60);
    expect(trees).to.be.greaterThan(10);
    const layer = twin.querySelector('acme-canopy-layer') as
      (Element & { trees: unknown[] }) | null;
    expect(layer?.trees.length).to.equal(trees);
    const drawn = crownPixels(await captureFrame(map));
    expect(drawn, `crown pixels before ${before}, after ${drawn}`).to.be.greaterThan(before + 2000);
    // The panel labels its statistics with the supplier's own messages.
    const panel = twin.shadowRoot?.querySelector('dt-scenario-panel');
    expect(panel?.shadowRoot?.textContent).to.contain('Tree canopy cover');

    // A second entry defining the same tag is refused.
    const copy = clone(entry);
    copy.id = 'nl.other.canopy-copy';
    const errors = await storeErrors(twin, () => installComponent(copy, twin));
    expect(errors.map((e) => e.code)).to.deep.equal(['tag-taken']);

    expect(uninstallComponent(entry.id, twin)).to.equal(true);
    expect(twin.querySelector('acme-canopy-layer, dt-scenario') === null, 'removed').to.equal(true);
    expect(installedComponents(twin)).to.deep.equal([]);
    expect(customElements.get('acme-canopy-layer') !== undefined, 'still defined').to.equal(true);
    const after = crownPixels(await captureFrame(map));
    expect(after, `crown pixels after removal ${after}`).to.be.below(before + 200);

    // A module that throws while loading, and an element that throws while connecting: both are
    // reported and dropped, and the twin keeps drawing its own layers.
    const throwsOnLoad = await entryForSource(
      'nl.test.throws-on-load',
      "throw new Error('broken on purpose while loading');\n",
    );
    const throwsOnConnect = await entryForSource(
      'nl.test.throws-on-connect',
      `class Broken extends HTMLElement {
        connectedCallback() { throw new Error('broken on purpose while connecting'); }
      }
      customElements.define('test-broken-panel', Broken);\n`,
      ['test-broken-panel'],
    );
    const failures = await storeErrors(twin, async () => {
      expect((await installComponent(throwsOnLoad, twin)).ok).to.equal(false);
      expect((await installComponent(throwsOnConnect, twin)).ok).to.equal(false);
    });
    expect(failures.map((e) => e.code)).to.deep.equal(['load-failed', 'render-failed']);
    expect(failures[0]?.reason).to.contain('broken on purpose while loading');
    expect(failures[1]?.reason).to.contain('broken on purpose while connecting');
    expect(twin.querySelector('test-broken-panel') === null, 'removed').to.equal(true);
    expect(installedComponents(twin)).to.deep.equal([]);
    expect(countMagentaShades(await captureFrame(map))).to.be.greaterThan(1000);
  });

  it('<dt-store> lists, filters and installs with the keyboard, in Dutch, without axe violations', async () => {
    const { twin } = await mountTwin(
      html`<dt-twin lang="nl" style=${TWIN_SIZE}>
        <dt-map center="4.3672,52.0117" zoom="16.5" pitch="0"></dt-map>
        <dt-store src=${STORE} style="--dt-store-max-height: 650px"></dt-store>
      </dt-twin>`,
    );
    const store = twin.querySelector('dt-store') as DtStore;
    if (!store.catalogue) await nextEvent(store, 'dt-store-load');
    await store.updateComplete;
    const root = store.shadowRoot as ShadowRoot;
    const listed = () =>
      [...root.querySelectorAll('[part="entry"]')].map((li) => li.getAttribute('data-entry-id'));
    expect(root.querySelector('h2')?.textContent).to.equal('Componentenwinkel');
    expect(listed()).to.have.length(4);

    const choose = async (facet: string, value: string) => {
      const select = root.querySelector(`select[data-facet="${facet}"]`) as HTMLSelectElement;
      select.value = value;
      select.dispatchEvent(new Event('change'));
      await store.updateComplete;
    };
    await choose('kind', 'data-source');
    expect(listed()).to.deep.equal(['nl.geluidlab.noise-contours']);
    await choose('kind', '');
    await choose('status', 'revoked');
    expect(listed()).to.deep.equal(['nl.example.street-view-tiles']);
    await choose('status', '');
    await choose('admission', 'refused');
    expect(listed()).to.have.members([
      'nl.example.street-view-tiles',
      'nl.geluidlab.noise-contours',
    ]);
    await choose('admission', '');

    const entry = () => root.querySelector('[data-entry-id="nl.acme.tree-points"]') as HTMLElement;
    const button = () => entry().querySelector('button') as HTMLButtonElement;
    expect(button().textContent?.trim()).to.equal('Installeren');
    button().focus();
    const installed = nextEvent(store, 'dt-store-install');
    await sendKeys({ press: 'Enter' });
    await installed;
    await store.updateComplete;
    expect(twin.querySelector('acme-tree-points-layer') !== null, 'added').to.equal(true);
    expect(button().textContent?.trim()).to.equal('Verwijderen');
    expect(root.activeElement === button(), 'focus stays on the button').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await store.updateComplete;
    expect(twin.querySelector('acme-tree-points-layer') === null, 'removed').to.equal(true);
    expect(entry().querySelector('[part="note"]')?.textContent).to.contain('opnieuw wordt geladen');

    // The admission report: the checks in Dutch, and the conformance report published next to the
    // example package (conformance.json) summarised under the six criteria.
    const canopy = root.querySelector('[data-entry-id="nl.acme.tree-canopy"]') as HTMLElement;
    const report = canopy.querySelector('details') as HTMLDetailsElement;
    report.open = true;
    for (let i = 0; i < 50 && !canopy.querySelector('.criteria li'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      await store.updateComplete;
    }
    expect(report.textContent).to.contain('Levenscyclusstatus: Stabiel');
    expect(report.textContent).to.contain('valt binnen');
    const criteria = [...canopy.querySelectorAll('.criteria li')].map((li) =>
      (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
    );
    expect(criteria, criteria.join('\n')).to.have.length(6);
    expect(criteria[0]).to.contain('Technische compatibiliteit en betrouwbaarheid');
    expect(criteria.every((text) => text.startsWith('geslaagd'))).to.equal(true);
    const { lines } = await axeViolations(store);
    expect(lines, lines.join('\n')).to.deep.equal([]);
  });
});
