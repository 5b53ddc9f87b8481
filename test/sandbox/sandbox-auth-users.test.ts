// OAuth mounted on the sandbox's origin, Bearer checks on every API route, users/lines, and the
// router's answers to bad requests — all over real HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { call, cleanup, signIn, startSandbox } from './sandbox-helpers';

afterEach(cleanup);

describe('GoTo sandbox: sign-in and users', () => {
  it('signs in with the authorization-code flow on the same origin as the API', async () => {
    const sandbox = await startSandbox();
    const { accessToken, refreshToken, principal } = await signIn(sandbox);
    expect(principal).toBe(sandbox.principal);
    expect(refreshToken.length).toBeGreaterThan(20);
    const me = await call(sandbox, accessToken, 'GET', '/users/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.items[0].accountKey).toBe(sandbox.accountKey);
    expect(sandbox.stats.requests['POST /oauth/token']).toBe(1);
    expect(sandbox.oauth.stats.authorizationCodeGrants).toBe(1);
  });

  it('uses the demo client by default and accepts configured redirect URIs', async () => {
    const sandbox = await startSandbox({ redirectUris: ['http://127.0.0.1:45678/cb'] });
    expect(sandbox.clientId).toBe('ringtray-demo');
    expect(sandbox.clientSecret).toBe('ringtray-demo-secret');
    const { accessToken } = await signIn(sandbox);
    expect((await call(sandbox, accessToken, 'GET', '/users/v1/lines')).status).toBe(200);
  });

  it('answers /users/v1/lines with only the user’s lines, while the account has more', async () => {
    const sandbox = await startSandbox();
    const { accessToken } = await signIn(sandbox);
    const lines = await call(sandbox, accessToken, 'GET', '/users/v1/lines');
    expect(lines.status).toBe(200);
    const ids = (lines.body.items as { id: string }[]).map((l) => l.id).sort();
    expect(ids).toEqual(sandbox.userLines.map((l) => l.id).sort());
    expect(sandbox.lines.length).toBeGreaterThan(sandbox.userLines.length);
    for (const line of lines.body.items as Record<string, unknown>[]) {
      expect(line).toMatchObject({ id: expect.any(String), number: expect.any(String), name: expect.any(String), organization: { id: expect.any(String) } });
    }
  });

  it('answers 401 JSON without a token, with an unknown token, and after tokens expire', async () => {
    const sandbox = await startSandbox();
    const missing = await call(sandbox, null, 'GET', '/users/v1/me');
    expect(missing.status).toBe(401);
    expect(missing.body.errorCode).toBe('AUTHN_INVALID_TOKEN');
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect((await call(sandbox, 'not-a-token', 'GET', '/users/v1/me')).status).toBe(401);

    const { accessToken } = await signIn(sandbox);
    const issued = sandbox.issueAccessToken();
    expect((await call(sandbox, accessToken, 'GET', '/users/v1/me')).status).toBe(200);
    sandbox.faults.expireAccessTokens();
    expect((await call(sandbox, accessToken, 'GET', '/users/v1/me')).status).toBe(401);
    expect((await call(sandbox, issued, 'GET', '/users/v1/me')).status).toBe(401);
  });

  it('expires access tokens after their configured lifetime', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken({ lifetimeSeconds: 0.2 });
    expect((await call(sandbox, token, 'GET', '/users/v1/me')).status).toBe(200);
    await sandbox.waitFor(async () => (await call(sandbox, token, 'GET', '/users/v1/me')).status === 401, { intervalMs: 50 });
  });

  it('answers unknown routes 404 and wrong methods 405, in JSON', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const unknown = await call(sandbox, token, 'GET', '/nothing/here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.errorCode).toBe('NOT_FOUND');
    const wrong = await call(sandbox, token, 'DELETE', '/users/v1/me');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(sandbox.stats.requests.unmatched).toBe(1);
  });

  it('answers malformed bodies with 400/413 JSON and keeps serving', async () => {
    const sandbox = await startSandbox();
    const token = sandbox.issueAccessToken();
    const path = '/notification-channel/v1/channels/ringtray';
    const notJson = await call(sandbox, token, 'POST', path, '{"channelType": WebSockets');
    expect(notJson.status).toBe(400);
    expect(notJson.body.errorCode).toBe('INVALID_JSON');
    const wrongShape = await call(sandbox, token, 'POST', path, { channelType: 42 });
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.body.message).toContain('channelType');
    const empty = await call(sandbox, token, 'POST', path);
    expect(empty.status).toBe(400);
    const array = await call(sandbox, token, 'POST', '/call-events/v1/subscriptions', [1, 2, 3]);
    expect(array.status).toBe(400);
    const huge = await call(sandbox, token, 'POST', path, { channelType: 'WebSockets', pad: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    const badEscape = await call(sandbox, token, 'PUT', `${path}/%E0%A4%A`, { channelType: 'WebSockets' });
    expect(badEscape.status).toBe(404);
    expect((await call(sandbox, token, 'POST', path, { channelType: 'WebSockets' })).status).toBe(201);
  });
});
