import { describe, expect, it } from 'vitest';
import { createLogger, type LogRecord } from './logger';
import { redact, redactString } from './redact';
import { encodedForms, registerSecret, SECRET_MASK } from './secret-values';

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

describe('redact by key', () => {
  it('hides JSON members inside strings, once or twice escaped', () => {
    const body = '{"access_token":"AT1x","refresh_token":"RT1x","expires_in":3600}';
    const once = redactString(`token endpoint said ${body}`);
    const twice = JSON.stringify(redact({ note: `token endpoint said ${body}` }));
    for (const text of [once, twice]) {
      expect(text).not.toMatch(/AT1x|RT1x/);
      expect(text).toContain('expires_in');
    }
  });

  it('hides key: value, camelCase, unlisted secret-sounding keys and percent-encoded pairs', () => {
    const text = redactString(
      [
        "refresh_token: rt2 accessToken: 'at2' clientSecret: \"cs2\" apiKey=ak2 x-api-key: xk2 sessionToken=st2 myCustomSecret=ms2",
        'redirect_uri=http%3A%2F%2F127.0.0.1%3A12022%2Fapp%2Fredirect%3Fcode%3Dcd2%26state%3Dsx2 codeVerifier%253Dcv2',
      ].join(' '),
    );
    for (const secret of ['rt2', 'at2', 'cs2', 'ak2', 'xk2', 'st2', 'ms2', 'cd2', 'sx2', 'cv2']) expect(text).not.toContain(secret);
    expect(text).toContain('redirect_uri=http%3A%2F%2F127.0.0.1');
  });

  it('hides secret-sounding object keys in any spelling, keeps numbers and flags under them', () => {
    const out = JSON.stringify(redact({ wsAccessToken: 'w3', 'X-Api-Key': 'k3', private_key: 'p3', hasToken: true, tokenCount: 2, tokenType: 'Bearer' }));
    for (const secret of ['w3', 'k3', 'p3']) expect(out).not.toContain(secret);
    expect(JSON.parse(out)).toMatchObject({ hasToken: true, tokenCount: 2, tokenType: 'Bearer' });
  });

  it('does not hide constants under ambiguous keys: code: EADDRINUSE, state=live', () => {
    expect(redactString('listen failed code: EADDRINUSE, state=live state: reconnecting answered code=404')).toBe(
      'listen failed code: EADDRINUSE, state=live state: reconnecting answered code=404',
    );
    expect(redact({ code: 'ECONNREFUSED', state: 'signed-in', errorCode: 'invalid_grant' })).toEqual({ code: 'ECONNREFUSED', state: 'signed-in', errorCode: 'invalid_grant' });
    expect(JSON.stringify(redact({ code: 'q8Zr0xTL', state: 'Ab9-xYz' }))).not.toMatch(/q8Zr0xTL|Ab9-xYz/);
  });

  it('keeps error causes (redacted) and aggregate errors', () => {
    const root = Object.assign(new Error('connect ECONNREFUSED refresh_token=rt4'), { code: 'ECONNREFUSED' });
    const out = redact(new Error('refresh failed', { cause: new AggregateError([root], 'all failed', { cause: root }) })) as Record<string, unknown>;
    const cause = out.cause as Record<string, unknown>;
    expect(cause).toMatchObject({ name: 'AggregateError', message: 'all failed' });
    expect(cause.cause).toMatchObject({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED refresh_token=[redacted]' });
    expect((cause.errors as unknown[])[0]).toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('redact by value', () => {
  it('masks a registered secret under any key, in every encoding', () => {
    // Characters that change under JSON and percent-encoding, as real secrets may have.
    const secret = `s3cr"t/${Math.random().toString(36).slice(2)}+é=`;
    registerSecret(secret);
    const basic = Buffer.from(`client-id:${secret}`).toString('base64');
    const variants = [
      secret,
      JSON.stringify(secret),
      JSON.stringify(JSON.stringify({ v: secret })),
      encodeURIComponent(secret),
      new URLSearchParams({ note: secret }).toString(),
      encodeURIComponent(`https://x.test/cb?v=${encodeURIComponent(secret)}`),
      encodeURIComponent(secret).toLowerCase(),
      `Authorization header ${basic}`,
      Buffer.from(`a${secret}`).toString('base64'),
      Buffer.from(`ab${secret}`).toString('base64url'),
    ];
    for (const variant of variants) {
      const out = JSON.stringify(redact({ note: `seen ${variant} here`, list: [variant] }));
      for (const form of encodedForms(secret)) expect(out).not.toContain(form);
      expect(out).toContain(SECRET_MASK);
    }
  });

  it('masks a secret that contains another whole, secrets side by side, and one at the very end', () => {
    const tag = Math.random().toString(36).slice(2, 10);
    const short = `key-${tag}`;
    const long = `${short}-and-more`;
    registerSecret(short);
    registerSecret(long);
    expect(redactString(`a ${long} b`)).toBe(`a ${SECRET_MASK} b`);
    expect(redactString(`${short}${long}|${short}`)).toBe(`${SECRET_MASK}${SECRET_MASK}|${SECRET_MASK}`);
    expect(redactString(`ends with ${short.slice(0, -1)}`)).toBe(`ends with ${short.slice(0, -1)}`);
  });

  it('masks the newest of many registered secrets and keeps other text as it was', () => {
    const many = Array.from({ length: 300 }, (_, i) => `many-${i}-${Math.random().toString(36).slice(2)}`);
    for (const secret of many) registerSecret(secret);
    const text = `first ${many[299]} then ${many[150]} — ünïcödé stays`;
    expect(redactString(text)).toBe(`first ${SECRET_MASK} then ${SECRET_MASK} — ünïcödé stays`);
  });

  it('leaves values shorter than 8 characters alone (they would hide ordinary words)', () => {
    registerSecret('live');
    expect(redactString('state live')).toBe('state live');
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
