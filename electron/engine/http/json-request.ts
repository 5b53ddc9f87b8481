import type { z } from 'zod';
import { HttpError, parseRetryAfter } from './http-errors';
import { send, SendError, type SendResponse } from './http-send';

export interface JsonRequest<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; URLSearchParams as a form body. */
  body?: unknown;
  /** Validates a 2xx body. Omit for answers without a body we need (204, DELETE). */
  schema?: z.ZodType<T>;
  /** Milliseconds; every request has one (docs/reliability.md#bad-input). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface JsonResponse<T> {
  status: number;
  data: T;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * One HTTP request with a timeout, read as JSON and validated. Never throws anything but
 * `HttpError`. An error never carries the answer's body: a token endpoint that answers 2xx with
 * something unreadable may still have put tokens in it (docs/security.md). What callers classify
 * by — status, Retry-After, an RFC 6749-style error code — is read out and kept.
 */
export async function requestJson<T = unknown>(req: JsonRequest<T>): Promise<JsonResponse<T>> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url);
  const where = { method, path: url.pathname };
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  let body: string | undefined;
  if (req.body instanceof URLSearchParams) {
    body = req.body.toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  } else if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers['content-type'] ??= 'application/json';
  }
  let response: SendResponse;
  try {
    response = await send({ method, url, headers, body, timeoutMs: req.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal: req.signal });
  } catch (error) {
    const e = error instanceof SendError ? error : new SendError('network', String(error));
    const details = e.problem ? { ...where, problem: e.problem } : where;
    throw new HttpError(e.kind, e.kind === 'timeout' ? `${method} ${url.pathname} timed out` : `${method} ${url.pathname} failed: ${e.message}`, details);
  }
  const { status, text } = response;
  const ok = status >= 200 && status < 300;

  const parsed = parseBody(text);
  if (!ok) {
    const errorCode = parsed.ok ? readErrorCode(parsed.value) : undefined;
    const retryAfter = response.headers['retry-after'];
    throw new HttpError('status', `${method} ${url.pathname} answered ${status}${errorCode ? ` (${errorCode})` : ''}`, {
      ...where,
      status,
      retryAfterSeconds: parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : null),
      errorCode,
    });
  }
  if (!req.schema) return { status, data: (parsed.ok ? parsed.value : undefined) as T };
  if (!parsed.ok) {
    throw new HttpError('bad-response', `${method} ${url.pathname} answered ${status} with a body that is not JSON`, { ...where, status });
  }
  const result = req.schema.safeParse(parsed.value);
  if (!result.success) {
    const issue = result.error.issues[0];
    // Where and what kind of problem, never the value: zod's messages can quote what it received.
    const at = issue ? `${issue.path.join('.') || '(root)'}: ${issue.code}` : 'invalid';
    throw new HttpError('bad-response', `${method} ${url.pathname} answered an unexpected shape (${at})`, {
      ...where,
      status,
    });
  }
  return { status, data: result.data };
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function readErrorCode(body: unknown): string | undefined {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    for (const key of ['error', 'errorCode', 'code']) {
      const v = b[key];
      // An identifier (`invalid_grant`, `NOT_FOUND`), never free text or a random-looking value
      // that could be a secret.
      if (typeof v === 'string' && v.length <= 64 && /^(?:[a-z]+(?:_[a-z]+)*|[A-Z]+(?:_[A-Z0-9]+)*)$/.test(v)) return v;
    }
  }
  return undefined;
}
