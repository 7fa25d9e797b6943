import { expect } from '@open-wc/testing';
import { CATALOGUES, formatNumber, toLocale, translate } from '../../src/core/i18n/localize.js';
import { formatStat } from '../../src/components/scenario-panel/format-stat.js';

describe('localization (core)', () => {
  it('has every key in both Dutch and English, none empty', () => {
    const en = Object.keys(CATALOGUES.en).sort();
    const nl = Object.keys(CATALOGUES.nl).sort();
    expect(nl).to.deep.equal(en);
    for (const locale of ['en', 'nl'] as const) {
      for (const [key, text] of Object.entries(CATALOGUES[locale]))
        expect(text.trim(), `${locale} ${key}`).not.to.equal('');
    }
  });

  it('formats numbers per locale and fills parameters', () => {
    expect(formatNumber('nl', 1234.5)).to.equal('1.234,5');
    expect(formatNumber('en', 1234.5)).to.equal('1,234.5');
    expect(translate('nl', 'features.count', { shown: 3, total: 7 })).to.equal(
      '3 van 7 objecten in beeld',
    );
    expect(toLocale('nl-NL')).to.equal('nl');
    expect(toLocale('fr')).to.equal('en');
  });

  it('formats quantities with their units per locale', () => {
    expect(formatStat('nl', { key: 'a', value: 1234.5, unit: 'm2' })).to.equal('1.234,5 m²');
    expect(formatStat('en', { key: 'a', value: 1234.5, unit: 'm2' })).to.equal('1,234.5 m²');
    expect(formatStat('nl', { key: 'd', value: 1.2345, unit: 'm' })).to.equal('1,23 m');
    expect(formatStat('nl', { key: 'n', value: 12, unit: 'count' })).to.equal('12');
  });
});
