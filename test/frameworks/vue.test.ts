import { expect, waitUntil } from '@open-wc/testing';
import { createApp, h, ref, type App } from 'vue';
import '../../src/define.js';
import type { DtLayer } from '../../src/components/layer/dt-layer.js';
import type { DtTwin } from '../../src/components/twin/dt-twin.js';
import { mapOf } from '../helpers/twin.js';

/**
 * The Vue 3 app under test, with render functions (no template compiler): the Delft buildings, the
 * BAG id of the selected building from `dt-select` (`onDtSelect`: Vue listens to `dt-select`) and a
 * button that toggles the layer's `visible` through Vue state.
 */
const TwinApp = {
  setup() {
    const bagId = ref('');
    const visible = ref(true);
    const onDtSelect = (event: GlobalEventHandlersEventMap['dt-select']) => {
      bagId.value = String(event.detail.selection?.feature.properties?.identificatiebagpnd ?? '');
    };
    return () =>
      h('div', [
        h('output', { id: 'bag-id' }, bagId.value),
        h(
          'button',
          { id: 'toggle', onClick: () => (visible.value = !visible.value) },
          visible.value ? 'Hide' : 'Show',
        ),
        h(
          'dt-twin',
          {
            lang: 'en',
            panel: 'closed',
            style: { display: 'block', width: '1000px', '--dt-twin-height': '700px' },
            onDtSelect,
          },
          [
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
              visible: visible.value,
            }),
          ],
        ),
      ]);
  },
};

describe('Vue 3 renders a twin', () => {
  let container: HTMLElement;
  let app: App;

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    app = createApp(TwinApp);
  });

  afterEach(() => {
    app.unmount();
    container.remove();
  });

  it('shows the BAG id from dt-select in Vue state and toggles visible through Vue', async () => {
    app.mount(container);
    const twin = container.querySelector<DtTwin>('dt-twin');
    const layerElement = container.querySelector<DtLayer>('dt-layer');
    const output = container.querySelector('output');
    const button = container.querySelector('button');
    if (!twin || !layerElement || !output || !button) throw new Error('Vue rendered no twin');
    await twin.updateComplete;
    await mapOf(twin).ready;

    // Vue set the attributes the element has no property for, and the properties it has.
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
    await waitUntil(() => output.textContent === bagId, 'Vue state shows the selected BAG id');

    button.click();
    await waitUntil(() => layerElement.visible === false, 'Vue set visible = false');
    expect(layerElement.getAttribute('visible')).to.equal('false');
    expect(button.textContent).to.equal('Show');

    button.click();
    await waitUntil(() => layerElement.visible === true, 'Vue set visible = true again');
    expect(layerElement.hasAttribute('visible')).to.equal(false);
  });
});
