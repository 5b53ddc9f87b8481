import { describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from './logger';
import { redact, redactString } from './redact';

describe('redact', () => {
  it('hides codes and tokens in URLs, form bodies and auth headers', () => {
    const text = redactString(
      'GET /app/redirect?code=abc123&state=s1 body grant_type=refresh_token&refresh_token=rt-9 Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig Basic Y2xpZW50OnNlY3JldA==',
    );
    for (const secret of ['abc123', 's1', 'rt-9', 'eyJhbGciOi', 'Y2xpZW50OnNlY3JldA==']) expect(text).not.toContain(secret);
    expect(text).toContain('grant_type=refresh_token');
  });

  it('hides secret keys at any depth and in any spelling, keeps the rest', () => {
    const out = JSON.stringify(redact({ refreshToken: 'r1', nested: { 'Access-Token': 'a1', client_secret: 'c1', keep: 'visible' }, list: [{ code: 'k1' }] }));
    for (const secret of ['r1', 'a1', 'c1', 'k1']) expect(out).not.toContain(`"${secret}"`);
    expect(out).toContain('visible');
  });

  it('redacts error messages and survives deep objects', () => {
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 20; i += 1) cur = (cur.next = {}) as Record<string, unknown>;
    expect(() => redact({ deep, err: new Error('failed: refresh_token=zzz') })).not.toThrow();
    expect(JSON.stringify(redact(new Error('failed: refresh_token=zzz')))).not.toContain('zzz');
  });
});

describe('createLogger', () => {
  it('filters by level and redacts before the sink sees a record', () => {
    const records: LogRecord[] = [];
    const log = createLogger((r) => records.push(r), { level: 'info' }).child('auth');
    log.debug('hidden');
    log.info('token answered', { access_token: 'secret-at', status: 200 });
    expect(records).toHaveLength(1);
    expect(records[0]?.scope).toBe('ringtray:auth');
    expect(JSON.stringify(records)).not.toContain('secret-at');
    expect(records[0]?.fields?.status).toBe(200);
  });
});
