/**
 * A web-test-runner reporter that prints `N passed, N failed, N skipped` alone on the last line, so CI
 * can read the result.
 */
export function summaryReporter({ extraFailed = 0 } = {}) {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = extraFailed;
      let skipped = 0;
      const count = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) skipped++;
          else if (test.passed) passed++;
          else failed++;
        }
        for (const child of suite.suites) count(child);
      };
      const durations = [];
      const tests = [];
      const collect = (suite, path) => {
        for (const test of suite.tests) tests.push([`${path}${test.name}`, test.duration ?? 0]);
        for (const child of suite.suites) collect(child, `${path}${child.name} > `);
      };
      const sum = (suite) =>
        suite.tests.reduce((t, test) => t + (test.duration ?? 0), 0) +
        suite.suites.reduce((t, child) => t + sum(child), 0);
      for (const session of sessions) {
        if (session.testResults) durations.push([session.testFile, sum(session.testResults)]);
        if (session.testResults) count(session.testResults);
        if (session.testResults) collect(session.testResults, '');
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && session.errors?.length) failed += session.errors.length;
      }
      // Printed after the default reporter's output has flushed.
      process.on('exit', () => {
        const slowest = durations.sort((a, b) => b[1] - a[1]).slice(0, 8);
        console.log('slowest test files (time in tests, hooks excluded):');
        for (const [file, ms] of slowest)
          console.log(
            `  ${(ms / 1000).toFixed(1).padStart(6)} s  ${file.replace(process.cwd() + '/', '')}`,
          );
        console.log('slowest tests:');
        for (const [name, ms] of tests.sort((a, b) => b[1] - a[1]).slice(0, 12))
          console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
        console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
      });
    },
  };
}
