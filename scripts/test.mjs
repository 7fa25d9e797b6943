// npm test: typecheck, then the browser tests in Debian's chromium, then the three build tests.
// On a fresh machine it installs chromium with apt when it runs as root on Debian; otherwise it
// stops with the exact command to run. The last line is `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from './chromium.mjs';
import { GEO_SERVER_PACKAGES, geoServersAvailable } from './geo-servers.mjs';

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts });
const isRoot = process.getuid?.() === 0;
const isDebian = existsSync('/etc/debian_version');
let failedChecks = 0;
let passedChecks = 0;

function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return true;
  const command = 'apt-get update && apt-get install -y chromium';
  if (isRoot && isDebian) {
    console.log(`chromium is missing: installing it (${command})`);
    const result = run('sh', ['-c', `${command} > /tmp/tweeling-apt.log 2>&1`]);
    if (result.status === 0 && existsSync(CHROMIUM_PATH)) return true;
    console.error(`installing chromium failed; see /tmp/tweeling-apt.log`);
    return false;
  }
  console.error(
    `chromium is missing. Install it with:\n  sudo ${command}\n(or set CHROMIUM_PATH to a Chromium binary)`,
  );
  return false;
}

// MapServer, MapCache and lighttpd serve the data-source tests on loopback (scripts/geo-servers.mjs).
function ensureGeoServers() {
  if (geoServersAvailable()) return;
  const command = `apt-get update && apt-get install -y ${GEO_SERVER_PACKAGES.join(' ')}`;
  if (isRoot && isDebian) {
    console.log(`the geo servers are missing: installing them (${command})`);
    run('sh', ['-c', `${command} > /tmp/tweeling-apt-geo.log 2>&1`]);
  }
  if (!geoServersAvailable())
    console.error(
      `the geo servers are missing; their tests will fail. Install them with:\n  sudo ${command}`,
    );
}

ensureGeoServers();

if (!ensureChromium()) {
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

console.log('> typecheck (tsc --noEmit)');
if (run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']).status === 0) passedChecks++;
else failedChecks++;

// The browser tests print their own summary; read it back from their output.
console.log('> browser tests (web-test-runner)');
const wtr = spawnSync(
  'npx',
  ['web-test-runner', '--config', 'web-test-runner.config.mjs', ...process.argv.slice(2)],
  {
    stdio: ['inherit', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  },
);
process.stdout.write(wtr.stdout ?? '');
const summary = /(\d+) passed, (\d+) failed, (\d+) skipped\s*$/.exec(wtr.stdout ?? '');
let [passed, failed, skipped] = summary ? summary.slice(1).map(Number) : [0, 1, 0];
if (wtr.status !== 0 && failed === 0) failed = 1;

console.log('> build test (the single-file bundle from dist/, offline, under a strict CSP)');
const build = spawnSync('node', ['test/build/iife.test.mjs'], {
  stdio: ['inherit', 'pipe', 'inherit'],
  encoding: 'utf8',
});
process.stdout.write(build.stdout ?? '');
const buildSummary = /(\d+) passed, (\d+) failed, (\d+) skipped\s*$/.exec(build.stdout ?? '');
if (buildSummary) {
  passed += Number(buildSummary[1]);
  failed += Number(buildSummary[2]);
  skipped += Number(buildSummary[3]);
}
if (build.status !== 0 && !(buildSummary && Number(buildSummary[2]) > 0)) failed++;

console.log('> build test (the ES modules from dist/ via an import map, workers only from self)');
const esm = spawnSync('node', ['test/build/esm-csp.test.mjs'], {
  stdio: ['inherit', 'pipe', 'inherit'],
  encoding: 'utf8',
});
process.stdout.write(esm.stdout ?? '');
const esmSummary = /(\d+) passed, (\d+) failed, (\d+) skipped\s*$/.exec(esm.stdout ?? '');
if (esmSummary) {
  passed += Number(esmSummary[1]);
  failed += Number(esmSummary[2]);
  skipped += Number(esmSummary[3]);
}
if (esm.status !== 0 && !(esmSummary && Number(esmSummary[2]) > 0)) failed++;

console.log(
  '> build test (the ES modules from dist/ imported in plain Node: no window, no document)',
);
const ssr = spawnSync('node', ['test/build/ssr-import.test.mjs'], {
  stdio: ['inherit', 'pipe', 'inherit'],
  encoding: 'utf8',
});
process.stdout.write(ssr.stdout ?? '');
const ssrSummary = /(\d+) passed, (\d+) failed, (\d+) skipped\s*$/.exec(ssr.stdout ?? '');
if (ssrSummary) {
  passed += Number(ssrSummary[1]);
  failed += Number(ssrSummary[2]);
  skipped += Number(ssrSummary[3]);
}
if (ssr.status !== 0 && !(ssrSummary && Number(ssrSummary[2]) > 0)) failed++;

console.log(
  '> conformance kit (npx tweeling-conformance on the example package and broken fixtures)',
);
const kit = spawnSync('node', ['test/build/conformance.test.mjs'], {
  stdio: ['inherit', 'pipe', 'inherit'],
  encoding: 'utf8',
});
process.stdout.write(kit.stdout ?? '');
const kitSummary = /(\d+) passed, (\d+) failed, (\d+) skipped\s*$/.exec(kit.stdout ?? '');
if (kitSummary) {
  passed += Number(kitSummary[1]);
  failed += Number(kitSummary[2]);
  skipped += Number(kitSummary[3]);
}
if (kit.status !== 0 && !(kitSummary && Number(kitSummary[2]) > 0)) failed++;

console.log(
  '> store files (entry schema, example packages, catalogues, integrity hashes, generated validator)',
);
const storeFiles = spawnSync('node', ['test/build/store-files.test.mjs'], {
  stdio: ['inherit', 'pipe', 'inherit'],
  encoding: 'utf8',
});
process.stdout.write(storeFiles.stdout ?? '');
const storeSummary = /(\d+) passed, (\d+) failed, (\d+) skipped\s*$/.exec(storeFiles.stdout ?? '');
if (storeSummary) {
  passed += Number(storeSummary[1]);
  failed += Number(storeSummary[2]);
  skipped += Number(storeSummary[3]);
}
if (storeFiles.status !== 0 && !(storeSummary && Number(storeSummary[2]) > 0)) failed++;

passed += passedChecks;
failed += failedChecks;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
