import type { Feature } from 'geojson';
import { normalizeText } from './normalize.js';

/**
 * What a searchable text of a feature is, in ranking order: ids first (the feature id and BAG ids),
 * then its address, its name, then any other attribute value.
 */
export type SearchFieldKind = 'id' | 'address' | 'name' | 'attribute';

/** One searchable text of a feature. */
export interface SearchField {
  /** What the text is. */
  readonly kind: SearchFieldKind;
  /** The property it comes from (`id` for the feature id, `address` for the composed address). */
  readonly key: string;
  /** The text as shown. */
  readonly text: string;
  /** The text as compared (see {@link normalizeText}). */
  readonly norm: string;
  /**
   * A second form an exact id query may take: the local part of a dotted id
   * (`NL.IMBAG.Pand.0503100000030264` is also found as `0503100000030264`).
   */
  readonly alias?: string;
}

/** Properties holding an identifier: searched first, and an exact match ranks highest. */
export const ID_KEYS = ['identificatiebagpnd', 'identificatie', 'bag_id', 'gml_id', 'id'] as const;

/** Properties that may name a feature, in order of preference. */
export const NAME_KEYS = ['naam', 'name', 'title', 'titel', 'omschrijving'] as const;

/** The parts of a Dutch address (BAG, PDOK, 3DBAG): the first key present of each part is used. */
const ADDRESS_PARTS = {
  street: ['openbare_ruimte', 'openbareruimte', 'openbare_ruimte_naam', 'straatnaam', 'straat'],
  number: ['huisnummer'],
  letter: ['huisletter'],
  addition: ['huisnummertoevoeging', 'toevoeging'],
  postcode: ['postcode'],
  place: ['woonplaats', 'woonplaatsnaam', 'plaats'],
} as const;

type Properties = Record<string, unknown>;

function firstText(props: Properties, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = props[key];
    if (typeof value === 'string' && value.trim()) return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return undefined;
}

/**
 * The feature's address as one line, `Oude Delft 12A-2, 2611 BA Delft`, from the BAG address
 * fields it has (street, house number, letter, addition, postcode, place); undefined when it has
 * neither a street nor a place.
 */
export function addressOf(props: Properties): string | undefined {
  const street = firstText(props, ADDRESS_PARTS.street);
  const place = firstText(props, ADDRESS_PARTS.place);
  if (!street && !place) return undefined;
  const number = firstText(props, ADDRESS_PARTS.number);
  const letter = firstText(props, ADDRESS_PARTS.letter) ?? '';
  const addition = firstText(props, ADDRESS_PARTS.addition);
  const house = number ? `${number}${letter}${addition ? `-${addition}` : ''}` : '';
  const line = [street, house].filter(Boolean).join(' ');
  const postcode = firstText(props, ADDRESS_PARTS.postcode);
  const town = [postcode, place].filter(Boolean).join(' ');
  return [line, town].filter(Boolean).join(', ');
}

function field(kind: SearchFieldKind, key: string, text: string): SearchField {
  const norm = normalizeText(text);
  const dot = norm.lastIndexOf('.');
  const local = kind === 'id' && dot > 0 ? norm.slice(dot + 1) : '';
  return local ? { kind, key, text, norm, alias: local } : { kind, key, text, norm };
}

/**
 * The searchable texts of a feature: its id, BAG ids, address, name and every other attribute
 * value that is a string or a finite number (objects, booleans and empty values are left out).
 */
export function featureFields(feature: Feature): SearchField[] {
  const props: Properties = feature.properties ?? {};
  const fields: SearchField[] = [];
  const used = new Set<string>();
  if (feature.id !== undefined && feature.id !== null && feature.id !== '')
    fields.push(field('id', 'id', String(feature.id)));
  for (const key of ID_KEYS) {
    const text = firstText(props, [key]);
    if (text === undefined) continue;
    used.add(key);
    if (!fields.some((f) => f.text === text)) fields.push(field('id', key, text));
  }
  const address = addressOf(props);
  if (address) fields.push(field('address', 'address', address));
  for (const key of NAME_KEYS) {
    const text = firstText(props, [key]);
    if (text === undefined) continue;
    used.add(key);
    fields.push(field('name', key, text));
  }
  for (const [key, value] of Object.entries(props)) {
    if (used.has(key)) continue;
    if (typeof value === 'string' ? value.trim() === '' : typeof value !== 'number') continue;
    if (typeof value === 'number' && !Number.isFinite(value)) continue;
    fields.push(field('attribute', key, String(value)));
  }
  return fields;
}

/**
 * The name to show for a feature in a result list: its address, else a name property, else its
 * first id; undefined when it has none of these (the caller numbers it).
 */
export function featureLabel(fields: readonly SearchField[]): string | undefined {
  return (
    fields.find((f) => f.kind === 'address')?.text ??
    fields.find((f) => f.kind === 'name')?.text ??
    fields.find((f) => f.kind === 'id' && f.key !== 'id')?.text ??
    fields.find((f) => f.kind === 'id')?.text
  );
}
