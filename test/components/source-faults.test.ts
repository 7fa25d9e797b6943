import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { requestDefaults } from '../../src/core/tiles/retry.js';
import type { DtSourceError } from '../../src/core/errors.js';
import { captureFrame } from '../helpers/frame.js';
import { countMagentaShades } from '../helpers/pixels.js';
import { mountTwin, TWIN_SIZE } from '../helpers/twin.js';

/** What each faulty source must report: its error code and words of the reason. */
interface Expected {
  code: DtSourceError['code'];
  reason: RegExp;
}

describe('data sources against a misbehaving server (scripts/test-faults-plugin.mjs)', () => {
  it('each fault gives one dt-source-error with the source id, the URL and the reason; the twin keeps drawing', async function () {
    this.timeout(180000);
    const { origin } = (await (await fetch('/test-faults/nocors-origin')).json()) as {
      origin: string;
    };
    const buildings = 'src/data/delft/buildings.geojson';
    const dtm = 'src/data/delft/ahn3-dtm-50cm.tif';
    const sources: Record<string, { type: string; src: string; expect: Expected }> = {
      'gj-404': {
        type: 'geojson',
        src: `/test-faults/status/404/${buildings}`,
        expect: { code: 'http', reason: /HTTP 404/ },
      },
      'gj-500': {
        type: 'geojson',
        src: `/test-faults/status/500/${buildings}?id=gj500`,
        expect: { code: 'http', reason: /HTTP 500.*after 4 attempts/ },
      },
      'gj-429': {
        type: 'geojson',
        src: `/test-faults/status/429/${buildings}?id=gj429`,
        expect: { code: 'http', reason: /HTTP 429.*after 4 attempts/ },
      },
      'gj-hang': {
        type: 'geojson',
        src: `/test-faults/hang/${buildings}`,
        expect: { code: 'timeout', reason: /no answer within 0\.8 s/ },
      },
      'gj-break': {
        type: 'geojson',
        src: `/test-faults/break/${buildings}`,
        expect: { code: 'network', reason: /broke off/ },
      },
      'gj-cut': {
        type: 'geojson',
        src: `/test-faults/cut/${buildings}`,
        expect: { code: 'parse', reason: /not valid JSON/ },
      },
      'gj-cors': {
        type: 'geojson',
        src: `${origin}/${buildings}`,
        expect: { code: 'network', reason: /CORS/ },
      },
      'tif-cut': {
        type: 'geotiff',
        src: `/test-faults/cut/${dtm}?bytes=4000`,
        expect: { code: 'parse', reason: /./ },
      },
      'cj-404': {
        type: 'cityjson',
        src: `/test-faults/status/404/src/data/delft/testarea.city.json`,
        expect: { code: 'http', reason: /HTTP 404/ },
      },
      'cj-break': {
        type: 'cityjson',
        src: `/test-faults/break/src/data/delft/testarea.city.json`,
        expect: { code: 'network', reason: /broke off/ },
      },
      'las-cors': {
        type: 'pointcloud',
        src: `${origin}/src/data/delft/ahn3_cropped_2.laz`,
        expect: { code: 'network', reason: /CORS/ },
      },
      'ogc-500': {
        type: 'ogc-api-features',
        src: `/test-faults/status/500/collections/buildings?id=ogc500`,
        expect: { code: 'http', reason: /HTTP 500.*after 4 attempts/ },
      },
      'pmt-404': {
        type: 'vector-tiles',
        src: `/test-faults/status/404/test/fixtures/vector-tiles/delft.pmtiles`,
        expect: { code: 'http', reason: /HTTP 404/ },
      },
      'wms-429': {
        type: 'wms',
        src: `/test-faults/status/429/wms?id=wms429`,
        expect: { code: 'http', reason: /HTTP 429.*after 4 attempts/ },
      },
      'tif-404': {
        type: 'geotiff',
        src: `/test-faults/status/404/${dtm}`,
        expect: { code: 'http', reason: /HTTP 404/ },
      },
    };
    const errors: CustomEvent[] = [];
    const onError = (e: Event): void => void errors.push(e as CustomEvent);
    document.addEventListener('dt-source-error', onError);
    const timeoutBefore = requestDefaults.timeoutMs;
    requestDefaults.timeoutMs = 800;
    try {
      const { twin, map } = await mountTwin(
        html`<dt-twin style=${TWIN_SIZE} lang="en">
          <dt-map center="4.3658,52.0122" zoom="16.4" pitch="0"></dt-map>
          <dt-data-source id="panden" src="/src/data/delft/buildings.geojson"></dt-data-source>
          <dt-layer source="panden" type="fill" color="#ff00ff"></dt-layer>
          ${Object.entries(sources).map(
            ([id, s]) =>
              html`<dt-data-source id=${id} type=${s.type} src=${s.src}></dt-data-source>
                <dt-layer source=${id}></dt-layer>`,
          )}
        </dt-twin>`,
      );
      const deadline = Date.now() + 60000;
      while (errors.length < Object.keys(sources).length && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      const byId = new Map<string, DtSourceError>();
      for (const e of errors) {
        expect(byId.has(e.detail.sourceId), `one error for ${e.detail.sourceId}`).to.equal(false);
        byId.set(e.detail.sourceId, e.detail.error);
      }
      expect([...byId.keys()].sort()).to.deep.equal(Object.keys(sources).sort());
      for (const [id, s] of Object.entries(sources)) {
        const error = byId.get(id);
        expect(error?.code, id).to.equal(s.expect.code);
        expect(error?.reason, id).to.match(s.expect.reason);
        expect(error?.sourceId, id).to.equal(id);
        expect(error?.message, id).to.contain(id);
        expect(error?.url, id).to.be.a('string').and.contain(s.src.split('?')[0]);
      }
      // Retried where the policy says so: 500 and 429 four times, 404 once.
      const count = async (id: string): Promise<number> =>
        ((await (await fetch(`/test-faults/stats?id=${id}`)).json()) as { requests: number })
          .requests;
      expect(await count('gj500')).to.equal(4);
      expect(await count('gj429')).to.equal(4);
      // The collection document is asked for with retries (and again when the view settles).
      expect(await count('ogc500')).to.be.at.least(4);
      expect(await count('wms429')).to.equal(4);
      // The good source still draws.
      expect(twin.controller.source('panden')?.state).to.equal('ready');
      expect(countMagentaShades(await captureFrame(map))).to.be.greaterThan(20000);
    } finally {
      requestDefaults.timeoutMs = timeoutBefore;
      document.removeEventListener('dt-source-error', onError);
    }
  });
});
