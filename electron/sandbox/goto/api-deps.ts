// What the API route modules share: the sandbox's state stores and a few helpers that more than
// one route family needs (channel ownership, account checks).
import type { CallBook } from './call-book';
import type { Channel, ChannelStore } from './channel-store';
import type { SandboxLine } from './fixtures';
import { ApiError } from '../common/http-io';
import type { ReportStore } from './report-store';
import type { SubscriptionBook } from './subscriptions';
import type { WebSocketHub } from './websocket-hub';

export interface SandboxAccount {
  accountKey: string;
  organizationId: string;
  /** The signed-in user the OAuth backend issues tokens for. */
  principal: string;
  /** Every line of the account, the user's and their colleagues'. */
  lines: SandboxLine[];
}

/** A failed entry in the next call-events subscription answers (docs/providers/goto.md#call-events: a failed entry carries errorCode). */
export interface SubscriptionEntryFault {
  status: number;
  errorCode: string;
  message?: string;
  times?: number;
}

export interface ApiDeps {
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  origin(): string;
  account: SandboxAccount;
  channels: ChannelStore;
  hub: WebSocketHub;
  subscriptions: SubscriptionBook;
  calls: CallBook;
  reports: ReportStore;
  /** Consumes one pending subscription-entry fault, if any. */
  takeSubscriptionFault(): SubscriptionEntryFault | undefined;
}

/**
 * The channel `id` if it exists and belongs to `principal` (docs/providers/goto.md#notification-channel: the same token and user must
 * create the channel and its subscriptions"): 404 when gone, 403 when someone else's.
 */
export function ownedChannel(deps: ApiDeps, id: string, principal: string, nickname?: string): Channel {
  const channel = deps.channels.get(id);
  if (!channel || (nickname !== undefined && channel.nickname !== nickname)) {
    throw new ApiError(404, 'NOT_FOUND', `Channel ${id} does not exist (deleted or expired).`);
  }
  if (channel.principal !== principal) throw new ApiError(403, 'FORBIDDEN', 'The channel belongs to another user.');
  return channel;
}

export function requireAccount(deps: ApiDeps, accountKey: string): void {
  if (accountKey !== deps.account.accountKey) {
    throw new ApiError(403, 'FORBIDDEN', `Not authorized for account ${accountKey}.`);
  }
}
