/**
 * Reads the six-criteria summary out of a conformance report (`conformance.json`, the JSON report of
 * `npx tweeling-conformance`) published next to a package. Tolerant of the report's layout: criteria
 * as an array or an object, at the top or under the first package, each with a pass/fail flag or a
 * list of checks.
 */

/** One criterion of the national twin architecture's assessment, as the report scores it. */
export interface CriterionSummary {
  /** Its name as the report gives it. */
  name: string;
  /** Checks under it that passed. */
  passed: number;
  /** Checks under it, in all. */
  total: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Whether one check or criterion passed: `passed`/`ok`/`pass` true, or a status of pass/passed/ok;
 * undefined for a skipped check or one it cannot read.
 */
function passed(value: unknown): boolean | undefined {
  if (!isRecord(value)) return typeof value === 'boolean' ? value : undefined;
  for (const key of ['passed', 'ok', 'pass', 'success']) {
    if (typeof value[key] === 'boolean') return value[key];
  }
  for (const key of ['status', 'outcome', 'result']) {
    const text = value[key];
    if (typeof text === 'string')
      return ['pass', 'passed', 'ok', 'success'].includes(text.toLowerCase());
  }
  return undefined;
}

function summarise(name: string, value: unknown): CriterionSummary | undefined {
  const checks = isRecord(value) && Array.isArray(value.checks) ? value.checks : undefined;
  if (checks) {
    const outcomes = checks.map(passed).filter((p): p is boolean => p !== undefined);
    return { name, passed: outcomes.filter(Boolean).length, total: outcomes.length };
  }
  const outcome = passed(value);
  return outcome === undefined ? undefined : { name, passed: outcome ? 1 : 0, total: 1 };
}

function nameOf(value: unknown, fallback: string, locale: string): string {
  if (!isRecord(value)) return fallback;
  for (const key of [locale, 'title', 'name', 'criterion', 'id']) {
    const text = value[key];
    if (typeof text === 'string' && text.trim() !== '') return text;
  }
  return fallback;
}

/**
 * The criteria of a conformance report, named in `locale` when the report has that language (the
 * kit gives `nl` and `en`), or undefined when it has none it can read.
 */
export function conformanceSummary(
  report: unknown,
  locale: string,
): CriterionSummary[] | undefined {
  if (!isRecord(report)) return undefined;
  const packages = Array.isArray(report.packages) ? report.packages : undefined;
  const root =
    report.criteria === undefined && packages && isRecord(packages[0]) ? packages[0] : report;
  const criteria = root.criteria;
  let summaries: (CriterionSummary | undefined)[] = [];
  if (Array.isArray(criteria)) {
    summaries = criteria.map((value, index) =>
      summarise(nameOf(value, `#${index + 1}`, locale), value),
    );
  } else if (isRecord(criteria)) {
    summaries = Object.entries(criteria).map(([key, value]) =>
      summarise(nameOf(value, key, locale), value),
    );
  }
  const read = summaries.filter((s): s is CriterionSummary => s !== undefined);
  return read.length > 0 ? read : undefined;
}
