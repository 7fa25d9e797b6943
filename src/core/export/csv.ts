/** A value of a CSV cell: empty for null and undefined. */
export type CsvValue = string | number | boolean | null | undefined;

/** A plain decimal number as text, which spreadsheets read as a number, not a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Characters that make a spreadsheet read a cell as a formula (OWASP: CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Writes rows as CSV (RFC 4180): a header row, comma-separated, CRLF line ends, fields with a comma,
 * quote or line break in double quotes (quotes doubled). Numbers are written with a `.` decimal
 * point (`String(n)`; NaN and ±Infinity give an empty cell), booleans as `true` / `false`.
 *
 * Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return) gets a leading apostrophe, unless it is a plain number such as `-12.5`.
 *
 * @param rows The records, one per line.
 * @param columns The columns, in order; default: every key of the rows, in order of first appearance.
 * @returns The CSV text, ending with CRLF.
 */
export function toCsv(rows: Record<string, CsvValue>[], columns?: string[]): string {
  const header = columns ?? columnsOf(rows);
  const lines = [header, ...rows.map((row) => header.map((column) => row[column]))];
  return lines.map((cells) => cells.map(csvField).join(',') + '\r\n').join('');
}

/** The keys of all rows, in the order they first appear. */
function columnsOf(rows: Record<string, CsvValue>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/** One field: formula-guarded, then quoted where RFC 4180 needs it. */
function csvField(value: CsvValue): string {
  let text: string;
  if (value === null || value === undefined) text = '';
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') text = String(value);
  else text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
