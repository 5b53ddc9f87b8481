import { INVOKE } from '../../../shared/ipc/channels';
import type { ProxyCredentials } from '../../engine/net/network-port';
import { IpcRequestError, type IpcRouter } from '../ipc/ipc-router';

// IPC for the proxy sign-in window (docs/network.md#desktop): its answer, validated by the
// channel's schema, goes to the window manager that is waiting for it.

export interface ProxySignInAnswers {
  /** False when no window asks about that proxy (any more). */
  answer(proxy: string, credentials: ProxyCredentials | null): boolean;
}

export function registerNetworkHandlers(router: IpcRouter, windows: ProxySignInAnswers): void {
  router.handle(INVOKE.answerProxySignIn, ({ proxy, credentials }) => {
    if (!windows.answer(proxy, credentials)) throw new IpcRequestError('Ringtray is not asking for that proxy’s password any more.');
    return { done: true } as const;
  });
}
