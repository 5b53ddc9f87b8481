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
        patterns: [{ group: ['**/desktop/**', 'electron/*'], message: 'The engine never depends on the desktop adapters or Electron.' }],
      }],
    },
  },
  {
    files: ['shared/**/*.ts', 'test/fixtures/lint/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, ...noNode],
        patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'shared/ is pure TypeScript: it imports nothing from the processes.' }],
      }],
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
