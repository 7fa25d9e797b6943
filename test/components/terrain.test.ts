import { expect } from '@open-wc/testing';
import { html } from 'lit';
import type { DtLayer } from '../../src/components/layer/dt-layer.js';
import { DELFT_ATTRIBUTION } from '../../src/core/style/basemap.js';
import { interiorPoint } from '../helpers/geometry.js';
import { projector } from '../helpers/project.js';
import { lonLatToRd } from '../../src/core/raster/crs.js';
import { readGeoTiff } from '../../src/core/raster/geotiff.js';
import { valueAtBilinear } from '../../src/core/raster/grid.js';
import { DELFT_DATA } from '../../src/default-data.js';
import { spyTerrainTiles } from '../helpers/worker-spy.js';
import { captureFrame, colorDistance, type Frame } from '../helpers/frame.js';
import { mountTwin, TWIN_SIZE } from '../helpers/twin.js';

/** A pitched view over the shipped area, basemap only (no layers), with or without terrain. */
const view = (terrain: string | null) =>
  html`<dt-twin style=${TWIN_SIZE} panel="closed" lang="en">
    <dt-map
      center="4.3672,52.0120"
      zoom="17.2"
      pitch="60"
      bearing="-25"
      terrain=${terrain ?? ''}
      terrain-exaggeration="10"
    ></dt-map>
  </dt-twin>`;

function differingPixels(a: Frame, b: Frame): number {
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (colorDistance(a.data.subarray(i, i + 3), b.data.subarray(i, i + 3)) > 10) n++;
  }
  return n;
}

describe('<dt-map terrain>', () => {
  it('raises the basemap: a pitched view with terrain x10 differs from the flat one', async () => {
    const flat = await mountTwin(view(null));
    expect(flat.map.map?.getTerrain()).to.equal(null);
    const flatFrame = await captureFrame(flat.map);
    flat.twin.remove();

    const raised = await mountTwin(view('default'));
    const terrain = raised.map.map?.getTerrain();
    expect(terrain?.exaggeration).to.equal(10);
    const raisedFrame = await captureFrame(raised.map);
    const differing = differingPixels(flatFrame, raisedFrame);
    const share = differing / (flatFrame.width * flatFrame.height);
    console.log(`terrain x10: ${differing} pixels differ (${(share * 100).toFixed(1)} %)`);
    expect(share).to.be.above(0.05);

    // MapLibre's terrain holds the DTM's heights, times 10 (its tiles are coarser: within 0.15 m x 10).
    const dtm = await readGeoTiff(DELFT_DATA.dtm);
    for (const [lon, lat] of [
      [4.3655, 52.0118],
      [4.3672, 52.012],
      [4.368, 52.0125],
    ] as const) {
      const [x, y] = lonLatToRd(lon, lat);
      const expected = (valueAtBilinear(dtm, x, y) ?? NaN) * 10;
      const drawn = raised.map.map?.queryTerrainElevation([lon, lat]) ?? NaN;
      expect(drawn, `${lon},${lat}`).to.be.closeTo(expected, 1.5);
    }
  });

  it("cuts the tiles in the worker pool ('terrain-tile' answered), not on the main thread", async () => {
    const spy = spyTerrainTiles();
    try {
      expect((await mountTwin(view('default'))).map.map?.getTerrain()?.exaggeration).to.equal(10);
      console.log(
        `terrain tiles: ${spy.requested} requested from workers, ${spy.answered} answered`,
      );
      expect(spy.answered).to.be.above(0);
      expect(spy.mainThreadEncodes, 'PNG encodes on the main thread').to.equal(0);
    } finally {
      spy.restore();
    }
  });

  it('keeps the terrain across a basemap change and drops it when the attribute is removed', async () => {
    const { twin, map } = await mountTwin(view('default'));
    const maplibre = map.map;
    twin.basemap = 'none';
    await twin.updateComplete;
    await map.rendered();
    expect(maplibre?.getTerrain()?.exaggeration).to.equal(10);
    map.terrainExaggeration = 3;
    await map.updateComplete;
    expect(maplibre?.getTerrain()?.exaggeration).to.equal(3);
    map.terrain = null;
    await map.updateComplete;
    expect(maplibre?.getTerrain()).to.equal(null);
  });

  it('stands the buildings on the terrain at exaggeration 10: roofs where ground x 10 + height puts them', async () => {
    const { twin, map } = await mountTwin(
      html`<dt-twin style=${TWIN_SIZE} panel="closed" lang="en">
        <dt-map
          center="4.3665,52.0122"
          zoom="17"
          pitch="45"
          bearing="0"
          terrain="default"
          terrain-exaggeration="10"
        ></dt-map>
        <dt-data-source
          id="panden"
          type="geojson"
          src=${DELFT_DATA.buildings}
          attribution=${DELFT_ATTRIBUTION}
        ></dt-data-source>
        <dt-layer
          source="panden"
          type="extrusion"
          height="ahn3_h_dak_70p"
          base="ahn3_h_maaiveld"
          color-by="ahn3_h_dak_70p"
        ></dt-layer>
      </dt-twin>`,
    );
    const layer = twin.querySelector('dt-layer') as DtLayer;
    const features = layer.sourceElement?.data?.features ?? [];
    const dtm = await readGeoTiff(DELFT_DATA.dtm);
    const frame = await captureFrame(map);
    const project = projector(map);
    let onTerrain = 0;
    let flatOnTerrain = 0;
    let roofsLifted = 0;
    let roofsFlat = 0;
    const sampled = features.filter((_, i) => i % 16 === 0).slice(0, 10);
    for (const feature of sampled) {
      const [lon, lat] = interiorPoint(feature);
      const ring =
        feature.geometry.type === 'Polygon' ? (feature.geometry.coordinates[0] ?? []) : [];
      // The base as drawn: the lowest DTM height under the footprint's vertices, times 10. At that
      // vertex the base must lie on MapLibre's terrain surface, to within 2 px on screen.
      const grounds = ring.map(([x = 0, y = 0]) => valueAtBilinear(dtm, ...lonLatToRd(x, y)) ?? 0);
      const baseM = 10 * Math.min(...grounds);
      const [vLon = 0, vLat = 0] = ring[grounds.indexOf(Math.min(...grounds))] ?? [];
      const surfaceM = map.map?.queryTerrainElevation([vLon, vLat]) ?? NaN;
      const [sx, sy] = project(vLon, vLat, surfaceM);
      const [bx, by] = project(vLon, vLat, baseM);
      const [fx, fy] = project(vLon, vLat, 0);
      if (Math.hypot(bx - sx, by - sy) <= 2) onTerrain++;
      else console.log(`base ${baseM.toFixed(2)} m vs terrain ${surfaceM.toFixed(2)} m`);
      if (Math.hypot(fx - sx, fy - sy) <= 2) flatOnTerrain++;
      const expected = layer.colorOf(feature);
      const roof = frame.at(...project(lon, lat, baseM + layer.elevationOf(feature)));
      if (roof && colorDistance(roof, expected) <= 10) roofsLifted++;
      const flatRoof = frame.at(...project(lon, lat, layer.elevationOf(feature)));
      if (flatRoof && colorDistance(flatRoof, expected) <= 10) roofsFlat++;
    }
    console.log(
      `bases on terrain ${onTerrain}/10 (unlifted: ${flatOnTerrain}/10), roofs lifted ${roofsLifted}/10, where unlifted roofs would be ${roofsFlat}/10`,
    );
    expect(sampled).to.have.length(10);
    expect(onTerrain).to.equal(10);
    expect(flatOnTerrain, 'the check tells lifted from unlifted bases').to.be.below(5);
    expect(roofsLifted).to.be.at.least(9);
  });
});
