import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from './logger';
import { installProcessGuards, type ProcessLike } from './process-guards';
import { registerSecret } from './secret-values';

// The guards on a stand-in for `process` (vitest owns the real one's handlers).
describe('process guards', () => {
  it('an unhandled rejection is logged redacted and the process keeps running; an uncaught exception exits once, cleanly', () => {
    const records: LogRecord[] = [];
    const exits: number[] = [];
    const target = new EventEmitter() as EventEmitter & ProcessLike;
    const uninstall = installProcessGuards(createLogger((r) => records.push(r), { level: 'debug' }), (code) => exits.push(code), target);
    const token = 'refresh-7Yq2LmZx9Pw4';
    registerSecret(token);
    target.emit('unhandledRejection', new Error(`refresh failed for ${token}`, { cause: new Error('socket hang up') }));
    expect(exits).toEqual([]);
    target.emit('uncaughtException', new Error('boom'));
    target.emit('uncaughtException', new Error('again'));
    expect(exits).toEqual([1]);
    const text = JSON.stringify(records);
    expect(text).not.toContain(token);
    expect(text).toContain('socket hang up');
    expect(records.map((r) => r.message)).toEqual([
      'unhandled promise rejection (Ringtray keeps running)',
      'uncaught exception: Ringtray stops cleanly',
      'uncaught exception: Ringtray stops cleanly',
    ]);
    uninstall();
    expect(target.listenerCount('unhandledRejection') + target.listenerCount('uncaughtException')).toBe(0);
  });
});
