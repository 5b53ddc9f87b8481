// Who signed in and which lines exist (docs/providers/ringcentral.md): a RingCentral "line" is
// an extension. The signed-in extension is always there; the company's other extensions are
// listed when the account lets this user read them (needed for "all lines"), otherwise only the
// user's own is offered.
import type { LineRef } from '../../../../shared/calls';
import { HttpError } from '../../http/http-errors';
import type { Logger } from '../../log/logger';
import type { RcApi } from './rc-api';
import type { RcExtensionInfo } from './rc-api-schemas';

const toLine = (e: RcExtensionInfo): LineRef => ({ id: e.id, name: e.name ?? null, number: null, extension: e.extensionNumber ?? null });

export async function rcLines(api: Pick<RcApi, 'extension' | 'extensions'>, log: Logger): Promise<{ lines: LineRef[]; mine: string[] }> {
  const me = await api.extension();
  let others: RcExtensionInfo[] = [];
  try {
    others = await api.extensions();
  } catch (error) {
    // 403: this user may not list the company's extensions; their own line is enough.
    if (!(error instanceof HttpError && error.status === 403)) throw error;
    log.info('ringcentral: extension list not allowed; offering the user\'s own extension only');
  }
  const lines = [toLine(me), ...others.filter((e) => e.id !== me.id && (e.status === undefined || e.status === 'Enabled')).map(toLine)];
  return { lines, mine: [me.id] };
}
