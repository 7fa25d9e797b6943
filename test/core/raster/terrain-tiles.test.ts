import { expect } from '@open-wc/testing';
import { readGeoTiff } from '../../../src/core/raster/geotiff.js';
import { gridRange } from '../../../src/core/raster/grid.js';
import {
  decodeTerrarium,
  encodeTerrarium,
  gridBoundsLonLat,
  renderTerrainTile,
  rgbaToPng,
} from '../../../src/core/raster/terrain-tiles.js';
import { lonLatToTile } from '../../../src/core/tiles/tile-id.js';
import { DELFT_DATA } from '../../../src/default-data.js';

/** The tile column and row that contain lon/lat at zoom z. */
function tileOf(lon: number, lat: number, z: number): [number, number] {
  const { x, y } = lonLatToTile(lon, lat, z);
  return [x, y];
}

describe('terrain tiles (terrarium)', () => {
  it('round-trips heights through the encoding to better than 0.01 m', () => {
    for (const h of [-0.521, 0, 0.0039, 1.2345, 2.2775, -12.75, 322.5, 8848.86]) {
      const [r, g, b] = encodeTerrarium(h);
      for (const c of [r, g, b]) expect(c).to.be.within(0, 255);
      expect(Math.abs(decodeTerrarium(r, g, b) - h), String(h)).to.be.below(0.01);
    }
  });

  it('cuts a tile over Delft whose heights lie in the DTM range, and encodes it as a PNG', async () => {
    const grid = await readGeoTiff(DELFT_DATA.dtm);
    const range = gridRange(grid) ?? { min: NaN, max: NaN };
    const [west, south, east, north] = gridBoundsLonLat(grid);
    expect(west).to.be.closeTo(4.365, 0.001);
    expect(north).to.be.closeTo(52.0137, 0.001);
    const [x, y] = tileOf((west + east) / 2, (south + north) / 2, 17);
    const rgba = renderTerrainTile(grid, 17, x, y);
    expect(rgba.length).to.equal(256 * 256 * 4);
    const heights: number[] = [];
    for (let i = 0; i < rgba.length; i += 4) {
      heights.push(decodeTerrarium(rgba[i] ?? 0, rgba[i + 1] ?? 0, rgba[i + 2] ?? 0));
    }
    for (const h of heights)
      expect(h).to.be.within(Math.min(0, range.min) - 0.01, range.max + 0.01);
    // Relief, not a flat fill: the tile holds the DTM's range.
    expect(Math.max(...heights) - Math.min(...heights)).to.be.above(1);

    const png = await rgbaToPng(rgba, 256);
    expect(png.type).to.equal('image/png');
    const bitmap = await createImageBitmap(png, {
      colorSpaceConversion: 'none',
      premultiplyAlpha: 'none',
    });
    const ctx = new OffscreenCanvas(256, 256).getContext('2d', { willReadFrequently: true });
    ctx?.drawImage(bitmap, 0, 0);
    const decoded = ctx?.getImageData(0, 0, 256, 256).data;
    expect(decoded && Array.from(decoded.subarray(0, 4096))).to.deep.equal(
      Array.from(rgba.subarray(0, 4096)),
    );
  });

  it('fills a tile outside the grid with the outside height', async () => {
    const grid = await readGeoTiff(DELFT_DATA.dtm);
    const [x, y] = tileOf(5.0, 52.0, 15);
    const rgba = renderTerrainTile(grid, 15, x, y, { outsideM: -0.5, tileSize: 512 });
    expect(rgba.length).to.equal(512 * 512 * 4);
    expect(decodeTerrarium(rgba[0] ?? 0, rgba[1] ?? 0, rgba[2] ?? 0)).to.equal(-0.5);
  });
});
