/**
 * The kit's report: the JSON document (`--json`) and the readable text grouped under the six
 * criteria of the national twin architecture.
 */
import { CHECKS, CRITERIA } from './criteria.mjs';

/** Counts of passed, failed and skipped checks. */
function tally(checks) {
  const count = { passed: 0, failed: 0, skipped: 0 };
  for (const c of checks) count[c.status]++;
  return count;
}

/**
 * One package's report: its checks (in run order) and, per criterion, the checks filed under it.
 * @param {object} pkg What readPackage gave.
 * @param {Map<string, { status: string, message: string, details?: unknown }>} results By check id.
 */
export function packageReport(pkg, results, durationMs) {
  const checks = CHECKS.map((check) => ({
    id: check.id,
    title: check.title,
    criteria: check.criteria,
    ...(results.get(check.id) ?? { status: 'skipped', message: 'not run' }),
  }));
  const criteria = CRITERIA.map((criterion) => {
    const own = checks.filter((c) => c.criteria.includes(criterion.id));
    const count = tally(own);
    return {
      ...criterion,
      title: criterion.en,
      status: count.failed > 0 ? 'failed' : count.passed > 0 ? 'passed' : 'skipped',
      counts: count,
      checks: own.map((c) => ({ id: c.id, status: c.status })),
    };
  });
  const count = tally(checks);
  return {
    folder: pkg.name,
    id: typeof pkg.entry?.id === 'string' ? pkg.entry.id : null,
    version: typeof pkg.component.version === 'string' ? pkg.component.version : null,
    kind: typeof pkg.component.kind === 'string' ? pkg.component.kind : null,
    passed: count.failed === 0,
    counts: count,
    durationMs: Math.round(durationMs),
    criteria,
    checks,
  };
}

const MARK = { passed: 'pass', failed: 'FAIL', skipped: 'skip' };

/** The readable report of a run: per package, the six criteria with their checks. */
export function formatReport(report) {
  const lines = [
    `tweeling-conformance (Tweeling ${report.sdkVersion}, SDK from ${report.sdkFrom}, ${report.browser})`,
  ];
  for (const pkg of report.packages) {
    lines.push(
      '',
      `${pkg.folder}: ${pkg.id ?? '(no id)'} ${pkg.version ?? ''} [${pkg.kind ?? '?'}]`,
    );
    for (const criterion of pkg.criteria) {
      lines.push(`  ${criterion.en} (${criterion.nl})`);
      for (const { id } of criterion.checks) {
        const check = pkg.checks.find((c) => c.id === id);
        lines.push(`    ${MARK[check.status]}  ${check.id}: ${check.message}`);
      }
    }
    const { passed, failed, skipped } = pkg.counts;
    const seconds = (pkg.durationMs / 1000).toFixed(1);
    lines.push(
      `  ${pkg.passed ? 'PASSED' : 'FAILED'}: ${passed} passed, ${failed} failed, ${skipped} skipped (${seconds} s)`,
    );
  }
  lines.push(
    '',
    `${report.packages.filter((p) => p.passed).length} of ${report.packages.length} package(s) pass (${(report.durationMs / 1000).toFixed(1)} s)`,
  );
  return lines.join('\n');
}
