import { expect } from '@open-wc/testing';
import { buildColorScale } from '../../src/core/style/color-scale.js';
import { parseColor, toHex } from '../../src/core/style/color.js';
import { RAMPS } from '../../src/core/style/ramps.js';

describe('colour scales (core)', () => {
  it('parses the colour forms a canvas normalises to', () => {
    expect(parseColor('#0072b2')).to.deep.equal([0, 114, 178, 255]);
    expect(parseColor('#f00')).to.deep.equal([255, 0, 0, 255]);
    expect(parseColor('rgba(10, 20, 30, 0.5)')).to.deep.equal([10, 20, 30, 128]);
    expect(parseColor('not a colour')).to.equal(undefined);
  });

  it('spans the ramp from min to max for continuous numbers, reading numeric strings', () => {
    const scale = buildColorScale([2, '7', 12, null], { property: 'h' });
    expect(scale.legend.mode).to.equal('continuous');
    expect(scale.legend.range).to.deep.equal([2, 12]);
    expect(toHex(scale.colorOf(2))).to.equal(toHex(RAMPS.viridis[0]));
    expect(toHex(scale.colorOf(12))).to.equal(toHex(RAMPS.viridis[9]));
    expect(scale.colorOf(null)).to.deep.equal([160, 160, 160, 255]);
  });

  it('puts equal counts in each class for classed scales', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    const scale = buildColorScale(values, { property: 'v', mode: 'classed', classes: 4 });
    expect(scale.legend.entries).to.have.length(4);
    const perClass = new Map<string, number>();
    for (const v of values) {
      const key = toHex(scale.colorOf(v));
      perClass.set(key, (perClass.get(key) ?? 0) + 1);
    }
    expect([...perClass.values()]).to.deep.equal([25, 25, 25, 25]);
  });

  it('gives each category its own palette colour', () => {
    const scale = buildColorScale(['water', 'groen', 'water', 'weg'], { property: 'bgt_laag' });
    expect(scale.legend.mode).to.equal('categorical');
    expect(scale.legend.entries.map((e) => e.value)).to.deep.equal(['water', 'groen', 'weg']);
    expect(new Set(scale.legend.entries.map((e) => e.color)).size).to.equal(3);
  });

  it('keeps fixed category colours and gives the others palette colours', () => {
    const red: [number, number, number, number] = [213, 94, 0, 255];
    const scale = buildColorScale([false, true, false, 'x'], {
      property: 'flooded',
      mode: 'categorical',
      colors: { true: red },
    });
    expect(scale.colorOf(true)).to.deep.equal(red);
    expect(toHex(scale.colorOf(false))).to.equal(toHex(RAMPS['okabe-ito'][0]));
    expect(toHex(scale.colorOf('x'))).to.equal(toHex(RAMPS['okabe-ito'][1]));
    expect(scale.legend.entries.find((e) => e.value === 'true')?.color).to.equal(toHex(red));
  });
});
