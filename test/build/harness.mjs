/**
 * What the build tests (node test/build/*.test.mjs) share: one line per check, a last line
 * `N passed, N failed, N skipped` that scripts/test.mjs reads, building dist/ when it is missing, and
 * skipping every check when there is no chromium.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH } from '../../scripts/chromium.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = join(ROOT, 'dist');

const results = { passed: 0, failed: 0, skipped: 0 };

/** Records and prints one check. */
export function check(name, ok, detail = '') {
  results[ok ? 'passed' : 'failed']++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

/** Records and prints a skipped check. */
export function skip(name, why) {
  results.skipped++;
  console.log(`skip ${name} (${why})`);
}

/** Prints the summary line and exits (1 when a check failed). */
export function finish() {
  console.log(`${results.passed} passed, ${results.failed} failed, ${results.skipped} skipped`);
  process.exit(results.failed > 0 ? 1 : 0);
}

/**
 * Runs `npm run build` when `dist/<file>` is missing (finishing on a failed build), and skips all
 * `checks` when chromium is missing.
 */
export function prepare(file, checks) {
  if (!existsSync(join(DIST, file))) {
    console.log(`dist/${file} is missing: running \`npm run build\` ...`);
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    check('npm run build', build.status === 0, `exit ${build.status}`);
    if (build.status !== 0) finish();
  }
  if (!existsSync(CHROMIUM_PATH)) {
    for (const name of checks) skip(name, `no chromium at ${CHROMIUM_PATH}`);
    finish();
  }
}

/**
 * Asks the page's first twin for a `grid-stats` of [1, 2, 3] through its worker pool (so a worker of
 * the build under test must start and answer); the stats, or `{ error }` after 20 s.
 */
export function poolGridStats(tab) {
  return tab
    .evaluate(() =>
      Promise.race([
        document.querySelector('dt-twin').controller.workers.request('grid-stats', {
          values: new Float32Array([1, 2, 3]),
          width: 3,
        }),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('no answer within 20 s')), 20_000),
        ),
      ]),
    )
    .catch((error) => ({ error: error.message }));
}
