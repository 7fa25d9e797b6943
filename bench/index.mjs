#!/usr/bin/env node
// `npm run bench [-- --smoke]`: every benchmark in turn, with the same options; each merges its
// numbers into bench/results.json. Exits non-zero if any benchmark failed to run.
import { spawnSync } from 'node:child_process';

const benches = [
  'bench/run.mjs',
  'bench/core.mjs',
  'bench/tiles.mjs',
  'bench/sim-bathtub.mjs',
  'bench/sim-inertial.mjs',
  'bench/sim-heat.mjs',
  'bench/slider.mjs',
  'bench/load.mjs',
];
let failed = 0;
for (const script of benches) {
  const { status } = spawnSync(process.execPath, [script, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
