// A twin rendered by React 19, with React.createElement (no JSX compile step). React 19 sets a prop
// as a property when the element has one (`visible`, `zoom`), otherwise as an attribute (`color-by`),
// and adds an `on<event>` function prop as a listener for that event name: `ondt-select` hears
// `dt-select`. With a bundler: `import 'tweeling/define'` and `import type { ... } from 'tweeling/jsx/react'`.
import { createElement as h, Fragment, StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../src/define.js';
import type {
  DtDataSourceProps,
  DtLayerProps,
  DtMapProps,
  DtTwinProps,
} from '../../src/jsx/react.js';

function App() {
  const [bagId, setBagId] = useState<string | null>(null);
  const [visible, setVisible] = useState(true);

  return h(
    Fragment,
    null,
    h(
      'p',
      null,
      h(
        'button',
        { type: 'button', onClick: () => setVisible((v) => !v) },
        visible ? 'Hide the buildings' : 'Show the buildings',
      ),
      ' Selected building (BAG id): ',
      h('output', { 'aria-live': 'polite' }, bagId ?? 'none'),
    ),
    h(
      'dt-twin',
      {
        lang: 'en',
        'ondt-select': (event) => {
          const id = event.detail.selection?.feature.properties?.identificatiebagpnd;
          setBagId(id === undefined ? null : String(id));
        },
      } satisfies DtTwinProps,
      h('dt-map', { center: '4.3658,52.0122', zoom: 16, pitch: 55 } satisfies DtMapProps),
      h('dt-data-source', {
        id: 'panden',
        type: 'geojson',
        src: '/src/data/delft/buildings.geojson',
      } satisfies DtDataSourceProps),
      h('dt-layer', {
        source: 'panden',
        type: 'extrusion',
        height: 'ahn3_h_dak_70p',
        base: 'ahn3_h_maaiveld',
        'color-by': 'ahn3_h_dak_70p',
        label: 'Panden',
        visible,
      } satisfies DtLayerProps),
    ),
  );
}

const container = document.getElementById('app');
if (!container) throw new Error('examples/react: no #app element');
createRoot(container).render(h(StrictMode, null, h(App)));
