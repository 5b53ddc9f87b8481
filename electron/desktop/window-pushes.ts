import type { WebContents } from 'electron';
import type { PushChannel } from '../../shared/ipc/channels';
import type { PushPayload } from '../../shared/ipc/schemas';
import type { EngineStatus } from '../engine/engine-api';
import { pushToWindow } from './ipc/ipc-router';

// Main → every open window: status, call notices and settings changes, each validated against the
// contract by pushToWindow. The windows are asked for at send time, so new windows are included.

export type PushTarget = Pick<WebContents, 'send' | 'isDestroyed'>;

export function createWindowPushes(targets: () => readonly PushTarget[], onError: (error: unknown) => void) {
  return function broadcast<C extends PushChannel>(channel: C, payload: PushPayload<C>): void {
    for (const contents of targets()) {
      try {
        pushToWindow(contents, channel, payload);
      } catch (error) {
        onError(error);
      }
    }
  };
}

export type Broadcast = ReturnType<typeof createWindowPushes>;

export function statusView(status: EngineStatus, missedCount: number, toastProblem: string | null = null): PushPayload<'app:status-changed'> {
  return { state: status.state, message: status.message, problem: status.problem, at: status.at, demo: status.demo, missedCount, toastProblem };
}
