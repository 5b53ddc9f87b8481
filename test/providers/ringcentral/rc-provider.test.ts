// The RingCentral provider module: settings resolution, the OAuth profile it hands the engine,
// account discovery against the sandbox, and the demo backend from the sandbox registry.
import { afterEach, describe, expect, it } from 'vitest';
import { authorizedRequest } from '../../../electron/engine/auth/authorized-request';
import { silentLogger } from '../../../electron/engine/log/logger';
import type { ProviderContext } from '../../../electron/engine/providers/provider-module';
import type { DemoBackend } from '../../../electron/engine/providers/provider-sandbox';
import { findProvider } from '../../../electron/engine/providers/registry';
import { SANDBOXES } from '../../../electron/sandbox/registry';
import type { RingCentralDemoBackend } from '../../../electron/sandbox/ringcentral/ringcentral-demo';

const found = findProvider('ringcentral');
if (!found.ok) throw new Error(found.message);
const rc = found.provider;

let demo: DemoBackend | null = null;
afterEach(async () => {
  await demo?.close();
  demo = null;
});

describe('RingCentral provider module', () => {
  it('resolves: a client id is required; public client by default, Basic with a secret; nothing secret in a message', () => {
    const missing = rc.resolve(rc.settings.defaults, { RINGTRAY_RINGCENTRAL_CLIENT_SECRET: 'hush' });
    expect(missing).toMatchObject({ ok: false, message: expect.stringContaining('RINGTRAY_RINGCENTRAL_CLIENT_ID') });
    expect(JSON.stringify(missing)).not.toContain('hush');

    const pub = rc.resolve({ ...rc.settings.defaults, clientId: 'abc' }, {});
    if (!pub.ok || pub.provider.credential.kind !== 'oauth') throw new Error('expected an OAuth provider');
    expect(pub.provider.credential).toMatchObject({
      clientAuth: 'none',
      tokenUrl: 'https://platform.ringcentral.com/restapi/oauth/token',
      revokeUrl: 'https://platform.ringcentral.com/restapi/oauth/revoke',
      rotatesRefreshToken: true,
      userClaim: 'owner_id',
      redirect: { uri: 'http://127.0.0.1:12022/app/redirect', port: 12022 },
    });
    const secret = rc.resolve({ ...rc.settings.defaults, clientId: 'abc' }, { RINGTRAY_RINGCENTRAL_CLIENT_SECRET: 's', RINGTRAY_RINGCENTRAL_SERVER_URL: 'https://platform.devtest.ringcentral.com' });
    expect(secret.ok && secret.provider.credential.kind === 'oauth' && [secret.provider.credential.clientAuth, secret.provider.credential.authorizeUrl]).toEqual([
      'basic',
      'https://platform.devtest.ringcentral.com/restapi/oauth/authorize',
    ]);
    expect(rc.resolve({ ...rc.settings.defaults, clientId: 'abc' }, { RINGTRAY_RINGCENTRAL_SERVER_URL: 'http://evil.example.com' }).ok).toBe(false);
  });

  it('the demo backend: its settings resolve against the sandbox; discovery finds the extension and its colleagues', async () => {
    const backend = (demo = await (await SANDBOXES.ringcentral!()).start({ redirectUri: 'http://127.0.0.1:12099/app/redirect', logger: silentLogger })) as RingCentralDemoBackend;
    const resolved = rc.resolve(backend.settings, backend.env);
    if (!resolved.ok || resolved.provider.credential.kind !== 'oauth') throw new Error('demo settings did not resolve');
    expect(resolved.provider.credential.tokenUrl).toBe(`${backend.url}/restapi/oauth/token`);
    let token = await backend.sandbox.issueAccessToken();
    const tokens = { getAccessToken: async () => token, forceRefresh: async () => (token = await backend.sandbox.issueAccessToken()) };
    const context: ProviderContext = { tokens, request: (req) => authorizedRequest(tokens, req), log: silentLogger };
    expect(await resolved.provider.account.accountId(context)).toEqual({ ok: true, accountId: backend.sandbox.owner.id });
    const lines = await resolved.provider.account.lines(context);
    expect(lines.mine).toEqual([backend.sandbox.owner.id]);
    expect(lines.lines.map((l) => l.extension)).toEqual(['101', '102', '103']);
  });
});
