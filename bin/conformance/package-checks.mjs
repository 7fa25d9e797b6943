/**
 * The checks that read the package's files in node: the manifest (schema, module integrity), the
 * presence of custom-elements.json, and the tag lists the browser checks compare against.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';

/** A passed, failed or skipped check result. */
export const passed = (message, details) => ({ status: 'passed', message, details });
export const failed = (message, details) => ({ status: 'failed', message, details });
export const skipped = (message, details) => ({ status: 'skipped', message, details });

/** Reads a JSON file: `{ json }`, or `{ error }` saying why not. */
async function readJson(path) {
  if (!existsSync(path)) return { error: 'missing' };
  try {
    return { json: JSON.parse(await readFile(path, 'utf8')) };
  } catch (error) {
    return { error: `not valid JSON: ${error.message}` };
  }
}

/** `url` relative to the manifest, as a path inside `folder`; undefined for absolute or escaping URLs. */
function localPath(folder, url) {
  if (typeof url !== 'string' || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) return undefined;
  const path = resolve(folder, url.split(/[?#]/)[0]);
  return path === folder || path.startsWith(folder + sep) ? path : undefined;
}

/** The SRI string (`sha384-<base64>`) of some bytes. */
export const sha384 = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/**
 * Reads a component package: its manifest and the files it names.
 * @returns {Promise<object>} `entry` (or `entryError`), `component` (the `tweeling:component` block,
 *   `{}` when absent), `tags`, `scenarioKinds`, `prefix`, `modulePath`, `cemPath`, `cem` (or
 *   `cemError`).
 */
export async function readPackage(folder) {
  const pkg = { folder, name: relative(process.cwd(), folder) || '.' };
  const manifest = await readJson(join(folder, 'tweeling.json'));
  if (manifest.error) pkg.entryError = `tweeling.json is ${manifest.error}`;
  pkg.entry = manifest.json;
  const component = pkg.entry?.properties?.['tweeling:component'];
  pkg.component = component && typeof component === 'object' ? component : {};
  pkg.tags = Array.isArray(pkg.component.tags)
    ? pkg.component.tags.filter((t) => typeof t === 'string')
    : [];
  pkg.prefix = typeof pkg.component.tagPrefix === 'string' ? pkg.component.tagPrefix : '';
  pkg.modulePath = localPath(folder, pkg.component.module?.url);
  pkg.cemPath = localPath(folder, pkg.component.customElements ?? './custom-elements.json');
  if (pkg.cemPath) {
    const cem = await readJson(pkg.cemPath);
    pkg.cem = cem.json;
    if (cem.error) pkg.cemError = `${relative(folder, pkg.cemPath)} is ${cem.error}`;
  } else {
    pkg.cemError = `customElements (${pkg.component.customElements}) is not a file in the package`;
  }
  pkg.scenarioKinds = Array.isArray(pkg.component.scenarioKinds)
    ? pkg.component.scenarioKinds.filter((k) => typeof k === 'string')
    : [];
  return pkg;
}

/**
 * Whether a schema error is another check's finding: a tag or scenario kind without the prefix
 * (`tag-prefix`), `locales` without nl or en (`locales`). The manifest check leaves those out, so
 * each fault is reported by one check.
 */
function belongsElsewhere(error, pkg) {
  const path = error.path ?? '';
  if (/\/tweeling:component\/locales$/.test(path) && /"(nl|en)"/.test(error.message ?? ''))
    return true;
  const index = /\/(tags|scenarioKinds)\/(\d+)$/.exec(path);
  if (index) {
    const name = (index[1] === 'tags' ? pkg.tags : pkg.scenarioKinds)[Number(index[2])];
    return typeof name === 'string' && !name.startsWith(pkg.prefix);
  }
  return /\/(tags|scenarioKinds)$/.test(path) && /prefix/i.test(error.message ?? '');
}

/** The manifest check: the schema (validateEntry), the module file and its SHA-384 integrity. */
export async function checkManifest(pkg, validateEntry) {
  if (pkg.entryError) return failed(pkg.entryError);
  const problems = [];
  let elsewhere = 0;
  if (!validateEntry) problems.push('no store entry validator found (validateEntry)');
  else {
    const { errors = [] } = validateEntry(pkg.entry) ?? {};
    for (const e of errors) {
      if (belongsElsewhere(e, pkg)) elsewhere++;
      else problems.push(`${e.path || '/'}: ${e.message}`);
    }
  }
  const url = pkg.component.module?.url;
  if (!pkg.modulePath) problems.push(`module.url (${url}) is not a file inside the package`);
  else if (!existsSync(pkg.modulePath)) problems.push(`module.url (${url}) is missing`);
  else {
    const actual = sha384(await readFile(pkg.modulePath));
    const declared = pkg.component.module?.integrity;
    if (declared !== actual)
      problems.push(`module.integrity ${declared} does not match the module (${actual})`);
  }
  if (problems.length) return failed(problems.join('; '), problems);
  const id = pkg.entry.id;
  const schema = elsewhere
    ? `schema valid but for ${elsewhere} finding(s) of the tag-prefix or locales check`
    : 'schema valid';
  return passed(`${id} ${pkg.component.version}: ${schema}, module integrity matches`);
}

/** The custom-elements.json presence check. */
export function checkCemPresent(pkg) {
  if (pkg.cemError) return failed(pkg.cemError);
  if (!Array.isArray(pkg.cem?.modules))
    return failed(
      `${relative(pkg.folder, pkg.cemPath)} has no "modules" list (not a Custom Elements Manifest)`,
    );
  return passed(
    `${relative(pkg.folder, pkg.cemPath)}: schemaVersion ${pkg.cem.schemaVersion ?? '?'}`,
  );
}

/** The tag names a Custom Elements Manifest declares (declarations with a tagName, definitions). */
export function cemTags(cem) {
  const tags = new Set();
  for (const module of Array.isArray(cem?.modules) ? cem.modules : []) {
    for (const d of module.declarations ?? [])
      if (typeof d.tagName === 'string') tags.add(d.tagName);
    for (const e of module.exports ?? [])
      if (e.kind === 'custom-element-definition' && typeof e.name === 'string') tags.add(e.name);
  }
  return [...tags].sort();
}

/** The URL path of a file in the package, as the kit's server serves it under `base`. */
export function packageUrl(pkg, base, path) {
  return base + relative(pkg.folder, path).split(sep).join('/');
}
