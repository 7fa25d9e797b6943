/**
 * Bench page: the SDK. An empty `<dt-twin>` (the default Delft twin), timed from connecting it to its
 * `dt-ready` event (the first complete frame).
 */
import { setWorkerUrl } from 'maplibre-gl';
import '../../src/define.js';
import type { DtMap } from '../../src/index.js';
import { fail, finish, mark, startReport } from './protocol.js';

setWorkerUrl(new URL('./maplibre-gl-worker.mjs', import.meta.url).href);

const twin = document.createElement('dt-twin');
const report = startReport();
twin.addEventListener('dt-source-load', () => mark(report, 'sourceLoad'));
twin.addEventListener('dt-source-error', (e) =>
  fail(report, `source error: ${String((e as CustomEvent).detail?.error)}`),
);
twin.addEventListener('dt-ready', () => {
  const dtMap = twin.shadowRoot?.querySelector<DtMap>('dt-map');
  const canvas = dtMap?.map?.getCanvas();
  if (!canvas) return fail(report, 'dt-ready without a map');
  finish(report, canvas);
});
document.body.append(twin);

// Instrumentation only (observes, changes nothing): when the map is created, watch its events.
void (async () => {
  await (twin as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  const dtMap = twin.shadowRoot?.querySelector<DtMap>('dt-map');
  if (!dtMap) return fail(report, 'no dt-map in the twin');
  await dtMap.updateComplete;
  const map = dtMap.map;
  if (!map) return fail(report, 'dt-map created no map');
  mark(report, 'mapCreated');
  const deck = dtMap.deck;
  if (deck) {
    // Observe (not change) when dt-map first hands deck.gl a non-empty layer list.
    const setProps = deck.setProps.bind(deck);
    deck.setProps = (props) => {
      if (props.layers?.length) mark(report, 'layersSet');
      setProps(props);
    };
  }
  map.once('load', () => mark(report, 'load'));
  map.on('idle', () => {
    if (report.done) return;
    report.idles++;
    mark(report, 'firstIdle');
  });
  map.on('render', () => {
    if (!report.done) report.renders++;
  });
})();
