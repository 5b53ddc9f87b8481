import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeHandles, until } from '../../../test/support/until';
import { MAX_RESPONSE_BYTES, send, SendError } from './http-send';

// A real server in a child process, so the only TCP handles in this process are the client's:
// that lets the test see whether a pooled keep-alive socket would hold the process open.
let server: ChildProcess;
let base: URL;
const SERVER = `
const http = require('node:http');
http.createServer((req, res) => {
  if (req.url === '/big') { res.writeHead(200); res.end(Buffer.alloc(${MAX_RESPONSE_BYTES} + 1024, 97)); return; }
  if (req.url === '/slow') { setTimeout(() => res.end('{}'), 5000); return; }
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'retry-after': '3' }); res.end(JSON.stringify({ method: req.method, body })); });
}).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });
`;

beforeAll(async () => {
  server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(server.stdout!, 'data')) as [Buffer];
  base = new URL(`http://127.0.0.1:${chunk.toString().trim()}`);
});
afterAll(() => {
  server.kill();
});

describe('send', () => {
  it('sends a body and reads the answer, status and headers', async () => {
    const res = await send({ method: 'POST', url: new URL('/echo', base), headers: { 'content-type': 'application/json' }, body: '{"é":1}', timeoutMs: 5_000 });
    expect(res.status).toBe(200);
    expect(res.headers['retry-after']).toBe('3');
    expect(JSON.parse(res.text)).toEqual({ method: 'POST', body: '{"é":1}' });
  });

  it('keeps the connection for reuse without keeping the process alive', async () => {
    await send({ method: 'GET', url: new URL('/a', base), headers: {}, timeoutMs: 5_000 });
    await send({ method: 'GET', url: new URL('/b', base), headers: {}, timeoutMs: 5_000 });
    await new Promise((r) => setImmediate(r));
    expect(activeHandles().sockets).toBe(0);
  });

  it('refuses an answer larger than the cap', async () => {
    const error = await send({ method: 'GET', url: new URL('/big', base), headers: {}, timeoutMs: 10_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendError);
    expect((error as SendError).message).toMatch(/larger than/);
  });

  it('times out and aborts, leaving no timer or socket behind', async () => {
    const timeout = await send({ method: 'GET', url: new URL('/slow', base), headers: {}, timeoutMs: 100 }).catch((e: unknown) => e);
    expect(timeout).toMatchObject({ kind: 'timeout' });
    const controller = new AbortController();
    const pending = send({ method: 'GET', url: new URL('/slow', base), headers: {}, timeoutMs: 10_000, signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'network', message: 'aborted' });
    await expect(send({ method: 'GET', url: new URL('/x', base), headers: {}, timeoutMs: 1_000, signal: AbortSignal.abort() })).rejects.toMatchObject({ message: 'aborted' });
    // Destroyed sockets close on a later turn of the event loop: wait for it, however busy the machine.
    await until(() => activeHandles().timeouts === 0 && activeHandles().sockets === 0, 5_000, 'the request timers and sockets to close');
  });
});
