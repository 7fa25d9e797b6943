import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { html } from 'lit';
import type { DtSourceError } from '../../src/core/errors.js';
import type { DtDataSource } from '../../src/components/data-source/dt-data-source.js';
import {
  isCityMeshPayload,
  type CityMeshPayload,
} from '../../src/components/data-source/kinds/cityjson.js';
import type { DtLayer } from '../../src/components/layer/dt-layer.js';
import { lonLatToRd, rdToLonLat } from '../../src/core/raster/crs.js';
import { triangulateFace } from '../../src/core/sources/cityjson/triangulate.js';
import earcut from 'earcut';
import { captureFrame, colorDistance } from '../helpers/frame.js';
import { projector } from '../helpers/project.js';
import { mountTwin, nextEvent, TWIN_SIZE } from '../helpers/twin.js';

const TESTAREA = '/src/data/delft/testarea.city.json';
const SEQUENCE = '/src/data/delft-campus/delft_subset.city.jsonl';
const B2 = '/src/data/delft-campus/3dbag_b2.city.json';
const FIXTURES = '/test/fixtures/cityjson';
/** matplotlib's viridis at 1.0: the top of the default ramp. */
const VIRIDIS_TOP: [number, number, number] = [0xfd, 0xe7, 0x25];

type Vec3 = [number, number, number];
interface CityJsonFile {
  transform?: { scale: Vec3; translate: Vec3 };
  vertices: Vec3[];
  CityObjects: Record<
    string,
    {
      type: string;
      attributes?: Record<string, unknown>;
      geometry?: { lod: unknown; boundaries: unknown; semantics?: unknown }[];
    }
  >;
}

/** The surfaces (outer rings as RD x, y, z) of a Solid or MultiSurface geometry. */
function outerRings(file: CityJsonFile, boundaries: unknown, vertices = file.vertices): Vec3[][] {
  const rings: Vec3[][] = [];
  const visit = (node: unknown): void => {
    if (!Array.isArray(node)) return;
    if (typeof node[0]?.[0] === 'number')
      rings.push((node[0] as number[]).map((i) => vertices[i] as Vec3));
    else node.forEach(visit);
  };
  visit(boundaries);
  return rings;
}

function normalOf(ring: Vec3[]): { normal: Vec3; area: number } {
  const n: Vec3 = [0, 0, 0];
  ring.forEach((p, i) => {
    const q = ring[(i + 1) % ring.length] as Vec3;
    n[0] += (p[1] - q[1]) * (p[2] + q[2]);
    n[1] += (p[2] - q[2]) * (p[0] + q[0]);
    n[2] += (p[0] - q[0]) * (p[1] + q[1]);
  });
  const length = Math.hypot(...n);
  return { normal: [n[0] / length, n[1] / length, n[2] / length], area: length / 2 };
}

/** The incentre of a triangle (RD): the point deepest inside it. */
function incentre([a, b, c]: Vec3[]): Vec3 {
  const side = (p: Vec3, q: Vec3) => Math.hypot(p[0] - q[0], p[1] - q[1]);
  const [la, lb, lc] = [
    side(b as Vec3, c as Vec3),
    side(a as Vec3, c as Vec3),
    side(a as Vec3, b as Vec3),
  ];
  const sum = la + lb + lc;
  const at = (k: number) => (la * (a as Vec3)[k] + lb * (b as Vec3)[k] + lc * (c as Vec3)[k]) / sum;
  return [at(0), at(1), at(2)];
}

/** Watches long tasks from now on; `longest()` is the longest one so far (ms). */
function watchLongTasks(): { longest(): number; stop(): void } {
  let longest = 0;
  const start = performance.now();
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.startTime >= start) longest = Math.max(longest, entry.duration);
  });
  observer.observe({ type: 'longtask', buffered: true });
  return { longest: () => longest, stop: () => observer.disconnect() };
}

describe('<dt-data-source type="cityjson"> and <dt-layer type="mesh">', () => {
  it('triangulates a face with a hole on its own plane (tilted 30 degrees)', () => {
    // 20 m x 20 m with a 10 m x 10 m hole, tilted about the x axis: 300 m2, normal (0, -0.5, 0.87).
    const tilt = (x: number, y: number): Vec3 => [
      x,
      y * Math.cos(Math.PI / 6),
      y * Math.sin(Math.PI / 6),
    ];
    const outer = [tilt(0, 0), tilt(20, 0), tilt(20, 20), tilt(0, 20)];
    const hole = [tilt(5, 5), tilt(5, 15), tilt(15, 15), tilt(15, 5)];
    const xyz = [...outer, ...hole].flat();
    const face = triangulateFace(xyz, [4], earcut);
    if (!face) throw new Error('no triangles');
    let area = 0;
    for (let t = 0; t < face.triangles.length; t += 3) {
      const [a, b, c] = [0, 1, 2].map((k) =>
        xyz.slice((face.triangles[t + k] ?? 0) * 3, (face.triangles[t + k] ?? 0) * 3 + 3),
      );
      area += normalOf([a, b, c] as Vec3[]).area;
    }
    expect(area).to.be.closeTo(300, 1e-6);
    expect(face.normal[1]).to.be.closeTo(-0.5, 1e-9);
    expect(face.normal[2]).to.be.closeTo(Math.sqrt(3) / 2, 1e-9);
  });

  it('testarea (CityJSON 1.0): all 160 buildings are drawn and each is pickable by its id', async function () {
    this.timeout(120000);
    const file = (await (await fetch(TESTAREA)).json()) as CityJsonFile;
    // Each building's roof, found here from the file alone: its highest horizontal triangles; the
    // pick point is the incentre of the largest one, at roof height.
    const roofs = Object.entries(file.CityObjects)
      .filter(([, o]) => o.type === 'Building')
      .map(([id, o]) => {
        const rings = outerRings(file, o.geometry?.[0]?.boundaries);
        const top = Math.max(...rings.flat().map((p) => p[2]));
        const roof = rings
          .filter((r) => r.every((p) => Math.abs(p[2] - top) < 0.01))
          .sort((a, b) => normalOf(b).area - normalOf(a).area)[0];
        if (!roof) throw new Error(`${id}: no roof`);
        const [x, y, z] = incentre(roof);
        return { id, lonLat: rdToLonLat(x, y), z };
      });
    expect(roofs).to.have.length(160);

    const longTasks = watchLongTasks();
    const { twin, map } = await mountTwin(
      html`<dt-twin style=${TWIN_SIZE} .panelOpen=${false}>
        <dt-map center="4.36672,52.0118" zoom="17" pitch="0"></dt-map>
        <dt-data-source id="testgebied" type="cityjson" src=${TESTAREA}></dt-data-source>
        <dt-layer source="testgebied" type="mesh" color="#ff00ff"></dt-layer>
      </dt-twin>`,
    );
    longTasks.stop();
    console.log(
      `cityjson testarea: longest main-thread long task while loading ${longTasks.longest().toFixed(0)} ms`,
    );
    const layer = twin.querySelector('dt-layer') as DtLayer;
    const source = twin.querySelector('dt-data-source') as DtDataSource;
    const features = source.data?.features ?? [];
    expect(features.map((f) => f.id).sort()).to.deep.equal(roofs.map((r) => r.id).sort());
    const payload = source.payload as CityMeshPayload;
    expect(isCityMeshPayload(payload)).to.equal(true);
    expect([payload.version, payload.epsg, [...new Set(payload.lods)]]).to.deep.equal([
      '1.0',
      7415,
      ['1'],
    ]);

    const frame = await captureFrame(map);
    const project = projector(map);
    const points = roofs.map((r) => ({ ...r, xy: project(r.lonLat[0], r.lonLat[1], r.z) }));
    const drawn = points.filter(
      ({ xy }) => colorDistance(frame.at(...xy) ?? [0, 0, 0], [255, 0, 255]) < 12,
    );
    expect(drawn.length, 'roofs drawn in the layer colour').to.equal(160);

    const started = performance.now();
    const picked = points.filter(({ id, xy: [x, y] }) => {
      const info = map.deck?.pickObject({ x, y, radius: 0 });
      return (
        info && features[info.index]?.id === id && (info.object as { id?: unknown })?.id === id
      );
    });
    console.log(`cityjson testarea: 160 picks in ${(performance.now() - started).toFixed(0)} ms`);
    expect(picked.length, 'buildings picked by their id').to.equal(160);

    // A real click selects the building under the pointer; the selection is highlighted.
    const rect = map.map?.getCanvas().getBoundingClientRect() ?? new DOMRect();
    const onPage = points.map(
      ({ xy: [x, y] }) => [Math.round(rect.left + x), Math.round(rect.top + y)] as [number, number],
    );
    const distance = ([x, y]: [number, number]) =>
      Math.hypot(x - innerWidth / 2, y - innerHeight / 2);
    const target = onPage.reduce(
      (best, p, i) => (distance(p) < distance(onPage[best] ?? p) ? i : best),
      0,
    );
    const selected = nextEvent<CustomEvent>(twin, 'dt-select');
    await sendMouse({ type: 'click', position: onPage[target] ?? [0, 0] });
    const event = await selected;
    expect(event.detail.selection.layer).to.equal(layer);
    expect(event.detail.selection.feature.id).to.equal(points[target]?.id);
    const highlighted = (await captureFrame(map)).at(...(points[target]?.xy ?? [0, 0])) ?? [
      0, 0, 0,
    ];
    expect(highlighted[1], 'the selected roof is lighter (highlight)').to.be.greaterThan(100);

    // Main-thread long tasks of a load alone (the mount above includes the map's own start-up):
    // reload, and wait for the new mesh to be drawn.
    const reload = watchLongTasks();
    const loaded = Promise.race([
      nextEvent(source, 'dt-source-load'),
      nextEvent(source, 'dt-source-error'),
    ]);
    source.reload();
    expect((await loaded).type).to.equal('dt-source-load');
    await captureFrame(map);
    reload.stop();
    console.log(
      `cityjson testarea: longest main-thread long task while reloading and redrawing ${reload.longest().toFixed(0)} ms`,
    );
  });

  it('3DBAG (CityJSONSeq 2.0, CityJSON 2.0): LoD 2.2 coloured by b3_h_dak_70p; bad files give dt-source-error', async function () {
    this.timeout(120000);
    // The sequence's buildings, their b3_h_dak_70p and the highest one's roof faces, from the file.
    const lines = (await (await fetch(SEQUENCE)).text()).trim().split('\n');
    const header = JSON.parse(lines[0] ?? '{}') as CityJsonFile;
    const buildings = lines.slice(1).map((line) => {
      const feature = JSON.parse(line) as CityJsonFile & { id: string };
      const { scale: s, translate: t } = header.transform ?? {
        scale: [1, 1, 1],
        translate: [0, 0, 0],
      };
      const vertices = feature.vertices.map(([x, y, z]): Vec3 => [
        x * s[0] + t[0],
        y * s[1] + t[1],
        z * s[2] + t[2],
      ]);
      const value = feature.CityObjects[feature.id]?.attributes?.b3_h_dak_70p as number;
      const roofs = Object.values(feature.CityObjects)
        .flatMap((o) => o.geometry ?? [])
        .filter((g) => g.lod === '2.2')
        .flatMap((g) => outerRings(feature, g.boundaries, vertices))
        .filter((ring) => normalOf(ring).normal[2] > 0.3);
      return { id: feature.id, value, roofs };
    });
    const values = buildings.map((b) => b.value);
    const highest = buildings.reduce((a, b) => (b.value > a.value ? b : a));
    const second = Math.max(...values.filter((v) => v !== highest.value));
    const roofCentre = (ring: Vec3[]): [number, number, number] => {
      const c = ring.reduce((s, p) => [s[0] + p[0], s[1] + p[1], s[2] + p[2]], [0, 0, 0]);
      const [lon, lat] = rdToLonLat(c[0] / ring.length, c[1] / ring.length);
      return [lon, lat, c[2] / ring.length];
    };
    const [lon0, lat0] = roofCentre(highest.roofs.flat());

    const errors: { sourceId: string; error: DtSourceError }[] = [];
    const longTasks = watchLongTasks();
    const { twin, map } = await mountTwin(
      html`<dt-twin
        style=${TWIN_SIZE}
        .panelOpen=${false}
        @dt-source-error=${(e: CustomEvent) => errors.push(e.detail)}
      >
        <dt-map center="${lon0},${lat0}" zoom="19.5" pitch="0"></dt-map>
        <dt-data-source id="seq" type="cityjson" src=${SEQUENCE}></dt-data-source>
        <dt-data-source id="b2" type="cityjson" src=${B2}></dt-data-source>
        <dt-data-source
          id="not-json"
          type="cityjson"
          src="${FIXTURES}/not-json.city.json"
        ></dt-data-source>
        <dt-data-source
          id="wrong-type"
          type="cityjson"
          src="${FIXTURES}/wrong-type.city.json"
        ></dt-data-source>
        <dt-data-source
          id="out-of-range"
          type="cityjson"
          src="${FIXTURES}/vertex-out-of-range.city.json"
        ></dt-data-source>
        <dt-data-source
          id="truncated"
          type="cityjson"
          src="${FIXTURES}/truncated.city.jsonl"
        ></dt-data-source>
        <dt-data-source
          id="unknown-crs"
          type="cityjson"
          src="${FIXTURES}/unknown-crs.city.json"
        ></dt-data-source>
        <dt-data-source
          id="no-crs"
          type="cityjson"
          src="${FIXTURES}/no-crs.city.json"
        ></dt-data-source>
        <dt-data-source
          id="crs-given"
          type="cityjson"
          crs="EPSG:7415"
          src="${FIXTURES}/no-crs.city.json"
        ></dt-data-source>
        <dt-data-source
          id="holes"
          type="cityjson"
          object-types="Building, SolitaryVegetationObject"
          src="${FIXTURES}/holes-templates.city.json"
        ></dt-data-source>
        <dt-layer id="seq-layer" source="seq" type="mesh" color-by="b3_h_dak_70p"></dt-layer>
        <dt-layer source="b2" type="mesh" color-by="b3_h_dak_70p"></dt-layer>
      </dt-twin>`,
    );
    longTasks.stop();
    console.log(
      `cityjson 3DBAG: longest main-thread long task while loading ${longTasks.longest().toFixed(0)} ms`,
    );
    const sourceOf = (id: string) => twin.querySelector(`#${id}`) as DtDataSource;
    const seq = sourceOf('seq');
    expect(seq.data?.features.map((f) => f.id)).to.deep.equal(buildings.map((b) => b.id));
    expect([...new Set((seq.payload as CityMeshPayload).lods)]).to.deep.equal(['2.2']);
    expect((seq.payload as CityMeshPayload).version).to.equal('2.0');
    expect(sourceOf('b2').data?.features).to.have.length(2);
    expect([...new Set((sourceOf('b2').payload as CityMeshPayload).lods)]).to.deep.equal(['2.2']);

    // The legend spans the file's values; the highest building wears the ramp's top colour.
    const layer = twin.querySelector('#seq-layer') as DtLayer;
    expect(layer.legend()?.range).to.deep.equal([Math.min(...values), Math.max(...values)]);
    const frame = await captureFrame(map);
    const project = projector(map);
    // Lighting scales a sloped roof's colour; compare up to brightness, on unclipped pixels.
    const misfit = (pixel: number[], color: number[]) => {
      const k =
        (pixel[0] * color[0] + pixel[1] * color[1] + pixel[2] * color[2]) /
        (color[0] ** 2 + color[1] ** 2 + color[2] ** 2);
      return colorDistance(
        pixel,
        color.map((c) => c * k),
      );
    };
    const secondColor = layer.colorScale()?.colorOf(second) ?? [0, 0, 0];
    const roofPixels = highest.roofs
      .filter((ring) => normalOf(ring).area > 10)
      .map((ring) => frame.at(...project(...roofCentre(ring))) ?? [0, 0, 0])
      .filter((p) => Math.max(p[0], p[1], p[2]) < 250);
    expect(roofPixels.length, 'unclipped roof pixels of the highest building').to.be.greaterThan(0);
    for (const pixel of roofPixels) {
      expect(misfit(pixel, VIRIDIS_TOP), `roof ${pixel.join(',')}`).to.be.below(8);
      expect(misfit(pixel, secondColor)).to.be.above(misfit(pixel, VIRIDIS_TOP) + 8);
    }

    // Bad files: each source reports its id, URL and reason; the others (and the map) carry on.
    const expected: Record<string, [string, RegExp]> = {
      'not-json': ['parse', /not JSON/],
      'wrong-type': ['parse', /"type" is "FeatureCollection", expected "CityJSON"/],
      'out-of-range': ['parse', /vertex index 1127 out of range \(127 vertices\)/],
      truncated: ['parse', /line 11: not JSON/],
      'unknown-crs': ['crs', /unknown CRS "https:\/\/www.opengis.net\/def\/crs\/EPSG\/0\/2154"/],
      'no-crs': ['crs', /no CRS/],
    };
    expect(errors.map((e) => e.sourceId).sort()).to.deep.equal(Object.keys(expected).sort());
    for (const { sourceId, error } of errors) {
      const [code, reason] = expected[sourceId] ?? ['', /^$/];
      expect(error.code, sourceId).to.equal(code);
      expect(error.reason, sourceId).to.match(reason);
      expect(error.url, sourceId).to.equal(
        new URL(sourceOf(sourceId).src ?? '', location.href).href,
      );
      expect(sourceOf(sourceId).state).to.equal('error');
    }
    expect(sourceOf('crs-given').data?.features, 'crs attribute overrides').to.have.length(2);

    // Inner rings and geometry templates (hand-made fixture): 300 m2 with the hole cut out; each
    // tree a 6 m pyramid standing on its anchor.
    const holes = sourceOf('holes');
    const mesh = holes.payload as CityMeshPayload;
    expect(holes.data?.features.map((f) => f.id)).to.deep.equal(['plein', 'boom-1', 'boom-2']);
    const rd = (v: number): Vec3 => [
      ...lonLatToRd(mesh.positions[v * 3] ?? 0, mesh.positions[v * 3 + 1] ?? 0),
      mesh.positions[v * 3 + 2] ?? 0,
    ];
    let area = 0;
    for (let v = mesh.featureStarts[0] ?? 0; v < (mesh.featureStarts[1] ?? 0); v += 3)
      area += normalOf([rd(v), rd(v + 1), rd(v + 2)]).area;
    expect(area).to.be.closeTo(300, 0.5);
    [85010, 85030].forEach((x, tree) => {
      const vertices = [];
      for (let v = mesh.featureStarts[tree + 1] ?? 0; v < (mesh.featureStarts[tree + 2] ?? 0); v++)
        vertices.push(rd(v));
      expect(Math.max(...vertices.map((p) => p[2]))).to.be.closeTo(6, 0.01);
      const apex = vertices.find((p) => p[2] > 5.99) ?? [0, 0];
      expect(Math.hypot(apex[0] - x, apex[1] - 447480), `tree ${tree + 1} apex`).to.be.below(0.5);
    });

    // `lod` picks another level: LoD 1.2 draws block models (fewer triangles).
    const before = (seq.payload as CityMeshPayload).positions.length;
    seq.setAttribute('lod', '1.2');
    seq.reload();
    await nextEvent(seq, 'dt-source-load');
    expect([...new Set((seq.payload as CityMeshPayload).lods)]).to.deep.equal(['1.2']);
    expect((seq.payload as CityMeshPayload).positions.length).to.be.below(before);
  });
});
