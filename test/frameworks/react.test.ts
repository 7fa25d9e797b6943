import { expect, waitUntil } from '@open-wc/testing';
import { createElement as h, useState, type CSSProperties } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import '../../src/define.js';
import type { DtLayer } from '../../src/components/layer/dt-layer.js';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';
import { mapOf } from '../helpers/twin.js';

const TWIN_STYLE = {
  display: 'block',
  width: '1000px',
  '--dt-twin-height': '700px',
} as CSSProperties;

/**
 * The React 19 app under test: the Delft buildings, the BAG id of the selected building from
 * `dt-select` (an `ondt-select` prop: React 19 adds it with addEventListener('dt-select')) and a
 * button that toggles the layer's `visible` through React state.
 */
function App() {
  const [bagId, setBagId] = useState('');
  const [visible, setVisible] = useState(true);
  return h(
    'div',
    null,
    h('output', { id: 'bag-id' }, bagId),
    h('button', { id: 'toggle', onClick: () => setVisible((v) => !v) }, visible ? 'Hide' : 'Show'),
    h(
      'dt-twin',
      {
        lang: 'en',
        panel: 'closed',
        style: TWIN_STYLE,
        'ondt-select': (event: GlobalEventHandlersEventMap['dt-select']) =>
          setBagId(String(event.detail.selection?.feature.properties?.identificatiebagpnd ?? '')),
      },
      h('dt-map', { center: '4.3658,52.0122', zoom: 16, pitch: 0 }),
      h('dt-data-source', {
        id: 'panden',
        type: 'geojson',
        src: '/src/data/delft/buildings.geojson',
      }),
      h('dt-layer', {
        source: 'panden',
        type: 'extrusion',
        height: 'ahn3_h_dak_70p',
        base: 'ahn3_h_maaiveld',
        'color-by': 'ahn3_h_dak_70p',
        visible,
      }),
    ),
  );
}

describe('React 19 renders a twin', () => {
  let container: HTMLElement;
  let root: Root;

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(() => {
    root.unmount();
    container.remove();
  });

  it('shows the BAG id from dt-select in React state and toggles visible through React', async () => {
    flushSync(() => root.render(h(App)));
    const twin = container.querySelector<DtTwin>('dt-twin');
    const layerElement = container.querySelector<DtLayer>('dt-layer');
    const output = container.querySelector('output');
    const button = container.querySelector('button');
    if (!twin || !layerElement || !output || !button) throw new Error('React rendered no twin');
    await twin.updateComplete;
    await mapOf(twin).ready;

    // React set the attributes the element has no property for, and the properties it has.
    expect(layerElement.getAttribute('color-by')).to.equal('ahn3_h_dak_70p');
    expect(layerElement.type).to.equal('extrusion');
    expect(mapOf(twin).zoom).to.equal(16);

    const [layer] = twin.controller.layers;
    if (!layer) throw new Error('the twin has no layer');
    expect(layer).to.equal(layerElement);
    const feature = layerElement.sourceElement?.data?.features[0];
    const bagId = String(feature?.properties?.identificatiebagpnd);
    expect(bagId).to.match(/^\d+$/);

    layer.selectFeature(0);
    await waitUntil(() => output.textContent === bagId, 'React state shows the selected BAG id');

    button.click();
    await waitUntil(() => layerElement.visible === false, 'React set visible = false');
    expect(layerElement.getAttribute('visible')).to.equal('false');
    expect(button.textContent).to.equal('Show');

    button.click();
    await waitUntil(() => layerElement.visible === true, 'React set visible = true again');
    expect(layerElement.hasAttribute('visible')).to.equal(false);
  });
});
