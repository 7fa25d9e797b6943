import { expect } from '@open-wc/testing';
import { DtSourceError } from '../../src/core/errors.js';
import { geometryBBox, toFeatureCollection } from '../../src/core/geo/geojson.js';
import { parseGeoJsonText } from '../../src/core/sources/geojson.js';

function errorOf(fn: () => unknown): DtSourceError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DtSourceError) return e;
    throw e;
  }
  throw new Error('expected a DtSourceError');
}

describe('GeoJSON reading (core)', () => {
  it('reads a FeatureCollection and wraps a lone Feature or Geometry', () => {
    const fc = parseGeoJsonText(
      'a',
      '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[4.36,52.01]},"properties":{"n":1}}]}',
    );
    expect(fc.features).to.have.length(1);
    expect(
      toFeatureCollection({ type: 'Point', coordinates: [1, 2] }).features[0]?.geometry,
    ).to.deep.equal({ type: 'Point', coordinates: [1, 2] });
    expect(
      toFeatureCollection({ type: 'Feature', geometry: null }).features[0]?.properties,
    ).to.deep.equal({});
  });

  it('names the source and the parser position for malformed JSON', () => {
    const error = errorOf(() =>
      parseGeoJsonText('panden', '{"type": "FeatureCollection", "features": [', 'x.json'),
    );
    expect(error.code).to.equal('parse');
    expect(error.message).to.contain('panden').and.contain('x.json').and.contain('not valid JSON');
  });

  it('names the member that is wrong for JSON that is not GeoJSON', () => {
    expect(
      errorOf(() => parseGeoJsonText('s', '{"type":"FeatureCollectionz","features":[]}')).reason,
    ).to.contain('"FeatureCollectionz"');
    const nested = errorOf(() =>
      parseGeoJsonText(
        's',
        '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Poly","coordinates":[]}}]}',
      ),
    );
    expect(nested.code).to.equal('invalid-geojson');
    expect(nested.reason).to.contain('feature 0').and.contain('"Poly"');
    expect(errorOf(() => parseGeoJsonText('s', '[1,2]')).reason).to.contain('an array');
  });

  it('computes bounding boxes of nested geometries', () => {
    expect(
      geometryBBox({
        type: 'Polygon',
        coordinates: [
          [
            [1, 2],
            [3, 5],
            [0, 4],
            [1, 2],
          ],
        ],
      }),
    ).to.deep.equal([0, 2, 3, 5]);
    expect(geometryBBox(null)).to.equal(undefined);
  });
});
