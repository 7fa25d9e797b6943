/**
 * Canonical JSON and SHA-256: the same value always gives the same text and the same hash, whatever
 * order its object keys were written in. Used for run hashes, content hashes and provenance.
 */

/**
 * JSON with object keys sorted (code-point order) at every level and no white space. Numbers are
 * written as JSON.stringify writes them (the shortest text that reads back as the same double);
 * `undefined` members are left out; NaN and infinities become `null`, as in JSON.stringify.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** Lower-case hexadecimal of bytes. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let hex = '';
  for (const byte of view) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The SHA-256 of text (as UTF-8) or bytes, as 64 lower-case hex digits (Web Crypto: browsers, workers, Node). */
export async function sha256Hex(input: string | ArrayBuffer | Uint8Array): Promise<string> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  // A view is copied into a buffer of its own: digest() wants an ArrayBuffer-backed source.
  const source = bytes instanceof Uint8Array ? bytes.slice() : bytes;
  return toHex(await crypto.subtle.digest('SHA-256', source));
}

/** How many hex digits of a SHA-256 a short hash shows (48 bits: a chance collision is about 1 in 10^14). */
export const SHORT_HASH_DIGITS = 12;

/** The first {@link SHORT_HASH_DIGITS} hex digits of a full hash. */
export function shortHash(fullHex: string): string {
  return fullHex.slice(0, SHORT_HASH_DIGITS);
}
