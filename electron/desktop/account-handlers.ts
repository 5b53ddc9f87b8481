import { INVOKE } from '../../shared/ipc/channels';
import type { ProviderDescriptor } from '../../shared/providers';
import type { RingtrayEngine } from '../engine/engine-api';
import { IpcRequestError, type IpcRouter } from './ipc/ipc-router';

// IPC handlers for the account: lines, account key, sign-in/out and the demo. Sign-in resolves
// when the browser flow finishes; its progress reaches windows as status pushes meanwhile.

export interface AccountHandlerDeps {
  engine: () => RingtrayEngine;
  /** Signing in from the demo first switches back to the account's engine. */
  leaveDemo: () => Promise<void>;
  isDemo: () => boolean;
  startDemo: (provider?: string) => Promise<void>;
  /** The phone systems offered to the user (descriptors only: no provider code reaches the renderer). */
  providers: () => ProviderDescriptor[];
}

/** The engine rejects sign-in with a sentence for the user (engine-api.ts): pass it through. */
function userFacing(error: unknown, fallback: string): IpcRequestError {
  const message = error instanceof Error && error.message.trim() ? error.message : fallback;
  return new IpcRequestError(message.slice(0, 500));
}

export function registerAccountHandlers(router: IpcRouter, deps: AccountHandlerDeps): void {
  router.handle(INVOKE.listLines, () => deps.engine().listLines());

  router.handle(INVOKE.detectAccountKey, async () => {
    try {
      const accountKey = await deps.engine().detectAccountKey();
      return accountKey
        ? { accountKey, message: null }
        : { accountKey: null, message: 'Your phone system did not say which account this is. Enter it by hand in Settings.' };
    } catch {
      return { accountKey: null, message: 'Ringtray could not ask your phone system for the account. Sign in first, or enter it by hand.' };
    }
  });

  router.handle(INVOKE.signIn, async () => {
    if (deps.isDemo()) await deps.leaveDemo();
    try {
      await deps.engine().signIn();
    } catch (error) {
      throw userFacing(error, 'Sign-in did not finish.');
    }
    return { done: true as const };
  });

  router.handle(INVOKE.cancelSignIn, () => {
    deps.engine().cancelSignIn();
    return { done: true as const };
  });

  router.handle(INVOKE.signOut, async () => {
    if (deps.isDemo()) await deps.leaveDemo();
    else await deps.engine().signOut();
    return { done: true as const };
  });

  router.handle(INVOKE.retryConnection, () => {
    deps.engine().retry();
    return { done: true as const };
  });

  router.handle(INVOKE.listProviders, () => ({ providers: deps.providers() }));

  router.handle(INVOKE.startDemo, async (request) => {
    try {
      await deps.startDemo(request?.provider);
    } catch (error) {
      throw userFacing(error, 'The demo could not start.');
    }
    return { done: true as const };
  });
}
