import type { z } from 'zod';
import { HttpError, parseRetryAfter } from './http-errors';

export interface JsonRequest<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** An object is sent as JSON; URLSearchParams as a form body. */
  body?: unknown;
  /** Validates a 2xx body. Omit for answers without a body we need (204, DELETE). */
  schema?: z.ZodType<T>;
  /** Milliseconds; every request has one (reliability.md, "timeouts on every request"). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface JsonResponse<T> {
  status: number;
  data: T;
  headers: Headers;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_ERROR_BODY = 2_000;

/**
 * One HTTP request with a timeout, read as JSON and validated. Never throws anything but
 * `HttpError`. Bodies of error answers are kept (parsed if JSON) for the caller to classify;
 * an HTML error page becomes a short text excerpt.
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
  // A timer cleared as soon as the answer is read: AbortSignal.timeout() would keep one alive
  // for the whole timeout after every request, which at hundreds of requests a second is
  // measurable garbage and GC pauses (docs/benchmarks.md, notice latency).
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), req.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;

  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { method, headers, body, signal, redirect: 'error' });
    text = await response.text();
  } catch (error) {
    if (timeout.signal.aborted) throw new HttpError('timeout', `${method} ${url.pathname} timed out`, where);
    const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new HttpError('network', `${method} ${url.pathname} failed: ${cause}`, where);
  } finally {
    clearTimeout(timer);
  }

  const parsed = parseBody(text);
  if (!response.ok) {
    const errorBody = parsed.ok ? parsed.value : text.slice(0, MAX_ERROR_BODY);
    const errorCode = readErrorCode(errorBody);
    throw new HttpError('status', `${method} ${url.pathname} answered ${response.status}${errorCode ? ` (${errorCode})` : ''}`, {
      ...where,
      status: response.status,
      retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after')),
      errorCode,
      body: errorBody,
    });
  }
  if (!req.schema) return { status: response.status, data: (parsed.ok ? parsed.value : undefined) as T, headers: response.headers };
  if (!parsed.ok) {
    throw new HttpError('bad-response', `${method} ${url.pathname} answered ${response.status} with a body that is not JSON`, {
      ...where,
      status: response.status,
      body: text.slice(0, 200),
    });
  }
  const result = req.schema.safeParse(parsed.value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const at = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
    throw new HttpError('bad-response', `${method} ${url.pathname} answered an unexpected shape (${at})`, {
      ...where,
      status: response.status,
    });
  }
  return { status: response.status, data: result.data, headers: response.headers };
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
      if (typeof v === 'string' && v.length <= 100) return v;
    }
  }
  return undefined;
}
