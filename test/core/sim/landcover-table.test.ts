import { expect } from '@open-wc/testing';
import {
  DEFAULT_LANDCOVER_TABLE,
  classKeyOf,
  curveNumberOf,
  mergeLandCoverTable,
} from '../../../src/core/sim/landcover-table.js';

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('missing row');
  return value;
}

describe('land-cover class table (core/sim)', () => {
  it('picks the subtype row when there is one, else the layer, else unknown', () => {
    const t = DEFAULT_LANDCOVER_TABLE;
    expect(classKeyOf(t, { bgt_laag: 'wegdeel', bgt_subtype: 'voetpad' })).to.equal(
      'wegdeel/voetpad',
    );
    expect(classKeyOf(t, { bgt_laag: 'wegdeel', bgt_subtype: 'rijbaan lokale weg' })).to.equal(
      'wegdeel',
    );
    expect(classKeyOf(t, { bgt_laag: 'iets anders' })).to.equal('onbekend');
    expect(curveNumberOf(must(t['begroeidterreindeel']), 'A')).to.equal(39);
    expect(curveNumberOf(must(t['begroeidterreindeel']), 'D')).to.equal(80);
  });

  it('merges JSON overrides over the built-in rows and adds new classes', () => {
    const t = mergeLandCoverTable(
      '{"wegdeel": {"manning": 0.012}, "gras": {"curveNumber": [40, 60, 70, 80]}}',
    );
    expect(t['wegdeel']?.manning).to.equal(0.012);
    expect(t['wegdeel']?.curveNumber).to.deep.equal([98, 98, 98, 98]);
    expect(t['gras']?.curveNumber).to.deep.equal([40, 60, 70, 80]);
    expect(t['gras']?.manning).to.equal(DEFAULT_LANDCOVER_TABLE['onbekend']?.manning);
    expect(DEFAULT_LANDCOVER_TABLE['wegdeel']?.manning).to.equal(0.015);
  });

  it('rejects values out of range, naming the class and field', () => {
    expect(() => mergeLandCoverTable('{"wegdeel": {"manning": -1}}')).to.throw(
      /"wegdeel".*"manning"/,
    );
    expect(() => mergeLandCoverTable('{"x": {"curveNumber": [1, 2]}}')).to.throw(
      /"x".*curveNumber/,
    );
    expect(() => mergeLandCoverTable('[1]')).to.throw(/JSON object/);
  });

  it('is printed unchanged in docs/models/landcover-table.md', async () => {
    const text = await (await fetch('/docs/models/landcover-table.md')).text();
    for (const [key, row] of Object.entries(DEFAULT_LANDCOVER_TABLE)) {
      const line = text.split('\n').find((l) => l.startsWith(`| \`${key}\` |`));
      expect(line, key).to.be.a('string');
      const cells = (line ?? '').split('|').map((c) => c.trim());
      expect(Number(cells[3]), `${key} manning`).to.equal(row.manning);
      expect(cells[4], `${key} CN`).to.equal(row.curveNumber.join(' / '));
      expect(
        [Number(cells[5]), Number(cells[6]), Number(cells[7]), Number(cells[8])],
        key,
      ).to.deep.equal([row.kc, row.albedo, row.shade, row.green]);
    }
  });
});
