// Last-resort handlers for errors nothing else caught, in the app's main process and in headless
// mode (docs/security.md, "Unhandled errors"). Without them Node prints the raw error — which may
// hold a token or a URL with a code — and, for a rejection, kills the process: a tray app that
// vanishes misses every later call.
// - An unhandled promise rejection is logged (redacted, like every record) and Ringtray keeps
//   running: by then the promise's work has failed, but nothing is left half-changed.
// - An uncaught exception is logged and the process exits cleanly (`exit`, which stops the engine
//   within its quit timeout): after a throw that unwound an unknown part of the stack, state cannot
//   be trusted, and a clean restart beats running on wrong state.
import type { Logger } from './logger';

export interface ProcessLike {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error) => void): unknown;
}

export function installProcessGuards(log: Logger, exit: (code: number) => void, target: ProcessLike = process): () => void {
  let exiting = false;
  const onRejection = (reason: unknown): void => {
    log.error('unhandled promise rejection (Ringtray keeps running)', { error: reason });
  };
  const onException = (error: Error): void => {
    log.error('uncaught exception: Ringtray stops cleanly', { error });
    if (exiting) return;
    exiting = true;
    exit(1);
  };
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
