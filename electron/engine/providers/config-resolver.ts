// How a provider's connection settings are resolved: its default, then the user's saved settings,
// then an environment variable (env wins, so headless runs and tests can point at a sandbox
// without touching saved settings), validated with zod so a typo becomes a sentence the user can
// act on instead of a failed request later. Secrets are never saved settings: a client secret comes
// from the environment or the keychain (docs/architecture.md#secrets).
import { z } from 'zod';
import { isLoopbackHost } from '../auth/loopback-redirect';

export type ConfigEnv = Readonly<Record<string, string | undefined>>;

export type ConfigResult<T> = { ok: true; config: T } | { ok: false; message: string; problems: string[] };

/** The value when it is set and not blank. */
export const nonEmpty = (value: string | undefined): string | undefined => (value !== undefined && value.trim() !== '' ? value : undefined);

/** The environment variable when set, else the saved setting when set. */
export const envOrSetting = (env: ConfigEnv, envName: string, setting: string | undefined): string | undefined => nonEmpty(env[envName]) ?? nonEmpty(setting);

/**
 * A service base URL: https, or http only towards this machine (a sandbox); no credentials, query
 * or fragment. `originOnly` also refuses a path and names an example origin in the message.
 * Trailing slashes are dropped.
 */
export function serviceUrlSchema(what: string, originOnly?: { example: string }) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: `${what} is not a URL: "${value}"` });
        return;
      }
      if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
        ctx.addIssue({ code: 'custom', message: `${what} must start with https:// (http:// is allowed only for 127.0.0.1/localhost): "${value}"` });
      }
      if (originOnly && (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== ''))) {
        ctx.addIssue({ code: 'custom', message: `${what} must be just the origin, e.g. ${originOnly.example}` });
      } else if (url.username || url.password || url.search || url.hash) {
        ctx.addIssue({ code: 'custom', message: `${what} must not contain credentials, a query or a fragment` });
      }
    })
    .transform((value) => value.replace(/\/+$/, ''));
}

/** Validates the merged input; the message starts with `heading` and lists every problem. Never throws. */
export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, heading: string): ConfigResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, config: result.data };
  // Issue messages are our own sentences; none of them contains a secret.
  const problems = result.error.issues.map((issue) => issue.message);
  return { ok: false, message: `${heading}${problems.join('; ')}`, problems };
}
