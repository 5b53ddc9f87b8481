import type { Reporter, TestModule } from 'vitest/node';

// Prints one plain closing line, `N passed, N failed, N skipped`, after vitest's own summary,
// so CI logs and scripts can read the outcome of a run without parsing vitest's layout.
export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      // A file that failed to load, or whose beforeAll/afterAll threw (its tests then show as
      // skipped), is a failure all the same: count the file once when none of its tests failed.
      if (module.state() === 'failed' && ![...module.children.allTests()].some((t) => t.result().state === 'failed')) failed += 1;
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
