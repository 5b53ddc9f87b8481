// Starts the test files that run longest before the rest (docs/testing.md#order). Vitest orders
// files by their durations in its cache, or by size when there is none, as on a fresh clone in CI.
// Size says little here: a short file can wait 14 s on the product's own ping timings. Started
// last, such a file runs alone at the end while the other workers sit idle.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Test files that take several seconds, longest first (paths from the repository root). */
export const SLOW_TEST_FILES = [
  'test/headless/headless-dialpad-e2e.test.ts',
  'test/engine/half-open-real-timing.test.ts',
  'test/renderer/e2e/renderer.browser.test.ts',
  'test/providers/dialpad/dialpad-session.test.ts',
  'test/renderer/recent-calls.test.tsx',
  'test/engine/flapping-network.test.ts',
  'test/headless/headless-ringcentral-e2e.test.ts',
  'test/headless/headless-e2e.test.ts',
];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification): number => {
      const index = SLOW_TEST_FILES.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
      return index === -1 ? SLOW_TEST_FILES.length : index;
    };
    // Array.prototype.sort is stable: the rest keep the order Vitest gave them.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
