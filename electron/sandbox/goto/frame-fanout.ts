// Turns sandbox events into socket frames for the channels that asked for them: call-state
// contents to call-events subscribers (filtered by state type), REPORT_SUMMARY to report
// subscribers when a call ends, control messages to one channel. Counts what went out and can
// duplicate the next frames (docs/reliability.md#every-call-closed: duplicates never make a second toast).
import type { CallRecord, CallStateContent } from './call-book';
import { controlFrame, envelope, type ControlMessageFormat, type ControlType } from './frames';
import type { ReportSummary } from './report-store';
import type { SubscriptionBook } from './subscriptions';
import type { WebSocketHub } from './websocket-hub';

export interface FanoutStats {
  callFramesSent: number;
  reportFramesSent: number;
  controlFramesSent: number;
}

export interface FrameFanout {
  callState(call: CallRecord, content: CallStateContent): void;
  reportSummary(accountKey: string, summary: ReportSummary): void;
  control(channelId: string, type: ControlType): void;
  duplicateNext(n: number): void;
  /** After close nothing is sent. */
  mute(): void;
  readonly stats: FanoutStats;
}

export function createFrameFanout(deps: { hub: WebSocketHub; subscriptions: SubscriptionBook; controlFormat: ControlMessageFormat }): FrameFanout {
  const stats: FanoutStats = { callFramesSent: 0, reportFramesSent: 0, controlFramesSent: 0 };
  let duplicates = 0;
  let muted = false;

  return {
    callState(call, content) {
      if (muted) return;
      const frame = envelope('call-events', 'call-state', content, content.state.timestamp);
      const copies = duplicates > 0 ? 2 : 1;
      if (duplicates > 0) duplicates -= 1;
      for (const channelId of deps.subscriptions.callEventChannels(call.accountKey, content.state.type)) {
        for (let i = 0; i < copies; i += 1) if (deps.hub.send(channelId, frame)) stats.callFramesSent += 1;
      }
    },
    reportSummary(accountKey, summary) {
      if (muted) return;
      const frame = envelope('call-events-report', 'REPORT_SUMMARY', { ...summary });
      for (const channelId of deps.subscriptions.reportChannels(accountKey, 'REPORT_SUMMARY')) {
        if (deps.hub.send(channelId, frame)) stats.reportFramesSent += 1;
      }
    },
    control(channelId, type) {
      if (muted) return;
      if (deps.hub.send(channelId, controlFrame(type, deps.controlFormat))) stats.controlFramesSent += 1;
    },
    duplicateNext(n) {
      if (!Number.isInteger(n) || n < 0) throw new Error('duplicateNextFrames: n must be a whole number ≥ 0');
      duplicates = n;
    },
    mute() {
      muted = true;
    },
    get stats() {
      return { ...stats };
    },
  };
}
