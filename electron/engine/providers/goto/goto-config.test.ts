import { describe, expect, it } from 'vitest';
import { DEFAULT_GOTO_SCOPES, gotoOAuthEndpoints, resolveGotoConfig } from './goto-config';

const ok = (settings: Parameters<typeof resolveGotoConfig>[0], env: Record<string, string> = {}) => {
  const r = resolveGotoConfig(settings, env);
  if (!r.ok) throw new Error(r.message);
  return r.config;
};

describe('resolveGotoConfig', () => {
  it('defaults: GoTo hosts, the guide redirect URI, the four scopes', () => {
    const c = ok({ clientId: 'abc' });
    expect(c).toEqual({
      clientId: 'abc',
      clientSecretFromEnv: null,
      redirect: { uri: 'http://127.0.0.1:12021/app/redirect', hostname: '127.0.0.1', port: 12021, path: '/app/redirect' },
      authUrl: 'https://authentication.logmeininc.com',
      apiUrl: 'https://api.goto.com',
      adminApiUrl: 'https://api.getgo.com',
      accountKey: null,
      scopes: [...DEFAULT_GOTO_SCOPES],
    });
    expect(gotoOAuthEndpoints(c)).toEqual({
      authorizeUrl: 'https://authentication.logmeininc.com/oauth/authorize',
      tokenUrl: 'https://authentication.logmeininc.com/oauth/token',
    });
  });

  it('env overrides settings, which override defaults; trailing slashes are dropped', () => {
    const c = ok(
      { clientId: 'from-settings', apiUrl: 'https://api.example.test/', redirectUri: 'http://localhost:4000/cb', accountKey: '111' },
      {
        RINGTRAY_GOTO_CLIENT_ID: 'from-env',
        RINGTRAY_GOTO_CLIENT_SECRET: 'sec',
        RINGTRAY_GOTO_AUTH_URL: 'http://127.0.0.1:9999/',
        RINGTRAY_GOTO_ACCOUNT_KEY: '222',
        RINGTRAY_GOTO_SCOPES: 'a b,c',
      },
    );
    expect(c.clientId).toBe('from-env');
    expect(c.clientSecretFromEnv).toBe('sec');
    expect(c.authUrl).toBe('http://127.0.0.1:9999');
    expect(c.apiUrl).toBe('https://api.example.test');
    expect(c.redirect).toEqual({ uri: 'http://localhost:4000/cb', hostname: 'localhost', port: 4000, path: '/cb' });
    expect(c.accountKey).toBe('222');
    expect(c.scopes).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['https://127.0.0.1:12021/app/redirect', /scheme must be http/],
    ['http://example.com:12021/app/redirect', /host must be 127.0.0.1 or localhost/],
    ['http://0.0.0.0:12021/app/redirect', /host must be 127.0.0.1 or localhost/],
    ['http://127.0.0.1/app/redirect', /explicit port/],
    ['http://127.0.0.1:0/app/redirect', /explicit port/],
    ['http://127.0.0.1:12021', /needs a path/],
    ['http://127.0.0.1:12021/cb?x=1', /must not have a query/],
    ['not a url', /is not a URL/],
  ])('rejects redirect URI %s with a clear message', (uri, message) => {
    const r = resolveGotoConfig({ clientId: 'a' }, { RINGTRAY_GOTO_REDIRECT_URI: uri });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(message);
      expect(r.message).toContain('127.0.0.1:<port>/<path>');
    }
  });

  it('explains a missing client id, plain-http remote URLs and bad account keys, all at once', () => {
    const r = resolveGotoConfig({ apiUrl: 'http://api.goto.com', accountKey: 'a b' }, { RINGTRAY_GOTO_CLIENT_SECRET: 'super-secret-value' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems).toHaveLength(3);
      expect(r.message).toContain('RINGTRAY_GOTO_CLIENT_ID');
      expect(r.message).toMatch(/GoTo API URL must start with https/);
      expect(r.message).toMatch(/account key/);
      expect(r.message).not.toContain('super-secret-value');
    }
  });
});
