/**
 * A measurement as one line of text in the user's language: the list in the panel, the notes on
 * the exported image and the report all use it.
 */
import { formatNumber, translate, type Locale } from '../../core/i18n/localize.js';
import type { Measurement, PointHeight } from './measure-geometry.js';

/** A length: "300 m", "1,234.5 m" (one decimal). */
export function formatLength(locale: Locale, metres: number): string {
  return `${formatNumber(locale, metres, 1)} m`;
}

/** An area: "5,000 m²" (whole square metres from 100 m², else one decimal). */
export function formatArea(locale: Locale, squareMetres: number): string {
  return `${formatNumber(locale, squareMetres, squareMetres >= 100 ? 0 : 1)} m²`;
}

/** A height with two decimals: "3.25 m"; with `signed`, "+0.40 m" for a difference. */
export function formatHeight(locale: Locale, metres: number, signed = false): string {
  const text = `${formatNumber(locale, metres, 2)} m`;
  return signed && metres > 0 ? `+${text}` : text;
}

/** The name of a measurement: "Distance 2", "Oppervlakte 1". */
export function measurementName(locale: Locale, m: Measurement): string {
  return translate(locale, `measure.name.${m.kind}`, { n: m.n });
}

function pointText(locale: Locale, height: PointHeight | undefined): string {
  const parts = (height?.rasters ?? []).map((r) =>
    translate(locale, 'measure.source', {
      source: r.sourceId,
      height: formatHeight(locale, r.heightM),
    }),
  );
  if (height?.building)
    parts.push(
      translate(locale, 'measure.building', {
        height: formatHeight(locale, height.building.heightM),
      }),
    );
  return parts.length > 0 ? parts.join(', ') : translate(locale, 'measure.noHeight');
}

/** The whole measurement in one line: "Area 1: 5,000 m², perimeter 300.0 m". */
export function measurementText(locale: Locale, m: Measurement): string {
  const name = measurementName(locale, m);
  switch (m.kind) {
    case 'distance':
      return translate(locale, 'measure.text.distance', {
        name,
        length: formatLength(locale, m.lengthM ?? 0),
        count: m.points.length,
      });
    case 'area':
      return translate(locale, 'measure.text.area', {
        name,
        area: formatArea(locale, m.areaM2 ?? 0),
        length: formatLength(locale, m.lengthM ?? 0),
      });
    case 'height': {
      const [a, b] = m.heights ?? [];
      if (m.points.length < 2)
        return translate(locale, 'measure.text.height', { name, point: pointText(locale, a) });
      return translate(locale, 'measure.text.heightDifference', {
        name,
        a: pointText(locale, a),
        b: pointText(locale, b),
        difference:
          m.differenceM === undefined
            ? translate(locale, 'measure.noHeight')
            : formatHeight(locale, m.differenceM, true),
      });
    }
  }
}
