/**
 * Text as the search compares it: lower case, accents and other combining marks removed (NFKD, so
 * "é" is "e" and the ligature "ĳ" is "ij"), runs of white space as one space, trimmed. Plain ASCII
 * skips the Unicode decomposition: most attribute values (ids, numbers, dates) are ASCII, and
 * indexing touches tens of thousands of them.
 */
export function normalizeText(text: string): string {
  let folded = text;
  // eslint-disable-next-line no-control-regex -- "not ASCII" is exactly the range 0x00-0x7f
  if (/[^\u0000-\u007f]/.test(folded)) folded = folded.normalize('NFKD').replace(/\p{M}/gu, '');
  folded = folded.toLowerCase();
  return /\s\s|^\s|\s$|[\t\n\r]/.test(folded) ? folded.replace(/\s+/g, ' ').trim() : folded;
}

/** The words of a normalized query (split on spaces and commas), empty ones left out. */
export function queryTerms(normalized: string): string[] {
  return normalized.split(/[\s,]+/).filter(Boolean);
}
