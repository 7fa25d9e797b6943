// A type-level test of the generated framework types (src/jsx/react.ts, src/jsx/vue.ts), compiled by
// `npm run typecheck` (and so by `npm test`) but never run. Each `@ts-expect-error` must meet a type
// error: if the types stop catching a misspelled attribute or a wrong value, tsc fails with
// "Unused '@ts-expect-error' directive".
import { useRef, useState, type ReactElement } from 'react';
import type { GlobalComponents } from 'vue';
import type { DtLayer } from '../../src/components/layer/dt-layer.js';
// In an application: `import type {} from 'tweeling/jsx/react';` (and 'tweeling/jsx/vue').
import type {} from '../../src/jsx/react.js';
import type {} from '../../src/jsx/vue.js';

export function TypedTwin(): ReactElement {
  const layer = useRef<DtLayer>(null);
  const [bagId, setBagId] = useState<string>();
  return (
    <dt-twin
      lang="en"
      panel="closed"
      class="twin"
      style={{ display: 'block', '--dt-twin-height': '70vh' }}
      ondt-select={(event) => {
        // The event is typed from GlobalEventHandlersEventMap: detail `{ selection }`.
        setBagId(String(event.detail.selection?.feature.properties?.identificatiebagpnd ?? ''));
      }}
      data-bag-id={bagId}
    >
      <dt-map center="4.3658,52.0122" zoom={16} pitch={55} preserve-drawing-buffer />
      <dt-data-source id="panden" type="geojson" src="/src/data/delft/buildings.geojson" />
      <dt-layer
        ref={layer}
        source="panden"
        type="extrusion"
        height="ahn3_h_dak_70p"
        base="ahn3_h_maaiveld"
        color-by="ahn3_h_dak_70p"
        color-mode="classed"
        line-width={2}
        visible={false}
        ondt-select={(event) => event.detail.selection?.index}
      />
      {/* @ts-expect-error: a misspelled attribute (`sorce`) */}
      <dt-layer sorce="panden" />
      {/* @ts-expect-error: a misspelled attribute (`centre`) */}
      <dt-map centre="4.3658,52.0122" />
      {/* @ts-expect-error: `zoom` is a number */}
      <dt-map zoom="16" />
      {/* @ts-expect-error: not a layer type */}
      <dt-layer type="bars" />
      {/* @ts-expect-error: `panel` is `open` or `closed` */}
      <dt-twin panel="half" />
      {/* @ts-expect-error: `visible` is a boolean */}
      <dt-layer visible="no" />
      {/* @ts-expect-error: a dt-select listener gets a CustomEvent, not a MouseEvent */}
      <dt-twin ondt-select={(event: MouseEvent) => event.clientX} />
      {/* @ts-expect-error: the ref of a <dt-layer> holds a DtLayer, not a <dt-map> */}
      <dt-map ref={layer} />
    </dt-twin>
  );
}

// Vue: GlobalComponents types `<dt-*>` in SFC templates (vue-tsc); check the props Vue reads.
type VueProps<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];

export const vueLayer: VueProps<'dt-layer'> = {
  source: 'panden',
  type: 'extrusion',
  colorBy: 'ahn3_h_dak_70p',
  visible: false,
};
export const vueMap: VueProps<'dt-map'> = { zoom: 16, preserveDrawingBuffer: true };
// @ts-expect-error: a misspelled property (`sorce`)
export const vueTypo: VueProps<'dt-layer'> = { sorce: 'panden' };
// @ts-expect-error: `zoom` is a number
export const vueZoom: VueProps<'dt-map'> = { zoom: '16' };
