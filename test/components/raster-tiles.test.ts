import { expect } from '@open-wc/testing';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { html } from 'lit';
import type { DtDataSource } from '../../src/components/data-source/dt-data-source.js';
import type { DtLayer } from '../../src/components/layer/dt-layer.js';
import { rasterTilesSettled } from '../../src/components/layer/renderers/raster-tiles.js';
import type { DtMap } from '../../src/components/map/dt-map.js';
import type { DtSourceError } from '../../src/core/errors.js';
import { captureFrame, colorDistance, type Frame } from '../helpers/frame.js';
import { geoServers } from '../helpers/geo-servers.js';
import { insidePolygon, interiorPoint } from '../helpers/geometry.js';
import { projector } from '../helpers/project.js';
import { mountTwin, TWIN_SIZE } from '../helpers/twin.js';

// The colours of scripts/geo-servers/delft.map: BAG buildings and BGT water (waterdeel).
const BUILDING: [number, number, number] = [213, 94, 0];
const WATER: [number, number, number] = [86, 180, 233];
const TOLERANCE = 14; // bilinear filtering of the tile images at the colour's edges
const TRUNCATED = '/test/fixtures/rastertiles/wms-capabilities-truncated.xml';
// About 3 m in degrees at 52°N: sample points this far inside their polygons.
const MARGIN_LON = 3 / (111320 * Math.cos((52 * Math.PI) / 180));
const MARGIN_LAT = 3 / 111320;

async function loadJson(url: string): Promise<FeatureCollection> {
  return (await (await fetch(url)).json()) as FeatureCollection;
}

const ringsOf = (f: Feature): Position[][] => (f.geometry as Polygon).coordinates;

/** Whether the point and four points ~3 m around it are all inside the polygon. */
function wellInside(rings: Position[][], lon: number, lat: number): boolean {
  const offsets = [
    [0, 0],
    [MARGIN_LON, 0],
    [-MARGIN_LON, 0],
    [0, MARGIN_LAT],
    [0, -MARGIN_LAT],
  ];
  return offsets.every(([dx = 0, dy = 0]) => insidePolygon(rings, lon + dx, lat + dy));
}

/** Points (lon/lat) well inside buildings, and well inside canals away from bridges and buildings. */
async function samplePoints(): Promise<{ buildings: Position[]; water: Position[] }> {
  const [buildings, landcover] = await Promise.all([
    loadJson('/src/data/delft/buildings.geojson'),
    loadJson('/src/data/delft/bgt-landcover.geojson'),
  ]);
  const buildingPoints = buildings.features
    .map((f) => interiorPoint(f))
    .filter((p, i) => wellInside(ringsOf(buildings.features[i] as Feature), p[0], p[1]));
  const isWater = (f: Feature): boolean => f.properties?.['bgt_laag'] === 'waterdeel';
  const others = [...landcover.features.filter((f) => !isWater(f)), ...buildings.features];
  const water: Position[] = [];
  for (const canal of landcover.features.filter(isWater)) {
    const rings = ringsOf(canal);
    const lons = (rings[0] ?? []).map((p) => p[0] ?? 0);
    const lats = (rings[0] ?? []).map((p) => p[1] ?? 0);
    for (let lon = Math.min(...lons); lon < Math.max(...lons); lon += 0.0002)
      for (let lat = Math.min(...lats); lat < Math.max(...lats); lat += 0.0001) {
        if (!wellInside(rings, lon, lat)) continue;
        if (others.some((o) => insidePolygon(ringsOf(o), lon, lat))) continue;
        water.push([lon, lat]);
      }
  }
  return { buildings: buildingPoints, water };
}

/** Of the points on screen: how many show `color`, and how many there are. */
function matches(map: DtMap, frame: Frame, points: Position[], color: number[]) {
  const project = projector(map);
  let onScreen = 0;
  let hits = 0;
  for (const [lon = 0, lat = 0] of points) {
    const [x, y] = project(lon, lat);
    const pixel = frame.at(x, y);
    if (!pixel || x < 5 || y < 5 || x > frame.width - 5 || y > frame.height - 5) continue;
    onScreen++;
    if (colorDistance(pixel, color) <= TOLERANCE) hits++;
  }
  return { onScreen, hits };
}

describe('wms, xyz and wmts raster tile sources', () => {
  it('draw the Delft area from MapServer and MapCache on loopback; bad input gives dt-source-error', async () => {
    const servers = await geoServers();
    const samples = await samplePoints();
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => longTasks.push(e.duration)),
    );
    observer.observe({ type: 'longtask', buffered: true });
    // Every request the page makes (the resource timing buffer is full of modules by now).
    const requested: URL[] = [];
    const resources = new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => requested.push(new URL(e.name))),
    );
    resources.observe({ type: 'resource' });
    const errors: DtSourceError[] = [];
    const onError = (e: Event): void =>
      void errors.push((e as CustomEvent<{ error: DtSourceError }>).detail.error);
    document.addEventListener('dt-source-error', onError);
    const missingTiles = `${servers.base}/no-such-tiles/{z}/{x}/{y}.png`;
    const started = performance.now();
    const { twin, map } = await mountTwin(
      html`<dt-twin basemap="none" style=${TWIN_SIZE} .panelOpen=${false}>
        <dt-map center="4.3658,52.0122" zoom="16.4" pitch="0"></dt-map>
        <dt-data-source
          id="wms"
          type="wms"
          src=${servers.wms}
          layers="landcover,buildings"
          transparent
        ></dt-data-source>
        <dt-data-source id="xyz" type="xyz" src=${servers.xyz} max-zoom="18"></dt-data-source>
        <dt-data-source
          id="wmts"
          type="wmts"
          src=${servers.wmts}
          layer="delft"
          matrix-set="GoogleMapsCompatible"
        ></dt-data-source>
        <dt-data-source id="missing" type="xyz" src=${missingTiles}></dt-data-source>
        <dt-data-source
          id="unknown-layer"
          type="wms"
          src=${servers.wms}
          layers="terrain,rivers"
        ></dt-data-source>
        <dt-data-source
          id="truncated"
          type="wms"
          src=${TRUNCATED}
          layers="buildings"
        ></dt-data-source>
        <dt-data-source
          id="rd"
          type="wmts"
          src=${servers.wmts}
          layer="delft"
          matrix-set="EPSG:28992"
        ></dt-data-source>
        <dt-layer id="l-wms" source="wms"></dt-layer>
        <dt-layer id="l-xyz" source="xyz" visible="false"></dt-layer>
        <dt-layer id="l-wmts" source="wmts" visible="false"></dt-layer>
        <dt-layer id="l-missing" source="missing" visible="false"></dt-layer>
      </dt-twin>`,
    );
    console.log(`mounted after ${Math.round(performance.now() - started)} ms`);
    const layer = (id: string): DtLayer => twin.querySelector(`#${id}`) as DtLayer;
    const source = (id: string): DtDataSource => twin.querySelector(`#${id}`) as DtDataSource;

    // Bad input: each source names itself, the URL and the reason; the others load.
    const unknown = source('unknown-layer').error;
    expect(unknown?.sourceId).to.equal('unknown-layer');
    expect(unknown?.url).to.equal(servers.wms);
    expect(unknown?.reason).to.include('"rivers"').and.include('"buildings"');
    const truncated = source('truncated').error;
    expect(truncated?.code).to.equal('parse');
    expect(truncated?.url).to.include('wms-capabilities-truncated.xml');
    expect(truncated?.reason).to.include('not well-formed XML');
    const rd = source('rd').error;
    expect(rd?.code).to.equal('crs');
    expect(rd?.reason).to.include('EPSG:28992').and.include('only web-mercator');
    for (const id of ['wms', 'xyz', 'wmts', 'missing'])
      expect(source(id).state, id).to.equal('ready');
    expect(errors.map((e) => e.sourceId).sort()).to.deep.equal([
      'rd',
      'truncated',
      'unknown-layer',
    ]);

    // WMS: buildings and canals where the shipped data has them.
    const check = async (id: string, label: string): Promise<void> => {
      await rasterTilesSettled(layer(id));
      console.log(`${label} settled after ${Math.round(performance.now() - started)} ms`);
      const frame = await captureFrame(map);
      const built = matches(map, frame, samples.buildings, BUILDING);
      const water = matches(map, frame, samples.water, WATER);
      console.log(
        `${label}: buildings ${built.hits}/${built.onScreen}, water ${water.hits}/${water.onScreen}`,
      );
      expect(built.onScreen, `${label} buildings on screen`).to.be.greaterThan(40);
      expect(built.hits / built.onScreen, `${label} buildings`).to.be.greaterThan(0.9);
      expect(water.onScreen, `${label} water points on screen`).to.be.greaterThan(20);
      expect(water.hits / water.onScreen, `${label} water`).to.be.greaterThan(0.9);
    };
    await check('l-wms', 'WMS');
    console.log(`WMS first frame after ${Math.round(performance.now() - started)} ms`);

    // The GetMap requests: one 256-px Web Mercator tile each, the layers and format asked for.
    const getMaps = requested.filter((u) => u.searchParams.get('REQUEST') === 'GetMap');
    console.log(`${getMaps.length} GetMap requests`);
    expect(getMaps.length).to.be.greaterThan(3);
    const world = 2 * Math.PI * 6378137;
    for (const url of getMaps) {
      const p = url.searchParams;
      expect([p.get('SERVICE'), p.get('VERSION'), p.get('CRS')]).to.deep.equal([
        'WMS',
        '1.3.0',
        'EPSG:3857',
      ]);
      expect([p.get('LAYERS'), p.get('STYLES')]).to.deep.equal(['landcover,buildings', ',']);
      expect([
        p.get('WIDTH'),
        p.get('HEIGHT'),
        p.get('FORMAT'),
        p.get('TRANSPARENT'),
      ]).to.deep.equal(['256', '256', 'image/png', 'TRUE']);
      const [minX = 0, minY = 0, maxX = 0, maxY = 0] = (p.get('BBOX') ?? '').split(',').map(Number);
      const z = Math.log2(world / (maxX - minX));
      expect(Math.abs(z - Math.round(z)), 'a whole zoom level').to.be.below(1e-4);
      expect(maxY - minY).to.be.closeTo(maxX - minX, 0.01);
      const size = world / 2 ** Math.round(z); // exact: the URL rounds to millimetres
      const column = (minX + world / 2) / size;
      const row = (world / 2 - maxY) / size;
      expect(Math.abs(column - Math.round(column)), 'on the tile grid').to.be.below(1e-4);
      expect(Math.abs(row - Math.round(row)), 'on the tile grid').to.be.below(1e-4);
      // Only tiles over the Delft data are asked for: the layers' lon/lat boxes (delft.map: land
      // cover 4.3615-4.3700, buildings 4.3635-4.3723).
      const lon = (x: number): number => (x / (world / 2)) * 180;
      expect(lon(maxX)).to.be.greaterThan(4.3615);
      expect(lon(minX)).to.be.lessThan(4.3723);
    }

    // XYZ and WMTS (MapCache in front of the same WMS), one at a time.
    layer('l-wms').visible = false;
    layer('l-xyz').visible = true;
    await check('l-xyz', 'XYZ');
    layer('l-xyz').visible = false;
    layer('l-wmts').visible = true;
    await check('l-wmts', 'WMTS');
    const wmtsTiles = requested.filter((u) =>
      u.pathname.includes('/wmts/1.0.0/delft/default/GoogleMapsCompatible/'),
    );
    expect(wmtsTiles.length, 'WMTS REST tiles').to.be.greaterThan(3);

    // Tiles that do not exist (HTTP 404): one dt-source-error, not one per tile; the rest draws.
    errors.length = 0;
    layer('l-missing').visible = true;
    await rasterTilesSettled(layer('l-missing'));
    await check('l-wmts', 'WMTS under the failing layer');
    const missing = errors.filter((e) => e.sourceId === 'missing');
    const failedRequests = requested.filter((u) => u.pathname.includes('/no-such-tiles/'));
    expect(failedRequests.length, 'tile requests that failed').to.be.greaterThan(3);
    expect(missing.length).to.equal(1);
    expect([missing[0]?.code, missing[0]?.status]).to.deep.equal(['http', 404]);
    expect(missing[0]?.url).to.include('/no-such-tiles/');

    document.removeEventListener('dt-source-error', onError);
    observer.disconnect();
    resources.disconnect();
    console.log(
      `longest main-thread long task: ${Math.round(Math.max(0, ...longTasks))} ms (${longTasks.length} tasks)`,
    );
  });
});
