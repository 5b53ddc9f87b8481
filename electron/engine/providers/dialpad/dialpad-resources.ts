// The websocket and call subscription Ringtray keeps at Dialpad (docs/providers/dialpad.md): made
// once, their ids remembered (they are not secrets) and reused on every start; made again only
// when Dialpad answers 404 for them. Creating is rate limited (429 + Retry-After: the error goes
// up to the connection's backoff, which waits as told). The websocket's signing secret lives in
// the keychain under `dialpad:websocket-secret:<websocket id>`.
import { randomBytes } from 'node:crypto';
import { HttpError } from '../../http/http-errors';
import type { Logger } from '../../log/logger';
import type { SecretStore } from '../../secrets/secret-store';
import type { DialpadApi } from './dialpad-api';

export interface DialpadResourceIds {
  websocketId: string;
  subscriptionId: string | null;
}

/** Where the ids are kept between runs (settings in the app, memory in tests). */
export interface DialpadResourceMemory {
  load(): DialpadResourceIds | null;
  save(ids: DialpadResourceIds | null): void;
}

export interface ReadyWebsocket {
  websocketId: string;
  subscriptionId: string;
  url: string;
  /** The HS256 key events are signed with. */
  secret: Uint8Array;
}

export function websocketSecretAccount(websocketId: string): string {
  return `dialpad:websocket-secret:${websocketId}`;
}

const isGone = (error: unknown): boolean => error instanceof HttpError && (error.status === 404 || error.status === 410);

export interface ResourceCounters {
  websocketsCreated: number;
  subscriptionsCreated: number;
}

export function createResourceKeeper(deps: { api: DialpadApi; memory: DialpadResourceMemory; secrets: SecretStore; userId: () => Promise<string>; log: Logger }) {
  const counters: ResourceCounters = { websocketsCreated: 0, subscriptionsCreated: 0 };
  let secretCache: { websocketId: string; secret: Uint8Array } | null = null;

  const secretFor = async (websocketId: string): Promise<Uint8Array | null> => {
    if (secretCache?.websocketId === websocketId) return secretCache.secret;
    const value = await deps.secrets.get(websocketSecretAccount(websocketId));
    if (!value) return null;
    secretCache = { websocketId, secret: new TextEncoder().encode(value) };
    return secretCache.secret;
  };

  const createWebsocket = async (): Promise<{ id: string; url: string; secret: Uint8Array }> => {
    const value = randomBytes(32).toString('base64url');
    const ws = await deps.api.createWebsocket(value);
    counters.websocketsCreated += 1;
    await deps.secrets.set(websocketSecretAccount(ws.id), value);
    deps.memory.save({ websocketId: ws.id, subscriptionId: null });
    secretCache = { websocketId: ws.id, secret: new TextEncoder().encode(value) };
    deps.log.info('dialpad: websocket created', { websocketId: ws.id });
    return { id: ws.id, url: ws.websocket_url, secret: secretCache.secret };
  };

  const createSubscription = async (websocketId: string): Promise<string> => {
    const sub = await deps.api.createCallSubscription(websocketId, await deps.userId());
    counters.subscriptionsCreated += 1;
    deps.memory.save({ websocketId, subscriptionId: sub.id });
    deps.log.info('dialpad: call subscription created', { subscriptionId: sub.id });
    return sub.id;
  };

  /** Deletes a websocket and its subscription at Dialpad (best effort) and its secret here. */
  const discard = async (ids: DialpadResourceIds, timeoutMs?: number): Promise<void> => {
    await Promise.allSettled([
      ids.subscriptionId ? deps.api.deleteCallSubscription(ids.subscriptionId, timeoutMs) : Promise.resolve(),
      deps.api.deleteWebsocket(ids.websocketId, timeoutMs),
      deps.secrets.delete(websocketSecretAccount(ids.websocketId)),
    ]);
  };

  return {
    counters,
    /** The websocket + subscription, checked (or made), and a fresh URL for the socket. */
    async ready(): Promise<ReadyWebsocket> {
      const known = deps.memory.load();
      if (known) {
        const [ws, sub, secret] = await Promise.allSettled([
          deps.api.getWebsocket(known.websocketId),
          known.subscriptionId ? deps.api.getCallSubscription(known.subscriptionId) : Promise.resolve(null),
          secretFor(known.websocketId),
        ]);
        if (ws.status === 'rejected' && !isGone(ws.reason)) throw ws.reason;
        if (secret.status === 'rejected') throw secret.reason;
        if (ws.status === 'fulfilled' && secret.value) {
          if (sub.status === 'rejected' && !isGone(sub.reason)) throw sub.reason;
          const subscriptionId = sub.status === 'fulfilled' && sub.value ? sub.value.id : await createSubscription(known.websocketId);
          return { websocketId: known.websocketId, subscriptionId, url: ws.value.websocket_url, secret: secret.value };
        }
        // Gone at Dialpad (404), or its secret is no longer in the keychain: start afresh.
        deps.log.info('dialpad: websocket gone or its secret missing, making a new one', { websocketId: known.websocketId, gone: ws.status === 'rejected' });
        deps.memory.save(null);
        void discard(known);
      }
      const created = await createWebsocket();
      const subscriptionId = await createSubscription(created.id);
      return { websocketId: created.id, subscriptionId, url: created.url, secret: created.secret };
    },
    /** Sign-out: both resources deleted at Dialpad, the secret and the ids forgotten. */
    async forget(timeoutMs: number): Promise<void> {
      const known = deps.memory.load();
      deps.memory.save(null);
      secretCache = null;
      if (known) await discard(known, timeoutMs);
    },
  };
}
