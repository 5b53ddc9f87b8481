// Lint is where Ringtray's process boundaries are enforced (design.md, "Where code lives"):
// the engine and shared/ must run without Electron, and the renderer is a sandboxed web page
// that can reach neither Electron nor Node. A violation fails `npm test`.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...new Set(builtinModules.map((m) => m.replace(/^node:/, '')))];
const noElectron = {
  name: 'electron',
  message: 'This code must run without Electron: put Electron adapters in electron/desktop/.',
};
const noNode = nodeBuiltins.flatMap((name) => [
  { name, message: 'The renderer is a sandboxed page: reach Node only through the preload API.' },
  { name: `node:${name}`, message: 'The renderer is a sandboxed page: reach Node only through the preload API.' },
]);

const engineNoDesktop = { group: ['**/desktop/**', 'electron/*'], message: 'The engine never depends on the desktop adapters or Electron.' };
// Fake provider backends (electron/sandbox/) stay out of the production code paths: only the demo
// door below may load them, so a build that never starts the demo carries no sandbox code.
const SANDBOX_DOOR = 'electron/engine/demo/demo-engine.ts';
const sandboxMessage = `Sandboxes are loaded only by the demo (${SANDBOX_DOOR}), tests and bench.`;
const noSandbox = { group: ['**/sandbox/**'], message: sandboxMessage };
// no-restricted-imports does not see import(): the lazy form of the same dependency.
const noLazySandbox = ['error', { selector: 'ImportExpression[source.value=/(^|\\/)sandbox\\//]', message: sandboxMessage }];

export default tseslint.config(
  {
    ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-output/**', '.ci/tools/**', 'test/fixtures/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // An unhandled rejection in the main process is a crash or a silently lost call.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Each boundary also covers its deliberately bad fixtures (test/boundaries runs lint on them).
    files: ['electron/engine/**/*.ts', 'electron/headless.ts', 'test/fixtures/lint/electron/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [engineNoDesktop, noSandbox],
      }],
      'no-restricted-syntax': noLazySandbox,
    },
  },
  {
    // The app shell may not reach the fake backends either: they ship only behind the demo door.
    files: ['electron/desktop/**/*.ts', 'electron/main.ts', 'electron/preload.ts', 'test/fixtures/lint/electron/desktop/**/*.ts', 'test/fixtures/lint/electron/main.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noSandbox] }], 'no-restricted-syntax': noLazySandbox },
  },
  {
    // The one door into electron/sandbox/: the demo loads a provider's sandbox from here, lazily.
    files: [SANDBOX_DOOR, 'test/fixtures/lint/electron/engine/demo/sandbox-door.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron], patterns: [engineNoDesktop] }],
      'no-restricted-syntax': 'off',
    },
  },
  {
    // Tests may drive a sandbox; engine tests still run without Electron, desktop tests mock it.
    files: ['electron/engine/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron], patterns: [engineNoDesktop] }], 'no-restricted-syntax': 'off' },
  },
  {
    files: ['electron/desktop/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' },
  },
  {
    // The sandboxes are plain Node servers (demo, tests, bench): no Electron, no desktop.
    files: ['electron/sandbox/**/*.ts', 'test/fixtures/lint/electron/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [{ group: ['**/desktop/**', 'electron/*'], message: 'A sandbox is a plain Node server: it never depends on the desktop adapters or Electron.' }],
      }],
    },
  },
  {
    files: ['shared/**/*.ts', 'test/fixtures/lint/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, ...noNode],
        patterns: [{ group: ['**/electron/**', '**/renderer/**', '**/sandbox/**'], message: 'shared/ is pure TypeScript: it imports nothing from the processes.' }],
      }],
      'no-restricted-syntax': noLazySandbox,
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx', 'test/fixtures/lint/renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, ...noNode],
        patterns: [{ group: ['electron/*', '**/electron/**'], message: 'The renderer talks to main only through the preload API (window.ringtray).' }],
      }],
    },
  },
);
