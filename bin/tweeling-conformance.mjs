#!/usr/bin/env node
/**
 * `npx tweeling-conformance <package folder>... [--json report.json] [--timeout s]`
 *
 * Loads each Tweeling component package (a folder with tweeling.json, its module and
 * custom-elements.json) in headless chromium inside a `<dt-twin>`, runs the admission checks of
 * docs/admission-standard.md, prints a report grouped under the six criteria of the national twin
 * architecture, writes the JSON report with `--json`, and exits 1 when a check fails (2 on bad usage
 * or when the kit itself could not run).
 */
import { writeFile } from 'node:fs/promises';
import { formatReport, runConformance } from './conformance/run.mjs';

const USAGE = `usage: tweeling-conformance <package folder>... [--json report.json] [--timeout seconds]

Checks Tweeling component packages for admission to a component store (docs/admission-standard.md).
  --json <file>     also write the report as JSON
  --timeout <s>     how long a package may take to load and draw (default 60)
  --quiet           print only the summary line per package`;

/** Parses the command line: `{ folders, json, timeoutS, quiet }`, or `{ error }`. */
function parseArgs(argv) {
  const options = { folders: [], json: undefined, timeoutS: 60, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--json') options.json = argv[++i];
    else if (arg === '--timeout') options.timeoutS = Number(argv[++i]);
    else if (arg === '--quiet') options.quiet = true;
    else if (arg.startsWith('--')) return { error: `unknown option ${arg}` };
    else options.folders.push(arg);
  }
  if (options.folders.length === 0) return { error: 'give at least one package folder' };
  if (options.json === undefined && argv.includes('--json'))
    return { error: '--json needs a file' };
  if (!(options.timeoutS > 0)) return { error: '--timeout needs a number of seconds' };
  return options;
}

const options = parseArgs(process.argv.slice(2));
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (options.error) {
  console.error(`${options.error}\n\n${USAGE}`);
  process.exit(2);
}
try {
  const report = await runConformance(options.folders, {
    timeoutS: options.timeoutS,
    log: options.quiet ? () => {} : (line) => console.error(`  ${line}`),
  });
  if (options.json) await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
  const text = options.quiet
    ? report.packages.map((p) => `${p.folder}: ${p.passed ? 'passed' : 'FAILED'}`).join('\n')
    : formatReport(report);
  // Exit once the report is written out (stdout may be a pipe).
  process.stdout.write(`${text}\n`, () => process.exit(report.passed ? 0 : 1));
} catch (error) {
  console.error(`tweeling-conformance could not run: ${error.stack ?? error}`);
  process.exit(2);
}
