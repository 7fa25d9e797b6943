// Keeps the example store honest: computes the SHA-384 (Subresource Integrity) of each package's
// module under examples/store/packages/*/ and writes it into that package's tweeling.json, then copies
// each package's entry over the record with the same id in the catalogues (examples/store/store.json,
// examples/store/records/*.json). `--check` writes nothing and exits 1 when a file is out of date
// (test/build/store-files.test.mjs runs it). Usage: node scripts/store-integrity.mjs [--check]
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const root = fileURLToPath(new URL('..', import.meta.url));
const storeDir = join(root, 'examples/store');

/** `sha384-` and the base64 digest of `bytes`, as in an `integrity` attribute. */
export function sriSha384(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

async function formatJson(path, value) {
  const options = (await prettier.resolveConfig(path)) ?? {};
  return prettier.format(JSON.stringify(value), { ...options, parser: 'json' });
}

/** The package folders: `examples/store/packages/<name>/` with a tweeling.json. */
export async function packageFolders() {
  const dir = join(storeDir, 'packages');
  const names = await readdir(dir, { withFileTypes: true });
  return names.filter((d) => d.isDirectory()).map((d) => join(dir, d.name));
}

/** The catalogue files: store.json and the Records pages. */
export async function catalogueFiles() {
  const records = join(storeDir, 'records');
  const pages = (await readdir(records)).filter((name) => name.endsWith('.json'));
  return [join(storeDir, 'store.json'), ...pages.map((name) => join(records, name))];
}

/** Every file this script would write, with the text it would write: `[path, text][]`. */
export async function expectedFiles() {
  const outputs = [];
  const entries = new Map();
  for (const folder of await packageFolders()) {
    const path = join(folder, 'tweeling.json');
    const entry = JSON.parse(await readFile(path, 'utf8'));
    const component = entry.properties['tweeling:component'];
    const moduleUrl = new URL(component.module.url, `file://${path}`);
    component.module.integrity = sriSha384(await readFile(fileURLToPath(moduleUrl)));
    entries.set(entry.id, entry);
    outputs.push([path, await formatJson(path, entry)]);
  }
  for (const path of await catalogueFiles()) {
    const page = JSON.parse(await readFile(path, 'utf8'));
    page.features = page.features.map((record) => entries.get(record.id) ?? record);
    outputs.push([path, await formatJson(path, page)]);
  }
  return outputs;
}

async function main() {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [path, text] of await expectedFiles()) {
    if ((await readFile(path, 'utf8')) === text) continue;
    const name = path.slice(root.length);
    if (check) {
      console.error(`${name} is out of date: run node scripts/store-integrity.mjs`);
      stale++;
    } else {
      await writeFile(path, text);
      console.log(`wrote ${name}`);
    }
  }
  process.exit(stale > 0 ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
