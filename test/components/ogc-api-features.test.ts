import { expect, waitUntil } from '@open-wc/testing';
import type { Position } from 'geojson';
import { html } from 'lit';
import type { DtDataSource } from '../../src/components/data-source/dt-data-source.js';
import type { DtLayer } from '../../src/components/layer/dt-layer.js';
import type { DtSourceError } from '../../src/core/errors.js';
import { captureFrame, colorDistance } from '../helpers/frame.js';
import { geoServers } from '../helpers/geo-servers.js';
import { interiorPoint } from '../helpers/geometry.js';
import { projector } from '../helpers/project.js';
import { mountTwin, TWIN_SIZE } from '../helpers/twin.js';

// Reference numbers of src/data/delft/buildings.geojson, read with Python's json module (not with
// the code under test): 160 buildings; ahn3_h_dak_70p from 2.38 to 13.24 m; 26 above 10 m, of which
// 2 have ahn3_h_maaiveld below 0.2 m.
const BUILDINGS = 160;
const ROOF_RANGE: [number, number] = [2.38, 13.24];
const ROOFS_ABOVE_10 = 26;
const ROOFS_ABOVE_10_LOW_GROUND = 2;
const RD_URI = encodeURIComponent('http://www.opengis.net/def/crs/EPSG/0/28992');

interface Reference {
  features: {
    properties: Record<string, number | string>;
    geometry: { coordinates: Position[][] };
  }[];
}

const firstPosition = (f: { geometry: unknown }): Position =>
  (f.geometry as { coordinates: Position[][] }).coordinates[0]?.[0] ?? [NaN, NaN];

describe('<dt-data-source type="ogc-api-features">', () => {
  it('pages, coerces, filters, reprojects, draws, picks, follows the view and cancels', async function () {
    this.timeout(120000); // one twin holds every check: longer than one check's 60 s
    const servers = await geoServers();
    const reference = (await (
      await fetch('/src/data/delft/buildings.geojson')
    ).json()) as Reference;
    const byId = new Map(
      reference.features.map((f) => [String(f.properties.identificatiebagpnd), f]),
    );
    await fetch('/test-ogcapi/reset?service=slow');

    // Every items request the page makes (resource timing), and the longest main-thread task.
    performance.setResourceTimingBufferSize(10000);
    const itemRequests: string[] = [];
    const resources = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name.includes('/items')) itemRequests.push(e.name);
    });
    resources.observe({ type: 'resource' });
    let longestTaskMs = 0;
    const tasks = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, e.duration);
    });
    tasks.observe({ type: 'longtask', buffered: false });
    const loads = new Map<string, number[]>();
    const errors = new Map<string, DtSourceError>();
    const onLoad = (e: Event): void => {
      const { sourceId, featureCount } = (e as CustomEvent).detail;
      loads.set(sourceId, [...(loads.get(sourceId) ?? []), featureCount]);
    };
    const onError = (e: Event): void => {
      const { sourceId, error } = (e as CustomEvent).detail;
      errors.set(sourceId, error);
    };
    document.addEventListener('dt-source-load', onLoad);
    document.addEventListener('dt-source-error', onError);

    const buildings = `${servers.ogcapi}/collections/buildings`;
    const started = performance.now();
    const { twin, map } = await mountTwin(
      html`<dt-twin style=${TWIN_SIZE} .panelOpen=${false}>
        <dt-map center="4.3679,52.0124" zoom="16" pitch="0"></dt-map>
        <dt-data-source
          id="ms"
          type="ogc-api-features"
          src=${buildings}
          limit="50"
          numbers="ahn3_h_dak_70p ahn3_h_maaiveld"
        ></dt-data-source>
        <dt-data-source
          id="ms-cql"
          type="ogc-api-features"
          src=${`${buildings}/items`}
          numbers="auto"
          cql="ahn3_h_dak_70p > 10 AND ahn3_h_maaiveld < 0.2"
        ></dt-data-source>
        <dt-data-source
          id="ms-spatial"
          type="ogc-api-features"
          src=${buildings}
          cql="S_INTERSECTS(geometry, POINT(4.366 52.012))"
        ></dt-data-source>
        <dt-data-source
          id="rd"
          type="ogc-api-features"
          src="/test-ogcapi/rd/collections/buildings"
          crs="EPSG:28992"
          limit="10"
          cql="ahn3_h_dak_70p > 10"
        ></dt-data-source>
        <dt-data-source
          id="bad-json"
          type="ogc-api-features"
          src="/test-ogcapi/bad-json/collections/buildings"
        ></dt-data-source>
        <dt-data-source
          id="truncated"
          type="ogc-api-features"
          src="/test-ogcapi/truncated/collections/buildings"
        ></dt-data-source>
        <dt-data-source
          id="bad-collection"
          type="ogc-api-features"
          src="/test-ogcapi/bad-collection/collections/buildings"
        ></dt-data-source>
        <dt-layer id="roofs" source="ms" type="fill" color-by="ahn3_h_dak_70p"></dt-layer>
      </dt-twin>`,
    );
    await waitUntil(
      () => ['ms', 'ms-cql', 'rd'].every((id) => loads.has(id)) && errors.size === 4,
      'every source loaded or failed',
      { timeout: 60000 },
    );
    const loadMs = performance.now() - started;
    const source = (id: string) => twin.querySelector(`#${id}`) as DtDataSource;

    // MapServer: all 160 buildings over 4 pages of 50 (3 of them `next` pages), no CRS asked.
    expect(loads.get('ms')).to.deep.equal([BUILDINGS]);
    const msPages = itemRequests.filter((u) => u.includes('/ogcapi/') && u.includes('limit=50'));
    expect(msPages.filter((u) => /[?&]offset=(50|100|150)\b/.test(u))).to.have.length(3);
    expect(msPages).to.have.length(4);
    // Every page keeps the view's bbox (MapServer 8.0 drops it from its next links: put back).
    for (const u of msPages) expect(u).to.match(/[?&]bbox=/);
    expect(
      itemRequests.filter((u) => u.includes('/ogcapi/') && /[?&](crs|bbox-crs|filter)=/.test(u)),
    ).to.deep.equal([]);
    const features = source('ms').data?.features ?? [];
    const ids = features.map((f) => String(f.id));
    expect(new Set(ids).size).to.equal(BUILDINGS);
    expect([...ids].sort()).to.deep.equal([...byId.keys()].sort());
    // "2.39" became 2.39 where `numbers` says so; other properties stay as the server sent them.
    for (const f of features) {
      expect(f.properties?.ahn3_h_dak_70p).to.equal(
        byId.get(String(f.id))?.properties.ahn3_h_dak_70p,
      );
      expect(f.properties?.ahn3_h_dak_50p).to.be.a('string');
    }
    const layer = twin.querySelector('#roofs') as DtLayer;
    const legend = layer.legend();
    expect(legend?.mode).to.equal('continuous');
    expect(legend?.range).to.deep.equal(ROOF_RANGE);

    // Drawn: each building's inside shows its legend colour; and pickable by its index.
    const frame = await captureFrame(map);
    const project = projector(map);
    const drawn = features.filter((f) => {
      const pixel = frame.at(...project(...interiorPoint(f)));
      return pixel !== undefined && colorDistance(pixel, layer.colorOf(f)) <= 12;
    });
    expect(drawn.length / BUILDINGS).to.be.at.least(0.9);
    const picked = features.slice(0, 20).filter((f, index) => {
      const [x, y] = project(...interiorPoint(f));
      return map.deck?.pickObject({ x, y, radius: 0 })?.index === index;
    });
    expect(picked.length).to.be.at.least(18);

    // CQL2 on a server without Part 3: simple comparisons run in the browser, nothing is sent.
    const lowGround = source('ms-cql').data?.features ?? [];
    expect(loads.get('ms-cql')).to.deep.equal([ROOFS_ABOVE_10_LOW_GROUND]);
    for (const f of lowGround) {
      expect(f.properties?.ahn3_h_dak_70p).to.be.above(10);
      expect(f.properties?.ahn3_h_dak_50p).to.be.a('number'); // numbers="auto"
      expect(f.properties?.identificatiebagpnd).to.match(/^0503/); // an id, not a number
    }
    const spatial = errors.get('ms-spatial');
    expect(spatial?.code).to.equal('unsupported');
    expect(spatial?.url).to.equal(`${servers.ogcapi}/conformance`);
    expect(spatial?.message).to.contain('ms-spatial').and.contain('CQL2');

    // Part 2 + 3 server: RD New asked (it is listed), CQL2 sent, pages of 10, drawn in WGS 84.
    expect(loads.get('rd')).to.deep.equal([ROOFS_ABOVE_10]);
    const rdPages = itemRequests.filter((u) => u.includes('/test-ogcapi/rd/'));
    expect(rdPages).to.have.length(3);
    for (const u of rdPages) {
      expect(u)
        .to.contain(`crs=${RD_URI}`)
        .and.contain(`bbox-crs=${RD_URI}`)
        .and.contain('filter-lang=cql2-text');
    }
    for (const f of source('rd').data?.features ?? []) {
      const expected = firstPosition(byId.get(String(f.id)) ?? { geometry: null });
      const [lon = NaN, lat = NaN] = firstPosition(f);
      expect(Math.abs(lon - (expected[0] ?? NaN))).to.be.below(2e-6);
      expect(Math.abs(lat - (expected[1] ?? NaN))).to.be.below(2e-6);
      expect(f.properties?.ahn3_n_roofpts).to.be.a('number'); // the queryables say integer
      expect(f.properties?.bgt_status).to.equal('bestaand');
    }

    // Bad answers: an error naming the source, the URL and the reason; the rest keeps working.
    const bad = (id: string) => errors.get(id) ?? ({} as Partial<DtSourceError>);
    expect(bad('bad-json').code).to.equal('invalid-geojson');
    expect(bad('bad-json').url).to.contain('/test-ogcapi/bad-json/collections/buildings/items');
    expect(bad('truncated').code).to.equal('parse');
    expect(bad('truncated').message).to.contain('truncated').and.contain('not valid JSON');
    expect(bad('bad-collection').code).to.equal('invalid-collection');
    expect(bad('bad-collection').url).to.match(
      /\/test-ogcapi\/bad-collection\/collections\/buildings$/,
    );

    // A slow server: the view moves on while its first page is on the way, which aborts it.
    const slow = document.createElement('dt-data-source');
    Object.assign(slow, {
      id: 'slow',
      type: 'ogc-api-features',
      src: '/test-ogcapi/slow/collections/buildings',
    });
    twin.append(slow);
    const slowStats = async () =>
      (await (await fetch('/test-ogcapi/stats?service=slow')).json()) as {
        started: number;
        completed: number;
        aborted: number;
        urls: string[];
      };
    await waitUntil(async () => (await slowStats()).started === 1, 'the slow request started', {
      interval: 100,
      timeout: 15000,
    });
    const before = itemRequests.length;
    const longestBeforeMove = longestTaskMs;
    longestTaskMs = 0;
    map.map?.jumpTo({ center: [4.3712, 52.0124] });
    await waitUntil(
      () => loads.get('slow')?.length === 1 && loads.get('ms')?.length === 2,
      'the new view loaded',
      { timeout: 60000 },
    ).catch((error) => {
      throw new Error(
        `${error}: loads ${JSON.stringify([...loads])}, errors ${[...errors.keys()]}`,
      );
    });
    const stats = await slowStats();
    // The first request (the view left) was aborted by the browser; the new view's pages completed.
    expect(stats.aborted).to.equal(1);
    expect(stats.completed).to.equal(stats.started - 1);
    expect(stats.completed).to.be.at.least(1);
    expect(stats.urls[0]).to.not.equal(stats.urls[1]); // another bbox
    // MapServer: the new view's buildings came again and were kept once.
    expect(itemRequests.slice(before).some((u) => u.includes('/ogcapi/'))).to.equal(true);
    expect(loads.get('ms')).to.deep.equal([BUILDINGS, BUILDINGS]);
    expect(new Set(source('ms').data?.features.map((f) => f.id)).size).to.equal(BUILDINGS);

    resources.disconnect();
    tasks.disconnect();
    document.removeEventListener('dt-source-load', onLoad);
    document.removeEventListener('dt-source-error', onError);
    console.log(
      `ogc-api-features: mount + 7 sources in ${Math.round(loadMs)} ms (longest main-thread task ${Math.round(longestBeforeMove)} ms, map start-up included); ` +
        `view move + 2 reloads: longest task ${Math.round(longestTaskMs)} ms`,
    );
  });
});
