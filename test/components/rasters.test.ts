import { expect } from '@open-wc/testing';
import type { FeatureCollection, Position } from 'geojson';
import { html } from 'lit';
import type { DtDataSource } from '../../src/components/data-source/dt-data-source.js';
import type { DtLayer } from '../../src/components/layer/dt-layer.js';
import type { DtSourceError } from '../../src/core/errors.js';
import { rdToLonLat } from '../../src/core/raster/crs.js';
import { valueAtNearest, type Grid } from '../../src/core/raster/grid.js';
import type { ToWorker } from '../../src/core/workers/messages.js';
import { captureFrame, colorDistance, type Frame } from '../helpers/frame.js';
import { projector } from '../helpers/project.js';
import { mountTwin, TWIN_SIZE } from '../helpers/twin.js';

// Reference values made with GDAL 3.6 by scripts/gdal-reference-points.mjs (committed).
const fixture = (name: string) => new URL(`../fixtures/rasters/${name}`, import.meta.url).href;
const DTM = '/src/data/delft/ahn3-dtm-50cm.tif';
const DSM = '/src/data/delft/ahn3-dsm-50cm.tif';
const BUILDINGS = '/src/data/delft/buildings.geojson';
const BUILDINGS_RD = '/src/data/delft/buildings.rd.geojson';
const abs = (path: string) => new URL(path, document.baseURI).href;

interface LocationReference {
  points: { x: number; y: number; note: string; dtm: number; dsm: number }[];
  outside: { x: number; y: number; dtm: null };
}

/** Where the DSM's cell (col, row) centre is, in lon/lat (the DSM's top-left is 84808 / 447641.5). */
const cellLonLat = (col: number, row: number) =>
  rdToLonLat(84808 + (col + 0.5) * 0.5, 447641.5 - (row + 0.5) * 0.5);

const [centerLon, centerLat] = rdToLonLat(84940.25, 447527);
// Heatmap points, in RD New: 25 within a metre of A, one of weight 25 at B, nothing near E.
const A = rdToLonLat(84880, 447560);
const B = rdToLonLat(85000, 447480);
const E = rdToLonLat(84940, 447605);
const heatPoints = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    ...Array.from({ length: 25 }, (_, i) => ({
      type: 'Feature',
      properties: { w: 1 },
      geometry: {
        type: 'Point',
        coordinates: [A[0] + ((i % 5) - 2) * 3e-6, A[1] + (Math.floor(i / 5) - 2) * 2e-6],
      },
    })),
    { type: 'Feature', properties: { w: 25 }, geometry: { type: 'Point', coordinates: B } },
  ],
});

/** Every position of a collection, in order. */
function positions(data: FeatureCollection): Position[] {
  const out: Position[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push(c as Position);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  for (const f of data.features)
    if (f.geometry && 'coordinates' in f.geometry) walk(f.geometry.coordinates);
  return out;
}

/** Largest difference in degrees between two lists of positions (Infinity if they differ in length). */
function maxDifference(a: Position[], b: Position[]): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  a.forEach((p, i) => {
    const q = b[i] ?? [];
    max = Math.max(
      max,
      Math.abs((p[0] ?? 0) - (q[0] ?? NaN)),
      Math.abs((p[1] ?? 0) - (q[1] ?? NaN)),
    );
  });
  return max;
}

/** Polls `ready` once per animation frame for up to `ms`. */
async function until(ready: () => boolean, ms = 20000): Promise<void> {
  const end = performance.now() + ms;
  while (!ready()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => requestAnimationFrame(r));
  }
}

describe('rasters and CRS: GeoTIFF values, hillshade, heatmap, reprojection and their faults', () => {
  it('reads, draws and reprojects as GDAL does, and reports every bad input', async function () {
    this.timeout(120000); // one twin with 16 sources: about 60 s on a loaded 2-core machine
    const rdText = await (await fetch(BUILDINGS_RD)).text();
    const wgs84 = (await (await fetch(BUILDINGS)).json()) as FeatureCollection;
    const rdNoMember = JSON.parse(rdText) as FeatureCollection & { crs?: unknown };
    delete rdNoMember.crs;
    // 7 copies of the 160 buildings: 12,334 positions, above the worker threshold (10,000).
    const copies = 7;
    const bigRd = JSON.stringify({
      type: 'FeatureCollection',
      features: Array.from({ length: copies }, () => rdNoMember.features).flat(),
    });

    const errors = new Map<string, DtSourceError>();
    const onError = (e: Event) => {
      const { sourceId, error } = (e as CustomEvent<{ sourceId: string; error: DtSourceError }>)
        .detail;
      errors.set(sourceId, error);
    };
    document.addEventListener('dt-source-error', onError);
    let reprojectRequests = 0;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
      const message = args[0] as ToWorker;
      if (message.kind === 'request' && message.type === 'reproject-positions') reprojectRequests++;
      return post.apply(this, args as Parameters<Worker['postMessage']>);
    };
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) =>
      list.getEntries().forEach((entry) => longTasks.push(entry.duration)),
    );
    observer.observe({ type: 'longtask', buffered: false });
    const started = performance.now();
    try {
      const { twin, map } = await mountTwin(
        html`<dt-twin style=${TWIN_SIZE} lang="en" .panelOpen=${false}>
          <dt-map center="${centerLon},${centerLat}" zoom="17.5" pitch="0" bearing="0"></dt-map>
          <dt-data-source id="dtm" type="geotiff" src=${DTM}></dt-data-source>
          <dt-data-source id="dsm" type="geotiff" src=${DSM}></dt-data-source>
          <dt-data-source id="rd-attr" crs="EPSG:28992" src=${BUILDINGS_RD}></dt-data-source>
          <dt-data-source id="rd-member" src=${BUILDINGS_RD}></dt-data-source>
          <dt-data-source id="rd-big" crs="urn:ogc:def:crs:EPSG::28992"
            ><script type="application/geo+json">
              ${bigRd}
            </script></dt-data-source
          >
          <dt-data-source
            id="no-crs-rd"
            type="geotiff"
            crs="EPSG:28992"
            src=${fixture('no-crs.tif')}
          ></dt-data-source>
          <dt-data-source id="unknown" crs="EPSG:99999" src=${BUILDINGS_RD}></dt-data-source>
          <dt-data-source id="wgs-as-rd" crs="EPSG:28992" src=${BUILDINGS}></dt-data-source>
          <dt-data-source id="rd-as-wgs"
            ><script type="application/geo+json">
              ${JSON.stringify(rdNoMember)}
            </script></dt-data-source
          >
          <dt-data-source
            id="truncated"
            type="geotiff"
            src=${fixture('truncated.tif')}
          ></dt-data-source>
          <dt-data-source
            id="html"
            type="geotiff"
            src=${fixture('not-a-tiff.tif')}
          ></dt-data-source>
          <dt-data-source id="no-crs" type="geotiff" src=${fixture('no-crs.tif')}></dt-data-source>
          <dt-data-source
            id="no-crs-wgs"
            type="geotiff"
            crs="EPSG:4326"
            src=${fixture('no-crs.tif')}
          ></dt-data-source>
          <dt-data-source
            id="swiss"
            type="geotiff"
            src=${fixture('unknown-crs.tif')}
          ></dt-data-source>
          <dt-data-source id="punten"
            ><script type="application/geo+json">
              ${heatPoints}
            </script></dt-data-source
          >
          <dt-layer id="relief" source="dsm" type="hillshade"></dt-layer>
          <dt-layer id="heat" source="punten" type="heatmap" visible="false"></dt-layer>
        </dt-twin>`,
      );
      const loadMs = performance.now() - started;
      const source = (id: string) => twin.querySelector(`#${id}`) as DtDataSource;
      // 1. GeoTIFF values at the 10 points equal gdallocationinfo's (Float32, exactly).
      const reference = (await (
        await fetch(fixture('gdallocationinfo.json'))
      ).json()) as LocationReference;
      for (const name of ['dtm', 'dsm'] as const) {
        const grid = source(name).bands.value as Grid;
        expect(grid.crs, name).to.equal('EPSG:28992');
        for (const p of reference.points) {
          const expected = Math.fround(p[name]);
          const where = `${name} at ${p.x} ${p.y} (${p.note})`;
          if (expected === -9999) {
            expect(valueAtNearest(grid, p.x, p.y), where).to.equal(undefined);
            const col = Math.floor((p.x - grid.geotransform[0]) / grid.geotransform[1]);
            const row = Math.floor((p.y - grid.geotransform[3]) / grid.geotransform[5]);
            expect(grid.values[row * grid.width + col], where).to.equal(-9999);
          } else {
            expect(valueAtNearest(grid, p.x, p.y), where).to.equal(expected);
          }
        }
        expect(reference.points.filter((p) => p[name] === -9999).length).to.equal(
          name === 'dsm' ? 5 : 0,
        );
      }
      const dtm = source('dtm').bands.value as Grid;
      expect(valueAtNearest(dtm, reference.outside.x, reference.outside.y)).to.equal(undefined);
      // 2. A GeoTIFF without a CRS takes the crs attribute; its cells are the DTM's (a GDAL cut).
      const window = source('no-crs-rd').bands.value as Grid;
      expect(window.crs).to.equal('EPSG:28992');
      expect([window.width, window.height]).to.deep.equal([40, 40]);
      for (const [col, row] of [
        [0, 0],
        [39, 39],
        [17, 23],
      ] as const) {
        expect(window.values[row * 40 + col]).to.equal(
          dtm.values[(row + 83) * dtm.width + col + 84],
        );
      }
      // 3. RD New GeoJSON, by attribute, by its legacy crs member and in the worker (large),
      // equals the shipped WGS 84 copy within 1e-6 degrees.
      const expected = positions(wgs84);
      expect(expected.length).to.equal(1762);
      for (const id of ['rd-attr', 'rd-member']) {
        const data = source(id).data as FeatureCollection;
        expect(data.features.length, id).to.equal(160);
        expect(maxDifference(positions(data), expected), id).to.be.lessThan(1e-6);
      }
      const big = source('rd-big').data as FeatureCollection;
      expect(big.features.length).to.equal(160 * copies);
      expect(maxDifference(positions(big), Array(copies).fill(expected).flat())).to.be.lessThan(
        1e-6,
      );
      // (At least once: a settled view may reload the source, which reprojects again.)
      expect(reprojectRequests, 'the large file went to a worker').to.be.at.least(1);
      // 4. Every bad input gave dt-source-error with its id, URL and reason; the rest kept working.
      const failure = (id: string) => {
        const error = errors.get(id);
        expect(error, `no dt-source-error from ${id}`).to.not.equal(undefined);
        expect(error?.sourceId).to.equal(id);
        expect(source(id).state).to.equal('error');
        return error as DtSourceError;
      };
      const withUrl = (id: string, url: string, code: string, ...words: string[]) => {
        const error = failure(id);
        expect(error.url, id).to.equal(abs(url));
        expect(error.code, id).to.equal(code);
        for (const word of words) expect(error.reason, id).to.contain(word);
        expect(error.message, id).to.contain(abs(url));
      };
      withUrl('unknown', BUILDINGS_RD, 'crs', 'unknown CRS', 'EPSG:99999');
      withUrl('wgs-as-rd', BUILDINGS, 'crs', 'do not fit the CRS EPSG:28992', 'area of use');
      expect(failure('rd-as-wgs').reason).to.contain('do not fit the CRS EPSG:4326');
      expect(failure('rd-as-wgs').reason).to.contain('RD New');
      withUrl('truncated', fixture('truncated.tif'), 'parse', 'truncated');
      withUrl('html', fixture('not-a-tiff.tif'), 'parse', 'not a GeoTIFF', 'HTML');
      withUrl('no-crs', fixture('no-crs.tif'), 'crs', 'names no CRS');
      withUrl('no-crs-wgs', fixture('no-crs.tif'), 'crs', 'do not fit the CRS EPSG:4326');
      withUrl('swiss', fixture('unknown-crs.tif'), 'crs', 'EPSG:2056');
      expect(errors.size).to.equal(8);
      // 5. The hillshade of the DSM (computed in a worker) is drawn: gdaldem's grey at cells in the
      // middle of near-uniform 5 x 5 blocks.
      const relief = twin.querySelector('#relief') as DtLayer;
      await until(() => relief.renderLayers().length > 0);
      const shadeReference = (await (await fetch(fixture('gdaldem-hillshade.json'))).json()) as {
        dsmUniformCells: { cells: [number, number, number][] };
      };
      let frame: Frame = await captureFrame(map);
      let project = projector(map);
      let checked = 0;
      for (const [col, row, shade] of shadeReference.dsmUniformCells.cells) {
        const pixel = frame.at(...project(...cellLonLat(col, row)));
        if (!pixel) continue; // outside the view
        expect(
          colorDistance(pixel, [shade, shade, shade]),
          `cell ${col},${row}: ${pixel}`,
        ).to.be.at.most(4);
        checked++;
      }
      expect(checked).to.be.at.least(5);
      expect(relief.legend()?.property).to.equal('hillshade');
      // 6. Heatmap: colour where the points are dense; weight-by makes the heavy point as hot.
      const heat = twin.querySelector('#heat') as DtLayer;
      relief.visible = false;
      await relief.updateComplete;
      const bare = await captureFrame(map);
      heat.visible = true;
      await heat.updateComplete;
      await until(() => heat.renderLayers().length > 0);
      frame = await captureFrame(map);
      project = projector(map);
      const at = (f: Frame, p: [number, number]) => f.at(...project(...p)) ?? [0, 0, 0, 0];
      const hot = [253, 231, 37]; // the top of viridis
      expect(colorDistance(at(frame, A), hot), `A: ${at(frame, A)}`).to.be.below(80);
      // One point against 25: a low density, far from the top of the ramp.
      expect(colorDistance(at(frame, B), hot), `B: ${at(frame, B)}`).to.be.above(120);
      expect(colorDistance(at(frame, E), at(bare, E)), `E: ${at(frame, E)}`).to.be.below(3);
      const unweighted = at(frame, B);
      heat.setAttribute('weight-by', 'w');
      heat.requestRedraw();
      frame = await captureFrame(map);
      // B (one point of weight 25) is now as dense as A (25 points of weight 1), and denser than before.
      expect(
        colorDistance(at(frame, A), at(frame, B)),
        `A ${at(frame, A)}, B ${at(frame, B)}`,
      ).to.be.below(25);
      expect(colorDistance(at(frame, B), unweighted), `B weighted: ${at(frame, B)}`).to.be.above(
        40,
      );
      expect(heat.legend()?.property).to.equal('density weighted by w');
      twin.setAttribute('lang', 'nl');
      await twin.updateComplete;
      expect(relief.legend()?.property).to.equal('schaduwreliëf');
      expect(heat.legend()?.entries.map((e) => e.value)).to.deep.equal(['laag', 'hoog']);

      const longest = Math.max(0, ...longTasks);
      console.log(
        `rasters: twin ready in ${Math.round(loadMs)} ms; longest main-thread long task ${Math.round(longest)} ms (${longTasks.length} long tasks)`,
      );
    } finally {
      observer.disconnect();
      Worker.prototype.postMessage = post;
      document.removeEventListener('dt-source-error', onError);
    }
  });
});
