// RingCentral's rotating refresh tokens through the real token manager, the token client built
// from the RingCentral provider's OAuth profile, and the sandbox's OAuth server: persist before
// use, one refresh for many callers, a crash between receiving and storing, an expired 7-day
// token, and revocation.
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenError } from '../../../electron/engine/auth/token-errors';
import { TokenManager } from '../../../electron/engine/auth/token-manager';
import type { TokenSet } from '../../../electron/engine/auth/token-response';
import { createOAuthTokenClient, type OAuthTokenClient } from '../../../electron/engine/auth/oauth-token-client';
import { findProvider } from '../../../electron/engine/providers/registry';
import { createMemorySecretStore } from '../../../electron/engine/secrets/memory-secret-store';
import { refreshTokenAccount, type SecretStore } from '../../../electron/engine/secrets/secret-store';
import { createRingCentralSandbox, type RcSandbox } from '../../../electron/sandbox/ringcentral/rc-sandbox';

let sandbox: RcSandbox | null = null;
afterEach(async () => {
  await sandbox?.close();
  sandbox = null;
});

async function setup(clientSecret: string | null = null): Promise<{ sb: RcSandbox; client: OAuthTokenClient; signIn: () => Promise<TokenSet> }> {
  const sb = (sandbox = await createRingCentralSandbox({ clientSecret, rotationGraceMs: 0 }));
  const found = findProvider('ringcentral');
  if (!found.ok) throw new Error(found.message);
  const env = { RINGTRAY_RINGCENTRAL_SERVER_URL: sb.url, ...(clientSecret ? { RINGTRAY_RINGCENTRAL_CLIENT_SECRET: clientSecret } : {}) };
  const resolved = found.provider.resolve({ ...found.provider.settings.defaults, clientId: sb.clientId, redirectUri: sb.redirectUris[0]! }, env);
  if (!resolved.ok || resolved.provider.credential.kind !== 'oauth') throw new Error('RingCentral did not resolve');
  const profile = resolved.provider.credential;
  const client = createOAuthTokenClient({ ...profile, clientSecret: profile.clientSecretFromEnv });
  const signIn = async (): Promise<TokenSet> => {
    const verifier = randomBytes(32).toString('base64url');
    const q = new URLSearchParams({ response_type: 'code', client_id: sb.clientId, redirect_uri: sb.redirectUris[0]!, state: 's', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' });
    const res = await fetch(`${sb.url}/restapi/oauth/authorize?${q}`, { redirect: 'manual' });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    return client.exchangeCode({ code, redirectUri: sb.redirectUris[0]!, codeVerifier: verifier });
  };
  return { sb, client, signIn };
}

const manager = (client: OAuthTokenClient, store: SecretStore) => new TokenManager({ provider: 'ringcentral', providerName: 'RingCentral', store, grant: { refresh: (t, s) => client.refresh(t, s) } });

/** Uses an access token against the API (which is what kills the refresh token it replaced). */
async function use(sb: RcSandbox, access: string): Promise<number> {
  return (await fetch(`${sb.url}/restapi/oauth/wstoken`, { method: 'POST', headers: { authorization: `Bearer ${access}` } })).status;
}

describe('RingCentral tokens', () => {
  it('rotation: the new refresh token is stored before the new access token is handed out; 50 callers → one refresh', async () => {
    const { sb, client, signIn } = await setup();
    const store = createMemorySecretStore();
    const tokens = manager(client, store);
    const first = await signIn();
    expect(first.principal).toBe(sb.owner.id);
    await tokens.acceptSignIn(first);
    const account = refreshTokenAccount('ringcentral', sb.owner.id);
    expect(await store.get(account)).toBe(first.refreshToken);

    const results = await Promise.all(Array.from({ length: 50 }, () => tokens.forceRefresh()));
    expect(new Set(results).size).toBe(1);
    expect(sb.oauth.stats.refreshGrants).toBe(1);
    const stored = await store.get(account);
    expect(stored).not.toBe(first.refreshToken);
    expect(await use(sb, results[0]!)).toBe(200);
    // The next rotation starts from the stored token: it works, the original one no longer does.
    await tokens.forceRefresh();
    expect(sb.oauth.stats.refreshGrants).toBe(2);
    await expect(client.refresh(first.refreshToken!)).rejects.toMatchObject({ details: { errorCode: 'invalid_grant' } });
  });

  it('a crash between receiving the new pair and storing it loses nothing: the stored token still works after a restart', async () => {
    const { sb, client, signIn } = await setup();
    const disk = createMemorySecretStore();
    const first = await signIn();
    await manager(client, disk).acceptSignIn(first);
    // Process A refreshes; its keychain write never completes (the process dies there).
    let writes = 0;
    const dying: SecretStore = { ...disk, get: (a) => disk.get(a), delete: (a) => disk.delete(a), set: () => ((writes += 1), new Promise<void>(() => undefined)) };
    const a = manager(client, dying);
    await a.restore(sb.owner.id);
    const neverUsed = a.forceRefresh();
    await sb.waitFor(() => writes === 1);
    expect(sb.oauth.stats.refreshGrants).toBe(1);

    // Process B starts from what is on disk: the old refresh token, still valid because A never used its new access token.
    const b = manager(client, disk);
    expect((await b.restore(sb.owner.id)).state).toBe('signed-in');
    const access = await b.getAccessToken();
    expect(await use(sb, access)).toBe(200);
    expect(sb.oauth.stats.repeatedRefreshes).toBe(1);
    // And B's stored token carries on.
    await b.forceRefresh();
    expect(sb.oauth.stats.refreshGrants).toBe(2);
    void neverUsed.catch(() => undefined);
    a.dispose();
  });

  it('a refresh token past its 7 days → needs-sign-in with a message, the saved token deleted', async () => {
    const { sb, client, signIn } = await setup('app-secret');
    const store = createMemorySecretStore();
    const tokens = manager(client, store);
    await tokens.acceptSignIn(await signIn());
    sb.faults.expireRefreshTokens();
    const error = await tokens.forceRefresh().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as TokenError).kind).toBe('needs-sign-in');
    expect(tokens.current.state).toBe('needs-sign-in');
    expect(tokens.current.message).toMatch(/RingCentral/);
    expect(tokens.current.message).toMatch(/sign in again/i);
    await sb.waitFor(async () => (await store.get(refreshTokenAccount('ringcentral', sb.owner.id))) === null);
  });

  it('revoke ends the RingCentral session: its tokens stop working', async () => {
    const { sb, client, signIn } = await setup();
    const t = await signIn();
    expect(sb.oauth.liveSessions()).toBe(1);
    await client.revoke(t.refreshToken!);
    expect(sb.oauth.liveSessions()).toBe(0);
    expect(await use(sb, t.accessToken)).toBe(401);
    await expect(client.refresh(t.refreshToken!)).rejects.toMatchObject({ details: { errorCode: 'invalid_grant' } });
  });
});
