// A twin rendered by Vue 3 with render functions (h(), no SFC or template compiler). Vue sets a prop
// as a property when the element has one (`visible`, `zoom`), otherwise as an attribute (`color-by`),
// and `onDtSelect` listens to `dt-select` (in a template: `@dt-select`). With a bundler:
// `import 'tweeling/define'`; for templates checked by vue-tsc, `import type {} from 'tweeling/jsx/vue'`.
import { createApp, h, ref } from 'vue';
import '../../src/define.js';

createApp({
  setup() {
    const bagId = ref<string | null>(null);
    const visible = ref(true);

    const onDtSelect = (event: GlobalEventHandlersEventMap['dt-select']) => {
      const id = event.detail.selection?.feature.properties?.identificatiebagpnd;
      bagId.value = id === undefined ? null : String(id);
    };

    return () => [
      h('p', [
        h(
          'button',
          { type: 'button', onClick: () => (visible.value = !visible.value) },
          visible.value ? 'Hide the buildings' : 'Show the buildings',
        ),
        ' Selected building (BAG id): ',
        h('output', { 'aria-live': 'polite' }, bagId.value ?? 'none'),
      ]),
      h('dt-twin', { lang: 'en', onDtSelect }, [
        h('dt-map', { center: '4.3658,52.0122', zoom: 16, pitch: 55 }),
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
          label: 'Panden',
          visible: visible.value,
        }),
      ]),
    ];
  },
}).mount('#app');
