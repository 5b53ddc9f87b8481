import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError, parseRetryAfter } from './http-errors';
import { requestJson } from './json-request';

// A real HTTP server on loopback answering each path the way a misbehaving API might.
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/ok') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1,"extra":true}');
    if (path === '/html') return void res.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
    if (path === '/html-200') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>');
    if (path === '/limited') return void res.writeHead(429, { 'retry-after': '7' }).end('{"error":"rate_limited"}');
    if (path === '/grant') return void res.writeHead(400).end('{"error":"invalid_grant","error_description":"expired"}');
    if (path === '/slow') return void setTimeout(() => res.end('{}'), 2_000);
    if (path === '/empty') return void res.writeHead(204).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const errorOf = async (p: Promise<unknown>): Promise<HttpError> => {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(HttpError);
  return e as HttpError;
};

describe('requestJson', () => {
  it('validates a 2xx body and ignores unknown fields', async () => {
    const res = await requestJson({ url: `${base}/ok`, schema: z.object({ a: z.number() }) });
    expect(res.data).toEqual({ a: 1 });
  });

  it('turns a wrong shape into bad-response', async () => {
    const e = await errorOf(requestJson({ url: `${base}/ok`, schema: z.object({ b: z.string() }) }));
    expect(e.kind).toBe('bad-response');
    expect(e.message).toContain('b:');
  });

  it('turns an HTML 200 into bad-response and an HTML 502 into a transient status error', async () => {
    expect((await errorOf(requestJson({ url: `${base}/html-200`, schema: z.object({}) }))).kind).toBe('bad-response');
    const e = await errorOf(requestJson({ url: `${base}/html` }));
    expect(e).toMatchObject({ kind: 'status', status: 502, transient: true });
  });

  it('reads Retry-After and RFC 6749 error codes', async () => {
    const limited = await errorOf(requestJson({ url: `${base}/limited` }));
    expect(limited.details.retryAfterSeconds).toBe(7);
    expect(limited.transient).toBe(true);
    const grant = await errorOf(requestJson({ url: `${base}/grant`, method: 'POST', body: new URLSearchParams({ a: 'b' }) }));
    expect(grant.details.errorCode).toBe('invalid_grant');
    expect(grant.transient).toBe(false);
  });

  it('times out slow answers and reports refused connections as network errors', async () => {
    expect((await errorOf(requestJson({ url: `${base}/slow`, timeoutMs: 100 }))).kind).toBe('timeout');
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect((await errorOf(requestJson({ url: `http://127.0.0.1:${port}/x` }))).kind).toBe('network');
  });

  it('accepts an empty 204', async () => {
    expect((await requestJson({ url: `${base}/empty`, method: 'DELETE' })).status).toBe(204);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and dates, caps, ignores junk', () => {
    expect(parseRetryAfter('3')).toBe(3);
    expect(parseRetryAfter('99999')).toBe(600);
    expect(parseRetryAfter(new Date(Date.now() + 5_000).toUTCString())).toBeGreaterThanOrEqual(4);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
