import { formatNumber, type Locale } from '../../core/i18n/localize.js';
import type { ScenarioStat } from '../../core/sim/scenario-result.js';

const UNIT_TEXT: Record<ScenarioStat['unit'], string> = {
  m: ' m',
  m2: ' m²',
  m3: ' m³',
  s: ' s',
  count: '',
  ratio: '',
  mm: ' mm',
  'm NAP': ' m NAP',
  degC: ' °C',
  percent: ' %',
  h: ' h',
  index: '',
  deg: '°',
};

/** A statistic's value with its unit, formatted per locale (1.234,5 m² in Dutch). */
export function formatStat(locale: Locale, stat: ScenarioStat): string {
  if (stat.unit === 'ratio') return stat.value.toExponential(1);
  const digits =
    stat.unit === 'm' || stat.unit === 'm NAP' || stat.unit === 'index'
      ? 2
      : stat.unit === 'count'
        ? 0
        : 1;
  return formatNumber(locale, stat.value, digits) + UNIT_TEXT[stat.unit];
}

/** A change of a statistic, with its sign (+0,4 °C, -120 m³). */
export function formatChange(locale: Locale, stat: ScenarioStat): string {
  const text = formatStat(locale, stat);
  return stat.value > 0 ? `+${text}` : text;
}
