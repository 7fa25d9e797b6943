/**
 * Messages that components from outside the SDK bring along. A supplier registers its own Dutch and
 * English text once, under keys it namespaces with its tag prefix (`acme-canopy.title`), and reads
 * it back with `t()` like any built-in key. Built-in keys always win: a supplier cannot change the
 * SDK's own text.
 */
import type { Locale } from './localize.js';

const registered: Record<Locale, Map<string, string>> = { en: new Map(), nl: new Map() };

/**
 * Adds messages for `locale`: `{ 'acme-canopy.title': 'Tree canopy' }`. `{name}` marks a parameter,
 * as in the built-in catalogue. A later registration of the same key replaces the earlier one.
 * @public
 */
export function registerMessages(locale: Locale, messages: Readonly<Record<string, string>>): void {
  for (const [key, text] of Object.entries(messages)) {
    if (typeof text === 'string') registered[locale].set(key, text);
  }
}

/** A registered message for `key`: in `locale`, else in English; undefined when none is. */
export function registeredMessage(locale: Locale, key: string): string | undefined {
  return registered[locale].get(key) ?? registered.en.get(key);
}
