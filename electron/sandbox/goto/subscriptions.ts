// Which channel hears what (docs/providers/goto.md#call-events, #call-events-report). A call-events
// subscription is per (channel, accountKey) with the state types asked for; a report subscription
// is per (channel, accountKey, eventType) and has an id. Subscribing again replaces, so a client
// that re-subscribes after a reconnect does not get every frame twice. Subscriptions die with
// their channel.
import { randomUUID } from 'node:crypto';

export type StateType = 'STARTING' | 'ACTIVE' | 'ENDING';
export const STATE_TYPES: readonly StateType[] = ['STARTING', 'ACTIVE', 'ENDING'];

export interface ReportSubscription {
  id: string;
  channelId: string;
  /** The account key (GoTo calls it `value` in the 201 answer). */
  value: string;
  eventTypes: string[];
}

export interface ChannelSubscriptions {
  callEvents: { accountKey: string; events: StateType[] }[];
  reports: ReportSubscription[];
}

export interface SubscriptionBook {
  addCallEvents(channelId: string, accountKey: string, events: StateType[]): void;
  removeCallEvents(channelId: string, accountKey: string): boolean;
  addReport(channelId: string, accountKey: string, eventType: string): ReportSubscription;
  removeReports(channelId: string, accountKey: string, eventType?: string): boolean;
  removeChannel(channelId: string): void;
  /** Channels that asked for `type` states of `accountKey`'s calls. */
  callEventChannels(accountKey: string, type: StateType): string[];
  reportChannels(accountKey: string, eventType: string): string[];
  forChannel(channelId: string): ChannelSubscriptions;
  clear(): void;
}

export function createSubscriptionBook(): SubscriptionBook {
  // channelId → accountKey → events
  const callEvents = new Map<string, Map<string, Set<StateType>>>();
  // channelId → `${accountKey}\n${eventType}` → subscription
  const reports = new Map<string, Map<string, ReportSubscription>>();

  return {
    addCallEvents(channelId, accountKey, events) {
      const perChannel = callEvents.get(channelId) ?? new Map<string, Set<StateType>>();
      perChannel.set(accountKey, new Set(events));
      callEvents.set(channelId, perChannel);
    },
    removeCallEvents(channelId, accountKey) {
      const perChannel = callEvents.get(channelId);
      const removed = perChannel?.delete(accountKey) ?? false;
      if (perChannel?.size === 0) callEvents.delete(channelId);
      return removed;
    },
    addReport(channelId, accountKey, eventType) {
      const perChannel = reports.get(channelId) ?? new Map<string, ReportSubscription>();
      const key = `${accountKey}\n${eventType}`;
      const existing = perChannel.get(key);
      if (existing) return existing;
      const sub: ReportSubscription = { id: randomUUID(), channelId, value: accountKey, eventTypes: [eventType] };
      perChannel.set(key, sub);
      reports.set(channelId, perChannel);
      return sub;
    },
    removeReports(channelId, accountKey, eventType) {
      const perChannel = reports.get(channelId);
      if (!perChannel) return false;
      let removed = false;
      for (const [key, sub] of perChannel) {
        if (sub.value === accountKey && (eventType === undefined || sub.eventTypes.includes(eventType))) {
          perChannel.delete(key);
          removed = true;
        }
      }
      if (perChannel.size === 0) reports.delete(channelId);
      return removed;
    },
    removeChannel(channelId) {
      callEvents.delete(channelId);
      reports.delete(channelId);
    },
    callEventChannels(accountKey, type) {
      const out: string[] = [];
      for (const [channelId, perChannel] of callEvents) if (perChannel.get(accountKey)?.has(type)) out.push(channelId);
      return out;
    },
    reportChannels(accountKey, eventType) {
      const out: string[] = [];
      for (const [channelId, perChannel] of reports) if (perChannel.has(`${accountKey}\n${eventType}`)) out.push(channelId);
      return out;
    },
    forChannel(channelId) {
      return {
        callEvents: [...(callEvents.get(channelId) ?? new Map<string, Set<StateType>>())].map(([accountKey, events]) => ({
          accountKey,
          events: [...events],
        })),
        reports: [...(reports.get(channelId)?.values() ?? [])],
      };
    },
    clear() {
      callEvents.clear();
      reports.clear();
    },
  };
}
