import { en, nl, type Catalogue, type MessageKey } from './messages.js';
import { registeredMessage } from './supplier-messages.js';

/** The languages Tweeling speaks. */
export type Locale = 'nl' | 'en';

export const CATALOGUES: Record<Locale, Catalogue> = { en, nl };

/**
 * Picks a supported locale from a BCP 47 tag ("nl-NL" gives "nl"); anything else gives English.
 */
export function toLocale(tag: string | null | undefined): Locale {
  return tag?.toLowerCase().startsWith('nl') ? 'nl' : 'en';
}

/**
 * The text for `key` in `locale`, with `{name}` parameters filled in. A key outside the built-in
 * catalogue is looked up among the messages suppliers registered (`registerMessages`); a key
 * found nowhere is returned as it is.
 */
export function translate(
  locale: Locale,
  key: MessageKey | (string & {}),
  params: Record<string, string | number> = {},
): string {
  const template =
    (CATALOGUES[locale] as Record<string, string>)[key] ?? registeredMessage(locale, key) ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A number formatted per locale: 1234.5 is "1.234,5" in Dutch and "1,234.5" in English. */
export function formatNumber(locale: Locale, value: number, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    maximumFractionDigits,
  }).format(value);
}

/** Formats a property value for display: numbers per locale, everything else as text. */
export function formatValue(locale: Locale, value: unknown): string {
  if (typeof value === 'number') return formatNumber(locale, value, 3);
  if (value === null || value === undefined) return '–';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
