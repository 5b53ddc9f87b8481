import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Runs the project's real ESLint config on deliberately bad files placed under the same folder
// names as the code they stand for (test/fixtures/lint/{electron/engine,electron/desktop,shared,renderer}/), so
// the boundary rules of eslint.config.js must fire on them. The fixtures are ignored by the
// normal `npm run lint`; here `ignore: false` lints them.
const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/lint');

async function lint(relative: string): Promise<ESLint.LintResult> {
  const eslint = new ESLint({ cwd: root, ignore: false });
  const [result] = await eslint.lintFiles([path.join(fixtures, relative)]);
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
