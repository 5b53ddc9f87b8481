import { existsSync, globSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import SlowFirstSequencer, { SLOW_TEST_FILES } from './test/support/slow-first-sequencer';

const exclude = ['node_modules/**', 'dist/**', 'test/fixtures/**', '.ci/tools/**', 'test-output/**'];

// A test file that mocks modules, stubs globals or the environment, listens on `process`, or runs
// in a DOM environment needs a fresh module graph (docs/testing.md#isolation); every other file
// shares its worker's modules with the files before it, which saves starting a worker per file.
// DOM files: Testing Library registers its after-each cleanup when first imported, so in a shared
// worker only the first DOM file would get it and the next would find the last one's screens.
const NEEDS_ISOLATION = /vi\.(mock|doMock|unmock|stubEnv|stubGlobal|useFakeTimers|resetModules)\(|process\.(on|once|chdir)\(|process\.env\.\w+ *=[^=]|delete process\.env|globalThis\.\w+ *=[^=]|@vitest-environment/;
const testFiles = globSync(['{bench,electron,renderer,scripts,shared,test}/**/*.test.{ts,tsx}']).filter((f) => !f.startsWith('test/fixtures/'));
const isolated = testFiles.filter((f) => NEEDS_ISOLATION.test(readFileSync(f, 'utf8')));
const shared = testFiles.filter((f) => !isolated.includes(f));
const missing = SLOW_TEST_FILES.filter((f) => !existsSync(f));
if (missing.length > 0) throw new Error(`test/support/slow-first-sequencer.ts lists test files that do not exist: ${missing.join(', ')}`);

export default defineConfig({
  test: {
    exclude,
    // Three workers on two cores (vitest's default here is one): most of a test's time is spent
    // waiting on sockets and timers, not computing, so a third file fits beside two. Tests may
    // run side by side: each opens its servers on port 0 and writes only under its own mkdtemp
    // directory (docs/testing.md).
    pool: 'forks',
    maxWorkers: 3,
    sequence: { sequencer: SlowFirstSequencer },
    reporters: ['default', './test/support/summary-line-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The Electron binary cannot run on these machines: any test that reaches `electron`
    // must mock it; this alias makes a forgotten mock fail loudly instead of trying a download.
    alias: { electron: new URL('./test/support/electron-not-mocked.ts', import.meta.url).pathname },
    // electron-store imports `electron`; processed by vite (not loaded by Node directly), it sees
    // the alias and the tests' electron mocks, so tests can use the real store on real files.
    server: { deps: { inline: ['electron-store'] } },
    projects: [
      { extends: true, test: { name: 'isolated', include: isolated, isolate: true } },
      { extends: true, test: { name: 'shared', include: shared, isolate: false } },
    ],
  },
});
