// Reading and answering HTTP requests for the sandbox's API routes. Bad input never throws out of
// here as anything but an ApiError, which the router turns into a JSON error answer: the sandbox
// runs inside the engine (headless --demo, desktop demo), so a malformed request must not crash it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

const MAX_BODY_BYTES = 64 * 1024;

/** A request the sandbox refuses, answered as `{errorCode, message}` (the shape GoTo's APIs use). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }).end(JSON.stringify(body));
}

export function sendEmpty(res: ServerResponse, status: number): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status).end();
}

export function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, { errorCode: error.errorCode, message: error.message }, error.headers);
}

/** The raw body, or an ApiError 413 when it is larger than MAX_BODY_BYTES (the rest is discarded). */
export async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds ${MAX_BODY_BYTES} bytes.`);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The JSON body validated by `schema`. An empty body counts as `undefined`, so a schema can make
 * the body optional. Content-Type is not checked: GoTo's samples always send application/json,
 * and refusing on a header would hide the real mistake (the body) from the test that made it.
 */
export async function readJson<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const text = await readText(req);
  let value: unknown = undefined;
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      throw new ApiError(400, 'INVALID_JSON', 'Request body is not valid JSON.');
    }
  }
  return validate(schema, value, 'body');
}

/** `value` validated by `schema`, or a 400 naming the first offending field. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, where: 'body' | 'query'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const at = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
  throw new ApiError(400, 'INVALID_REQUEST', `Invalid ${where} (${at}).`);
}

/** Drains an unread body so a kept-alive connection stays usable after an early answer. */
export async function drain(req: IncomingMessage): Promise<void> {
  try {
    for await (const _chunk of req as AsyncIterable<Buffer>) {
      // discard
    }
  } catch {
    // the client went away; nothing to drain
  }
}

/** Query parameters as a plain object (first value wins), for zod. */
export function queryObject(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!(k in out)) out[k] = v;
  return out;
}
