/**
 * Finds the store entry validator, `validateEntry(json) -> { valid, errors: [{ path, message }] }`:
 * - in a checkout, src/core/store/validate-entry.ts, bundled for node by esbuild (with the validator
 *   ajv generated from src/core/store/store-entry.schema.json, so no schema is compiled at run time);
 * - in the installed package, the `validateEntry` export of dist/tweeling.js.
 * Undefined when neither exists; the manifest check then fails and says so.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** @returns {Promise<((json: unknown) => { valid: boolean, errors: { path: string, message: string }[] }) | undefined>} */
export async function loadValidator(root, tmpDir) {
  const source = join(root, 'src', 'core', 'store', 'validate-entry.ts');
  if (existsSync(source)) {
    const esbuild = await import('esbuild');
    const outfile = join(tmpDir, 'validate-entry.mjs');
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: [source],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'error',
      tsconfig: join(root, 'tsconfig.json'),
    });
    const module = await import(pathToFileURL(outfile).href);
    if (typeof module.validateEntry === 'function') return module.validateEntry;
  }
  const dist = join(root, 'dist', 'tweeling.js');
  if (existsSync(dist)) {
    const module = await import(pathToFileURL(dist).href);
    if (typeof module.validateEntry === 'function') return module.validateEntry;
  }
  return undefined;
}
