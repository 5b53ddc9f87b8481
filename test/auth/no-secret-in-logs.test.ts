// Secrets never reach a log or an error (docs/security.md, "Secrets in logs"), proven two ways:
// 1. a real token endpoint on 127.0.0.1 that misbehaves with the tokens in its answer (2xx that is
//    not JSON, a wrong shape, an HTML 500, an error body quoting them): neither the errors thrown
//    nor the log lines of the sign-in and the token manager hold them, in any encoding;
// 2. every log call the auth, secrets, transport and provider-session code contains, read from the
//    source, is written with a random registered token in each of its fields (as text in every
//    encoding, inside an error and its cause, inside a nested object): the token never comes out.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackSignIn } from '../../electron/engine/auth/loopback-sign-in';
import { createOAuthTokenClient } from '../../electron/engine/auth/oauth-token-client';
import { TokenManager } from '../../electron/engine/auth/token-manager';
import { createLogger, type LogLevel } from '../../electron/engine/log/logger';
import { encodedForms, registerSecret } from '../../electron/engine/log/secret-values';
import { createMemorySecretStore } from '../../electron/engine/secrets/memory-secret-store';
import { capturedLogger } from './support/captured-log';
import { freePort } from './support/fake-goto';

const random = (): string => randomBytes(24).toString('base64url');

/** The forms of `secrets` found in `text` (raw, JSON, percent, base64 …). */
function leaks(text: string, secrets: readonly string[]): string[] {
  return secrets.flatMap((s) => encodedForms(s).filter((form) => text.includes(form)).map((form) => `${s} as ${form}`));
}

describe('a token endpoint that misbehaves with tokens in its answer', () => {
  let server: Server;
  let tokenUrl: string;
  let answer: (at: string, rt: string) => { status: number; type: string; body: string };
  let served: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const at = random();
        const rt = random();
        served.push(at, rt);
        const a = answer(at, rt);
        res.writeHead(a.status, { 'content-type': a.type }).end(a.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/token`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const answers: Record<string, (at: string, rt: string) => { status: number; type: string; body: string }> = {
    '2xx, JSON cut short': (at, rt) => ({ status: 200, type: 'application/json', body: `{"access_token":"${at}","refresh_token":"${rt}","expires_in":3600` }),
    '2xx, form-encoded': (at, rt) => ({ status: 200, type: 'text/plain', body: `access_token=${at}&refresh_token=${rt}&expires_in=3600` }),
    '2xx, wrong token_type': (at, rt) => ({ status: 200, type: 'application/json', body: JSON.stringify({ access_token: at, refresh_token: rt, token_type: 'mac', expires_in: 3600 }) }),
    '2xx, tokens under unknown names': (at, rt) => ({ status: 200, type: 'application/json', body: JSON.stringify({ accessTok: at, rt, expires: 'never' }) }),
    '500 HTML quoting them': (at, rt) => ({ status: 500, type: 'text/html', body: `<html><body>upstream said ${at} / ${rt}</body></html>` }),
    '400 whose error fields are the tokens': (at, rt) => ({ status: 400, type: 'application/json', body: JSON.stringify({ error: at, code: rt, error_description: `bad ${rt}` }) }),
  };

  for (const [name, respond] of Object.entries(answers)) {
    it(`${name}: no token in the refresh error or the log`, async () => {
      answer = respond;
      served = [];
      const log = capturedLogger();
      const clientSecret = random();
      const refreshToken = random();
      const tm = new TokenManager({
        provider: 'goto',
        store: createMemorySecretStore({ 'goto:refresh-token:u@example.com': refreshToken }),
        grant: createOAuthTokenClient({ tokenUrl, clientId: 'cid', clientSecret, timeoutMs: 5_000 }),
        logger: log.logger,
      });
      await tm.restore('u@example.com');
      const error = await tm.getAccessToken().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      tm.dispose();
      const thrown = JSON.stringify({ ...(error as object), message: (error as Error).message });
      expect(leaks(thrown, [...served, refreshToken, clientSecret])).toEqual([]);
      expect(log.lines.some((line) => line.includes('token refresh failed'))).toBe(true);
      expect(leaks(log.lines.join('\n'), [...served, refreshToken, clientSecret])).toEqual([]);
    });

    it(`${name}: no token in the sign-in's code-exchange log`, async () => {
      answer = respond;
      served = [];
      const log = capturedLogger();
      const port = await freePort();
      const code = random();
      const attempt = startLoopbackSignIn({
        authorizeUrl: 'http://127.0.0.1:1/oauth/authorize',
        redirect: { uri: `http://127.0.0.1:${port}/app/redirect`, hostname: '127.0.0.1', port, path: '/app/redirect' },
        clientId: 'cid',
        scopes: [],
        wording: { name: 'GoTo', redirectEnv: null, secretEnv: null },
        tokenClient: createOAuthTokenClient({ tokenUrl, clientId: 'cid', clientSecret: random(), timeoutMs: 5_000 }),
        openUrl: async (url) => {
          const state = new URL(url).searchParams.get('state')!;
          await fetch(`http://127.0.0.1:${port}/app/redirect?code=${code}&state=${encodeURIComponent(state)}`).then((r) => r.text());
        },
        logger: log.logger,
      });
      const result = await attempt.result;
      expect(result.ok).toBe(false);
      expect(log.lines.some((line) => line.includes('code exchange failed'))).toBe(true);
      expect(leaks(log.lines.join('\n') + JSON.stringify(result), [...served, code])).toEqual([]);
    });
  }
});

// ── every log record of the auth and session code ─────────────────────────

interface LogSite {
  file: string;
  level: LogLevel;
  message: string;
  fields: string[];
}

const ENGINE = join(__dirname, '../../electron/engine');
const SESSION_CODE = /(^|\/)(auth|secrets|transport|providers|goto)\/|ringtray-engine\.ts$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

/** Every `….debug|info|warn|error('message', { fields })` call in the auth and session code. */
function logSites(): LogSite[] {
  const call = /\b(?:log|logger|this\.log|options\.log|this\.options\.log)\.(debug|info|warn|error)\(\s*(['"`])((?:(?!\2).)*)\2\s*(?:,\s*(\{[^;]*?\}))?\s*\)/gs;
  const sites: LogSite[] = [];
  for (const path of sourceFiles(ENGINE)) {
    const file = relative(ENGINE, path);
    if (!SESSION_CODE.test(file)) continue;
    for (const m of readFileSync(path, 'utf8').matchAll(call)) {
      const literal = m[4] ?? '';
      const fields = [...literal.matchAll(/(?:[{,]\s*)(?:\.\.\.)?([A-Za-z_$][\w$]*)\s*(?=[:,}])/g)].map((f) => f[1]!);
      sites.push({ file, level: m[1] as LogLevel, message: m[3]!, fields: fields.length > 0 ? fields : ['detail'] });
    }
  }
  return sites;
}

describe('every log record the auth and session code writes', () => {
  const sites = logSites();

  it('finds the log calls it checks', () => {
    expect(sites.length).toBeGreaterThan(25);
    expect(sites.some((s) => s.message === 'code exchange failed' && s.fields.includes('error'))).toBe(true);
    expect(sites.some((s) => s.message.includes('token refresh failed'))).toBe(true);
  });

  it('never shows a registered token placed in any field, in any encoding', () => {
    const token = random();
    registerSecret(token);
    const forms = encodedForms(token);
    const shapes: Array<(form: string) => unknown> = [
      (form) => form,
      (form) => `answered 400: ${form}`,
      (form) => new Error(`failed with ${form}`, { cause: new Error(`because ${form}`) }),
      (form) => ({ nested: { deeper: [form] } }),
    ];
    const lines: string[] = [];
    const logger = createLogger((r) => lines.push(JSON.stringify(r)), { level: 'debug' });
    let written = 0;
    for (const site of sites) {
      for (const field of site.fields) {
        for (const form of forms) {
          for (const shape of shapes) {
            const fields: Record<string, unknown> = Object.fromEntries(site.fields.map((f) => [f, 'ok']));
            fields[field] = shape(form);
            logger[site.level](`${site.message} ${form}`, fields);
            written += 1;
          }
        }
      }
    }
    expect(lines).toHaveLength(written);
    const found = lines.filter((line) => forms.some((form) => line.includes(form)));
    expect(found.slice(0, 3)).toEqual([]);
  });
});
