import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { html } from 'lit';
import type { DtDataSource } from '../../src/components/data-source/dt-data-source.js';
import type { Tiles3dPayload } from '../../src/components/data-source/kinds/tiles-3d.js';
import type { DtLayer } from '../../src/components/layer/dt-layer.js';
import { tileFeatureIndex } from '../../src/components/layer/renderers/tiles-3d.js';
import type { DtMap } from '../../src/components/map/dt-map.js';
import type { DtSourceError } from '../../src/core/errors.js';
import { captureFrame, colorDistance, type Frame } from '../helpers/frame.js';
import { interiorPoint } from '../helpers/geometry.js';
import { projector } from '../helpers/project.js';
import { mountTwin, nextEvent, TWIN_SIZE } from '../helpers/twin.js';

// The tileset is generated from this file (scripts/build-3dtiles-fixture.mjs): the expectations
// (where each building is, its BAG id and height) come from the footprints, not from the tileset.
const FOOTPRINTS = '/src/data/delft/buildings.geojson';
const TILESET = '/src/data/delft/3dtiles/tileset.json';
const FAULTY_TILESET = '/test/fixtures/3dtiles/tileset-missing-tile.json';

type Building = Feature<Polygon, Record<string, number | string>>;
const heightOf = (b: Building): number =>
  Number(b.properties.ahn3_h_dak_70p) - Number(b.properties.ahn3_h_maaiveld);

/** A shade (lit or shaded) of magenta: red and blue alike, little green. */
const isMagenta = (p: ArrayLike<number> | undefined): boolean =>
  !!p && (p[0] ?? 0) > 60 && (p[1] ?? 255) < 40 && Math.abs((p[0] ?? 0) - (p[2] ?? 0)) < 25;

/** Screen boxes of each building (ground and roof outlines, padded): outside all of them is empty. */
function screenBoxes(map: DtMap, buildings: Building[], pad = 3): number[][] {
  const project = projector(map);
  return buildings.map((b) => {
    const points = (b.geometry.coordinates[0] ?? []).flatMap(([lon = 0, lat = 0]) => [
      project(lon, lat, 0),
      project(lon, lat, heightOf(b)),
    ]);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    return [
      Math.min(...xs) - pad,
      Math.min(...ys) - pad,
      Math.max(...xs) + pad,
      Math.max(...ys) + pad,
    ];
  });
}

/** Where a building's roof is on the map canvas (an interior point at roof height). */
const roofOf = (map: DtMap, b: Building): [number, number] =>
  projector(map)(...interiorPoint(b), heightOf(b));

/** The buildings whose roof shows the layer colour (#ff00ff: the twin's lighting keeps roofs true). */
function drawnBuildings(map: DtMap, frame: Frame, buildings: Building[]): Set<string> {
  const drawn = new Set<string>();
  for (const b of buildings) {
    const pixel = frame.at(...roofOf(map, b));
    if (pixel && colorDistance(pixel, [255, 0, 255]) <= 8)
      drawn.add(String(b.properties.identificatiebagpnd));
  }
  return drawn;
}

/**
 * Frames until `enough` of the buildings are drawn (tiles load as the view asks), at most 60 s:
 * the buildings drawn and the last frame.
 */
async function waitForBuildings(
  map: DtMap,
  buildings: Building[],
  enough: number,
): Promise<{ drawn: Set<string>; frame: Frame }> {
  const deadline = performance.now() + 60000;
  for (;;) {
    const frame = await captureFrame(map);
    const drawn = drawnBuildings(map, frame, buildings);
    if (drawn.size >= enough || performance.now() > deadline) return { drawn, frame };
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** `promise`, or a rejection naming `what` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no ${what} in ${ms} ms`)), ms),
    ),
  ]);
}

describe('3D Tiles: <dt-data-source type="3d-tiles"> and <dt-layer type="3d-tiles">', () => {
  it('draws and picks the Delft buildings, and reports bad tilesets and tiles', async function () {
    this.timeout(180000); // tiles load slowly on a loaded machine without a GPU
    const buildings = ((await (await fetch(FOOTPRINTS)).json()) as FeatureCollection)
      .features as Building[];
    const longTasks: [number, number][] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push([entry.startTime, entry.duration]);
    });
    observer.observe({ type: 'longtask', buffered: true });
    const longTasksSince = (t: number) =>
      longTasks.filter(([start]) => start >= t).map(([, d]) => d);
    const errors: { sourceId: string; error: DtSourceError }[] = [];
    const notJson = URL.createObjectURL(new Blob(['{"asset": {"version": "1.1"}, "root": {']));
    const noRoot = URL.createObjectURL(
      new Blob([JSON.stringify({ asset: { version: '1.1' }, geometricError: 10 })]),
    );
    const started = performance.now();
    const { twin, map } = await mountTwin(
      html`<dt-twin
        style=${TWIN_SIZE}
        .panelOpen=${false}
        @dt-source-error=${(e: CustomEvent) => errors.push(e.detail)}
      >
        <dt-map center="4.3658,52.0122" zoom="16.6" pitch="0"></dt-map>
        <dt-data-source id="tegels" type="3d-tiles" src=${TILESET}></dt-data-source>
        <dt-data-source id="kapot" type="3d-tiles" src=${FAULTY_TILESET}></dt-data-source>
        <dt-data-source id="geen-json" type="3d-tiles" src=${notJson}></dt-data-source>
        <dt-data-source id="geen-root" type="3d-tiles" src=${noRoot}></dt-data-source>
        <dt-data-source id="rd" type="3d-tiles" crs="EPSG:28992" src=${TILESET}></dt-data-source>
        <dt-layer id="panden" source="tegels" type="3d-tiles" color="#ff00ff"></dt-layer>
      </dt-twin>`,
    );
    const source = twin.querySelector<DtDataSource>('#tegels');
    const layer = twin.querySelector<DtLayer>('#panden');
    if (!source || !layer) throw new Error('no source or layer');
    await source.settled;

    // One feature per building, with the BAG id and heights of its footprint.
    const features = source.data?.features ?? [];
    expect(features).to.have.length(160);
    const byId = new Map(features.map((f) => [String(f.properties?.identificatiebagpnd), f]));
    for (const b of buildings) {
      const f = byId.get(String(b.properties.identificatiebagpnd));
      expect(f?.properties?.hoogte).to.be.closeTo(heightOf(b), 0.006);
      expect(f?.properties?.ahn3_h_dak_70p).to.equal(b.properties.ahn3_h_dak_70p);
    }

    // Drawn: a roof in the layer colour at every footprint in view (159 of the 160 at this view).
    const inView = buildings.filter((b) => {
      const [x, y] = roofOf(map, b);
      return x >= 0 && y >= 0 && x < 1000 && y < 700;
    });
    expect(inView.length).to.be.at.least(150);
    const mountedAt = performance.now();
    const { drawn, frame } = await waitForBuildings(map, inView, inView.length);
    const loadMs = performance.now() - started;
    const tileLoadMs = performance.now() - mountedAt;
    expect(drawn.size, 'buildings drawn').to.be.at.least(inView.length - 1);
    // ... and nothing magenta away from the buildings (a 10-px grid outside every building's box).
    const boxes = screenBoxes(map, buildings);
    let outside = 0;
    let strayMagenta = 0;
    for (let y = 5; y < 700; y += 10)
      for (let x = 5; x < 1000; x += 10) {
        if (
          boxes.some(([x0 = 0, y0 = 0, x1 = 0, y1 = 0]) => x >= x0 && x <= x1 && y >= y0 && y <= y1)
        )
          continue;
        outside++;
        if (isMagenta(frame.at(x, y))) strayMagenta++;
      }
    expect(outside).to.be.greaterThan(2000);
    expect(strayMagenta, 'magenta away from buildings').to.be.at.most(outside * 0.002);

    // Picked: deck.gl's pick at 10 buildings' roofs gives the tile of that building.
    const payload = source.payload as Tiles3dPayload;
    const project = projector(map);
    const sample = [...buildings]
      .sort((a, b) => heightOf(b) - heightOf(a))
      .filter((_, i) => i % 16 === 0);
    let picked = 0;
    for (const b of sample) {
      const [x, y] = project(...interiorPoint(b), heightOf(b));
      const info = map.deck?.pickObject({ x, y, radius: 0 });
      const index = tileFeatureIndex(payload, info?.object);
      expect(features[index]?.properties?.identificatiebagpnd).to.equal(
        b.properties.identificatiebagpnd,
      );
      picked++;
    }
    expect(picked).to.equal(10);

    // A click selects the building and the panel shows its BAG id: the building nearest the middle
    // of the browser window (the test page is smaller than the twin).
    const rect = map.map?.getCanvas().getBoundingClientRect() ?? new DOMRect();
    const onPage = (b: Building): [number, number] => {
      const [x, y] = project(...interiorPoint(b), heightOf(b));
      return [Math.round(rect.left + x), Math.round(rect.top + y)];
    };
    const fromMiddle = (b: Building) => {
      const [x, y] = onPage(b);
      return Math.hypot(x - innerWidth / 2, y - innerHeight / 2);
    };
    const target = [...buildings].sort((a, b) => fromMiddle(a) - fromMiddle(b))[0] as Building;
    const selected = nextEvent<CustomEvent>(twin, 'dt-select');
    await sendMouse({ type: 'click', position: onPage(target) });
    const event = await within(selected, 20000, 'dt-select after a click');
    expect(event.detail.selection.layer).to.equal(layer);
    expect(event.detail.selection.feature.properties.identificatiebagpnd).to.equal(
      target.properties.identificatiebagpnd,
    );
    twin.panelOpen = true;
    await twin.updateComplete;
    const info = twin.shadowRoot?.querySelector('dt-feature-info');
    await info?.updateComplete;
    expect(info?.shadowRoot?.textContent).to.contain(String(target.properties.identificatiebagpnd));
    twin.panelOpen = false;

    // color-by on a tile metadata property: the tallest roof in view takes the end of the viridis
    // ramp (#fde725), the lowest its start (#440154).
    layer.colorBy = 'hoogte';
    await layer.updateComplete;
    const byHeight = [...inView].sort((a, b) => heightOf(a) - heightOf(b));
    const ramped = await captureFrame(map);
    const lowest = ramped.at(...roofOf(map, byHeight[0] as Building)) ?? [];
    const tallest = ramped.at(...roofOf(map, byHeight[byHeight.length - 1] as Building)) ?? [];
    expect(colorDistance(lowest, [0x44, 0x01, 0x54]), `lowest roof ${lowest}`).to.be.at.most(10);
    expect(colorDistance(tallest, [0xfd, 0xe7, 0x25]), `tallest roof ${tallest}`).to.be.at.most(10);
    expect(layer.legend()?.property).to.equal('hoogte');

    // Bad tilesets: dt-source-error naming the source, the URL and the reason.
    const errorOf = (id: string) => errors.find((e) => e.sourceId === id)?.error;
    expect(errorOf('geen-json')?.code).to.equal('parse');
    expect(errorOf('geen-json')?.url).to.equal(notJson);
    expect(errorOf('geen-json')?.message).to.contain('geen-json').and.contain('not JSON');
    expect(errorOf('geen-root')?.code).to.equal('invalid-tileset');
    expect(errorOf('geen-root')?.reason).to.contain('root');
    expect(errorOf('rd')?.code).to.equal('crs');
    expect(errorOf('rd')?.reason).to.contain('EPSG:4978');

    // A missing (404) and a truncated tile: an error each, the other 158 buildings draw.
    layer.visible = false;
    const faulty = document.createElement('dt-layer') as DtLayer;
    Object.assign(faulty, { source: 'kapot', type: '3d-tiles', color: '#ff00ff' });
    twin.append(faulty);
    const [missing, truncated, ...rest] = buildings as [Building, Building, ...Building[]];
    const restInView = rest.filter((b) => inView.includes(b));
    const { drawn: restDrawn, frame: faultyFrame } = await waitForBuildings(
      map,
      restInView,
      restInView.length,
    );
    expect(restDrawn.size, 'buildings drawn despite two bad tiles').to.be.at.least(
      restInView.length - 1,
    );
    expect(inView).to.include.members([missing, truncated]);
    const after = drawnBuildings(map, faultyFrame, [missing, truncated]);
    expect(after.size, 'the missing and truncated tiles draw nothing').to.equal(0);
    const tileErrors = errors.filter((e) => e.sourceId === 'kapot').map((e) => e.error);
    const notFound = tileErrors.find((e) => e.url?.endsWith('/missing-tile.glb'));
    expect(notFound?.code).to.equal('http');
    expect(notFound?.status).to.equal(404);
    expect(tileErrors.some((e) => e.url?.endsWith('/truncated.glb'))).to.equal(true);
    expect(source.state).to.equal('ready');

    observer.disconnect();
    URL.revokeObjectURL(notJson);
    URL.revokeObjectURL(noRoot);
    // Reported, not asserted (the machine is shared): the lead's benchmark asserts long tasks.
    const all = longTasksSince(0);
    const tiles = longTasksSince(mountedAt);
    console.log(
      `3d-tiles: ${drawn.size} buildings drawn ${Math.round(loadMs)} ms after mounting began ` +
        `(${Math.round(tileLoadMs)} ms after the twin was ready); longest long task ` +
        `${Math.round(Math.max(0, ...all))} ms overall (${all.length}), ` +
        `${Math.round(Math.max(0, ...tiles))} ms since the twin was ready (${tiles.length}); ` +
        `magenta at ${strayMagenta} of ${outside} points away from the buildings`,
    );
  });
});
