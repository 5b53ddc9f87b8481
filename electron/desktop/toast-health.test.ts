import { describe, expect, it } from 'vitest';
import { createToastHealth, toastProblemMessage } from './toast-health';

describe('toast health', () => {
  it('a refused toast sets the problem once; the next toast that shows clears it', () => {
    let changes = 0;
    const health = createToastHealth({ platform: 'darwin', onChange: () => (changes += 1) });
    expect(health.problem).toBeNull();
    health.shown();
    expect(changes).toBe(0);
    health.failed();
    health.failed();
    expect(health.problem).toBe(toastProblemMessage('darwin'));
    expect(changes).toBe(1);
    health.shown();
    expect(health.problem).toBeNull();
    expect(changes).toBe(2);
  });

  it('says what to do on each platform (macOS: a signed build)', () => {
    expect(toastProblemMessage('darwin')).toMatch(/signed/);
    expect(toastProblemMessage('win32')).toMatch(/Start-menu shortcut/);
    expect(toastProblemMessage('linux')).toMatch(/notification service/);
  });
});
