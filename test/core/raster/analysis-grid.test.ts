import { expect } from '@open-wc/testing';
import { buildAnalysisGrid } from '../../../src/core/raster/analysis-grid.js';
import { rdToLonLat } from '../../../src/core/raster/crs.js';
import { readGeoTiff } from '../../../src/core/raster/geotiff.js';
import { cellValue, valueAtBilinear, valueAtNearest } from '../../../src/core/raster/grid.js';
import { DELFT_DATA } from '../../../src/default-data.js';

// The whole shipped DTM: 264.5 x 229 m in RD New.
const AREA: [number, number, number, number] = [84808, 447412.5, 85072.5, 447641.5];

describe('buildAnalysisGrid', () => {
  it('makes a 2 m grid of the Delft area that samples the GeoTIFF bilinearly at cell centres', async () => {
    const full = await readGeoTiff(DELFT_DATA.dtm);
    const grid = await buildAnalysisGrid({ bbox: AREA, cellSizeM: 2, source: DELFT_DATA.dtm });
    expect([grid.width, grid.height]).to.deep.equal([133, 115]);
    expect(grid.geotransform).to.deep.equal([84808, 2, 0, 447641.5, 0, -2]);
    expect(grid.crs).to.equal('EPSG:28992');
    let compared = 0;
    for (let row = 0; row < grid.height; row += 9) {
      for (let col = 0; col < grid.width - 1; col += 11) {
        const x = 84808 + (col + 0.5) * 2;
        const y = 447641.5 - (row + 0.5) * 2;
        // A 2 m cell centre lies on a corner of four 0.5 m cells: bilinear = their mean.
        const expected = valueAtBilinear(full, x, y) ?? NaN;
        expect(cellValue(grid, col, row), `${col},${row}`).to.be.closeTo(expected, 1e-5);
        // Against the raw GeoTIFF value at that point: within 0.05 m where the terrain is smooth.
        const raw = valueAtNearest(full, x, y) ?? NaN;
        // Smooth: the four 0.5 m cells around the point differ by less than 0.05 m.
        const neighbours = [-0.25, 0.25].flatMap((d) => [
          valueAtNearest(full, x + d, y + d) ?? NaN,
          valueAtNearest(full, x - d, y + d) ?? NaN,
        ]);
        const smooth = Math.max(...neighbours) - Math.min(...neighbours) < 0.05;
        if (smooth) {
          expect(cellValue(grid, col, row)).to.be.closeTo(raw, 0.05);
          compared++;
        }
      }
    }
    expect(compared, 'smooth sample points compared').to.be.at.least(50);
  });

  it('takes an area in WGS 84, and nearest sampling gives GeoTIFF values exactly', async () => {
    const full = await readGeoTiff(DELFT_DATA.dtm);
    const [w, s] = rdToLonLat(84850, 447450);
    const [e, n] = rdToLonLat(84950, 447550);
    const grid = await buildAnalysisGrid({
      bbox: [w, s, e, n],
      bboxCrs: 'EPSG:4326',
      cellSizeM: 1,
      source: DELFT_DATA.dtm,
      resample: 'nearest',
    });
    const [x0, , , y0] = grid.geotransform;
    // The box around the converted corners: RD New is turned about 0.8 degrees against the meridians here.
    expect(x0).to.be.closeTo(84850, 2);
    expect(y0).to.be.closeTo(447550, 2);
    for (let i = 0; i < 20; i++) {
      const col = (i * 7) % grid.width;
      const row = (i * 13) % grid.height;
      const x = x0 + col + 0.5;
      const y = y0 - row - 0.5;
      expect(cellValue(grid, col, row)).to.equal(valueAtNearest(full, x, y));
    }
  });

  it('reports progress from 0 to exactly 1, never going back', async () => {
    const shares: number[] = [];
    await buildAnalysisGrid({
      bbox: AREA,
      cellSizeM: 0.5,
      source: DELFT_DATA.dtm,
      onProgress: (share) => shares.push(share),
    });
    expect(shares[0]).to.equal(0);
    expect(shares.at(-1)).to.equal(1);
    expect(shares.length).to.be.at.least(4);
    shares.forEach((s, i) => expect(s).to.be.at.least(shares[i - 1] ?? 0));
  });

  it('rejects with an AbortError when aborted during the resampling', async () => {
    const controller = new AbortController();
    const result = buildAnalysisGrid({
      bbox: AREA,
      cellSizeM: 0.25,
      source: DELFT_DATA.dtm,
      signal: controller.signal,
      onProgress: (share) => {
        if (share > 0.5) controller.abort();
      },
    }).catch((e) => e);
    expect(await result).to.have.property('name', 'AbortError');
  });
});
