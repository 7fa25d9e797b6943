import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { captureFrame } from '../helpers/frame.js';
import { countMagentaShades } from '../helpers/pixels.js';
import { mountTwin, TWIN_SIZE } from '../helpers/twin.js';

describe('bad data sources', () => {
  it('each give a dt-source-error naming the source and reason, while the other layers keep drawing', async () => {
    const errors: CustomEvent[] = [];
    const onError = (e: Event) => errors.push(e as CustomEvent);
    document.addEventListener('dt-source-error', onError);
    try {
      const { twin, map } = await mountTwin(
        html`<dt-twin style=${TWIN_SIZE} lang="en">
          <dt-map center="4.3658,52.0122" zoom="16.4" pitch="0"></dt-map>
          <dt-data-source id="kapot" src="/test/fixtures/malformed.geojson"></dt-data-source>
          <dt-data-source id="panden" src="/src/data/delft/buildings.geojson"></dt-data-source>
          <dt-data-source id="fout-type" src="/test/fixtures/invalid-type.geojson"></dt-data-source>
          <dt-data-source id="weg" src="/test/fixtures/does-not-exist.geojson"></dt-data-source>
          <dt-layer source="kapot" type="fill"></dt-layer>
          <dt-layer source="panden" type="fill" color="#ff00ff" label="Panden"></dt-layer>
          <dt-layer source="fout-type" type="fill"></dt-layer>
          <dt-layer source="weg" type="fill"></dt-layer>
        </dt-twin>`,
      );
      const byId = new Map(errors.map((e) => [e.detail.sourceId, e.detail.error]));
      expect([...byId.keys()].sort()).to.deep.equal(['fout-type', 'kapot', 'weg']);
      expect(byId.get('kapot').code).to.equal('parse');
      expect(byId.get('kapot').message)
        .to.contain('kapot')
        .and.contain('malformed.geojson')
        .and.contain('not valid JSON');
      expect(byId.get('fout-type').code).to.equal('invalid-geojson');
      expect(byId.get('fout-type').message)
        .to.contain('fout-type')
        .and.contain('"FeatureCollectionz"');
      expect(byId.get('weg').code).to.equal('http');
      expect(byId.get('weg').status).to.equal(404);
      expect(byId.get('weg').message).to.contain('weg').and.contain('404');
      for (const e of errors) expect(e.bubbles && e.composed).to.equal(true);

      // The good layer still draws, and the layer list tells the user what went wrong, as text.
      expect(countMagentaShades(await captureFrame(map))).to.be.greaterThan(20000);
      const list = twin.shadowRoot?.querySelector('dt-layer-list');
      const text = list?.shadowRoot?.textContent ?? '';
      expect(text).to.contain('could not be loaded: HTTP 404');
      expect(text).to.contain('Panden');
    } finally {
      document.removeEventListener('dt-source-error', onError);
    }
  });

  it('keeps the last good data when a reload fails, and never renders data as HTML', async () => {
    const inline = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { naam: '<img src=x onerror="window.__pwned=1">' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [4.364, 52.011],
                [4.367, 52.011],
                [4.367, 52.013],
                [4.364, 52.013],
                [4.364, 52.011],
              ],
            ],
          },
        },
      ],
    });
    const { twin, map } = await mountTwin(
      html`<dt-twin style=${TWIN_SIZE} lang="en">
        <dt-map center="4.3658,52.0122" zoom="16.4" pitch="0"></dt-map>
        <dt-data-source id="vlak"
          ><script type="application/geo+json">
            ${inline}
          </script></dt-data-source
        >
        <dt-layer source="vlak" type="fill" color="#ff00ff"></dt-layer>
      </dt-twin>`,
    );
    const source = twin.querySelector('dt-data-source');
    const layer = twin.querySelector('dt-layer');
    layer?.selectFeature(0);
    await new Promise((r) => setTimeout(r, 50));
    const info = twin.shadowRoot?.querySelector('dt-feature-info');
    await info?.updateComplete;
    expect(info?.shadowRoot?.textContent).to.contain('<img src=x');
    expect(info?.shadowRoot?.querySelector('img')).to.equal(null);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
    twin.controller.select(null);
    const drawn = countMagentaShades(await captureFrame(map));
    expect(drawn).to.be.greaterThan(20000);

    const failed = new Promise((resolve) =>
      source?.addEventListener('dt-source-error', resolve, { once: true }),
    );
    source?.setAttribute('src', '/test/fixtures/does-not-exist.geojson');
    await failed;
    expect(source?.data?.features).to.have.length(1);
    expect(countMagentaShades(await captureFrame(map))).to.be.within(drawn * 0.98, drawn * 1.02);
  });
});
