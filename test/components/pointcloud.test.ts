import { expect } from '@open-wc/testing';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { html } from 'lit';
import type { DtDataSource } from '../../src/components/data-source/dt-data-source.js';
import type { PointCloudPayload } from '../../src/components/data-source/kinds/pointcloud.js';
import type { DtLayer } from '../../src/components/layer/dt-layer.js';
import type { DtSourceError } from '../../src/core/errors.js';
import { captureFrame, colorDistance } from '../helpers/frame.js';
import { insidePolygon, interiorPoint } from '../helpers/geometry.js';
import { projector } from '../helpers/project.js';
import { mountTwin, nextEvent, TWIN_SIZE } from '../helpers/twin.js';

const DATA = '/src/data/delft';
const FIXTURES = '/test/fixtures/pointcloud';
const FILES = ['ahn3_cropped_1.laz', 'ahn3_cropped_2.laz'] as const;
// The legend colours of the classes (Okabe-Ito), as documented in docs/data-sources/pointcloud.md.
const GROUND: [number, number, number] = [230, 159, 0];
const BUILDING: [number, number, number] = [204, 121, 167];

interface Expected {
  pointCount: number;
  decodedCount: number;
  classes: Record<string, number>;
  zRange: [number, number];
  footprintCheck: { every: number; buildingPoints: number; insideFootprint: number };
}

/** The legacy point count of a LAS header, read here with a DataView (offset 107, uint32 LE). */
async function headerPointCount(url: string): Promise<number> {
  const bytes = await (await fetch(url)).arrayBuffer();
  const view = new DataView(bytes);
  expect(String.fromCharCode(...new Uint8Array(bytes, 0, 4))).to.equal('LASF');
  return view.getUint32(107, true);
}

function payloadOf(source: DtDataSource | null): PointCloudPayload {
  const payload = source?.payload;
  if (payload?.kind !== 'points') throw new Error(`no point cloud on ${source?.id}`);
  return payload as PointCloudPayload;
}

function box(f: Feature<Polygon>): [number, number, number, number] {
  const ring = f.geometry.coordinates[0] ?? [];
  const xs = ring.map((p) => p[0] ?? 0);
  const ys = ring.map((p) => p[1] ?? 0);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

describe('pointcloud source and layer (AHN3 LAZ)', () => {
  it('decodes, thins, places, draws and picks the AHN points; broken files give dt-source-error', async function () {
    // Four LAZ decodes and SwiftShader frames of 200,000 points: 100 s measured at a load average of
    // 25-40 on 2 cores (8 engineers' test runs), so the default 60 s is too short there.
    this.timeout(180_000);
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => longTasks.push(e.duration)),
    );
    observer.observe({ type: 'longtask', buffered: false });
    const errors: CustomEvent[] = [];
    const onError = (e: Event) => errors.push(e as CustomEvent);
    document.addEventListener('dt-source-error', onError);
    const started = performance.now();
    const { twin, map } = await mountTwin(
      html`<dt-twin style=${TWIN_SIZE} .panelOpen=${false} lang="nl">
        <dt-map center="4.36670,52.01168" zoom="17.1" pitch="0"></dt-map>
        <dt-data-source id="ahn1" type="pointcloud" src=${`${DATA}/${FILES[0]}`}></dt-data-source>
        <dt-data-source id="ahn2" type="pointcloud" src=${`${DATA}/${FILES[1]}`}></dt-data-source>
        <dt-data-source
          id="dun1"
          type="pointcloud"
          max-points="100000"
          src=${`${DATA}/${FILES[0]}`}
        ></dt-data-source>
        <dt-data-source
          id="dun2"
          type="pointcloud"
          max-points="100000"
          src=${`${DATA}/${FILES[1]}`}
        ></dt-data-source>
        <dt-data-source
          id="afgekapt"
          type="pointcloud"
          src=${`${FIXTURES}/truncated.laz`}
        ></dt-data-source>
        <dt-data-source
          id="geen-las"
          type="pointcloud"
          src=${`${FIXTURES}/not-las.laz`}
        ></dt-data-source>
        <dt-data-source
          id="onbekend"
          type="pointcloud"
          crs="EPSG:99999"
          src=${`${DATA}/${FILES[1]}`}
        ></dt-data-source>
        <!-- SwiftShader draws 850,000 points slowly: the thinned copies are drawn, with bigger points. -->
        <dt-layer id="l1" source="dun1" type="pointcloud" point-size="4"></dt-layer>
        <dt-layer
          id="l2"
          source="dun2"
          type="pointcloud"
          point-size="4"
          color-by="classification"
        ></dt-layer>
      </dt-twin>`,
    );
    const loadMs = performance.now() - started;
    observer.disconnect();
    document.removeEventListener('dt-source-error', onError);
    console.log(
      `pointcloud: 3 LAZ loads + 3 failures to dt-ready in ${Math.round(loadMs)} ms; ` +
        `long tasks: ${longTasks.length}, longest ${Math.round(Math.max(0, ...longTasks))} ms`,
    );

    // Counts: each file's decoded points equal its header count (read here) and laz-perf's classes.
    const expected = (await (await fetch(`${FIXTURES}/expected.json`)).json()) as Record<
      string,
      Expected
    >;
    const full = [
      twin.querySelector<DtDataSource>('#ahn1'),
      twin.querySelector<DtDataSource>('#ahn2'),
    ].map(payloadOf);
    let total = 0;
    for (const [i, name] of FILES.entries()) {
      const payload = full[i] as PointCloudPayload;
      const facts = expected[name] as Expected;
      const headerCount = await headerPointCount(`${DATA}/${name}`);
      expect(payload.decodedCount, name).to.equal(headerCount);
      expect(payload.drawnCount, name).to.equal(headerCount);
      expect(payload.positions.length, name).to.equal(headerCount * 3);
      expect(payload.classification.length, name).to.equal(headerCount);
      expect(payload.classes, name).to.deep.equal(
        Object.fromEntries(Object.entries(facts.classes).map(([k, v]) => [Number(k), v])),
      );
      expect(payload.zRange[0], name).to.be.closeTo(facts.zRange[0], 0.002);
      expect(payload.zRange[1], name).to.be.closeTo(facts.zRange[1], 0.002);
      expect(payload.header.version).to.equal('1.2');
      expect(payload.crs).to.equal('EPSG:28992');
      total += payload.decodedCount;
    }
    expect(total).to.equal(848_942);
    const classSet = new Set(full.flatMap((p) => Object.keys(p.classes).map(Number)));
    expect([...classSet].sort((a, b) => a - b)).to.deep.equal([1, 2, 6, 9, 26]);

    // Thinning: max-points="100000" keeps exactly 100,000 points, spread over the whole file.
    const thinned = [
      twin.querySelector<DtDataSource>('#dun1'),
      twin.querySelector<DtDataSource>('#dun2'),
    ].map(payloadOf);
    const share = (p: PointCloudPayload, code: number) =>
      p.classification.reduce((n, c) => n + (c === code ? 1 : 0), 0) / p.drawnCount;
    for (const [i, thin] of thinned.entries()) {
      const whole = full[i] as PointCloudPayload;
      expect(thin.pointCount).to.equal(whole.decodedCount);
      expect(thin.drawnCount).to.equal(100_000);
      expect(thin.positions.length).to.equal(300_000);
      expect(thin.decodedCount).to.be.within(100_000, 200_000);
      // The same extent (within about 1 m) and the same mix of classes (within 1 %).
      for (let k = 0; k < 4; k++) expect(thin.bbox[k]).to.be.closeTo(whole.bbox[k] as number, 2e-5);
      for (const code of [1, 2, 6])
        expect(share(thin, code)).to.be.closeTo(share(whole, code), 0.01);
    }

    // Placement: every 97th point, if a building point (class 6), is inside a WGS 84 BAG footprint
    // as often as the script found in RD New with the RD footprints (no reprojection there). A shift
    // of 0.5 m changes the count by about 2 %, 1 m by 6 %.
    const buildings = (await (
      await fetch(`${DATA}/buildings.geojson`)
    ).json()) as FeatureCollection;
    const footprints = buildings.features as Feature<Polygon>[];
    const boxes = footprints.map(box);
    const inFootprint = (lon: number, lat: number) =>
      footprints.some((f, i) => {
        const [w, s, e, n] = boxes[i] as [number, number, number, number];
        return (
          lon >= w &&
          lon <= e &&
          lat >= s &&
          lat <= n &&
          insidePolygon(f.geometry.coordinates, lon, lat)
        );
      });
    for (const [i, name] of FILES.entries()) {
      const payload = full[i] as PointCloudPayload;
      const { every, buildingPoints, insideFootprint } = (expected[name] as Expected)
        .footprintCheck;
      let inside = 0;
      let tried = 0;
      for (let p = 0; p < payload.drawnCount; p += every) {
        if (payload.classification[p] !== 6) continue;
        tried++;
        const lon = payload.origin[0] + (payload.positions[p * 3] as number);
        const lat = payload.origin[1] + (payload.positions[p * 3 + 1] as number);
        if (inFootprint(lon, lat)) inside++;
      }
      console.log(
        `pointcloud: ${name}: ${inside} of ${tried} building points in a footprint (RD: ${insideFootprint})`,
      );
      expect(tried).to.equal(buildingPoints);
      expect(inside).to.be.closeTo(insideFootprint, Math.ceil(insideFootprint * 0.015));
    }

    // Drawing: over building footprints the building colour, over roads (BGT) the ground colour.
    const frame = await captureFrame(map);
    const project = projector(map);
    const inCloud = ([lon, lat]: [number, number]) =>
      full.some(
        ({ bbox: [w, s, e, n] }) =>
          lon > w + 2e-5 && lon < e - 2e-5 && lat > s + 2e-5 && lat < n - 2e-5,
      );
    const sample = (points: [number, number][], color: [number, number, number]) => {
      const inside = points.filter(inCloud);
      const hits = inside.filter(
        (p) => colorDistance(frame.at(...project(...p)) ?? [0, 0, 0], color) <= 12,
      );
      return { hits: hits.length, of: inside.length };
    };
    const roofPoints = footprints.map(interiorPoint);
    const bgt = (await (await fetch(`${DATA}/bgt-landcover.geojson`)).json()) as FeatureCollection;
    const roadPoints = bgt.features
      .filter(
        (f) =>
          f.geometry?.type === 'Polygon' &&
          ['rijbaan lokale weg', 'parkeervlak', 'voetpad'].includes(
            String(f.properties?.bgt_subtype),
          ),
      )
      .map(interiorPoint);
    const roofs = sample(roofPoints, BUILDING);
    const roads = sample(roadPoints, GROUND);
    const groundOnRoofs = sample(roofPoints, GROUND);
    const buildingOnRoads = sample(roadPoints, BUILDING);
    console.log(
      `pointcloud: building colour on roofs ${roofs.hits}/${roofs.of}, on roads ${buildingOnRoads.hits}; ` +
        `ground colour on roads ${roads.hits}/${roads.of}, on roofs ${groundOnRoofs.hits}`,
    );
    expect(roofs.of).to.be.at.least(100);
    expect(roofs.hits / roofs.of).to.be.at.least(0.8);
    expect(roads.of).to.be.at.least(50);
    // Trees (class 1) hang over many streets along the canals: a quarter of them show the ground.
    expect(roads.hits / roads.of).to.be.at.least(0.25);
    expect(groundOnRoofs.hits / roofs.of).to.be.below(0.05);
    expect(buildingOnRoads.hits / roads.of).to.be.below(0.25);

    // Legend: the classes present, named in Dutch, in the class colours.
    const l1 = twin.querySelector('#l1') as DtLayer;
    expect(l1.legend()?.entries).to.deep.equal([
      { value: 'Niet geclassificeerd (1)', color: '#bbbbbb' },
      { value: 'Maaiveld (2)', color: '#e69f00' },
      { value: 'Gebouw (6)', color: '#cc79a7' },
      { value: 'Water (9)', color: '#0072b2' },
      { value: 'Kunstwerk (26)', color: '#d55e00' },
    ]);

    // Picking: deck.gl picks a building point on a roof; its click handler selects it as a feature
    // with its class and height. (A real click is answered from the last hover pick, which SwiftShader
    // may not have finished drawing under load: picking is called directly, as a click does.)
    const target = roofPoints
      .filter(inCloud)
      .map((p) => project(...p))
      .map(([x, y]) => [Math.round(x), Math.round(y)] as [number, number])
      .find(([x, y]) => colorDistance(frame.at(x, y) ?? [0, 0, 0], BUILDING) <= 12);
    if (!target) throw new Error('no roof to pick');
    const info = map.deck?.pickObject({ x: target[0], y: target[1], radius: 0 });
    const l2 = twin.querySelector('#l2') as DtLayer;
    const pickedLayer = [l1, l2].find((l) => l.layerId === info?.layer?.id);
    if (!info || !pickedLayer) throw new Error(`picked ${info?.layer?.id}, not a point layer`);
    const pickedPayload = payloadOf(pickedLayer.sourceElement as DtDataSource);
    expect(pickedPayload.classification[info.index]).to.equal(6);
    const selected = nextEvent<CustomEvent>(twin, 'dt-select');
    info.layer?.props.onClick?.(info, {} as never);
    const { selection } = (await selected).detail;
    expect(selection.layer).to.equal(pickedLayer);
    expect(selection.index).to.equal(info.index);
    expect(selection.feature.properties.klasse).to.equal('Gebouw (6)');
    const heightM = pickedPayload.positions[info.index * 3 + 2] as number;
    expect(selection.feature.properties['hoogte (m NAP)']).to.be.closeTo(heightM, 0.001);
    // A roof point stands above the ground (about 0 m NAP here).
    expect(heightM).to.be.within(2, 30);

    // Broken input: each failing source names itself, its URL and the reason; the rest drew above.
    const failed = (id: string) => {
      const source = twin.querySelector<DtDataSource>(`#${id}`);
      expect(source?.state, id).to.equal('error');
      return source?.error as DtSourceError;
    };
    const truncated = failed('afgekapt');
    expect(truncated.url).to.match(/truncated\.laz$/);
    expect(truncated.reason).to.match(/truncated LAZ file/);
    const notLas = failed('geen-las');
    expect(notLas.url).to.match(/not-las\.laz$/);
    expect(notLas.reason).to.match(/not a LAS\/LAZ file/);
    const unknownCrs = failed('onbekend');
    expect(unknownCrs.code).to.equal('invalid-parameter');
    expect(unknownCrs.reason).to.contain('EPSG:99999');
    expect(errors.map((e) => e.detail.sourceId).sort()).to.deep.equal([
      'afgekapt',
      'geen-las',
      'onbekend',
    ]);
  });
});
