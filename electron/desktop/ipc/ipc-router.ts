import type { IpcMainInvokeEvent, WebContents } from 'electron';
import type { InvokeChannel, IpcResult, PushChannel } from '../../../shared/ipc/channels';
import {
  invokeSchemas,
  pushSchemas,
  type InvokeParsedRequest,
  type InvokeResponse,
  type PushPayload,
} from '../../../shared/ipc/schemas';
import type { Logger } from '../../engine/log/logger';
import type { SenderFrameLike } from './trusted-sender';

// Main's side of the typed IPC contract. Every handler is registered through `handle`, which
// (1) refuses senders that are not the app's own top-level page, (2) validates the payload
// against the contract schema, (3) validates main's own answer, and (4) returns errors as data
// (IpcResult) so the renderer gets a clear message instead of Electron's wrapped exception text.

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export type InvokeHandler<C extends InvokeChannel> = (request: InvokeParsedRequest<C>) => Promise<InvokeResponse<C>> | InvokeResponse<C>;

export interface IpcRouter {
  handle<C extends InvokeChannel>(channel: C, handler: InvokeHandler<C>): void;
  dispose(): void;
}

export class IpcRequestError extends Error {
  override readonly name = 'IpcRequestError';
}

export function createIpcRouter(options: {
  ipcMain: IpcMainLike;
  isTrustedSender: (frame: SenderFrameLike | null | undefined) => boolean;
  log: Logger;
}): IpcRouter {
  const registered = new Set<string>();
  const { ipcMain, isTrustedSender, log } = options;

  return {
    handle(channel, handler) {
      const schemas = invokeSchemas[channel];
      if (!schemas) throw new Error(`${channel} is not an IPC channel of the contract`);
      if (registered.has(channel)) throw new Error(`${channel} already has a handler`);
      registered.add(channel);
      ipcMain.handle(channel, async (event, ...args): Promise<IpcResult<unknown>> => {
        if (!isTrustedSender(event.senderFrame as SenderFrameLike | null)) {
          log.warn('ipc: refused a call from a frame that is not the app', { channel });
          return { ok: false, error: { code: 'forbidden', message: 'This page may not talk to Ringtray.' } };
        }
        if (args.length > 1) return badRequest(channel, 'expected at most one argument');
        const parsed = schemas.request.safeParse(args[0]);
        if (!parsed.success) {
          return badRequest(channel, parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; '));
        }
        try {
          const value = await handler(parsed.data as InvokeParsedRequest<typeof channel>);
          return { ok: true, value: schemas.response.parse(value) };
        } catch (error) {
          const message = error instanceof IpcRequestError ? error.message : 'Ringtray could not do that. The log has details.';
          log.error('ipc: handler failed', { channel, error });
          return { ok: false, error: { code: error instanceof IpcRequestError ? 'bad-request' : 'failed', message } };
        }
      });
    },
    dispose() {
      for (const channel of registered) ipcMain.removeHandler(channel);
      registered.clear();
    },
  };

  function badRequest(channel: string, detail: string): IpcResult<never> {
    log.warn('ipc: refused a malformed payload', { channel, detail });
    return { ok: false, error: { code: 'bad-request', message: `Invalid request for ${channel}: ${detail}` } };
  }
}

/** Sends a push to one window after validating it against the contract; skips destroyed windows. */
export function pushToWindow<C extends PushChannel>(contents: Pick<WebContents, 'send' | 'isDestroyed'>, channel: C, payload: PushPayload<C>): void {
  if (contents.isDestroyed()) return;
  contents.send(channel, pushSchemas[channel].parse(payload));
}
