/**
 * `npm start` runs this before vite: the script-tag example (examples/script-tag/) loads the built
 * dist/tweeling.iife.js, so build once if it is missing. Does nothing when the file exists.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const iife = fileURLToPath(new URL('../dist/tweeling.iife.js', import.meta.url));
if (!existsSync(iife)) {
  console.log(
    'dist/tweeling.iife.js is missing (examples/script-tag needs it): running `npm run build` ...',
  );
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error('`npm run build` failed; the other examples still work from the sources.');
    process.exit(result.status ?? 1);
  }
}
