// Secrets never reach a log (reliability.md, "Secrets"): OAuth codes, tokens, PKCE verifiers and
// the client secret can appear as object keys, as URL query parameters, as form bodies or inside
// an Authorization header. Everything a logger writes goes through `redact` first.

// Compared after lower-casing and dropping '-' and '_', so `refresh_token`, `refreshToken` and
// `Refresh-Token` all match.
const SECRET_KEYS = new Set([
  'authorization',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'code',
  'codeverifier',
  'clientsecret',
  'password',
  'secret',
  'token',
  'wsaccesstoken',
]);
// Not 'state': it names connection and auth states everywhere in the logs. The OAuth `state`
// value is only ever in URLs, where the `state=` pattern below hides it.

export const REDACTED = '[redacted]';

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

// `name=value` pairs in query strings and form bodies, Bearer/Basic credentials, and bare JWTs.
const PAIR = /\b(access_token|refresh_token|id_token|code|code_verifier|client_secret|ws_access_token|state|token|password)=([^&\s"']+)/gi;
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

export function redactString(text: string): string {
  return text
    .replace(PAIR, (_m, key: string) => `${key}=${REDACTED}`)
    .replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(JWT, REDACTED);
}

/** A deep copy of `value` that is safe to log. Cycles and depth are bounded. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[depth]';
  if (value instanceof Error) {
    return { name: value.name, message: redactString(value.message), ...(redact({ ...value }, depth + 1) as object) };
  }
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = isSecretKey(key) && v !== undefined && v !== null && v !== '' ? REDACTED : redact(v, depth + 1);
  }
  return out;
}
