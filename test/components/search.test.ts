import { expect, waitUntil } from '@open-wc/testing';
import { WebMercatorViewport } from '@deck.gl/core';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { Feature, FeatureCollection, Position } from 'geojson';
import { html, render } from 'lit';
import proj4 from 'proj4';
import '../../src/define.js';
import type { DtCoordinates } from '../../src/components/coordinates/dt-coordinates.js';
import type { DtMap } from '../../src/components/map/dt-map.js';
import type { DtSearch } from '../../src/components/search/dt-search.js';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';
import { axeViolations } from '../helpers/axe.js';
import { mapOf, nextEvent, TWIN_SIZE } from '../helpers/twin.js';

const BUILDINGS = '/src/data/delft/buildings.geojson';
const CAMPUS = '/src/data/delft-campus/bag-panden.wgs84.geojson';
const FIXTURE = '/test/fixtures/find/locatieserver-docs.json';
/** RD New as EPSG publishes it (proj4 string of epsg.io), independent of src/core/raster/crs.ts. */
const RD_NEW =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';
const RUN = `find-${Date.now()}`;
const geocoderUrl = (mode: string) => `/test-locatieserver/${RUN}/${mode}`;

/** Three addressed features (BAG address fields), one with accents. */
const addresses = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    ['Oude Delft', 12, 'A'],
    ['Oude Delft', 120, ''],
    ['Café Ôude Delft', 3, ''],
  ].map(([street, number, letter], i) => ({
    type: 'Feature',
    id: `adres-${i}`,
    properties: {
      openbare_ruimte: street,
      huisnummer: number,
      huisletter: letter,
      woonplaats: 'Delft',
    },
    geometry: { type: 'Point', coordinates: [4.3635 + i * 0.001, 52.0125] },
  })),
});

const longTasks: { start: number; duration: number }[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
});
let readyAt = 0;
/** When the first search started and listed its results (the index is built in between). */
const firstSearch = [0, 0];

let container: HTMLElement;
let twin: DtTwin;
let map: DtMap;
let search: DtSearch;
let coordinates: DtCoordinates;
let buildings: FeatureCollection;
let campus: FeatureCollection;

const shadow = (el: Element) => el.shadowRoot as ShadowRoot;
const input = () => shadow(search).querySelector('input') as HTMLInputElement;
const options = () => [...shadow(search).querySelectorAll<HTMLElement>('[role="option"]')];
const spoken = () =>
  shadow(search).querySelector('[aria-live="polite"]')?.textContent?.trim() ?? '';
const stats = async () =>
  (await (await fetch(`/test-locatieserver/${RUN}/stats`)).json()) as {
    suggest: string[];
    lookup: string[];
    aborted: number;
  };

/** Every position of a feature's geometry. */
function positions(feature: Feature): Position[] {
  const g = feature.geometry;
  if (g.type === 'Point') return [g.coordinates];
  if (g.type === 'Polygon') return g.coordinates.flat();
  if (g.type === 'MultiPolygon') return g.coordinates.flat(2);
  throw new Error(`unexpected ${g.type}`);
}

/** Centre of the feature's bounding box, from its raw coordinates. */
function boxCentre(feature: Feature): [number, number] {
  const xs = positions(feature).map((p) => p[0] ?? NaN);
  const ys = positions(feature).map((p) => p[1] ?? NaN);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

/** Types `text` one character per `input` event, all in one task (faster than any debounce). */
function typeAtOnce(text: string): void {
  input().focus();
  for (let i = 1; i <= text.length; i++) {
    input().value = text.slice(0, i);
    input().dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
}

async function typeQuery(text: string): Promise<void> {
  input().focus();
  input().select();
  await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: text });
}

const settledMove = () => new Promise<void>((resolve) => map.map?.once('moveend', () => resolve()));

describe('<dt-search> and <dt-coordinates>', () => {
  before(async function () {
    this.timeout(180000);
    const t0 = performance.now();
    observer.observe({ type: 'longtask', buffered: true });
    [buildings, campus] = await Promise.all(
      [BUILDINGS, CAMPUS].map(async (u) => (await (await fetch(u)).json()) as FeatureCollection),
    );
    container = document.createElement('div');
    document.body.append(container);
    render(
      html`<dt-twin style=${TWIN_SIZE} lang="en" center="4.3658,52.0122" zoom="16.5" pitch="0">
        <dt-data-source id="panden" src=${BUILDINGS}></dt-data-source>
        <dt-data-source id="campus" src=${CAMPUS}></dt-data-source>
        <dt-data-source id="adressen"
          ><script type="application/geo+json">
            ${addresses}
          </script></dt-data-source
        >
        <dt-layer source="panden" type="fill"></dt-layer>
        <dt-layer source="adressen" type="circle"></dt-layer>
        <dt-search geocoder="pdok" geocoder-url=${geocoderUrl('ok')}></dt-search>
        <dt-coordinates></dt-coordinates>
      </dt-twin>`,
      container,
    );
    twin = container.querySelector('dt-twin') as DtTwin;
    search = twin.querySelector('dt-search') as DtSearch;
    coordinates = twin.querySelector('dt-coordinates') as DtCoordinates;
    await twin.updateComplete;
    map = mapOf(twin);
    twin.addEventListener('dt-source-load', (e) =>
      console.log(`load ${e.detail.sourceId} ${(performance.now() - t0).toFixed(0)} ms`),
    );
    await map.ready;
    readyAt = performance.now();
    console.log(`ready ${(readyAt - t0).toFixed(0)} ms`);
  });

  after(() => {
    observer.disconnect();
    container.remove();
  });

  it('finds a building by BAG id from the keyboard (combobox), selects it and moves the map to it', async () => {
    // The panel has a search box of its own, laid out in the panel.
    expect(twin.shadowRoot?.querySelector('aside dt-search')?.getAttribute('placement')).to.equal(
      'inline',
    );
    const target = buildings.features[42] as Feature;
    const id = String(target.properties?.identificatiebagpnd);
    firstSearch[0] = performance.now();
    await typeQuery(id);
    await waitUntil(() => options().length > 0, 'no results listed');
    firstSearch[1] = performance.now();
    const field = input();
    expect(field.getAttribute('role')).to.equal('combobox');
    expect(field.getAttribute('aria-expanded')).to.equal('true');
    expect(field.getAttribute('aria-controls')).to.equal('listbox');
    expect(shadow(search).querySelector('#listbox')?.getAttribute('role')).to.equal('listbox');
    expect(options()[0]?.textContent).to.contain(id);
    // Counted from the files: features with a value containing the id.
    const all = [...buildings.features, ...campus.features];
    const expected = all.filter((f) =>
      Object.values(f.properties ?? {}).some((v) => String(v).includes(id)),
    ).length;
    await waitUntil(() => spoken() !== '', 'no announcement');
    // With the geocoder on, its count follows once it has answered (none for a BAG id).
    await waitUntil(() => spoken().includes('(PDOK)'), 'no PDOK count');
    expect(spoken()).to.equal(
      `${expected === 1 ? '1 result' : `${expected} results`}, 0 addresses (PDOK)`,
    );

    await sendKeys({ press: 'ArrowDown' });
    await search.updateComplete;
    expect(field.getAttribute('aria-activedescendant')).to.equal('option-0');
    expect(options()[0]?.getAttribute('aria-selected')).to.equal('true');
    const selected = nextEvent<CustomEvent>(twin, 'dt-select');
    const moved = settledMove();
    await sendKeys({ press: 'Enter' });
    const selection = (await selected).detail.selection;
    expect(selection.sourceId).to.equal('panden');
    expect(selection.feature.properties.identificatiebagpnd).to.equal(id);
    await moved;
    const [lon, lat] = boxCentre(target);
    expect(map.view.center[0]).to.be.closeTo(lon, 1e-6);
    expect(map.view.center[1]).to.be.closeTo(lat, 1e-6);
    expect(field.getAttribute('aria-expanded')).to.equal('false');
  });

  it('ranks and navigates: exact id first, Home/End/arrows, Escape closes then clears; addresses and accents; Dutch', async () => {
    // A campus building by the local part of its BAG id (`NL.IMBAG.Pand.` left off).
    const campusId = String(campus.features[700]?.properties?.identificatie);
    const local = campusId.split('.').pop() ?? '';
    search.geocoder = null; // the twin's own features only: no list changes while navigating
    let result = await search.search(local);
    expect(result.hits[0]?.entry.sourceId).to.equal('campus');
    expect(result.hits[0]?.entry.index).to.equal(700);
    expect(result.hits[0]?.rank).to.equal('exact');

    await typeQuery('oude delft 12');
    await waitUntil(() => options().some((o) => o.textContent?.includes('Oude Delft 12A')));
    const first = options()[0];
    expect(first?.textContent).to.contain('Oude Delft 12A, Delft');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'End' });
    await search.updateComplete;
    const n = options().length;
    expect(input().getAttribute('aria-activedescendant')).to.equal(`option-${n - 1}`);
    await sendKeys({ press: 'Home' });
    await search.updateComplete;
    expect(input().getAttribute('aria-activedescendant')).to.equal('option-0');
    await sendKeys({ press: 'ArrowUp' }); // wraps to the last
    await search.updateComplete;
    expect(input().getAttribute('aria-activedescendant')).to.equal(`option-${n - 1}`);
    await sendKeys({ press: 'Escape' });
    await search.updateComplete;
    expect(input().getAttribute('aria-expanded')).to.equal('false');
    expect(input().value).to.equal('oude delft 12');
    await sendKeys({ press: 'Escape' });
    await search.updateComplete;
    expect(input().value).to.equal('');

    result = await search.search('CAFE OUDE');
    expect(result.hits.map((h) => h.entry.label)).to.deep.equal(['Café Ôude Delft 3, Delft']);

    twin.setAttribute('lang', 'nl');
    await twin.updateComplete;
    await search.updateComplete;
    expect(shadow(search).querySelector('label')?.textContent?.trim()).to.equal('Zoeken');
    await coordinates.updateComplete;
    const copy = shadow(coordinates).querySelector('button')?.textContent?.trim();
    expect(copy).to.equal('Coördinaten kopiëren');
    await search.search('oude delft');
    await waitUntil(() => /resultaten/.test(spoken()), 'no Dutch announcement');
    expect(spoken()).to.match(/^3 resultaten/);
    twin.setAttribute('lang', 'en');
    await twin.updateComplete;
    search.geocoder = 'pdok';
  });

  it('asks the Locatieserver once after typing stops, lists its addresses in their own group, and moves to a chosen one', async () => {
    const docs = (await (await fetch(FIXTURE)).json()) as {
      id: string;
      weergavenaam: string;
      centroide_ll: string;
    }[];
    const before = (await stats()).suggest.length;
    typeAtOnce('Oude Delft 3');
    const group = () =>
      shadow(search).querySelector('[role="group"][aria-labelledby="group-places"]');
    await waitUntil(() => group()?.querySelector('[role="option"]'), 'no PDOK group', {
      timeout: 5000,
    });
    expect(group()?.textContent).to.contain('Addresses (PDOK)');
    // Debounced: one request for the whole text, none for the keystrokes before it.
    expect((await stats()).suggest.slice(before)).to.deep.equal(['Oude Delft 3']);
    const wanted = docs.filter((d) => /^Oude Delft 3,/.test(d.weergavenaam));
    expect(wanted.length).to.equal(1);
    const option = [...(group()?.querySelectorAll<HTMLElement>('[role="option"]') ?? [])];
    const text = (o: Element, part: string) => o.querySelector(part)?.textContent?.trim();
    expect(option.map((o) => [text(o, '.name'), text(o, '.detail')])).to.deep.equal([
      [wanted[0]?.weergavenaam, 'adres'],
    ]);
    // The server's highlighting, as text: each word of the query in <mark>.
    expect(
      [...(option[0]?.querySelectorAll('mark') ?? [])].map((m) => m.textContent),
    ).to.deep.equal(['Oude', 'Delft', '3', 'Delft']);
    // axe-core on the open list with its two groups.
    expect((await axeViolations(search)).lines).to.deep.equal([]);
    const chosen = nextEvent<CustomEvent>(search, 'dt-search-select');
    const moved = settledMove();
    option[0]?.click();
    const choice = (await chosen).detail.choice;
    await moved;
    const [, lon = '', lat = ''] =
      /POINT\(([\d.]+) ([\d.]+)\)/.exec(wanted[0]?.centroide_ll ?? '') ?? [];
    expect(choice.kind).to.equal('place');
    expect(map.view.center[0]).to.be.closeTo(Number(lon), 1e-9);
    expect(map.view.center[1]).to.be.closeTo(Number(lat), 1e-9);
    expect((await stats()).lookup).to.deep.equal([wanted[0]?.id]);

    // A slow answer is dropped and its request aborted when the text changes.
    search.geocoderUrl = geocoderUrl('slow');
    void search.search('Oude');
    await new Promise((resolve) => setTimeout(resolve, 400)); // debounce over, request in flight
    await search.search('Oude Delft 1');
    expect(group()).to.equal(null); // the older text's addresses are gone at once
    await waitUntil(async () => (await stats()).aborted >= 1, 'the stale request was not aborted', {
      timeout: 5000,
    });
    await waitUntil(() => group()?.querySelector('[role="option"]'), 'no PDOK answer', {
      timeout: 5000,
    });
    // The answer to the newer text: its best match first (for "Oude" it would be the street).
    const shown = [...(group()?.querySelectorAll('[role="option"]') ?? [])].map(
      (o) => o.textContent ?? '',
    );
    expect(shown[0]?.trim()).to.match(/^Oude Delft 1, 2611BA Delft/);
    expect((await stats()).suggest.slice(-2)).to.deep.equal(['Oude', 'Oude Delft 1']);
  });

  it('geocoder failures (HTTP 500, truncated JSON, no point) give dt-search-error and a message; local results still work', async () => {
    const id = String(buildings.features[7]?.properties?.identificatiebagpnd);
    search.geocoderUrl = geocoderUrl('fail');
    let failed = nextEvent<CustomEvent>(search, 'dt-search-error');
    await typeQuery(id);
    let detail = (await failed).detail;
    expect(detail.request).to.equal('suggest');
    expect(detail.error.code).to.equal('http');
    expect(detail.error.status).to.equal(500);
    expect(detail.error.url).to.contain(`/fail/suggest?q=${id}`);
    await search.updateComplete;
    const message = () => shadow(search).querySelector('[part="message"]')?.textContent ?? '';
    expect(message()).to.contain('could not be searched');
    expect(options()[0]?.textContent).to.contain(id); // the twin's own result is still there
    await waitUntil(
      () => spoken().includes('could not be searched'),
      'the failure was not announced',
    );

    search.geocoderUrl = geocoderUrl('broken');
    failed = nextEvent<CustomEvent>(search, 'dt-search-error');
    void search.search('Oude Delft');
    detail = (await failed).detail;
    expect(detail.error.code).to.equal('parse');
    expect(detail.error.message).to.contain('/broken/suggest');

    search.geocoderUrl = geocoderUrl('ok');
    await typeQuery('Oude Delft 5');
    await waitUntil(() => options().some((o) => o.dataset.kind === 'place'), 'no PDOK result');
    search.geocoderUrl = geocoderUrl('nopoint');
    failed = nextEvent<CustomEvent>(search, 'dt-search-error');
    options()
      .find((o) => o.dataset.kind === 'place')
      ?.click();
    detail = (await failed).detail;
    expect(detail.request).to.equal('lookup');
    expect(detail.error.reason).to.contain('centroide_ll');
    search.geocoderUrl = geocoderUrl('ok');
  });

  it('shows the pointer position in RD New and WGS 84 (the map centre off the map and with the keyboard)', async () => {
    twin.panelOpen = false;
    await twin.updateComplete;
    map.map?.jumpTo({ center: [4.3658, 52.0122], zoom: 17, pitch: 0, bearing: 0 });
    await map.rendered();
    const canvas = map.map?.getCanvas() as HTMLCanvasElement;
    const rect = canvas.getBoundingClientRect();
    const pixel: [number, number] = [300, 250];
    await sendMouse({
      type: 'move',
      position: [Math.round(rect.left + pixel[0]), Math.round(rect.top + pixel[1])],
    });
    await waitUntil(() => coordinates.position?.mode === 'pointer', 'no pointer position');
    await new Promise((resolve) => requestAnimationFrame(resolve));
    await coordinates.updateComplete;
    const shown = (crs: string) =>
      (shadow(coordinates).querySelector(`[data-crs="${crs}"]`)?.textContent ?? '')
        .match(/-?\d+\.\d+/g)
        ?.map(Number) ?? [];
    // Independent: deck.gl's Web Mercator viewport at the map's view, and proj4 with EPSG's RD New.
    const view = map.view;
    const viewport = new WebMercatorViewport({
      width: canvas.clientWidth,
      height: canvas.clientHeight,
      longitude: view.center[0],
      latitude: view.center[1],
      zoom: view.zoom,
      pitch: view.pitch,
      bearing: view.bearing,
    });
    const [lon = NaN, lat = NaN] = viewport.unproject(pixel);
    const [x = NaN, y = NaN] = proj4('EPSG:4326', RD_NEW).forward([lon, lat]);
    const [shownLon = NaN, shownLat = NaN] = shown('wgs84');
    const [shownX = NaN, shownY = NaN] = shown('rd');
    // One pixel at zoom 17 is about 0.75 m: the two unprojections agree far closer than that.
    expect(shownLon).to.be.closeTo(lon, 2e-6);
    expect(shownLat).to.be.closeTo(lat, 2e-6);
    expect(shownX).to.be.closeTo(x, 0.15);
    expect(shownY).to.be.closeTo(y, 0.15);
    // Rounding: the shown RD pair is proj4's of the shown WGS 84 pair, to the centimetre.
    const [rx = NaN, ry = NaN] = proj4('EPSG:4326', RD_NEW).forward([shownLon, shownLat]);
    expect(shownX).to.be.closeTo(rx, 0.06);
    expect(shownY).to.be.closeTo(ry, 0.06);
    const readout = shadow(coordinates).querySelector('[part="readout"]');
    expect(readout?.getAttribute('aria-live')).to.equal('off');
    expect(readout?.getAttribute('tabindex')).to.equal('0');
    expect(readout?.getAttribute('aria-label')).to.contain(`x ${shownX.toFixed(2)}`);
    expect((await axeViolations(coordinates)).lines).to.deep.equal([]);

    // Off the map: its centre.
    await sendMouse({ type: 'move', position: [5, Math.round(rect.bottom + 40)] });
    await waitUntil(() => coordinates.position?.mode === 'center', 'not the centre off the map');
    const centre = map.map?.getCenter();
    expect(coordinates.position?.lonLat[0]).to.be.closeTo(centre?.lng ?? NaN, 1e-9);

    // The keyboard: the map pans, the centre follows.
    await sendMouse({
      type: 'move',
      position: [Math.round(rect.left + 200), Math.round(rect.top + 200)],
    });
    await waitUntil(() => coordinates.position?.mode === 'pointer');
    canvas.focus();
    const moved = settledMove();
    await sendKeys({ press: 'ArrowRight' });
    await moved;
    await waitUntil(
      () => coordinates.position?.mode === 'center',
      'not the centre with the keyboard',
    );
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const after = map.map?.getCenter();
    expect(coordinates.position?.lonLat[0]).to.be.closeTo(after?.lng ?? NaN, 1e-9);
    expect(shadow(coordinates).querySelector('.mode')?.textContent).to.equal('Map centre');
    const longest = (tasks: typeof longTasks) => Math.max(0, ...tasks.map((t) => t.duration));
    const afterReady = longTasks.filter((t) => t.start >= readyAt);
    const [from = 0, to = 0] = firstSearch;
    const indexing = longTasks.filter((t) => t.start + t.duration >= from && t.start <= to);
    console.log(
      `search: ${search.searchIndex.size} features indexed in ${search.searchIndex.lastIndexMs.toFixed(1)} ms of work; ` +
        `last search ${search.searchIndex.lastSearchMs.toFixed(2)} ms; longest long task while loading ` +
        `${longest(longTasks.filter((t) => t.start < readyAt)).toFixed(0)} ms, while searching and pointing ` +
        `${longest(afterReady).toFixed(0)} ms (${afterReady.length} over 50 ms), while indexing and ` +
        `the first search (${(to - from).toFixed(0)} ms) ${longest(indexing).toFixed(0)} ms`,
    );
  });
});
