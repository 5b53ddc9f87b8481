import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'dist/**', 'test/fixtures/**', '.ci/tools/**', 'test-output/**'],
    // Three workers on two cores (vitest's default here is one): most of a test's time is spent
    // waiting on sockets and timers, not computing, so a third file fits beside two. Tests may
    // run side by side: each opens its servers on port 0 and writes only under its own mkdtemp
    // directory (docs/testing.md).
    pool: 'forks',
    maxWorkers: 3,
    // Every file gets a fresh module graph (docs/testing.md#isolation): the engine keeps some
    // process-wide state (the network port, its agents and the current network problem).
    isolate: true,
    reporters: ['default', './test/support/summary-line-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The Electron binary cannot run on these machines: any test that reaches `electron`
    // must mock it; this alias makes a forgotten mock fail loudly instead of trying a download.
    alias: { electron: new URL('./test/support/electron-not-mocked.ts', import.meta.url).pathname },
    // electron-store imports `electron`; processed by vite (not loaded by Node directly), it sees
    // the alias and the tests' electron mocks, so tests can use the real store on real files.
    server: { deps: { inline: ['electron-store'] } },
  },
});
