import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Runs the project's real ESLint config on deliberately bad files placed under the same folder
// names as the code they stand for (test/fixtures/lint/{electron/engine,electron/desktop,shared,renderer}/), so
// the boundary rules of eslint.config.js must fire on them. The fixtures are ignored by the
// normal `npm run lint`; here `ignore: false` lints them.
const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/lint');

// One ESLint run over every fixture, without type information: the boundary rules read only
// import statements, and building the TypeScript program for the two type-aware rules took
// most of this file's time (those rules run on the real code in `npm run lint`).
const WITHOUT_TYPES = {
  languageOptions: { parserOptions: { projectService: false } },
  rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
} satisfies ESLint.Options['overrideConfig'];
let all: Promise<ESLint.LintResult[]> | undefined;
async function lint(relative: string): Promise<ESLint.LintResult> {
  all ??= new ESLint({ cwd: root, ignore: false, overrideConfig: WITHOUT_TYPES }).lintFiles([fixtures]);
  const result = (await all).find((r) => r.filePath === path.join(fixtures, relative));
  if (!result) throw new Error(`no lint result for ${relative}`);
  return result;
}

const BOUNDARY_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax']);
const boundaryErrors = (result: ESLint.LintResult) =>
  result.messages.filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId) && m.severity === 2).map((m) => m.message);

describe('process boundaries are enforced by lint', () => {
  it.each([
    ['electron/engine/imports-electron.ts', /without Electron/],
    ['electron/engine/imports-desktop.ts', /desktop adapters/],
    ['shared/imports-electron.ts', /without Electron/],
    ['shared/imports-node.ts', /sandboxed page/],
    ['renderer/imports-electron.ts', /without Electron/],
    ['renderer/imports-node-builtin.ts', /sandboxed page/],
    ['renderer/imports-engine.ts', /preload API/],
    ['electron/engine/imports-sandbox.ts', /loaded only by the demo/],
    ['electron/engine/imports-sandbox-lazily.ts', /loaded only by the demo/],
    ['electron/desktop/imports-sandbox.ts', /loaded only by the demo/],
    ['electron/main.ts', /loaded only by the demo/],
    ['shared/imports-sandbox.ts', /imports nothing from the processes/],
  ])('%s fails lint', { timeout: 60_000 }, async (file, message) => {
    const errors = boundaryErrors(await lint(file));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it('allows the engine its Node built-ins, ws and shared/', { timeout: 60_000 }, async () => {
    const result = await lint('electron/engine/allowed.ts');
    expect(result.messages).toEqual([]);
  });

  it('lets the demo door, and only it, load a sandbox', { timeout: 60_000 }, async () => {
    const result = await lint('electron/engine/demo/sandbox-door.ts');
    expect(result.messages).toEqual([]);
  });
});
