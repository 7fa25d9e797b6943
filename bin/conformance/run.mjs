/**
 * The conformance kit's JS API: `runConformance(folders, options)` checks component packages in one
 * headless chromium session and returns the JSON report (see docs/admission-standard.md).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPackage } from './browser-checks.mjs';
import { contentSecurityPolicy, sdkShim, trustedTypesReportOnly } from './page.mjs';
import { buildSdk } from './sdk.mjs';
import { startServer } from './server.mjs';
import { loadValidator } from './validator.mjs';
import { formatReport } from './report.mjs';

/** The Tweeling package this kit belongs to (the folder with package.json). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export { formatReport };

/** Chromium's path and flags (scripts/chromium.mjs: headless WebGL through SwiftShader, no background traffic). */
async function chromiumSettings(root) {
  const { CHROMIUM_PATH, CHROMIUM_ARGS } = await import(
    new URL('scripts/chromium.mjs', `file://${root.endsWith('/') ? root : `${root}/`}`).href
  );
  return { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS };
}

/**
 * Checks each package folder (a folder with tweeling.json, the module and custom-elements.json).
 * @param {string[]} folders
 * @param {{ timeoutS?: number, log?: (line: string) => void, root?: string }} [options]
 *   `timeoutS`: how long a package may take to load and draw (default 60 s); `log`: progress lines.
 * @returns {Promise<object>} The report: `{ tool, sdkVersion, sdkFrom, browser, generated,
 *   durationMs, passed, packages: [...] }`, one package report per folder, in order.
 */
export async function runConformance(folders, options = {}) {
  const { timeoutS = 60, log = () => {}, root = ROOT } = options;
  const started = performance.now();
  const { chromium } = await import('playwright-core').catch(() => {
    throw new Error(
      'tweeling-conformance needs playwright-core: npm install --save-dev playwright-core',
    );
  });
  const { executablePath, args } = await chromiumSettings(root);
  if (!existsSync(executablePath))
    throw new Error(
      `no chromium at ${executablePath}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  const require = createRequire(join(root, 'package.json'));
  const axeDir = dirname(require.resolve('axe-core/axe.min.js'));
  const { version: sdkVersion } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

  const tmp = await mkdtemp(join(tmpdir(), 'tweeling-conformance-'));
  const server = await startServer();
  let browser;
  try {
    await mkdir(join(tmp, 'sdk'));
    const [sdk, validateEntry] = await Promise.all([
      buildSdk(root, join(tmp, 'sdk')),
      loadValidator(root, tmp),
    ]);
    log(`SDK from ${sdk.mode} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    const imports = { ...sdk.imports };
    // `tweeling` is a thin shim over the SDK that records registerMessages / registerScenarioKind.
    const recorded = ['registerMessages', 'registerScenarioKind'].filter(sdk.hasExport);
    server.file('/kit/tweeling.js', sdkShim(imports.tweeling, recorded));
    imports.tweeling = '/kit/tweeling.js';
    const importMap = JSON.stringify({ imports }, null, 2);
    // The SDK is the same for every package: cached, so each page after the first starts from
    // chromium's HTTP and compiled-code caches. A package's own files are never cached.
    const cached = { 'cache-control': 'public, max-age=3600' };
    for (const [prefix, dir] of Object.entries(sdk.mounts)) server.mount(prefix, dir, cached);
    server.mount('/kit/axe/', axeDir, cached);
    /**
     * The policy headers of a package's page and files (a worker started from a package file runs
     * under its response's policy): the origins it declares, and where the browser reports.
     */
    const headers = (declaredOrigins, reportUri) => ({
      'content-security-policy': contentSecurityPolicy(importMap, declaredOrigins, reportUri),
      'content-security-policy-report-only': trustedTypesReportOnly(reportUri),
      'cache-control': 'no-store',
    });
    browser = await chromium.launch({ executablePath, args, headless: true });
    const context = await browser.newContext({ viewport: { width: 700, height: 500 } });
    await context.addInitScript({
      path: fileURLToPath(new URL('./page-probe.js', import.meta.url)),
    });
    await context.addInitScript({
      path: fileURLToPath(new URL('./page-checks.js', import.meta.url)),
    });
    const env = {
      context,
      server,
      importMap,
      headers,
      validateEntry,
      dataBase: sdk.mode === 'src' ? '/sdk/data/delft/' : '/dist/data/delft/',
      timeoutMs: timeoutS * 1000,
      log,
    };
    const packages = [];
    for (const [index, folder] of folders.entries()) {
      const report = await checkPackage(env, resolve(folder), index);
      log(
        `${report.folder}: ${report.passed ? 'passed' : 'FAILED'} (${(report.durationMs / 1000).toFixed(1)} s)`,
      );
      packages.push(report);
    }
    return {
      tool: 'tweeling-conformance',
      sdkVersion,
      sdkFrom: sdk.mode,
      browser: `chromium ${browser.version()}`,
      generated: new Date().toISOString(),
      durationMs: Math.round(performance.now() - started),
      passed: packages.every((p) => p.passed),
      packages,
    };
  } finally {
    await browser?.close();
    await server.close();
    await rm(tmp, { recursive: true, force: true });
  }
}
