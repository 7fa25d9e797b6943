import { expect } from '@open-wc/testing';
import type { Feature, FeatureCollection } from 'geojson';
import { fromArrayBuffer } from 'geotiff';
import {
  downloadBlob,
  featuresToGeoJson,
  gridToGeoTiff,
  MAX_DESCRIPTION_BYTES,
  toCsv,
} from '../../src/core/export/index.js';
import { readGeoTiff } from '../../src/core/raster/geotiff.js';
import type { Grid } from '../../src/core/raster/grid.js';

/** A 5 x 4 grid in RD New with 2.5 m cells, distinct values and one nodata cell. */
function rdGrid(): Grid {
  const width = 5;
  const height = 4;
  const values = Float32Array.from({ length: width * height }, (_, i) => i * 0.37 - 1.25);
  values[7] = -9999;
  return {
    width,
    height,
    values,
    geotransform: [84812.5, 2.5, 0, 447640, 0, -2.5],
    crs: 'EPSG:28992',
    nodata: -9999,
  };
}

/** The text of an ASCII TIFF tag (geotiff decodes its bytes as UTF-8, as GDAL does) without the final NUL. */
function tagText(value: unknown): string {
  return String(value).replace(/\0+$/, '');
}

describe('export: gridToGeoTiff', () => {
  it('round-trips through readGeoTiff: size, values, geotransform, CRS and nodata', async () => {
    const grid = rdGrid();
    const bytes = await gridToGeoTiff(grid);
    expect(bytes).to.be.instanceOf(ArrayBuffer);
    const back = await readGeoTiff(bytes);
    expect([back.width, back.height]).to.deep.equal([5, 4]);
    expect(Array.from(back.values)).to.deep.equal(Array.from(grid.values));
    expect(back.geotransform).to.deep.equal(grid.geotransform);
    expect(back.crs).to.equal('EPSG:28992');
    expect(back.nodata).to.equal(-9999);
  });

  it('writes the GeoKeys and tags GDAL reads: projected RD New, pixel-is-area, Float32, description', async () => {
    const bytes = await gridToGeoTiff(rdGrid(), { description: 'Waterdiepte (m), 20 °C' });
    const image = await (await fromArrayBuffer(bytes)).getImage();
    const keys = image.getGeoKeys();
    expect(keys?.ProjectedCSTypeGeoKey).to.equal(28992);
    expect(keys?.GeographicTypeGeoKey).to.equal(undefined);
    expect(keys?.GTModelTypeGeoKey).to.equal(1);
    expect(keys?.GTRasterTypeGeoKey).to.equal(1);
    expect(image.getSampleFormat()).to.equal(3);
    expect(image.getBitsPerSample()).to.equal(32);
    expect(image.getSamplesPerPixel()).to.equal(1);
    const description = await image.fileDirectory.loadValue('ImageDescription');
    expect(tagText(description)).to.equal('Waterdiepte (m), 20 °C');
  });

  it('writes EPSG:4326 as a geographic CRS and leaves nodata out when the grid has none', async () => {
    const grid: Grid = {
      width: 3,
      height: 2,
      values: Float32Array.from([1, 2, 3, 4, 5, 6.5]),
      geotransform: [4.35, 0.001, 0, 52.01, 0, -0.001],
      crs: 'EPSG:4326',
      nodata: undefined,
    };
    const bytes = await gridToGeoTiff(grid);
    const keys = (await (await fromArrayBuffer(bytes)).getImage()).getGeoKeys();
    expect(keys?.GeographicTypeGeoKey).to.equal(4326);
    expect(keys?.ProjectedCSTypeGeoKey).to.equal(undefined);
    const back = await readGeoTiff(bytes);
    expect(back.crs).to.equal('EPSG:4326');
    expect(back.nodata).to.equal(undefined);
    expect(Array.from(back.values)).to.deep.equal([1, 2, 3, 4, 5, 6.5]);
    expect(back.geotransform).to.deep.equal(grid.geotransform);
  });

  it('keeps a NaN nodata and the longest allowed description', async () => {
    const grid = { ...rdGrid(), nodata: NaN };
    const longest = 'é'.repeat(MAX_DESCRIPTION_BYTES / 2);
    const bytes = await gridToGeoTiff(grid, { description: longest });
    const back = await readGeoTiff(bytes);
    expect(Number.isNaN(back.nodata)).to.equal(true);
    expect(Array.from(back.values)).to.deep.equal(Array.from(grid.values));
    const image = await (await fromArrayBuffer(bytes)).getImage();
    expect(tagText(await image.fileDirectory.loadValue('ImageDescription'))).to.equal(longest);
  });

  it('refuses what it cannot write: rotation, a wrong value count, a non-EPSG CRS, a long description', async () => {
    const fails = async (grid: Grid, description?: string) => {
      try {
        await gridToGeoTiff(grid, description === undefined ? {} : { description });
      } catch (error) {
        expect(error).to.be.instanceOf(RangeError);
        return String(error);
      }
      throw new Error('gridToGeoTiff did not throw');
    };
    expect(await fails({ ...rdGrid(), geotransform: [0, 1, 0.1, 0, 0, -1] })).to.match(/north-up/);
    expect(await fails({ ...rdGrid(), values: new Float32Array(3) })).to.match(/3 values/);
    expect(await fails({ ...rdGrid(), crs: 'unknown' })).to.match(/"unknown" is not an EPSG code/);
    expect(await fails(rdGrid(), 'x'.repeat(MAX_DESCRIPTION_BYTES + 1))).to.match(/401 bytes/);
  });
});

describe('export: toCsv', () => {
  it('writes a header and RFC 4180 fields: commas, quotes and line breaks quoted', () => {
    const csv = toCsv([
      { name: 'Oude Delft 1, Delft', note: 'zei "hoog"', lines: 'a\nb', depth: 0.25 },
      { name: 'plain', note: null, lines: undefined, depth: -3, dry: true },
    ]);
    expect(csv).to.equal(
      'name,note,lines,depth,dry\r\n' +
        '"Oude Delft 1, Delft","zei ""hoog""","a\nb",0.25,\r\n' +
        'plain,,,-3,true\r\n',
    );
  });

  it('follows the given columns and writes numbers with a dot, non-finite as empty', () => {
    const csv = toCsv(
      [
        { a: 1234.5, b: 1e-7, c: NaN },
        { a: -0.5, b: Infinity, c: 'x' },
      ],
      ['c', 'a', 'b'],
    );
    expect(csv).to.equal('c,a,b\r\n,1234.5,1e-7\r\nx,-0.5,\r\n');
  });

  it('guards against formula injection, except plain numbers', () => {
    const rows = [
      '=HYPERLINK("http://x")',
      '+31 6 1234',
      '-1+1',
      '@SUM(A1)',
      '\tTAB',
      '\rCR',
      '-12.5',
      '+3',
      '1e5',
      'a=b',
    ].map((text) => ({ text }));
    const lines = toCsv(rows).split('\r\n');
    expect(lines.slice(1, -1)).to.deep.equal([
      `"'=HYPERLINK(""http://x"")"`,
      `'+31 6 1234`,
      `'-1+1`,
      `'@SUM(A1)`,
      `'\tTAB`,
      `"'\rCR"`,
      '-12.5',
      '+3',
      '1e5',
      'a=b',
    ]);
    // Header cells are guarded too.
    expect(toCsv([], ['=cmd'])).to.equal(`'=cmd\r\n`);
  });
});

describe('export: featuresToGeoJson', () => {
  const features: Feature[] = [
    {
      type: 'Feature',
      id: 'b1',
      geometry: { type: 'Point', coordinates: [4.3571234567, 52.0112345678] },
      properties: { height: 12.5, name: 'Prinsenhof', flooded: false, tags: ['a', 'b'] },
    },
    {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [4.35, 52],
            [4.36, 52],
            [4.36, 52.01],
            [4.35, 52],
          ],
        ],
      },
      properties: null,
    },
  ];

  it('parses back to the input, properties kept, with a name', () => {
    const text = featuresToGeoJson(features, { name: 'gebouwen' });
    const parsed = JSON.parse(text) as FeatureCollection & { name: string };
    expect(parsed.type).to.equal('FeatureCollection');
    expect(parsed.name).to.equal('gebouwen');
    expect(parsed.features).to.deep.equal(features);
  });

  it('takes a FeatureCollection, fills missing members and rounds coordinates on request', () => {
    const collection = {
      type: 'FeatureCollection',
      bbox: [4.35, 52, 4.36, 52.02],
      features: [{ type: 'Feature', geometry: features[0]?.geometry } as Feature],
    } as FeatureCollection;
    const parsed = JSON.parse(featuresToGeoJson(collection, { coordinateDecimals: 6 }));
    expect(parsed).to.deep.equal({
      type: 'FeatureCollection',
      bbox: [4.35, 52, 4.36, 52.02],
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [4.357123, 52.011235] },
          properties: null,
        },
      ],
    });
  });
});

describe('export: downloadBlob', () => {
  it('clicks a temporary download anchor with an object URL, then revokes the URL', async () => {
    const revoked: string[] = [];
    const revoke = URL.revokeObjectURL;
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url);
      revoke.call(URL, url);
    };
    let clicked: { href: string; download: string; body: string; type: string } | undefined;
    const pending: Promise<void>[] = [];
    const onClick = (event: MouseEvent) => {
      const anchor = event.target as HTMLAnchorElement;
      event.preventDefault(); // no real download in the test browser
      pending.push(
        fetch(anchor.href).then(async (response) => {
          clicked = {
            href: anchor.href,
            download: anchor.download,
            body: await response.text(),
            type: response.headers.get('content-type') ?? '',
          };
        }),
      );
    };
    document.addEventListener('click', onClick, { capture: true });
    try {
      downloadBlob('a,b\r\n1,2\r\n', 'resultaat.csv', 'text/csv');
      await Promise.all(pending);
      expect(clicked?.download).to.equal('resultaat.csv');
      expect(clicked?.href).to.match(/^blob:/);
      expect(clicked?.body).to.equal('a,b\r\n1,2\r\n');
      expect(clicked?.type).to.equal('text/csv');
      expect(document.querySelector('a[download]')).to.equal(null);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(revoked).to.deep.equal([clicked?.href]);
    } finally {
      document.removeEventListener('click', onClick, { capture: true });
      URL.revokeObjectURL = revoke;
    }
  });
});
