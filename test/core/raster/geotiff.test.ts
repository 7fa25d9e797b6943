import { expect } from '@open-wc/testing';
import { readGeoTiff } from '../../../src/core/raster/geotiff.js';
import { cellValue, gridRange, valueAtNearest } from '../../../src/core/raster/grid.js';
import { DELFT_DATA } from '../../../src/default-data.js';

const COG = new URL('../../fixtures/delft-dtm-cog.tif', import.meta.url).href;

// Reference values from GDAL 3.6, for each RD New point (x y):
//   gdallocationinfo -valonly -geoloc src/data/delft/ahn3-dtm-50cm.tif <x> <y>
const GDAL_SAMPLES: [number, number, number][] = [
  [84850, 447600, 0.541000008583069],
  [84900, 447500, -0.0199999995529652],
  [84940.25, 447527, 0.103124998509884],
  [85000, 447450, -0.00699999975040555],
  [85060.3, 447420.7, -0.245124995708466],
];

describe('readGeoTiff', () => {
  it('reads the shipped Delft DTM: size, CRS, geotransform, nodata, range', async () => {
    const grid = await readGeoTiff(DELFT_DATA.dtm);
    expect([grid.width, grid.height]).to.deep.equal([529, 458]);
    expect(grid.crs).to.equal('EPSG:28992');
    expect(grid.geotransform).to.deep.equal([84808, 0.5, 0, 447641.5, 0, -0.5]);
    expect(grid.nodata).to.equal(-9999);
    expect(grid.values).to.be.instanceOf(Float32Array);
    const range = gridRange(grid);
    expect(range?.min).to.be.closeTo(-0.521, 0.001);
    expect(range?.max).to.be.closeTo(2.2775, 0.001);
  });

  it('gives the values gdallocationinfo gives at 5 points', async () => {
    const grid = await readGeoTiff(DELFT_DATA.dtm);
    for (const [x, y, expected] of GDAL_SAMPLES) {
      expect(valueAtNearest(grid, x, y), `${x} ${y}`).to.be.closeTo(expected, 1e-6);
    }
  });

  it('reads a window with the same values as the full read at the same cells', async () => {
    const full = await readGeoTiff(DELFT_DATA.dtm);
    const window = await readGeoTiff(DELFT_DATA.dtm, { bbox: [84900.2, 447450, 84960, 447520.7] });
    // Whole cells overlapping the box: columns 184..304, rows 241..383 of the full grid.
    expect(window.geotransform).to.deep.equal([84900, 0.5, 0, 447521, 0, -0.5]);
    expect([window.width, window.height]).to.deep.equal([120, 142]);
    for (let row = 0; row < window.height; row += 7) {
      for (let col = 0; col < window.width; col += 5) {
        expect(cellValue(window, col, row)).to.equal(cellValue(full, col + 184, row + 241));
      }
    }
  });

  it('reads the same values from a COG, and reads a coarser overview for a larger cellSize', async () => {
    const full = await readGeoTiff(DELFT_DATA.dtm);
    const cog = await readGeoTiff(COG);
    expect(cog.geotransform).to.deep.equal(full.geotransform);
    expect(Array.from(cog.values.subarray(0, 2000))).to.deep.equal(
      Array.from(full.values.subarray(0, 2000)),
    );
    const coarse = await readGeoTiff(COG, { cellSize: 2 });
    expect([coarse.width, coarse.height]).to.deep.equal([132, 115]);
    expect(coarse.geotransform[1]).to.be.closeTo(2, 0.01);
    const range = gridRange(coarse);
    expect(range?.min).to.be.at.least(-0.53);
    expect(range?.max).to.be.at.most(2.28);
  });

  it('rejects with an AbortError when aborted, before and during the read', async () => {
    const early = new AbortController();
    early.abort();
    const before = await readGeoTiff(DELFT_DATA.dtm, { signal: early.signal }).catch((e) => e);
    expect(before).to.have.property('name', 'AbortError');

    const late = new AbortController();
    const pending = readGeoTiff(COG, { signal: late.signal }).catch((e) => e);
    late.abort();
    expect(await pending).to.have.property('name', 'AbortError');
  });

  it('names the URL when the file is missing or not a TIFF', async () => {
    const missing = new URL('../../fixtures/no-such.tif', import.meta.url).href;
    const error = await readGeoTiff(missing).catch((e) => e);
    expect(error).to.have.property('name', 'DtSourceError');
    expect(String(error.message)).to.contain(missing);
    const notTiff = new URL('../../fixtures/malformed.geojson', import.meta.url).href;
    const error2 = await readGeoTiff(notTiff).catch((e) => e);
    expect(String(error2.message)).to.contain(notTiff);
  });
});
