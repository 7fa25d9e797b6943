/**
 * Numbers that arrive as strings. Servers such as MapServer send every property as text ("6.47");
 * the collection's queryables or schema (JSON Schema), or the user, say which are numbers. DOM-free.
 */
import type { Feature } from 'geojson';

/**
 * The properties a JSON Schema (queryables, OGC API - Features Part 3; schema, Part 5) types as
 * `number` or `integer` (also `type: ["number", "null"]`).
 */
export function numericPropertiesOfSchema(json: unknown): Set<string> {
  const numeric = new Set<string>();
  const properties =
    typeof json === 'object' && json !== null
      ? (json as { properties?: unknown }).properties
      : undefined;
  if (typeof properties !== 'object' || properties === null) return numeric;
  for (const [name, schema] of Object.entries(properties)) {
    const type =
      typeof schema === 'object' && schema !== null
        ? (schema as { type?: unknown }).type
        : undefined;
    const types = Array.isArray(type) ? type : [type];
    if (types.includes('number') || types.includes('integer')) numeric.add(name);
  }
  return numeric;
}

/**
 * Text that is a plain decimal number: optional minus, no leading zeros ("0503100000018603" is a BAG
 * id, not a number), at most 15 significant digits (so an id never loses digits), optional exponent.
 */
export function isNumericText(text: string): boolean {
  if (!/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text)) return false;
  const digits = text
    .replace(/^-/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
    .replace(/^0+/, '');
  return digits.length <= 17 && (text.includes('.') || digits.length <= 15);
}

/**
 * The properties that can be read as numbers in every feature that has them: each value is a
 * number, or text for which {@link isNumericText} holds, and at least one value is text (`numbers="auto"`).
 */
export function autoNumericProperties(features: readonly Feature[]): Set<string> {
  const seenText = new Set<string>();
  const rejected = new Set<string>();
  for (const f of features) {
    for (const [name, value] of Object.entries(f.properties ?? {})) {
      if (rejected.has(name) || value === null || value === undefined) continue;
      if (typeof value === 'number') continue;
      if (typeof value === 'string' && isNumericText(value.trim())) seenText.add(name);
      else rejected.add(name);
    }
  }
  return new Set([...seenText].filter((name) => !rejected.has(name)));
}

/**
 * Turns the text values of `numeric` properties into numbers, in place; text that is not a finite
 * number (and the empty string) becomes null, so a colour scale treats it as no data.
 */
export function coerceNumbers(features: readonly Feature[], numeric: ReadonlySet<string>): void {
  if (numeric.size === 0) return;
  for (const f of features) {
    const properties = f.properties;
    if (!properties) continue;
    for (const name of numeric) {
      const value = properties[name];
      if (typeof value !== 'string') continue;
      const n = value.trim() === '' ? NaN : Number(value);
      properties[name] = Number.isFinite(n) ? n : null;
    }
  }
}
