import { expect } from '@open-wc/testing';
import { html } from 'lit';
import type { DtLayer } from '../../src/components/layer/dt-layer.js';
import { captureFrame, countPixels } from '../helpers/frame.js';
import { countMagentaShades } from '../helpers/pixels.js';
import { mountTwin, TWIN_SIZE } from '../helpers/twin.js';

const BUILDINGS = '/src/data/delft/buildings.geojson';
const ORANGE = [213, 94, 0];
const BLUE = [0, 114, 178];

describe('<dt-layer> attributes change what is drawn', () => {
  it('colour and visibility', async () => {
    const { twin, map } = await mountTwin(
      html`<dt-twin style=${TWIN_SIZE} .panelOpen=${false}>
        <dt-map center="4.3658,52.0122" zoom="16.4" pitch="0"></dt-map>
        <dt-data-source id="panden" type="geojson" src=${BUILDINGS}></dt-data-source>
        <dt-layer source="panden" type="fill" color="#d55e00"></dt-layer>
      </dt-twin>`,
    );
    const layer = twin.querySelector('dt-layer') as DtLayer;
    const orangeBefore = countPixels(await captureFrame(map), ORANGE, 4);
    expect(orangeBefore).to.be.greaterThan(20000);

    layer.setAttribute('color', '#0072b2');
    await layer.updateComplete;
    let frame = await captureFrame(map);
    expect(countPixels(frame, ORANGE, 4)).to.be.lessThan(orangeBefore / 100);
    expect(countPixels(frame, BLUE, 4)).to.be.within(orangeBefore * 0.9, orangeBefore * 1.1);

    layer.setAttribute('visible', 'false');
    await layer.updateComplete;
    frame = await captureFrame(map);
    expect(countPixels(frame, BLUE, 4)).to.be.lessThan(orangeBefore / 100);

    layer.removeAttribute('visible');
    await layer.updateComplete;
    expect(countPixels(await captureFrame(map), BLUE, 4)).to.be.greaterThan(orangeBefore * 0.9);
  });

  it('the height property: taller extrusions cover more of a pitched view', async () => {
    const { twin, map } = await mountTwin(
      html`<dt-twin style=${TWIN_SIZE} .panelOpen=${false}>
        <dt-map center="4.3658,52.0122" zoom="16.6" pitch="60"></dt-map>
        <dt-data-source id="panden" type="geojson" src=${BUILDINGS}></dt-data-source>
        <dt-layer
          source="panden"
          type="extrusion"
          color="#ff00ff"
          height="h3dfier_floor"
          base="ahn3_h_maaiveld"
        ></dt-layer>
      </dt-twin>`,
    );
    const layer = twin.querySelector('dt-layer') as DtLayer;
    const flat = countMagentaShades(await captureFrame(map));
    layer.height = 'ahn3_h_dak_max';
    await layer.updateComplete;
    const tall = countMagentaShades(await captureFrame(map));
    expect(flat).to.be.greaterThan(5000);
    expect(tall).to.be.greaterThan(flat * 1.3);
  });

  it('children added, reordered and removed at run time update the map in place', async () => {
    const { twin, map } = await mountTwin(
      html`<dt-twin style=${TWIN_SIZE} .panelOpen=${false}>
        <dt-map center="4.3658,52.0122" zoom="16.4" pitch="0"></dt-map>
        <dt-data-source id="panden" type="geojson" src=${BUILDINGS}></dt-data-source>
        <dt-layer id="orange" source="panden" type="fill" color="#d55e00"></dt-layer>
      </dt-twin>`,
    );
    const orange = twin.querySelector('#orange') as DtLayer;
    const base = countPixels(await captureFrame(map), ORANGE, 4);

    // A later layer draws on top.
    const blue = document.createElement('dt-layer');
    Object.assign(blue, { id: 'blue', source: 'panden', type: 'fill', color: '#0072b2' });
    twin.append(blue);
    await blue.updateComplete;
    let frame = await captureFrame(map);
    expect(countPixels(frame, BLUE, 4)).to.be.greaterThan(base * 0.9);
    expect(countPixels(frame, ORANGE, 4)).to.be.lessThan(base / 100);

    // Moving orange after blue puts it on top.
    twin.append(orange);
    await orange.updateComplete;
    frame = await captureFrame(map);
    expect(countPixels(frame, ORANGE, 4)).to.be.greaterThan(base * 0.9);
    expect(countPixels(frame, BLUE, 4)).to.be.lessThan(base / 100);

    orange.remove();
    blue.remove();
    await new Promise((r) => setTimeout(r, 0));
    frame = await captureFrame(map);
    expect(countPixels(frame, ORANGE, 4) + countPixels(frame, BLUE, 4)).to.be.lessThan(base / 100);
    expect(twin.controller.layers).to.have.length(0);
  });
});
