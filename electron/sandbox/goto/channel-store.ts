// Notification channels and their lifetimes (docs/providers/goto.md#notification-channel). A channel lives
// `channelLifetime` seconds from creation or from its last extension. GoTo sends
// WEBSOCKET_REFRESH_REQUIRED "~600 s before expiry"; for short lifetimes (tests) 600 s would be
// before the channel even existed, so below 1200 s the request comes at half the lifetime. When
// the lifetime runs out without an extension the channel is gone: socket closed, later calls 404.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from '../../engine/log/logger';

export interface Channel {
  id: string;
  nickname: string;
  principal: string;
  /** Echoed as sent: docs/providers/goto.md says `WebSockets`, GoTo's report sample sends `WebSocket`. */
  channelType: string;
  lifetimeSeconds: number;
  createdAt: number;
  expiresAt: number;
  /** The opaque query part of channelURL: a socket must present it to attach. */
  urlToken: string;
  refreshTimer: NodeJS.Timeout | null;
  expiryTimer: NodeJS.Timeout | null;
}

export type ChannelEndReason = 'deleted' | 'expired' | 'closed';

export interface ChannelStoreOptions {
  lifetimeSeconds: number;
  /** Seconds before expiry to send REFRESH_REQUIRED; default 600, or lifetime/2 below 1200 s. */
  refreshLeadSeconds?: number;
  logger: Logger;
  onRefreshDue(channel: Channel): void;
  /** After a channel is gone for any reason (its timers are already cleared). */
  onEnded(channel: Channel, reason: ChannelEndReason): void;
}

export interface ChannelStore {
  create(principal: string, nickname: string, channelType: string): Channel;
  get(id: string): Channel | undefined;
  /** Restarts the lifetime (optionally with a new length). Undefined when the channel is gone. */
  extend(id: string, lifetimeSeconds?: number): Channel | undefined;
  /** Ends a channel now. False when it did not exist. */
  end(id: string, reason: ChannelEndReason): boolean;
  list(): Channel[];
  /** Clears every timer and forgets every channel (sandbox close). */
  clear(): void;
}

/** Upper bound on a requested lifetime: GoTo's longest seen is 10800 s; a day is generous. */
export const MAX_LIFETIME_SECONDS = 86_400;

export function refreshLeadSeconds(lifetimeSeconds: number, override?: number): number {
  if (override !== undefined) return Math.min(override, lifetimeSeconds);
  return lifetimeSeconds >= 1200 ? 600 : lifetimeSeconds / 2;
}

export function createChannelStore(options: ChannelStoreOptions): ChannelStore {
  const channels = new Map<string, Channel>();
  const log = options.logger;

  const clearTimers = (channel: Channel): void => {
    if (channel.refreshTimer) clearTimeout(channel.refreshTimer);
    if (channel.expiryTimer) clearTimeout(channel.expiryTimer);
    channel.refreshTimer = null;
    channel.expiryTimer = null;
  };

  const schedule = (channel: Channel): void => {
    clearTimers(channel);
    const lifetimeMs = channel.lifetimeSeconds * 1000;
    const leadMs = refreshLeadSeconds(channel.lifetimeSeconds, options.refreshLeadSeconds) * 1000;
    channel.refreshTimer = setTimeout(() => {
      channel.refreshTimer = null;
      options.onRefreshDue(channel);
    }, Math.max(0, lifetimeMs - leadMs));
    channel.expiryTimer = setTimeout(() => {
      channel.expiryTimer = null;
      log.info('channel lifetime ended without extension', { channelId: channel.id });
      end(channel.id, 'expired');
    }, lifetimeMs);
    // The sandbox's server keeps a demo process alive; its timers must not on their own.
    channel.refreshTimer.unref();
    channel.expiryTimer.unref();
  };

  const end = (id: string, reason: ChannelEndReason): boolean => {
    const channel = channels.get(id);
    if (!channel) return false;
    clearTimers(channel);
    channels.delete(id);
    options.onEnded(channel, reason);
    return true;
  };

  return {
    create(principal, nickname, channelType) {
      const now = Date.now();
      const channel: Channel = {
        id: randomUUID(),
        nickname,
        principal,
        channelType,
        lifetimeSeconds: options.lifetimeSeconds,
        createdAt: now,
        expiresAt: now + options.lifetimeSeconds * 1000,
        urlToken: randomBytes(18).toString('base64url'),
        refreshTimer: null,
        expiryTimer: null,
      };
      channels.set(channel.id, channel);
      schedule(channel);
      return channel;
    },
    get: (id) => channels.get(id),
    extend(id, lifetimeSeconds) {
      const channel = channels.get(id);
      if (!channel) return undefined;
      if (lifetimeSeconds !== undefined) channel.lifetimeSeconds = lifetimeSeconds;
      channel.expiresAt = Date.now() + channel.lifetimeSeconds * 1000;
      schedule(channel);
      return channel;
    },
    end,
    list: () => [...channels.values()],
    clear() {
      for (const channel of channels.values()) clearTimers(channel);
      channels.clear();
    },
  };
}
