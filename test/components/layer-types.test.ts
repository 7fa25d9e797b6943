import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import type { DtLayer } from '../../src/components/layer/dt-layer.js';
import { toHex } from '../../src/core/style/color.js';
import { captureFrame, colorDistance } from '../helpers/frame.js';
import { interiorPoint } from '../helpers/geometry.js';
import { countMagentaShades } from '../helpers/pixels.js';
import { projector } from '../helpers/project.js';
import { mountTwin, nextEvent, TWIN_SIZE } from '../helpers/twin.js';

const BUILDINGS = '/src/data/delft/buildings.geojson';
const points = JSON.stringify({
  type: 'FeatureCollection',
  features: Array.from({ length: 12 }, (_, i) => ({
    type: 'Feature',
    properties: { n: i },
    geometry: { type: 'Point', coordinates: [4.3625 + i * 0.0006, 52.0122] },
  })),
});

describe('<dt-layer> types and colour modes', () => {
  it('line and circle layers draw their features', async () => {
    const { twin, map } = await mountTwin(
      html`<dt-twin style=${TWIN_SIZE} .panelOpen=${false}>
        <dt-map center="4.3658,52.0122" zoom="16.4" pitch="0"></dt-map>
        <dt-data-source id="panden" src=${BUILDINGS}></dt-data-source>
        <dt-data-source id="punten"
          ><script type="application/geo+json">
            ${points}
          </script></dt-data-source
        >
        <dt-layer id="lijnen" source="panden" type="line" color="#ff00ff" line-width="2"></dt-layer>
        <dt-layer
          id="cirkels"
          source="punten"
          type="circle"
          color="#ff00ff"
          radius="8"
          visible="false"
        ></dt-layer>
      </dt-twin>`,
    );
    const lines = countMagentaShades(await captureFrame(map));
    expect(lines).to.be.greaterThan(5000);

    (twin.querySelector('#lijnen') as DtLayer).visible = false;
    const circles = twin.querySelector('#cirkels') as DtLayer;
    circles.visible = true;
    await circles.updateComplete;
    const frame = await captureFrame(map);
    const project = projector(map);
    // Each circle is drawn at its point: the pixel at the centre is the layer colour.
    const hits = JSON.parse(points).features.filter(
      (f: { geometry: { coordinates: [number, number] } }) => {
        const [x, y] = project(...f.geometry.coordinates);
        return colorDistance(frame.at(x, y) ?? [0, 0, 0], [255, 0, 255]) < 10;
      },
    );
    expect(hits.length).to.equal(12);
    // 12 discs of radius 8 px: about 12 * pi * 64 = 2400 pixels.
    expect(countMagentaShades(frame)).to.be.within(1500, 3500);
  });

  it('classed colours: every building shows one of the legend classes, matching its value', async () => {
    const { twin, map } = await mountTwin(
      html`<dt-twin style=${TWIN_SIZE} .panelOpen=${false}>
        <dt-map center="4.3658,52.0122" zoom="16.4" pitch="0"></dt-map>
        <dt-data-source id="panden" src=${BUILDINGS}></dt-data-source>
        <dt-layer
          source="panden"
          type="fill"
          color-by="ahn3_h_dak_70p"
          color-mode="classed"
          classes="4"
        ></dt-layer>
      </dt-twin>`,
    );
    const layer = twin.querySelector('dt-layer') as DtLayer;
    const legend = layer.legend();
    expect(legend?.entries).to.have.length(4);
    const frame = await captureFrame(map);
    const project = projector(map);
    const features = layer.sourceElement?.data?.features ?? [];
    const seen = new Map<string, number>();
    let ok = 0;
    for (const f of features) {
      const expected = layer.colorOf(f);
      const pixel = frame.at(...project(...interiorPoint(f)));
      if (pixel && colorDistance(pixel, expected) <= 10) {
        ok++;
        seen.set(toHex(expected), (seen.get(toHex(expected)) ?? 0) + 1);
      }
    }
    expect(ok / features.length).to.be.at.least(0.95);
    // Quantile classes: each of the 4 classes holds about a quarter of the buildings.
    expect([...seen.keys()].sort()).to.deep.equal(legend?.entries.map((e) => e.color).sort());
    for (const n of seen.values()) expect(n).to.be.within(25, 55);
  });

  it('a click on a building selects it and shows its attributes', async () => {
    const { twin, map } = await mountTwin(
      html`<dt-twin style=${TWIN_SIZE} .panelOpen=${false}>
        <dt-map center="4.3658,52.0122" zoom="16.4" pitch="0"></dt-map>
        <dt-data-source id="panden" src=${BUILDINGS}></dt-data-source>
        <dt-layer source="panden" type="fill" color="#0072b2"></dt-layer>
      </dt-twin>`,
    );
    const layer = twin.querySelector('dt-layer') as DtLayer;
    const features = layer.sourceElement?.data?.features ?? [];
    // The building nearest the middle of the browser window (the test page is smaller than the twin).
    const project = projector(map);
    const rect = map.map?.getCanvas().getBoundingClientRect() ?? new DOMRect();
    const pagePoints = features.map((f) => {
      const [x, y] = project(...interiorPoint(f));
      return [Math.round(rect.left + x), Math.round(rect.top + y)] as [number, number];
    });
    const distance = ([x, y]: [number, number]) =>
      Math.hypot(x - innerWidth / 2, y - innerHeight / 2);
    const index = pagePoints.reduce(
      (best, p, i) => (distance(p) < distance(pagePoints[best] ?? p) ? i : best),
      0,
    );
    const feature = features[index];
    const position = pagePoints[index];
    if (!feature || !position) throw new Error('no feature');
    const selected = nextEvent<CustomEvent>(twin, 'dt-select');
    await sendMouse({ type: 'click', position });
    const event = await selected;
    expect(event.detail.selection.index).to.equal(index);
    expect(event.detail.selection.layer).to.equal(layer);
    twin.panelOpen = true;
    await twin.updateComplete;
    const info = twin.shadowRoot?.querySelector('dt-feature-info');
    await info?.updateComplete;
    expect(info?.shadowRoot?.textContent).to.contain(
      String(feature.properties?.identificatiebagpnd),
    );
  });
});
