// Secrets never reach a log (docs/security.md, "Secrets in logs"). Two layers, both applied to
// everything a logger writes:
// 1. by value: every registered secret is masked wherever and however it appears
//    (secret-values.ts);
// 2. by key, for secrets nobody registered: a value under a key that names a secret is hidden —
//    as an object key, a `key=value` pair (also percent-encoded), a `key: value` pair, a JSON
//    member inside a string, a Bearer/Basic credential or a bare JWT.
import { maskSecrets } from './secret-values';

const REDACTED = '[redacted]';

// Keys are compared lower-cased with separators dropped, so `refresh_token`, `refreshToken`,
// `Refresh-Token` and `x-api-key` all match. A key is secret when it contains one of these words…
const SECRET_WORDS = ['token', 'secret', 'password', 'passwd', 'apikey', 'authorization', 'credential', 'verifier', 'cookie', 'privatekey', 'assertion', 'jwt'];
// …unless it only describes one (`token_type`, `tokenUrl`, `tokenExpiresAt`, `tokenCount`).
const DESCRIPTIVE_SUFFIXES = ['type', 'url', 'uri', 'endpoint', 'count', 'length', 'expiresin', 'expiresat', 'kind', 'account', 'source'];
// `code` and `state` carry OAuth secrets in redirects, and harmless words everywhere else
// (`code: EADDRINUSE`, `state=live`): there the value decides.
const AMBIGUOUS_KEYS = new Set(['code', 'state', 'auth']);
// A constant, not a secret: UPPER_SNAKE (errno, error codes), lower words joined by - or _, or a
// status number.
const CONSTANT_VALUE = /^(?:[A-Z][A-Z0-9_]*|[a-z]+(?:[-_][a-z]+)*|\d{1,5})$/;

const normalize = (key: string): string => key.toLowerCase().replace(/[-_.\s]/g, '');

/** True when the value under `key` must not be logged. Without a value, ambiguous keys count as secret. */
function isSecretKey(key: string, value?: unknown): boolean {
  const k = normalize(key);
  if (AMBIGUOUS_KEYS.has(k)) return !(typeof value === 'string' && value.length <= 40 && CONSTANT_VALUE.test(value));
  if (k === 'authcode' || k === 'authorizationcode') return true;
  if (!SECRET_WORDS.some((word) => k.includes(word))) return false;
  return !DESCRIPTIVE_SUFFIXES.some((suffix) => k.endsWith(suffix) && k !== suffix);
}

// A key starts a word, or follows a percent-escape (`%3Fcode`, `%26state`).
const KEY = String.raw`(?:(?<=%(?:25)?[0-9A-Fa-f]{2})|(?<![A-Za-z0-9_.-]))[A-Za-z][A-Za-z0-9_.-]{0,63}`;
// key=value in query strings and form bodies; also percent-encoded once or twice (a URL carried
// inside another URL's parameter): key%3Dvalue%26…
const PAIR = new RegExp(String.raw`(${KEY})(=|%3D|%253D)((?:(?!%26|%2526)[^&\s"'<>;,)\]}])+)`, 'gi');
// "key":"value" — JSON text inside a string, also escaped once or more ( \"key\":\"value\" ).
const JSON_MEMBER = new RegExp(String.raw`(\\*")(${KEY})\1(\s*:\s*)\1((?:(?!\1)[^"])*)`, 'g');
// key: value — HTTP headers, util.inspect output, hand-written messages; optionally quoted.
const COLON_PAIR = new RegExp(String.raw`(${KEY})(\s*:\s*)(['"]?)([^\s'",;)\]}]+)\3`, 'g');
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

const alreadyHidden = (value: string): boolean => /^(?:\[|%5B)(?:redacted|secret)/i.test(value);

export function redactString(text: string): string {
  let out = maskSecrets(text).replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${REDACTED}`).replace(JWT, REDACTED);
  out = scrubPairs(out, JSON_MEMBER, ([, quote, key, colon, value]) =>
    value === '' || alreadyHidden(value!) || !isSecretKey(key!, value) ? null : `${quote}${key}${quote}${colon}${quote}${REDACTED}`,
  );
  out = scrubPairs(out, PAIR, ([, key, eq, value]) => (alreadyHidden(value!) || !isSecretKey(key!, value) ? null : `${key}${eq}${REDACTED}`));
  return scrubPairs(out, COLON_PAIR, ([, key, colon, quote, value]) =>
    alreadyHidden(value!) || value!.startsWith('//') || value === 'Bearer' || value === 'Basic' || !isSecretKey(key!, value) ? null : `${key}${colon}${quote}${REDACTED}${quote}`,
  );
}

/**
 * Replaces the matches `hide` returns a replacement for. A match it keeps is not consumed: the
 * scan goes on inside it, so `redirect_uri=…%3Fcode%3D…` still has its inner code hidden.
 */
function scrubPairs(text: string, pattern: RegExp, hide: (match: RegExpExecArray) => string | null): string {
  const re = new RegExp(pattern.source, pattern.flags);
  let out = '';
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const replacement = hide(m);
    if (replacement === null) {
      re.lastIndex = m.index + 1;
      continue;
    }
    out += text.slice(from, m.index) + replacement;
    from = re.lastIndex = m.index + m[0].length;
  }
  return out + text.slice(from);
}

/** A deep copy of `value` that is safe to log. Cycles and depth are bounded; error causes are kept. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[depth]';
  if (value instanceof Error) return redactError(value, depth);
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[redactString(key)] = hideUnderKey(key, v) ? REDACTED : redact(v, depth + 1);
  }
  return out;
}

// Numbers and booleans under a secret-sounding key (`hasToken: true`, `tokenCount: 3`) say nothing
// secret; strings, objects and arrays under it are hidden whole.
function hideUnderKey(key: string, v: unknown): boolean {
  if (v === undefined || v === null || v === '' || typeof v === 'number' || typeof v === 'boolean') return false;
  return isSecretKey(key, v);
}

function redactError(error: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = { name: error.name, message: redactString(error.message) };
  Object.assign(out, redact({ ...error }, depth + 1) as object);
  // `cause` and AggregateError's `errors` are not enumerable: without this the why is lost.
  if (error.cause !== undefined) out.cause = redact(error.cause, depth + 1);
  if (error instanceof AggregateError) out.errors = redact(error.errors, depth + 1);
  return out;
}
