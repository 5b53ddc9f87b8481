// Which GoTo account and lines belong to the signed-in user (docs/providers/goto.md#account-key-and-lines):
// - account key: GET {api}/users/v1/me → items[0].accountKey on some accounts; otherwise the admin
//   API GET {admin}/admin/rest/v1/me → accounts[].key; otherwise the manual setting.
// - lines: GET {api}/users/v1/lines → items[].{id, number, name, organization.id}.
import { z } from 'zod';
import type { LineRef } from '../../../../shared/calls';
import { authorizedRequest } from '../../auth/authorized-request';
import type { AccessTokenSource } from '../../auth/token-manager';
import { HttpError } from '../../http/http-errors';
import { silentLogger, type Logger } from '../../log/logger';

export interface GotoAccountOptions {
  tokens: AccessTokenSource;
  apiUrl: string;
  adminApiUrl: string;
  /** The manual setting (RINGTRAY_GOTO_ACCOUNT_KEY), used when discovery finds nothing. */
  manualAccountKey?: string | null;
  timeoutMs?: number;
  logger?: Logger;
}

/** A GoTo line, mapped to the shared LineRef plus the organization GoTo files it under. */
export interface GotoLine extends LineRef {
  organizationId: string | null;
}

export type AccountKeySource = 'users-api' | 'admin-api' | 'manual';

export type AccountKeyResult =
  | { ok: true; accountKey: string; source: AccountKeySource; /** Other keys the admin API listed. */ others: string[] }
  | { ok: false; message: string };

const id = z.union([z.string().min(1), z.number().transform(String)]);
const optionalText = z.union([z.string(), z.number().transform(String)]).nullish().catch(null);

const usersMeSchema = z.object({
  items: z.array(z.object({ accountKey: id.nullish().catch(null) }).passthrough()).nullish().catch(null),
});
const adminMeSchema = z.object({
  accounts: z.array(z.object({ key: id.nullish().catch(null) }).passthrough()).nullish().catch(null),
});
const lineSchema = z.object({
  id,
  number: optionalText,
  name: optionalText,
  extensionNumber: optionalText,
  organization: z.object({ id: optionalText }).passthrough().nullish().catch(null),
});
const linesSchema = z.object({ items: z.array(z.unknown()) });

export const NO_ACCOUNT_KEY_MESSAGE =
  'Ringtray could not find your GoTo account key. Enter it in Settings → GoTo → Account key (or set RINGTRAY_GOTO_ACCOUNT_KEY); a GoTo admin can find it in the GoTo Admin portal.';

export async function discoverAccountKey(options: GotoAccountOptions): Promise<AccountKeyResult> {
  const log = (options.logger ?? silentLogger).child('goto-account');
  const timeoutMs = options.timeoutMs ?? 15_000;
  try {
    const { data } = await authorizedRequest(options.tokens, { url: `${options.apiUrl}/users/v1/me`, schema: usersMeSchema, timeoutMs });
    const key = data.items?.[0]?.accountKey;
    if (key) return { ok: true, accountKey: key, source: 'users-api', others: [] };
  } catch (error) {
    if (!discoveryMayContinue(error)) throw error;
    log.info('users/v1/me gave no account key; trying the admin API', { error });
  }
  try {
    const { data } = await authorizedRequest(options.tokens, { url: `${options.adminApiUrl}/admin/rest/v1/me`, schema: adminMeSchema, timeoutMs });
    const keys = (data.accounts ?? []).map((a) => a.key).filter((k): k is string => typeof k === 'string' && k !== '');
    if (keys[0]) return { ok: true, accountKey: keys[0], source: 'admin-api', others: keys.slice(1) };
  } catch (error) {
    if (!discoveryMayContinue(error)) throw error;
    log.info('admin API gave no account key', { error });
  }
  const manual = options.manualAccountKey?.trim();
  if (manual) return { ok: true, accountKey: manual, source: 'manual', others: [] };
  return { ok: false, message: NO_ACCOUNT_KEY_MESSAGE };
}

/**
 * The user's lines. A malformed item is skipped (and counted in the log), not fatal.
 * Throws HttpError/TokenError like authorizedRequest.
 */
export async function fetchGotoLines(options: Pick<GotoAccountOptions, 'tokens' | 'apiUrl' | 'timeoutMs' | 'logger'>): Promise<GotoLine[]> {
  const log = (options.logger ?? silentLogger).child('goto-account');
  const { data } = await authorizedRequest(options.tokens, { url: `${options.apiUrl}/users/v1/lines`, schema: linesSchema, timeoutMs: options.timeoutMs ?? 15_000 });
  const lines: GotoLine[] = [];
  let skipped = 0;
  for (const item of data.items) {
    const parsed = lineSchema.safeParse(item);
    if (!parsed.success) {
      skipped += 1;
      continue;
    }
    const l = parsed.data;
    lines.push({ id: l.id, name: l.name ?? null, number: l.number ?? null, extension: l.extensionNumber ?? null, organizationId: l.organization?.id ?? null });
  }
  if (skipped > 0) log.debug('skipped malformed line items', { skipped });
  return lines;
}

/** 403/404 (no admin rights, API absent) or an unreadable body mean "try the next source"; the rest is for the caller. */
function discoveryMayContinue(error: unknown): boolean {
  if (!(error instanceof HttpError)) return false;
  return error.kind === 'bad-response' || error.status === 403 || error.status === 404;
}
