/**
 * Build test: the store's committed files are valid and current (`node test/build/store-files.test.mjs`).
 * No browser needed. Checks:
 * - store-entry.schema.json is a valid JSON Schema 2020-12 (ajv compiles it in strict mode);
 * - every example package's tweeling.json and every record of the catalogues (store.json and the
 *   Records pages) validates with `validateEntry` (the schema plus the rules it cannot express);
 * - the committed, ahead-of-time validator agrees with ajv compiling the schema now, on the valid
 *   records and on a set of broken variants (so the page's eval-free code is the schema's code);
 * - `validateEntry` names what is wrong in broken variants (tag outside the prefix, bad integrity);
 * - the integrity hashes in the tweeling.json files and catalogues match the modules' bytes, and the
 *   generated validator and semver files match what their scripts would write now;
 * - SDK_VERSION equals package.json's version.
 * Prints one line per check and `N passed, N failed, N skipped`; exits 1 on a failure.
 */
import { Buffer } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { build } from 'esbuild';
import { semverSource, validatorSource } from '../../scripts/build-entry-validator.mjs';
import { catalogueFiles, expectedFiles, packageFolders } from '../../scripts/store-integrity.mjs';
import { ROOT, check, finish } from './harness.mjs';

const started = performance.now();
const clone = (value) => JSON.parse(JSON.stringify(value));
const readJson = async (path) => JSON.parse(await readFile(path, 'utf8'));

/** Bundles modules of src/ (TypeScript) for Node and imports their `exports`: `{ path: [names] }`. */
async function importSources(exports) {
  const contents = Object.entries(exports)
    .map(([path, names]) => `export { ${names.join(', ')} } from './${path}';`)
    .join('\n');
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

const { validateEntry, SDK_VERSION, validate } = await importSources({
  'src/core/store/validate-entry.ts': ['validateEntry'],
  'src/core/store/sdk-version.ts': ['SDK_VERSION'],
  'src/core/store/entry-validator.generated.js': ['validate'],
});

// 1. The schema itself, compiled by ajv now.
const schema = await readJson(join(ROOT, 'src/core/store/store-entry.schema.json'));
let compiled;
try {
  compiled = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
  check('store-entry.schema.json compiles as JSON Schema 2020-12 (ajv, strict)', true);
} catch (error) {
  check(
    'store-entry.schema.json compiles as JSON Schema 2020-12 (ajv, strict)',
    false,
    error.message,
  );
}

// 2. Every entry and record validates.
const records = [];
for (const folder of await packageFolders()) {
  records.push([
    `${folder.slice(ROOT.length)}/tweeling.json`,
    await readJson(join(folder, 'tweeling.json')),
  ]);
}
for (const path of await catalogueFiles()) {
  const page = await readJson(path);
  check(
    `${path.slice(ROOT.length)} is a Records /items page`,
    page.type === 'FeatureCollection' &&
      page.numberReturned === page.features.length &&
      page.links.some((link) => link.rel === 'self'),
  );
  page.features.forEach((record, i) =>
    records.push([`${path.slice(ROOT.length)} #${i} ${record.id}`, record]),
  );
}
for (const [name, record] of records) {
  const { valid, errors } = validateEntry(record);
  check(`${name} validates`, valid, errors.map((e) => `${e.path} ${e.message}`).join('; '));
}

// A published conformance report (conformance.json next to a package) is about this entry.
for (const folder of await packageFolders()) {
  const report = await readJson(join(folder, 'conformance.json')).catch(() => undefined);
  if (!report) continue;
  const entry = await readJson(join(folder, 'tweeling.json'));
  const version = entry.properties['tweeling:component'].version;
  const subject = report.packages?.[0];
  check(
    `${folder.slice(ROOT.length)}/conformance.json reports on ${entry.id} ${version}`,
    subject?.id === entry.id && subject?.version === version && subject?.criteria?.length === 6,
    `${subject?.id} ${subject?.version}`,
  );
}

// 3. The generated validator is the schema's: it agrees with ajv on valid and broken entries.
const base = records[0][1];
const broken = [
  (e) => delete e.properties.title.nl,
  (e) => (e.properties['tweeling:component'].kind = 'widget'),
  (e) => (e.properties['tweeling:component'].module.integrity = 'sha256-abc'),
  (e) => (e.properties['tweeling:component'].status = { value: 'revoked' }),
  (e) => (e.properties['tweeling:component'].terms = { model: 'subscription' }),
  (e) => (e.properties['tweeling:component'].locales = ['en']),
  (e) => (e.properties['tweeling:component'].tagPrefix = 'dt-'),
  (e) =>
    (e.properties['tweeling:component'].elements = [
      { tag: 'acme-x', attributes: { onclick: 'x' } },
    ]),
  (e) => (e.conformsTo = []),
  (e) => (e.links = [{ rel: 'license', href: 'https://x.example' }]),
  (e) => (e.properties.contactPoint.email = 'not an address'),
  (e) => (e.properties.created = '2026-13-01'),
  (e) => (e.type = 'Record'),
].map((mutate) => {
  const copy = clone(base);
  mutate(copy);
  return copy;
});
const disagreements = [...records.map(([, r]) => r), ...broken].filter(
  (entry) => compiled && validate(entry) !== compiled(entry),
);
check(
  `the generated validator agrees with ajv on ${records.length} records and ${broken.length} broken variants`,
  compiled !== undefined && disagreements.length === 0,
  disagreements.map((e) => e.id).join(', '),
);
check(
  'every broken variant is invalid',
  broken.every((entry) => !validateEntry(entry).valid),
);
const outsidePrefix = clone(base);
outsidePrefix.properties['tweeling:component'].tags = ['other-layer'];
const prefixErrors = validateEntry(outsidePrefix).errors;
check(
  'a tag outside the tag prefix is named',
  prefixErrors.some((e) => e.path.endsWith('/tags/0') && e.message.includes('tag prefix')),
  JSON.stringify(prefixErrors),
);

// 4. Generated and hashed files are current.
const stale = [];
for (const [path, text] of await expectedFiles()) {
  if ((await readFile(path, 'utf8')) !== text) stale.push(path.slice(ROOT.length));
}
check(
  'integrity hashes and catalogue copies are current (scripts/store-integrity.mjs)',
  stale.length === 0,
  stale.join(', '),
);
const generated = [
  ['src/core/store/entry-validator.generated.js', await validatorSource()],
  ['src/core/store/semver-range.generated.js', await semverSource()],
];
for (const [path, text] of generated) {
  check(
    `${path} is current (scripts/build-entry-validator.mjs)`,
    (await readFile(join(ROOT, path), 'utf8')) === text,
  );
}
const generatedCode = generated[0][1];
check(
  'the generated validator compiles nothing at run time',
  !/new Function|\beval\(|\brequire\(/.test(generatedCode),
);

// 5. The SDK version the loader checks ranges against.
const pkg = await readJson(join(ROOT, 'package.json'));
check(
  'SDK_VERSION equals package.json version',
  SDK_VERSION === pkg.version,
  `${SDK_VERSION} vs ${pkg.version}`,
);

console.log(`store files checked in ${((performance.now() - started) / 1000).toFixed(1)} s`);
finish();
