import { expect } from '@open-wc/testing';
import type { Feature, FeatureCollection } from 'geojson';
import { addressOf, featureFields } from '../../src/core/search/feature-fields.js';
import { highlightSegments, parseWktPoint } from '../../src/core/search/locatieserver.js';
import { normalizeText } from '../../src/core/search/normalize.js';
import { SearchIndex } from '../../src/core/search/search-index.js';

async function load(url: string): Promise<FeatureCollection> {
  const response = await fetch(url);
  return (await response.json()) as FeatureCollection;
}

const feature = (properties: Record<string, unknown>, id?: string): Feature => ({
  type: 'Feature',
  ...(id ? { id } : {}),
  properties,
  geometry: { type: 'Point', coordinates: [4.36, 52.01] },
});

describe('search index (core)', () => {
  it('compares text case- and accent-insensitively', () => {
    expect(normalizeText('  Café  ĲSSEL\tstraat ')).to.equal('cafe ijssel straat');
    expect(normalizeText('0503100000018603')).to.equal('0503100000018603');
  });

  it('composes a BAG address and indexes ids, the address, names and attribute values', () => {
    const props = {
      openbare_ruimte: 'Oude Delft',
      huisnummer: 12,
      huisletter: 'A',
      huisnummertoevoeging: '2',
      postcode: '2611 BA',
      woonplaats: 'Delft',
    };
    expect(addressOf(props)).to.equal('Oude Delft 12A-2, 2611 BA Delft');
    expect(addressOf({ huisnummer: 3 })).to.equal(undefined);
    const fields = featureFields(
      feature(
        { identificatie: 'NL.IMBAG.Pand.0503100000030264', bouwjaar: 1972, leeg: '', x: null },
        'f1',
      ),
    );
    expect(fields.map((f) => `${f.kind}:${f.key}`)).to.deep.equal([
      'id:id',
      'id:identificatie',
      'attribute:bouwjaar',
    ]);
    expect(fields[1]?.alias).to.equal('0503100000030264');
  });

  it('ranks an exact id first, then prefix, word start, substring and all words', async () => {
    const index = new SearchIndex();
    await index.sync([
      {
        id: 'a',
        features: [
          feature({ naam: 'Kloostpoort' }),
          feature({ naam: 'De Oostpoort' }),
          feature({ naam: 'Oostpoort Noord' }),
          feature({ naam: 'Markt', omschrijving: 'oost', wijk: 'Poort' }),
          feature({ identificatiebagpnd: 'oostpoort' }),
        ],
      },
    ]);
    const { hits, total } = index.search('OOSTPOORT');
    expect(total).to.equal(4);
    expect(hits.map((h) => [h.entry.index, h.rank])).to.deep.equal([
      [4, 'exact'],
      [2, 'prefix'],
      [1, 'word'],
      [0, 'substring'],
    ]);
    const words = index.search('markt poort');
    expect(words.hits.map((h) => [h.entry.index, h.rank])).to.deep.equal([[3, 'terms']]);
    expect(index.search('').total).to.equal(0);
    expect(index.search('poort', { max: 2 }).hits.length).to.equal(2);
    expect(index.search('poort', { sources: new Set(['b']) }).total).to.equal(0);
  });

  it('finds the Delft buildings by BAG id: the full id exactly, a prefix as many as the file has', async () => {
    const data = await load('/src/data/delft/buildings.geojson');
    const index = new SearchIndex();
    await index.sync([{ id: 'panden', features: data.features }]);
    expect(index.size).to.equal(160);
    const ids = data.features.map((f) => String(f.properties?.identificatiebagpnd));
    const target = ids[42] ?? '';
    const exact = index.search(target);
    expect(exact.hits[0]?.entry.index).to.equal(42);
    expect(exact.hits[0]?.rank).to.equal('exact');
    // Counted straight from the file: ids starting with the first 13 digits of the target.
    const prefix = target.slice(0, 13);
    const expected = ids.filter((id) => id.startsWith(prefix)).length;
    expect(expected).to.be.greaterThan(1);
    const found = index.search(prefix, { max: 1000 });
    expect(found.hits.filter((h) => h.field.key === 'identificatiebagpnd').length).to.equal(
      expected,
    );
  });

  it('indexes the 1,529 campus buildings and finds them by attribute value and by the BAG id without prefix', async () => {
    const data = await load('/src/data/delft-campus/bag-panden.wgs84.geojson');
    const index = new SearchIndex();
    const started = performance.now();
    await index.sync([{ id: 'campus', features: data.features }]);
    const wall = performance.now() - started;
    expect(index.size).to.equal(1529);
    const status = index.search('pand IN gebruik', { max: 5 });
    // Counted from the file: features with an attribute value containing the text (any case).
    const expected = data.features.filter((f) =>
      Object.values(f.properties ?? {}).some(
        (v) => typeof v === 'string' && v.toLowerCase().includes('pand in gebruik'),
      ),
    ).length;
    expect(status.total).to.equal(expected);
    const first = data.features[100]?.properties?.identificatie as string;
    const local = first.split('.').pop() ?? '';
    const hit = index.search(local).hits[0];
    expect(hit?.entry.index).to.equal(100);
    expect(hit?.rank).to.equal('exact');
    const times = [];
    for (const q of ['0503', 'gebruik', '1972', 'NL.IMBAG.Pand.05031000000']) {
      index.search(q);
      times.push(index.lastSearchMs);
    }
    console.log(
      `search index, 1,529 campus buildings: indexed in ${index.lastIndexMs.toFixed(1)} ms of work ` +
        `(${wall.toFixed(1)} ms wall, in slices); searches ${times.map((t) => t.toFixed(2)).join(', ')} ms`,
    );
  });

  it('reads Locatieserver points and highlights as text only', () => {
    expect(parseWktPoint('POINT(4.3668 52.0117)')).to.deep.equal([4.3668, 52.0117]);
    expect(parseWktPoint('POINT (84954.121 447535.72)')).to.deep.equal([84954.121, 447535.72]);
    expect(parseWktPoint('POLYGON((1 2))')).to.equal(undefined);
    expect(parseWktPoint(42)).to.equal(undefined);
    expect(highlightSegments('<b>Oude</b> Delft <img src=x onerror=alert(1)>')).to.deep.equal([
      { text: 'Oude', match: true },
      { text: ' Delft <img src=x onerror=alert(1)>', match: false },
    ]);
  });
});
