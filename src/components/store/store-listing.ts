/**
 * What `<dt-store>` lists and filters: one row per catalogue record, with the facets the filters use
 * (kind, status, licence, terms, publisher, admission result) and its admission checks. Pure
 * functions, no DOM.
 */
import type { Locale } from '../../core/i18n/localize.js';
import type { Admission } from '../../core/store/admission.js';
import type { CatalogueEntry } from '../../core/store/catalogue.js';

/** The admission result a row shows and filters on. */
export type AdmissionResult = 'admitted' | 'warning' | 'refused';

/** One listed record. */
export interface StoreRow {
  /** The record's id. */
  id: string;
  /** The title in the twin's language (else English, else the id). */
  title: string;
  /** The description in the twin's language, if any. */
  description: string;
  /** Facets, `''` when the record does not say. */
  kind: string;
  status: string;
  license: string;
  terms: string;
  publisher: string;
  /** The admission result before download (integrity is checked on install). */
  admission: AdmissionResult;
  /** The checks behind it. */
  checks: Admission;
  /** The catalogue record. */
  source: CatalogueEntry;
}

/** The facets `<dt-store>` filters on. */
export const FACETS = ['kind', 'status', 'license', 'terms', 'publisher', 'admission'] as const;

/** A facet name. */
export type Facet = (typeof FACETS)[number];

/** The current filters: a search text and one value (or `''` for all) per facet. */
export type StoreFilters = { search: string } & Record<Facet, string>;

/** No filter. */
export const NO_FILTERS: StoreFilters = {
  search: '',
  kind: '',
  status: '',
  license: '',
  terms: '',
  publisher: '',
  admission: '',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field of an object, as a string ('' when absent or not a string). */
const text = (value: unknown, key: string): string =>
  isRecord(value) && typeof value[key] === 'string' ? value[key] : '';

/** Text of a language map in `locale`, else English, else the first language. */
function inLanguage(map: unknown, locale: Locale): string {
  if (!isRecord(map)) return '';
  const value = map[locale] ?? map.en ?? Object.values(map)[0];
  return typeof value === 'string' ? value : '';
}

/** The listed row of a catalogue record, with its admission checks. */
export function toRow(source: CatalogueEntry, locale: Locale, checks: Admission): StoreRow {
  const properties = isRecord(source.record) ? source.record.properties : undefined;
  const component = isRecord(properties) ? properties['tweeling:component'] : undefined;
  const failed = checks.checks.some((check) => check.outcome === 'fail');
  const warned = checks.checks.some((check) => check.outcome === 'warn');
  return {
    id: source.id,
    title: inLanguage(isRecord(properties) ? properties.title : undefined, locale) || source.id,
    description: inLanguage(isRecord(properties) ? properties.description : undefined, locale),
    kind: text(component, 'kind'),
    status: isRecord(component) ? text(component.status, 'value') : '',
    license: text(properties, 'license'),
    terms: isRecord(component) ? text(component.terms, 'model') : '',
    publisher: isRecord(properties) ? text(properties.publisher, 'name') : '',
    admission: failed ? 'refused' : warned ? 'warning' : 'admitted',
    checks,
    source,
  };
}

/** The rows that pass every filter; the search matches title, description, publisher, id and keywords. */
export function filterRows(rows: readonly StoreRow[], filters: StoreFilters): StoreRow[] {
  const words = filters.search.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (FACETS.some((facet) => filters[facet] !== '' && row[facet] !== filters[facet]))
      return false;
    if (words.length === 0) return true;
    const properties = isRecord(row.source.record) ? row.source.record.properties : undefined;
    const keywords =
      isRecord(properties) && Array.isArray(properties.keywords) ? properties.keywords : [];
    const haystack = [row.title, row.description, row.publisher, row.id, ...keywords.map(String)]
      .join(' ')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** The values a facet takes among the rows, sorted, each once. */
export function facetValues(rows: readonly StoreRow[], facet: Facet): string[] {
  return [...new Set(rows.map((row) => row[facet]).filter(Boolean))].sort();
}
