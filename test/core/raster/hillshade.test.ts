import { expect } from '@open-wc/testing';
import { readGeoTiff } from '../../../src/core/raster/geotiff.js';
import type { Grid } from '../../../src/core/raster/grid.js';
import { hillshade, shadeToRgba } from '../../../src/core/raster/hillshade.js';

// gdaldem hillshade of the shipped DTM and DSM at fixed cells (scripts/gdal-reference-points.mjs).
const REFERENCE = new URL('../../fixtures/rasters/gdaldem-hillshade.json', import.meta.url).href;
const SLOPE_TIF = new URL('../../fixtures/rasters/slope-3x3.tif', import.meta.url).href;
const TIFS = {
  dtm: '/src/data/delft/ahn3-dtm-50cm.tif',
  dsm: '/src/data/delft/ahn3-dsm-50cm.tif',
} as const;

interface SunReference {
  azimuth: number;
  altitude: number;
  zFactor: number;
  cells: [number, number, number][];
}

/** A 3 x 3 grid of 1 m cells, north-up. */
function grid3x3(values: number[]): Grid {
  return {
    width: 3,
    height: 3,
    values: Float32Array.from(values),
    geotransform: [0, 1, 0, 3, 0, -1],
    crs: 'EPSG:28992',
    nodata: -9999,
  };
}

describe('hillshade (Horn, as gdaldem)', () => {
  it('shades hand-computed 3 x 3 cases', () => {
    // A plane rising 1 m per 1 m cell to the east: a 45° slope facing west. With the sun in the
    // north-west at 45°: cos(i) = cos 45° cos 45° + sin 45° sin 45° cos(315° - 270°) = 0.85355;
    // gdaldem's scale is 1 + 254 cos(i) = 217.80, stored as 218.
    expect(hillshade(grid3x3([0, 1, 2, 0, 1, 2, 0, 1, 2]))[4]).to.equal(218);
    // Flat ground: 1 + 254 sin 45° = 180.61 -> 181.
    expect(hillshade(grid3x3([5, 5, 5, 5, 5, 5, 5, 5, 5]))[4]).to.equal(181);
    // Facing away (rising to the west: facing east; sun from the west at 10°): cos(i) =
    // sin 10° cos 45° + cos 10° sin 45° cos(270° - 90°) = -0.57 < 0, fully shaded: the minimum 1.
    const away = hillshade(grid3x3([2, 1, 0, 2, 1, 0, 2, 1, 0]), {
      azimuthDeg: 270,
      altitudeDeg: 10,
    });
    expect(away[4]).to.equal(1);
    // The outer ring and any window with nodata have no value (0).
    expect(Array.from(hillshade(grid3x3([5, 5, 5, 5, 5, 5, 5, 5, 5])))).to.deep.equal([
      0, 0, 0, 0, 181, 0, 0, 0, 0,
    ]);
    expect(hillshade(grid3x3([5, 5, 5, 5, 5, 5, 5, 5, -9999]))[4]).to.equal(0);
    expect(hillshade(grid3x3([5, 5, NaN, 5, 5, 5, 5, 5, 5]))[4]).to.equal(0);
  });

  it('equals gdaldem on the slope fixture and at fixed cells of the Delft DTM and DSM', async () => {
    const reference = (await (await fetch(REFERENCE)).json()) as Record<string, unknown> & {
      slope3x3: { centre: number };
      dtm: SunReference[];
      dsm: SunReference[];
    };
    const slope = await readGeoTiff(SLOPE_TIF);
    expect(hillshade(slope)[4]).to.equal(reference.slope3x3.centre);
    let checked = 0;
    for (const name of ['dtm', 'dsm'] as const) {
      const grid = await readGeoTiff(TIFS[name]);
      for (const sun of reference[name]) {
        const options = {
          azimuthDeg: sun.azimuth,
          altitudeDeg: sun.altitude,
          zFactor: sun.zFactor,
        };
        const shade = hillshade(grid, options);
        for (const [col, row, expected] of sun.cells) {
          const where = `${name} az ${sun.azimuth} cell ${col},${row}`;
          expect(shade[row * grid.width + col], where).to.equal(expected);
          checked++;
        }
      }
    }
    expect(checked).to.equal(48);
  });

  it('paints shades grey and cells without a value transparent', () => {
    const rgba = shadeToRgba(Uint8Array.from([0, 1, 181, 255]));
    expect(Array.from(rgba)).to.deep.equal([
      0, 0, 0, 0, 1, 1, 1, 255, 181, 181, 181, 255, 255, 255, 255, 255,
    ]);
  });
});
