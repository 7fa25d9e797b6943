import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { html } from 'lit';
import type { VectorTilePayload } from '../../src/components/data-source/kinds/vector-tiles.js';
import type { DtDataSource } from '../../src/components/data-source/dt-data-source.js';
import type { DtLayer } from '../../src/components/layer/dt-layer.js';
import type { DtMap } from '../../src/components/map/dt-map.js';
import type { DtSourceError } from '../../src/core/errors.js';
import { captureFrame, colorDistance, type Frame } from '../helpers/frame.js';
import { insidePolygon, interiorPoint } from '../helpers/geometry.js';
import { projector } from '../helpers/project.js';
import { mountTwin, nextEvent, TWIN_SIZE } from '../helpers/twin.js';

// Fixtures from scripts/build-vector-tiles-fixture.mjs (GDAL MVT of the shipped Delft data).
const FIXTURES = '/test/fixtures/vector-tiles';
const MAGENTA = [255, 0, 255];
const run = `vector-tiles-${Date.now()}`;

async function geojson(url: string): Promise<Feature<Polygon>[]> {
  const data = (await (await fetch(url)).json()) as FeatureCollection<Polygon>;
  return data.features;
}

async function waitUntil(
  test: () => boolean,
  what: () => string,
  timeoutMs = 45000,
): Promise<void> {
  const start = performance.now();
  while (!test()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the tiles asked for are decoded and listed (no change for 400 ms), then a frame. */
async function tilesSettled(map: DtMap, payload: VectorTilePayload): Promise<void> {
  for (;;) {
    await waitUntil(
      () => payload.tiles.stats.requested > 0 && payload.loading === 0,
      () => `the tiles of ${payload.tiles.url}: ${JSON.stringify(payload.tiles.stats)}`,
    );
    const version = payload.store.version;
    await new Promise((resolve) => setTimeout(resolve, 400)); // the feature list follows in 150 ms
    if (payload.loading === 0 && payload.store.version === version) break;
  }
  await map.rendered();
}

function payloadOf(source: DtDataSource): VectorTilePayload {
  const payload = source.payload as VectorTilePayload | undefined;
  if (payload?.kind !== 'vector-tiles') throw new Error(`${source.id} has no vector-tile payload`);
  return payload;
}

/**
 * The buildings whose interior point is on the canvas (10 px margin), with their pixel positions,
 * projected from buildings.geojson itself (not from the tiles).
 */
function onScreen(map: DtMap, buildings: Feature<Polygon>[]) {
  const project = projector(map);
  const canvas = map.map?.getCanvas();
  const [w, h] = [canvas?.clientWidth ?? 0, canvas?.clientHeight ?? 0];
  return buildings
    .map((feature) => {
      const [x, y] = project(...interiorPoint(feature));
      return { feature, x, y, id: String(feature.properties?.identificatiebagpnd) };
    })
    .filter(({ x, y }) => x > 10 && y > 10 && x < w - 10 && y < h - 10);
}

const isMagenta = (frame: Frame, x: number, y: number): boolean =>
  colorDistance(frame.at(x, y) ?? [0, 0, 0], MAGENTA) < 12;

/** Pixels in the layer colour inside footprints, and not at points of open ground and water. */
function checkDrawn(
  frame: Frame,
  map: DtMap,
  buildings: Feature<Polygon>[],
  open: Feature<Polygon>[],
) {
  const visible = onScreen(map, buildings);
  const inside = visible.filter(({ x, y }) => isMagenta(frame, x, y)).length;
  const project = projector(map);
  const outside = open
    .map((f) => interiorPoint(f))
    .filter(([lon, lat]) => !buildings.some((b) => insidePolygon(b.geometry.coordinates, lon, lat)))
    .map(([lon, lat]) => project(lon, lat))
    .filter(([x, y]) => x > 10 && y > 10 && x < frame.width - 10 && y < frame.height - 10);
  const outsideMagenta = outside.filter(([x, y]) => isMagenta(frame, x, y)).length;
  return { visible: visible.length, inside, outside: outside.length, outsideMagenta };
}

/** Picks at the buildings nearest the canvas centre; returns expected and picked BAG ids. */
function pickBuildings(map: DtMap, buildings: Feature<Polygon>[], count: number) {
  const canvas = map.map?.getCanvas();
  const [cx, cy] = [(canvas?.clientWidth ?? 0) / 2, (canvas?.clientHeight ?? 0) / 2];
  return onScreen(map, buildings)
    .sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy))
    .slice(0, count)
    .map(({ x, y, id }) => {
      const object = map.deck?.pickObject({ x, y, radius: 0 })?.object as Feature | undefined;
      return { expected: id, picked: String(object?.properties?.identificatiebagpnd) };
    });
}

const longest = (tasks: { duration: number }[]): string =>
  `${Math.max(0, ...tasks.map((t) => t.duration)).toFixed(0)} (${tasks.length} tasks)`;

describe('<dt-data-source type="vector-tiles">: XYZ MVT and PMTiles', () => {
  it('draws and picks the Delft buildings from XYZ tiles and a PMTiles archive, read by ranges; bad archives fail cleanly', async () => {
    const longTasks: { start: number; duration: number }[] = [];
    const observer = new PerformanceObserver((list) =>
      list
        .getEntries()
        .forEach((e) => longTasks.push({ start: e.startTime, duration: e.duration })),
    );
    observer.observe({ type: 'longtask', buffered: false });
    // The answers to tile requests (the resource timing buffer is full of modules by now).
    const answers: PerformanceResourceTiming[] = [];
    const resources = new PerformanceObserver((list) =>
      answers.push(...(list.getEntries() as PerformanceResourceTiming[])),
    );
    resources.observe({ type: 'resource' });
    const errors: DtSourceError[] = [];
    const onError = (e: Event) => errors.push((e as CustomEvent).detail.error);
    document.addEventListener('dt-source-error', onError);
    await fetch(`/test-range/reset?run=${run}`);
    const buildings = await geojson('/src/data/delft/buildings.geojson');
    const open = (await geojson('/src/data/delft/bgt-landcover.geojson')).filter((f) =>
      ['waterdeel', 'wegdeel', 'begroeidterreindeel'].includes(String(f.properties?.bgt_laag)),
    );
    const fileBytes = async (name: string) =>
      (await (await fetch(`${FIXTURES}/${name}`)).arrayBuffer()).byteLength;
    const [archiveBytes, truncatedBytes] = [
      await fileBytes('delft.pmtiles'),
      await fileBytes('delft-truncated.pmtiles'),
    ];
    const started = performance.now();

    const { twin, map } = await mountTwin(
      html`<dt-twin style=${TWIN_SIZE} .panelOpen=${false}>
        <dt-map center="4.3658,52.0122" zoom="16.4" pitch="0"></dt-map>
        <dt-data-source
          id="xyz"
          type="vector-tiles"
          src="${FIXTURES}/xyz/{z}/{x}/{y}.pbf"
          min-zoom="13"
          max-zoom="17"
        ></dt-data-source>
        <dt-data-source
          id="pm"
          type="vector-tiles"
          src="/test-range/vector-tiles/delft.pmtiles?run=${run}"
        ></dt-data-source>
        <dt-data-source
          id="bad-magic"
          type="vector-tiles"
          src="${FIXTURES}/delft-bad-magic.pmtiles"
        ></dt-data-source>
        <dt-data-source
          id="truncated"
          type="vector-tiles"
          src="/test-range/vector-tiles/delft-truncated.pmtiles"
        ></dt-data-source>
        <dt-layer id="xyz-layer" source="xyz" source-layer="panden" color="#ff00ff"></dt-layer>
        <dt-layer
          id="pm-layer"
          source="pm"
          source-layer="panden"
          color="#ff00ff"
          visible="false"
        ></dt-layer>
      </dt-twin>`,
    );
    const mounted = performance.now();
    const xyz = twin.querySelector('#xyz') as DtDataSource;
    const pm = twin.querySelector('#pm') as DtDataSource;
    const xyzLayer = twin.querySelector('#xyz-layer') as DtLayer;
    const pmLayer = twin.querySelector('#pm-layer') as DtLayer;

    // Bad archives: one error each, naming the source, the URL and the reason.
    const byId = new Map(errors.map((e) => [e.sourceId, e]));
    expect(byId.get('bad-magic')?.url).to.contain('delft-bad-magic.pmtiles');
    expect(byId.get('bad-magic')?.reason).to.match(/magic/i);
    expect(byId.get('truncated')?.url).to.contain('delft-truncated.pmtiles');
    expect(byId.get('truncated')?.reason).to.match(
      new RegExp(`truncated.*${archiveBytes}.*${truncatedBytes}`),
    );
    expect(errors).to.have.length(2);

    // XYZ: buildings drawn inside their footprints, not on open ground or water; pickable.
    await tilesSettled(map, payloadOf(xyz));
    let frame = await captureFrame(map);
    const xyzDrawn = checkDrawn(frame, map, buildings, open);
    expect(xyzDrawn.visible).to.be.greaterThan(60);
    expect(xyzDrawn.inside / xyzDrawn.visible).to.be.at.least(0.95);
    expect(xyzDrawn.outside).to.be.greaterThan(50);
    expect(xyzDrawn.outsideMagenta).to.equal(0);
    const xyzPicks = pickBuildings(map, buildings, 5);
    expect(xyzPicks.map((p) => p.picked)).to.deep.equal(xyzPicks.map((p) => p.expected));

    // The loaded features are listed once each (buildings span tiles), with their attributes.
    const listed = (xyz.data?.features ?? []).filter((f) => f.properties?.identificatiebagpnd);
    const ids = listed.map((f) => String(f.properties?.identificatiebagpnd));
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids.length).to.be.at.least(xyzDrawn.visible);
    expect(xyz.featureBBoxes).to.have.length(xyz.data?.features.length ?? -1);

    // A click selects the building: the selection is the listed feature with that BAG id.
    const [target] = onScreen(map, buildings).sort(
      (a, b) =>
        Math.hypot(a.x - innerWidth / 2, a.y - innerHeight / 2) -
        Math.hypot(b.x - innerWidth / 2, b.y - innerHeight / 2),
    );
    if (!target) throw new Error('no building on screen');
    const rect = map.map?.getCanvas().getBoundingClientRect() ?? new DOMRect();
    const selected = nextEvent<CustomEvent>(twin, 'dt-select');
    await sendMouse({
      type: 'click',
      position: [Math.round(rect.left + target.x), Math.round(rect.top + target.y)],
    });
    const selection = (await selected).detail.selection;
    expect(selection.layer).to.equal(xyzLayer);
    expect(String(selection.feature.properties.identificatiebagpnd)).to.equal(target.id);
    twin.controller.select(null);

    // PMTiles: the same checks, from the archive read by byte ranges.
    xyzLayer.visible = false;
    pmLayer.visible = true;
    await pmLayer.updateComplete;
    await tilesSettled(map, payloadOf(pm));
    frame = await captureFrame(map);
    const pmDrawn = checkDrawn(frame, map, buildings, open);
    expect(pmDrawn.inside / pmDrawn.visible).to.be.at.least(0.95);
    expect(pmDrawn.outsideMagenta).to.equal(0);
    const pmPicks = pickBuildings(map, buildings, 5);
    expect(pmPicks.map((p) => p.picked)).to.deep.equal(pmPicks.map((p) => p.expected));
    const ranges = (await (await fetch(`/test-range/stats?run=${run}`)).json()) as {
      requests: number;
      rangeRequests: number;
      bytesSent: number;
    };
    expect(ranges.requests).to.be.at.least(3); // header, metadata, tiles
    expect(ranges.rangeRequests).to.equal(ranges.requests);
    expect(ranges.bytesSent).to.be.below(archiveBytes);

    // A missing XYZ tile (404: GDAL writes no empty tiles) leaves the layer drawing the others.
    xyzLayer.visible = true;
    pmLayer.visible = false;
    await xyzLayer.updateComplete;
    map.map?.jumpTo({ center: [4.368, 52.0124], zoom: 17.3 }); // east edge: tiles x 67127 are absent
    await map.rendered();
    await tilesSettled(map, payloadOf(xyz));
    const tileAnswers = answers
      .filter((e) => e.name.includes('/xyz/17/'))
      .map((e) => e.responseStatus);
    expect(tileAnswers).to.include(404);
    expect(tileAnswers).to.include(200);
    frame = await captureFrame(map);
    const afterMissing = checkDrawn(frame, map, buildings, open);
    expect(afterMissing.visible).to.be.greaterThan(5);
    expect(afterMissing.inside / afterMissing.visible).to.be.at.least(0.9);
    expect(xyz.state).to.equal('ready');
    expect(errors).to.have.length(2);

    observer.disconnect();
    resources.disconnect();
    document.removeEventListener('dt-source-error', onError);
    console.log(
      `vector-tiles: XYZ ${xyzDrawn.inside}/${xyzDrawn.visible} buildings drawn, ` +
        `${xyzDrawn.outside} open points clear; PMTiles ${pmDrawn.inside}/${pmDrawn.visible}; ` +
        `${ids.length} buildings listed; PMTiles read in ${ranges.requests} ranges, ` +
        `${ranges.bytesSent} of ${archiveBytes} bytes; 17/x/y answers ${tileAnswers.join(',')}; ` +
        `longest long task while mounting ${longest(longTasks.filter((t) => t.start < mounted))} ms, ` +
        `while loading tiles ${longest(longTasks.filter((t) => t.start >= mounted))} ms; ` +
        `${(performance.now() - started).toFixed(0)} ms`,
    );
  });
});
