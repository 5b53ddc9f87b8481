// The fault switches a test (or a demo's "chaos" button) can pull, each one a failure the client
// must survive per docs/reliability.md#the-socket: dropped TCP, half-open sockets, server-requested refresh and
// close, channel expiry, expired tokens, failing HTTP, failing subscription entries, malformed and
// duplicated frames.
import type { SubscriptionEntryFault } from './api-deps';
import type { ChannelStore } from './channel-store';
import type { FrameFanout } from './frame-fanout';
import { GARBAGE_KINDS, garbageFrame } from './frames';
import type { HttpFaults } from '../common/http-faults';
import type { OAuthBackend } from '../common/oauth-backend';
import type { SandboxFaults } from './sandbox-types';
import type { WebSocketHub } from './websocket-hub';

/** Default size of the `oversized` garbage frame: 2 MiB, above any sane client maxPayload. */
const DEFAULT_OVERSIZED_BYTES = 2 * 1024 * 1024;

export interface FaultDeps {
  channels: ChannelStore;
  hub: WebSocketHub;
  fanout: FrameFanout;
  oauth: OAuthBackend;
  httpFaults: HttpFaults;
  subscriptionFaults: SubscriptionEntryFault[];
  expireIssuedTokens(): void;
  toBeClosedGraceMs: number;
  /** Timers the sandbox clears on close. */
  timers: Set<NodeJS.Timeout>;
}

export function createSandboxFaults(deps: FaultDeps): SandboxFaults {
  const targets = (channelId?: string): string[] => {
    if (channelId === undefined) return deps.channels.list().map((c) => c.id);
    if (!deps.channels.get(channelId)) throw new Error(`No live channel ${channelId}.`);
    return [channelId];
  };

  return {
    dropSockets: () => deps.hub.terminateAll(),
    halfOpen: (on, options) => deps.hub.setHalfOpen(on, options),
    acceptAndDrop: (on, options) => deps.hub.setAcceptAndDrop(on ? (options?.afterMs ?? 10) : null),
    refreshRequired(channelId) {
      for (const id of targets(channelId)) deps.fanout.control(id, 'WEBSOCKET_REFRESH_REQUIRED');
    },
    toBeClosed(channelId, options = {}) {
      const graceMs = options.graceMs ?? deps.toBeClosedGraceMs;
      for (const id of targets(channelId)) {
        deps.fanout.control(id, 'WEBSOCKET_TO_BE_CLOSED');
        const timer = setTimeout(() => {
          deps.timers.delete(timer);
          deps.channels.end(id, 'closed');
        }, graceMs);
        timer.unref();
        deps.timers.add(timer);
      }
    },
    expireChannel(channelId) {
      for (const id of targets(channelId)) deps.channels.end(id, 'expired');
    },
    expireAccessTokens() {
      deps.oauth.expireAllAccessTokens();
      deps.expireIssuedTokens();
    },
    revokeRefreshTokens: () => deps.oauth.revokeAllRefreshTokens(),
    failTokenRequests: (fault) => deps.oauth.failTokenRequests(fault),
    failHttp: (fault) => deps.httpFaults.add(fault),
    delayHttp: (delay) => deps.httpFaults.delay(delay),
    releaseHttpDelays: () => deps.httpFaults.release(),
    failSubscriptions(fault) {
      const times = fault.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new Error('failSubscriptions: times must be a positive integer');
      deps.subscriptionFaults.push({ ...fault, times });
    },
    sendGarbage(kind, options = {}) {
      if (!GARBAGE_KINDS.includes(kind)) throw new Error(`sendGarbage: kind must be one of ${GARBAGE_KINDS.join(', ')}`);
      const frame = garbageFrame(kind, options.bytes ?? DEFAULT_OVERSIZED_BYTES);
      for (const id of targets(options.channelId)) deps.hub.send(id, frame.data, frame.binary);
    },
    duplicateNextFrames: (n) => deps.fanout.duplicateNext(n),
    clear() {
      deps.httpFaults.clear();
      deps.subscriptionFaults.length = 0;
      deps.fanout.duplicateNext(0);
      deps.hub.setHalfOpen(false);
      deps.hub.setAcceptAndDrop(null);
    },
  };
}
