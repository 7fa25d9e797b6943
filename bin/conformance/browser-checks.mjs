/**
 * One package, checked in its own page: the node-side checks first, then the page (SDK, module, a
 * twin with the component's elements), then each browser check in turn. Everything the page did is
 * recorded from its first script on (page-probe.js), so each verdict (verdicts.mjs) reads what it
 * needs at the end.
 */
import { existsSync } from 'node:fs';
import {
  checkCemPresent,
  checkManifest,
  failed,
  packageUrl,
  readPackage,
  skipped,
} from './package-checks.mjs';
import { bootScript, elementsToMount, pageHtml } from './page.mjs';
import { packageReport } from './report.mjs';
import {
  checkAxe,
  checkCemMatch,
  checkCsp,
  checkLifecycle,
  checkLocales,
  checkOrigins,
  checkPrefix,
  checkRender,
  originOf,
} from './verdicts.mjs';

/** Connect/disconnect cycles of the lifecycle check. */
export const CYCLES = 50;
/** The axe-core rule tags: WCAG 2.1 and 2.2 A and AA, and axe's best practices. */
const AXE_RULES = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
/** Console messages about CSP: the csp check's business, not the render check's. */
const CSP_MESSAGE = /Content[ -]Security[ -]Policy|Trusted ?Type|TrustedHTML|TrustedScript/i;
/** The checks that need the module running in the page. */
const BROWSER_CHECKS = [
  'custom-elements-match',
  'tag-prefix',
  'render',
  'lifecycle',
  'accessibility',
  'csp',
  'origins',
  'locales',
];

/** The check that fails when the page stops answering in a phase. */
const PHASE_CHECK = {
  load: 'render',
  render: 'render',
  lifecycle: 'lifecycle',
  accessibility: 'accessibility',
  locales: 'locales',
  verdicts: 'render',
};

/** Checks one package; returns its report (see report.mjs). */
export async function checkPackage(env, folder, index) {
  const started = performance.now();
  const pkg = await readPackage(folder);
  const results = new Map();
  results.set('manifest', await checkManifest(pkg, env.validateEntry));
  results.set('custom-elements-present', checkCemPresent(pkg));
  if (!pkg.modulePath || !existsSync(pkg.modulePath)) {
    for (const id of BROWSER_CHECKS) results.set(id, skipped('no module to load (see manifest)'));
    return packageReport(pkg, results, performance.now() - started);
  }
  const timings = await inBrowser(env, pkg, index, results);
  return { ...packageReport(pkg, results, performance.now() - started), timings };
}

/** Loads the component in a page and runs the browser checks into `results`; returns phase times (ms). */
async function inBrowser(env, pkg, index, results) {
  const { server, timeoutMs } = env;
  const base = `/pkg/${index}/`;
  const packageBase = `${server.origin}${base}`;
  const declared = new Set(
    (Array.isArray(pkg.component.capabilities?.origins) ? pkg.component.capabilities.origins : [])
      .map((o) => originOf(String(o)))
      .filter(Boolean),
  );
  const pageUrl = `${server.origin}/kit/${index}/index.html`;
  const reportUri = `/kit/${index}/csp-report`;
  const headers = env.headers([...declared], reportUri);
  server.mount(base, pkg.folder, headers);
  // Violations in a component's own workers never reach the page's listener: their reports do.
  const workerViolations = [];
  server.post(reportUri, (json) => {
    const r = json?.['csp-report'];
    if (!r || r['document-uri'] === pageUrl) return; // the page's own: seen by page-probe.js
    workerViolations.push({
      directive: r['effective-directive'] ?? r['violated-directive'],
      blockedURI: r['blocked-uri'],
      sourceFile: r['source-file'] ?? r['document-uri'],
      line: r['line-number'],
      disposition: r.disposition,
      inWorker: r['document-uri'],
    });
  });
  const elements = elementsToMount(pkg.component, pkg.tags);
  server.file(
    `/kit/${index}/boot.js`,
    bootScript({
      moduleUrl: packageUrl(pkg, base, pkg.modulePath),
      entryUrl: `${packageBase}tweeling.json`,
      elements,
    }),
  );
  server.file(
    `/kit/${index}/index.html`,
    pageHtml({
      importMap: env.importMap,
      bootUrl: `/kit/${index}/boot.js`,
      dataBase: env.dataBase,
      elements,
    }),
    headers,
  );
  let phase = 'load';
  const timings = {};
  let mark = performance.now();
  const enter = (next) => {
    const now = performance.now();
    timings[phase] = Math.round(now - mark);
    mark = now;
    phase = next;
  };
  const problems = [];
  const foreign = [];
  const tab = await env.context.newPage();
  // Every question to the page has a time limit: a component that blocks the page (an endless loop)
  // or navigates it away fails the check under way; the checks after it are skipped.
  const ask = (fn, arg) =>
    Promise.race([
      tab.evaluate(fn, arg),
      new Promise((_, reject) =>
        setTimeout(
          () => reject(new Error(`no answer within ${timeoutMs / 1000} s`)),
          timeoutMs + 5000,
        ).unref(),
      ),
    ]);
  try {
    // Requests that got past the policy (it refuses undeclared origins before they leave).
    tab.on('request', (request) => {
      const origin = originOf(request.url());
      if (origin && origin !== server.origin)
        foreign.push({ url: request.url(), origin, declared: declared.has(origin), phase });
    });
    tab.on('websocket', (ws) => {
      const origin = originOf(ws.url());
      foreign.push({ url: ws.url(), origin, declared: declared.has(origin), phase });
    });
    tab.on('pageerror', (error) =>
      problems.push({ phase, text: `uncaught ${error.stack ?? error.message}`.slice(0, 600) }),
    );
    tab.on('console', (message) => {
      if (message.type() !== 'error' || CSP_MESSAGE.test(message.text())) return;
      const where = message.location()?.url;
      const text = `console.error: ${message.text()}${where ? ` (${where})` : ''}`;
      problems.push({ phase, text: text.slice(0, 600) });
    });

    await tab.goto(pageUrl, { waitUntil: 'commit' });
    enter('render');
    const mount = await ask((ms) => window.__kitChecks.mountAndSettle(ms), timeoutMs);
    const kit = await ask(() => ({
      loaded: window.__kit.loaded,
      loadError: window.__kit.loadError,
      defined: window.__kit.defined.filter((d) => d.phase === 'component').map((d) => d.name),
      scenarioKinds: window.__kit.scenarioKinds,
    }));
    const defined = [...new Set(kit.defined)].sort();
    const tags = [...new Set([...pkg.tags, ...defined])];
    const elementState = await ask((t) => window.__kitChecks.elementState(t), tags);
    results.set('custom-elements-match', checkCemMatch(pkg, defined, kit));
    results.set('tag-prefix', checkPrefix(pkg, defined, kit.scenarioKinds));

    enter('lifecycle');
    const cycle = await ask(
      ([t, cycles, ms]) => window.__kitChecks.cycle(t, cycles, ms),
      [tags, CYCLES, timeoutMs],
    );
    results.set('lifecycle', checkLifecycle(cycle));

    enter('accessibility');
    const axe = await ask(
      ([t, rules]) => window.__kitChecks.axe(t, '/kit/axe/axe.min.js', rules),
      [tags, AXE_RULES],
    );
    results.set('accessibility', checkAxe(axe));

    enter('locales');
    const english = await ask((t) => window.__kitChecks.textIn(t, 'en'), tags);
    const dutch = await ask((t) => window.__kitChecks.textIn(t, 'nl'), tags);
    const messages = await ask(() => window.__kit.messages);
    results.set('locales', checkLocales(pkg, { english, dutch, messages }));

    enter('verdicts');
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the last reports arrive
    const page = await ask(() => ({
      violations: window.__kit.violations,
      events: window.__kit.events,
      workers: window.__kit.workersCreated.map((w) => ({ url: w.url, stack: w.stack })),
    }));
    const violations = [...page.violations, ...workerViolations];
    results.set('csp', checkCsp(violations, packageBase, `${server.origin}/kit/${index}/`));
    results.set('origins', checkOrigins(pkg, foreign, violations, page.workers, packageBase));
    results.set('render', checkRender({ mount, kit, elementState, problems, events: page.events }));
    enter('done');
  } catch (error) {
    // The check under way fails with what went wrong; those not reached are skipped.
    const reason = `the kit could not finish ${phase}: ${String(error.message ?? error).split('\n')[0]}`;
    const id = PHASE_CHECK[phase] ?? 'render';
    if (!results.has(id)) results.set(id, failed(reason));
    for (const other of BROWSER_CHECKS)
      if (!results.has(other)) results.set(other, skipped(`not reached (${phase} did not finish)`));
  } finally {
    await Promise.race([
      tab.close({ runBeforeUnload: false }),
      new Promise((resolve) => setTimeout(resolve, 5000).unref()),
    ]);
  }
  return timings;
}
