/**
 * Property filters applied in the browser: the `filter` attribute's small syntax, and CQL2 text
 * simple enough to evaluate here when a server does not declare CQL2 (OGC API - Features Part 3).
 * DOM-free.
 *
 * Syntax of `filter`: clauses separated by `;`, all of which must hold:
 * `property op value` with op one of `=`, `!=`, `<`, `<=`, `>`, `>=`; the value is a number,
 * `true`/`false`, or text (quotes optional: `bgt_status=bestaand`, `name='De Vries; Zn'`).
 * Or JSON: `{"bgt_status": "bestaand", "ahn3_h_dak_70p": {">": 10}}`.
 */

/** A comparison operator of a clause. */
export type FilterOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** One condition on one property. */
export interface FilterClause {
  /** The property name. */
  property: string;
  /** How the property's value compares with {@link FilterClause.value}. */
  op: FilterOp;
  /** A number compares numerically (so "6.47" equals 6.47); text compares as text. */
  value: string | number | boolean;
}

/** Clauses that must all hold (AND); an empty filter keeps every feature. */
export type ClientFilter = FilterClause[];

const OPS: readonly FilterOp[] = ['=', '!=', '<', '<=', '>', '>='];

function literal(text: string): string | number | boolean {
  const t = text.trim();
  const quoted = /^'(.*)'$/s.exec(t) ?? /^"(.*)"$/s.exec(t);
  if (quoted) return quoted[1] ?? '';
  if (t === 'true' || t === 'false') return t === 'true';
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? n : t;
}

/** Splits on `;` outside quotes. */
function splitClauses(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ';') {
      parts.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * Parses the `filter` attribute (see the module comment).
 * @throws Error saying which clause is wrong.
 */
export function parseClientFilter(text: string): ClientFilter {
  const source = text.trim();
  if (source.startsWith('{')) return parseJsonFilter(source);
  return splitClauses(source).map((clause) => {
    const match = /^([^=!<>]+?)\s*(!=|<=|>=|=|<|>)\s*(.*)$/s.exec(clause);
    const property = match?.[1]?.trim();
    if (!match || !property) {
      throw new Error(
        `filter clause "${clause}" is not "property op value" (op: ${OPS.join(' ')})`,
      );
    }
    return { property, op: match[2] as FilterOp, value: literal(match[3] ?? '') };
  });
}

function parseJsonFilter(source: string): ClientFilter {
  const json = JSON.parse(source) as unknown;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error('a JSON filter is an object of property: value or property: {op: value}');
  }
  const clauses: ClientFilter = [];
  for (const [property, condition] of Object.entries(json)) {
    if (typeof condition === 'object' && condition !== null) {
      for (const [op, value] of Object.entries(condition)) {
        if (!OPS.includes(op as FilterOp) || !isLiteral(value)) {
          throw new Error(
            `filter on "${property}": "${op}" is not one of ${OPS.join(' ')} with a value`,
          );
        }
        clauses.push({ property, op: op as FilterOp, value });
      }
    } else if (isLiteral(condition)) clauses.push({ property, op: '=', value: condition });
    else throw new Error(`filter on "${property}": the value must be text, a number or true/false`);
  }
  return clauses;
}

function isLiteral(value: unknown): value is string | number | boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

type Token =
  | { kind: 'name'; text: string }
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'op'; op: FilterOp }
  | { kind: 'and' };

const CQL_OPS: Record<string, FilterOp> = {
  '=': '=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};
const FLIPPED: Record<FilterOp, FilterOp> = {
  '=': '=',
  '!=': '!=',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern =
    /\s+|'((?:[^']|'')*)'|"([^"]+)"|(-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(<>|<=|>=|=|<|>)|([A-Za-z_][\w.:]*)/y;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const m = pattern.exec(text);
    if (!m) return undefined;
    at = pattern.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'literal', value: m[1].replaceAll("''", "'") });
    else if (m[2] !== undefined) tokens.push({ kind: 'name', text: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'literal', value: Number(m[3]) });
    else if (m[4] !== undefined) tokens.push({ kind: 'op', op: CQL_OPS[m[4]] as FilterOp });
    else if (m[5] !== undefined) {
      const upper = m[5].toUpperCase();
      if (upper === 'AND') tokens.push({ kind: 'and' });
      else if (upper === 'TRUE' || upper === 'FALSE')
        tokens.push({ kind: 'literal', value: upper === 'TRUE' });
      else tokens.push({ kind: 'name', text: m[5] });
    }
  }
  return tokens;
}

/**
 * CQL2 text as client clauses when it is only comparisons of a property with a literal joined by
 * `AND` (`ahn3_h_dak_70p > 10 AND bgt_status = 'bestaand'`); undefined for anything more (OR, NOT,
 * LIKE, IN, BETWEEN, functions, spatial or temporal operators, parentheses), which only a server
 * can evaluate.
 */
export function cql2ToClientFilter(text: string): ClientFilter | undefined {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return undefined;
  const clauses: ClientFilter = [];
  for (let i = 0; i < tokens.length; i += 4) {
    const [a, op, b, next] = [tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]];
    if (op?.kind !== 'op' || (next !== undefined && next.kind !== 'and')) return undefined;
    if (next !== undefined && i + 4 >= tokens.length) return undefined; // a trailing AND
    if (a?.kind === 'name' && b?.kind === 'literal')
      clauses.push({ property: a.text, op: op.op, value: b.value });
    else if (a?.kind === 'literal' && b?.kind === 'name')
      clauses.push({ property: b.text, op: FLIPPED[op.op], value: a.value });
    else return undefined;
  }
  return clauses;
}

function compare(actual: unknown, clause: FilterClause): boolean {
  const { op, value } = clause;
  if (actual === null || actual === undefined) return op === '!=';
  let order: number;
  if (typeof value === 'number') {
    const n = typeof actual === 'number' ? actual : Number(actual);
    if (
      typeof actual === 'boolean' ||
      (typeof actual === 'string' && actual.trim() === '') ||
      !Number.isFinite(n)
    ) {
      return op === '!=';
    }
    order = n - value;
  } else if (typeof value === 'boolean') {
    const equal = actual === value || String(actual) === String(value);
    if (op === '=') return equal;
    if (op === '!=') return !equal;
    return false;
  } else {
    const text = String(actual);
    order = text < value ? -1 : text > value ? 1 : 0;
  }
  switch (op) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

/** Whether a feature's properties satisfy every clause of the filter. */
export function matchesFilter(
  properties: Readonly<Record<string, unknown>> | null,
  filter: ClientFilter,
): boolean {
  return filter.every((clause) => compare(properties?.[clause.property], clause));
}
