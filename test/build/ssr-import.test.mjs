/**
 * Build test: the ES build imports in plain Node (server-side rendering, static-site generators,
 * test runners without a DOM): `node test/build/ssr-import.test.mjs`.
 *
 * Each import runs in a fresh `node` process, which has no `window` or `document`. First every bare
 * dependency the build imports (lit, maplibre-gl, deck.gl, luma.gl, loaders.gl, geotiff, proj4) is
 * imported on its own, so that what they do to the global object is in place; then the browser
 * globals are watched (an accessor on globalThis records each read and write) while one entry of
 * OUR build is evaluated. Checks:
 * - `tweeling` (dist/tweeling.js, the classes) imports without throwing, reads none of the browser
 *   globals (`window`, `document`, `customElements`, `HTMLElement`, `navigator`, ...), adds no
 *   global, and registers no element;
 * - `tweeling/define` (dist/define.js) imports without throwing and touches no DOM global but
 *   `customElements`: in Node that is lit's server-side registry (`@lit-labs/ssr-dom-shim`, which
 *   lit installs through its `node` export condition), where it registers the eleven `dt-*` tags,
 *   as lit SSR expects. Drawing needs the browser: the map is created when `<dt-map>` connects.
 *
 * Found (and printed as a note): a bundler or runner that resolves packages with the `browser`
 * condition in Node gets lit's browser build, which extends `HTMLElement` at import and throws
 * "HTMLElement is not defined". That is lit, not this package: server code must resolve with the
 * default (`node`) conditions, or import tweeling only on the client.
 *
 * Prints one line per check and a last line `N passed, N failed, N skipped`; exits 1 on a failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, ROOT, check, finish } from './harness.mjs';

const TAGS = [
  'dt-twin',
  'dt-map',
  'dt-data-source',
  'dt-layer',
  'dt-layer-list',
  'dt-legend',
  'dt-feature-list',
  'dt-feature-info',
  'dt-timeline',
  'dt-scenario',
  'dt-scenario-panel',
];

// 1. Build when needed (this test needs no browser, so it does not use the harness's chromium skip).
if (!['tweeling.js', 'define.js'].every((f) => existsSync(join(DIST, f)))) {
  console.log('dist/ is missing: running `npm run build` ...');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  check('npm run build', build.status === 0, `exit ${build.status}`);
  if (build.status !== 0) finish();
}

/**
 * The script each child process runs: imports the dependencies, watches the browser globals while
 * it imports `entry`, and prints a JSON report as its last line.
 */
const childScript = (entry) => `
import { readdir, readFile } from 'node:fs/promises';
import { init, parse } from 'es-module-lexer';
const DIST = ${JSON.stringify(DIST)};
const TAGS = ${JSON.stringify(TAGS)};
const WATCH = ['window', 'document', 'self', 'navigator', 'location', 'customElements',
  'HTMLElement', 'Element', 'Node', 'ShadowRoot', 'CSSStyleSheet', 'matchMedia',
  'requestAnimationFrame', 'ResizeObserver', 'localStorage', 'devicePixelRatio', 'Worker',
  'OffscreenCanvas', 'WebGL2RenderingContext'];
const report = { dependencyErrors: [], error: null, reads: [], writes: [], newGlobals: [], tags: [],
  hadWindow: typeof globalThis.window !== 'undefined' || typeof globalThis.document !== 'undefined' };

// The dependencies, first and on their own.
await init;
const bare = new Set();
for (const name of await readdir(DIST)) {
  if (!name.endsWith('.js') || name.includes('.iife.') || name.startsWith('tweeling-worker')) continue;
  const [imports] = parse(await readFile(DIST + '/' + name, 'utf8'));
  for (const { n } of imports) if (n && !/^(\\.|\\/|[a-z]+:)/.test(n)) bare.add(n);
}
for (const spec of [...bare].sort()) {
  try { await import(spec); } catch (e) { report.dependencyErrors.push(spec + ': ' + e.message); }
}

// Watch the browser globals, then evaluate our entry.
const before = new Set(Reflect.ownKeys(globalThis));
const saved = new Map();
for (const name of WATCH) {
  const own = Object.getOwnPropertyDescriptor(globalThis, name);
  saved.set(name, own);
  const read = () => (own ? ('value' in own ? own.value : own.get?.call(globalThis)) : undefined);
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() { report.reads.push(name); return read(); },
    set(v) { report.writes.push(name); },
  });
}
try {
  await import(DIST + '/' + ${JSON.stringify(entry)});
} catch (e) {
  report.error = (e && e.stack) || String(e);
}
for (const [name, own] of saved) {
  if (own) Object.defineProperty(globalThis, name, own);
  else delete globalThis[name];
}
report.reads = [...new Set(report.reads)];
report.writes = [...new Set(report.writes)];
report.newGlobals = Reflect.ownKeys(globalThis).filter((k) => !before.has(k)).map(String);
const registry = globalThis.customElements;
report.tags = registry ? TAGS.filter((t) => registry.get(t) !== undefined) : [];
console.log(JSON.stringify(report));
`;

/** Runs one entry in a fresh Node process; its report (or `{ crashed }`). */
function importInNode(entry, conditions = []) {
  const child = spawnSync(
    process.execPath,
    [
      ...conditions.map((c) => `--conditions=${c}`),
      '--input-type=module',
      '-e',
      childScript(entry),
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 },
  );
  const last = (child.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    return {
      crashed: `exit ${child.status}: ${(child.stderr || child.stdout || '').slice(0, 2000)}`,
    };
  }
}

const show = (list) => (list.length ? list.join(', ') : 'none');

// 2. tweeling: the classes.
const classes = importInNode('tweeling.js');
if (classes.crashed) {
  check("import('tweeling') in plain Node ran", false, classes.crashed);
} else {
  check(
    `Node ${process.versions.node} has no window or document (the setting under test)`,
    !classes.hadWindow,
  );
  check(
    'every dependency of the ES build imports in plain Node',
    classes.dependencyErrors.length === 0,
    show(classes.dependencyErrors),
  );
  check(
    "import('tweeling') (dist/tweeling.js) does not throw",
    !classes.error,
    classes.error ?? '',
  );
  check(
    "import('tweeling') reads and writes no browser global (window, document, customElements, ...)",
    classes.reads.length === 0 && classes.writes.length === 0,
    `read: ${show(classes.reads)}; written: ${show(classes.writes)}`,
  );
  check(
    "import('tweeling') adds no global",
    classes.newGlobals.length === 0,
    show(classes.newGlobals),
  );
  check("import('tweeling') registers no element", classes.tags.length === 0, show(classes.tags));
}

// 3. tweeling/define: registers the elements, in lit's server-side registry.
const define = importInNode('define.js');
if (define.crashed) {
  check("import('tweeling/define') in plain Node ran", false, define.crashed);
} else {
  check(
    "import('tweeling/define') (dist/define.js) does not throw",
    !define.error,
    define.error ?? '',
  );
  const dom = define.reads.filter((n) => n !== 'customElements');
  check(
    "import('tweeling/define') touches no DOM global but customElements (lit's server-side registry)",
    dom.length === 0 && define.writes.length === 0,
    `read: ${show(define.reads)}; written: ${show(define.writes)}`,
  );
  check(
    "import('tweeling/define') adds no global",
    define.newGlobals.length === 0,
    show(define.newGlobals),
  );
  check(
    `import('tweeling/define') registers the ${TAGS.length} dt-* tags in lit's registry`,
    define.tags.length === TAGS.length,
    show(define.tags),
  );
}

// 4. A note, not a check: with the `browser` condition Node gets lit's browser build.
const browser = importInNode('tweeling.js', ['browser']);
const why = browser.crashed ?? browser.error?.split('\n')[0] ?? 'imports';
console.log(`     note: with --conditions=browser (lit's browser build in Node): ${why}`);

finish();
