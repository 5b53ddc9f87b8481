import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessTokenSource } from '../../auth/token-manager';
import { HttpError } from '../../http/http-errors';
import { discoverAccountKey, fetchGotoLines, NO_ACCOUNT_KEY_MESSAGE } from './goto-account';

// A real API server with canned GoTo answers; every request must carry the Bearer token.
let server: Server;
let base: string;
let routes: Record<string, { status: number; body: unknown }>;
let seen: string[];
const tokens: AccessTokenSource = { getAccessToken: async () => 'tok-1', forceRefresh: async () => 'tok-1' };

beforeEach(async () => {
  routes = {};
  seen = [];
  server = createServer((req, res) => {
    seen.push(`${req.url} ${req.headers.authorization}`);
    const route = routes[req.url ?? ''];
    if (!route) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
    res.writeHead(route.status, { 'content-type': 'application/json' }).end(typeof route.body === 'string' ? route.body : JSON.stringify(route.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const opts = (manual: string | null = null) => ({ tokens, apiUrl: base, adminApiUrl: `${base}/admin-host`, manualAccountKey: manual });

describe('discoverAccountKey', () => {
  it('takes items[0].accountKey from users/v1/me', async () => {
    routes['/users/v1/me'] = { status: 200, body: { items: [{ accountKey: '4266762650491150000', extra: 1 }] } };
    expect(await discoverAccountKey(opts())).toEqual({ ok: true, accountKey: '4266762650491150000', source: 'users-api', others: [] });
    expect(seen).toEqual(['/users/v1/me Bearer tok-1']);
  });

  it('falls back to the admin API accounts[].key, then to the manual setting', async () => {
    routes['/users/v1/me'] = { status: 200, body: { items: [{}] } };
    routes['/admin-host/admin/rest/v1/me'] = { status: 200, body: { accounts: [{ key: 123 }, { key: '456' }] } };
    expect(await discoverAccountKey(opts())).toEqual({ ok: true, accountKey: '123', source: 'admin-api', others: ['456'] });
    routes['/admin-host/admin/rest/v1/me'] = { status: 403, body: { error: 'forbidden' } };
    expect(await discoverAccountKey(opts(' 789 '))).toEqual({ ok: true, accountKey: '789', source: 'manual', others: [] });
    expect(await discoverAccountKey(opts())).toEqual({ ok: false, message: NO_ACCOUNT_KEY_MESSAGE });
  });

  it('an unreadable body moves on; a server error is the caller’s (no silent manual fallback)', async () => {
    routes['/users/v1/me'] = { status: 200, body: '<html>' };
    routes['/admin-host/admin/rest/v1/me'] = { status: 200, body: { accounts: [{ key: 'k1' }] } };
    expect(await discoverAccountKey(opts())).toMatchObject({ ok: true, accountKey: 'k1' });
    routes['/users/v1/me'] = { status: 503, body: {} };
    await expect(discoverAccountKey(opts('m'))).rejects.toBeInstanceOf(HttpError);
  });
});

describe('fetchGotoLines', () => {
  it('maps items[].{id, number, name, organization.id} to LineRefs and skips malformed items', async () => {
    routes['/users/v1/lines'] = {
      status: 200,
      body: {
        items: [
          { id: 'line-1', number: '1001', name: 'Front desk', organization: { id: 'org-1' }, unknown: true },
          { id: 'line-2', number: 1002 },
          { number: 'no id' },
          'junk',
        ],
      },
    };
    expect(await fetchGotoLines(opts())).toEqual([
      { id: 'line-1', name: 'Front desk', number: '1001', extension: null, organizationId: 'org-1' },
      { id: 'line-2', name: null, number: '1002', extension: null, organizationId: null },
    ]);
  });

  it('a body without items is a bad-response error', async () => {
    routes['/users/v1/lines'] = { status: 200, body: { nope: [] } };
    await expect(fetchGotoLines(opts())).rejects.toMatchObject({ kind: 'bad-response' });
  });
});
