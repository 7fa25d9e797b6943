/**
 * Test of the conformance kit: `node test/build/conformance.test.mjs`.
 *
 * Runs `bin/tweeling-conformance.mjs` once (one chromium session) on the example store package and
 * on every broken fixture in test/fixtures/conformance/, with `--json`. Checks: the example package
 * passes every check; each fixture fails exactly the check it was made for (every other check
 * passes, or is skipped because of that failure) and the failure names the reason; the text report
 * groups the checks under the six criteria of the national twin architecture; the exit status is 1
 * when a package fails. Needs no dist/: the kit bundles the SDK from src/.
 *
 * Prints one line per check and a last line `N passed, N failed, N skipped`; exits 1 on a failure.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { ROOT, check, finish, skip } from './harness.mjs';

const EXAMPLE = 'examples/store/packages/acme-canopy';
const FIXTURES = 'test/fixtures/conformance';
/** Each fixture: the one check it must fail, what the message must say, checks it may skip. */
const EXPECTED = {
  'bad-manifest': { check: 'manifest', reason: /kind: must be one of/ },
  'missing-cem': {
    check: 'custom-elements-present',
    reason: /custom-elements\.json is missing/,
    skips: ['custom-elements-match'],
  },
  'cem-mismatch': {
    check: 'custom-elements-match',
    reason: /declares cemmismatch-greeting-card;.* defines cemmismatch-greeting$/,
  },
  'wrong-prefix': {
    check: 'tag-prefix',
    reason: /without the declared prefix "wrongprefix-": greeting-card/,
  },
  'throws-on-render': {
    check: 'render',
    reason: /uncaught Error: throws-on-render: this fixture fails on purpose/,
  },
  'leaks-listeners': { check: 'lifecycle', reason: /50 listener\(s\) added on window \(resize\)/ },
  'axe-violation': { check: 'accessibility', reason: /^button-name: Buttons must have/ },
  'csp-eval': { check: 'csp', reason: /script-src refused eval at greeting\.js:\d+/ },
  'undeclared-origin': {
    check: 'origins',
    reason: /requests to http:\/\/127\.0\.0\.2:9, which capabilities\.origins does not declare/,
  },
  'english-only': { check: 'locales', reason: /same in Dutch and English: "Welcome to the twin/ },
};
const CRITERIA = [
  'Technical compatibility and reliability',
  'Transparency and explainability of algorithms and logic',
  'Legal and ethical compliance',
  'Reproducibility and traceability of results',
  'Lifecycle management and maintenance',
  'User experience and feedback',
];
const CHECKS = [
  'the kit ran and wrote its JSON report',
  'exit status 1 (some packages fail)',
  'the text report lists the six criteria for every package',
  `${EXAMPLE} passes all 10 checks`,
  ...Object.keys(EXPECTED).map((name) => `fixture ${name} fails only ${EXPECTED[name].check}`),
];

if (!existsSync(CHROMIUM_PATH)) {
  for (const name of CHECKS) skip(name, `no chromium at ${CHROMIUM_PATH}`);
  finish();
}

const tmp = await mkdtemp(join(tmpdir(), 'tweeling-conformance-test-'));
const jsonPath = join(tmp, 'report.json');
const folders = [EXAMPLE, ...Object.keys(EXPECTED).map((name) => `${FIXTURES}/${name}`)];
const started = performance.now();
const run = await new Promise((resolve) => {
  const child = spawn(
    process.execPath,
    ['bin/tweeling-conformance.mjs', ...folders, '--json', jsonPath],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.on('close', (status) => resolve({ status, stdout, stderr }));
});
const seconds = (performance.now() - started) / 1000;

try {
  const report = existsSync(jsonPath) ? JSON.parse(await readFile(jsonPath, 'utf8')) : undefined;
  check(
    CHECKS[0],
    report?.packages?.length === folders.length,
    report ? `${report.packages.length} packages` : `no report; stderr: ${run.stderr.slice(-2000)}`,
  );
  if (!report) {
    await rm(tmp, { recursive: true, force: true });
    finish();
  }
  check(CHECKS[1], run.status === 1, `exit ${run.status}`);
  const sections = run.stdout.split(/\n(?=\S+: )/).slice(1);
  check(
    CHECKS[2],
    sections.length === folders.length &&
      sections.every((text) => CRITERIA.every((heading) => text.includes(`  ${heading} (`))),
    `${sections.length} package sections`,
  );
  const byFolder = new Map(report.packages.map((p) => [p.folder, p]));
  const example = byFolder.get(EXAMPLE);
  const notPassed = example?.checks.filter((c) => c.status !== 'passed') ?? [];
  check(
    CHECKS[3],
    example?.passed === true && example.checks.length === 10 && notPassed.length === 0,
    notPassed.map((c) => `${c.id} ${c.status}: ${c.message}`).join(' | '),
  );
  for (const [index, [name, expected]] of Object.entries(EXPECTED).entries()) {
    const pkg = byFolder.get(`${FIXTURES}/${name}`);
    const target = pkg?.checks.find((c) => c.id === expected.check);
    const others = pkg?.checks.filter(
      (c) =>
        c.id !== expected.check &&
        !(c.status === 'passed' || (c.status === 'skipped' && expected.skips?.includes(c.id))),
    );
    check(
      CHECKS[4 + index],
      pkg?.passed === false &&
        target?.status === 'failed' &&
        expected.reason.test(target.message) &&
        others.length === 0,
      [
        `${expected.check}: ${target?.status} "${target?.message?.slice(0, 300)}"`,
        ...(others ?? []).map((c) => `also ${c.id} ${c.status}: ${c.message.slice(0, 200)}`),
      ].join(' | '),
    );
  }
  console.log(
    `     times (s): ${report.packages.map((p) => `${p.folder.split('/').pop()} ${(p.durationMs / 1000).toFixed(1)}`).join(', ')}; all ${seconds.toFixed(1)}`,
  );
} catch (error) {
  check('test ran to the end', false, error.stack ?? String(error));
} finally {
  await rm(tmp, { recursive: true, force: true });
}
finish();
