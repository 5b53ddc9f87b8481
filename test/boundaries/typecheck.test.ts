import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// `npm test` starts with `tsc`, so a type error anywhere fails it. This shows the typed IPC
// contract is checked at compile time: a handler whose answer does not match the contract is
// a type error, with the project's own compiler options.
const root = path.resolve(import.meta.dirname, '../..');

function diagnosticsFor(file: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.node.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!config) throw new Error('tsconfig.node.json could not be read');
  const program = ts.createProgram([path.join(root, 'test/fixtures/typecheck', file)], { ...config.options, noEmit: true });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('typecheck', () => {
  it('rejects an IPC handler that answers the wrong shape', { timeout: 60_000 }, () => {
    const errors = diagnosticsFor('ipc-wrong-response.ts');
    expect(errors.join('\n')).toMatch(/not assignable/);
  });

  it('accepts the correct handler (control)', { timeout: 60_000 }, () => {
    expect(diagnosticsFor('ipc-right-response.ts')).toEqual([]);
  });
});
