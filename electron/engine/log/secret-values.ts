// Masking by value (docs/security.md, "Secrets in logs"): every secret the app handles — access
// and refresh tokens, authorization codes, PKCE verifiers and `state`, client secrets, API keys —
// is registered here the moment the app gets hold of it, and every log record is scrubbed of it,
// whatever key it sits under and whatever encoding it was written in. Key-based redaction
// (redact.ts) runs on top of this for secrets nobody registered.
//
// The registry is process-wide on purpose: a component that logs through a silent or child logger,
// or builds an error that someone else logs, is covered without being handed anything.

/** Shorter values are not registered: masking them would hide ordinary words in every record. */
const MIN_SECRET_LENGTH = 8;
/** Old values are forgotten first; tokens rotate hourly, so this spans weeks of a running app. */
const MAX_SECRETS = 256;

export const SECRET_MASK = '[secret]';

const secrets = new Map<string, readonly string[]>();
/** Every encoded form by its first MIN_SECRET_LENGTH characters, longest form first; built on demand. */
let byPrefix: Map<string, string[]> | null = null;

/** Registers a secret so no log record ever shows it. Idempotent; ignores empty and short values. */
export function registerSecret(value: string | null | undefined): void {
  if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
  if (secrets.has(value)) {
    // Most recently used last, so eviction drops the oldest.
    const forms = secrets.get(value)!;
    secrets.delete(value);
    secrets.set(value, forms);
    return;
  }
  secrets.set(value, encodedForms(value));
  if (secrets.size > MAX_SECRETS) secrets.delete(secrets.keys().next().value as string);
  byPrefix = null;
}

/** `text` with every registered secret, in any of its encodings, replaced by a mask. */
export function maskSecrets(text: string): string {
  if (secrets.size === 0 || text.length < MIN_SECRET_LENGTH) return text;
  byPrefix ??= indexForms();
  // One pass over the text with a lookup per position, rather than one regular expression of
  // every form: with a few hundred secrets (about fifteen forms each) such an alternation cost
  // about a millisecond per log record, and every record goes through here.
  let masked = '';
  let copiedTo = 0;
  for (let at = 0; at + MIN_SECRET_LENGTH <= text.length; ) {
    const found = byPrefix.get(text.slice(at, at + MIN_SECRET_LENGTH))?.find((form) => text.startsWith(form, at));
    if (found === undefined) {
      at += 1;
      continue;
    }
    masked += text.slice(copiedTo, at) + SECRET_MASK;
    at += found.length;
    copiedTo = at;
  }
  return copiedTo === 0 ? text : masked + text.slice(copiedTo);
}

function indexForms(): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const list of secrets.values()) {
    for (const form of list) {
      const key = form.slice(0, MIN_SECRET_LENGTH);
      const forms = index.get(key) ?? [];
      if (!forms.includes(form)) forms.push(form);
      index.set(key, forms);
    }
  }
  // Longest first, so an encoding that contains another is masked whole.
  for (const forms of index.values()) forms.sort((a, b) => b.length - a.length);
  return index;
}

/**
 * The ways a secret shows up in text: raw; JSON-escaped once and twice (a JSON body inside a
 * string inside a JSON log line); percent-encoded as a URL component and as a form value, once and
 * twice (a redirect URL inside a query parameter), with upper- or lower-case hex; and base64 /
 * base64url at each of the three byte alignments, so it is found inside a larger encoded blob such
 * as an HTTP Basic credential (`base64(client_id:client_secret)`) or a JWT segment.
 */
export function encodedForms(value: string): string[] {
  const json = (s: string): string => JSON.stringify(s).slice(1, -1);
  const form = (s: string): string => new URLSearchParams({ v: s }).toString().slice(2);
  const percent = [encodeURIComponent(value), form(value), encodeURIComponent(encodeURIComponent(value)), form(form(value))];
  const forms = [value, json(value), json(json(value)), ...percent, ...percent.map((p) => p.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()))];
  forms.push(...base64Forms(Buffer.from(value, 'utf8')));
  return [...new Set(forms)].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

function base64Forms(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString('base64');
    // Characters that depend on the preceding bytes (the offset) or on what follows are dropped:
    // only those made of the secret's own bits are certain to appear.
    const start = [0, 2, 3][offset]!;
    const end = Math.floor((padded.length * 8) / 6);
    const core = encoded.slice(start, end);
    out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}
