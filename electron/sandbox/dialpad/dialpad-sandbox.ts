// A Dialpad-compatible backend on 127.0.0.1 (docs/providers/dialpad.md): OAuth (code + PKCE,
// refresh, revoke) and API keys, websockets whose URLs expire, call subscriptions, call events as
// JSON or HS256 JWTs, a call book with queue calls, the call list and call details — and fault
// switches for every way the real service can let the client down. One origin serves HTTP and
// the event sockets, so `sandbox.url` is the API base for the client.
import { silentLogger, type Logger } from '../../engine/log/logger';
import { createRouter } from '../common/http-router';
import { startLocalServer } from '../common/local-server';
import { waitFor } from '../common/wait-for';
import { createCallBook, type CallBook, type DialpadParty } from './call-book';
import { createCallGenerator, type CallGenerator } from './call-generator';
import { createEventFanout, type FanoutFaults, type SubscriptionRecord, type WebsocketRecord } from './event-fanout';
import { createDialpadOAuth, type DialpadOAuth } from './oauth';
import { dialpadRoutes, type RouteFaults } from './routes';
import { createSocketHub } from './socket-hub';

const DIALPAD_SANDBOX_CLIENT_ID = 'ringtray-dialpad-demo';
/** A public sandbox value, not a secret: it only opens this local fake. */
const DIALPAD_SANDBOX_API_KEY = 'ringtray-dialpad-demo-key';

export interface DialpadSandboxOptions {
  port?: number;
  clientId?: string;
  /** null (default): a public OAuth client, PKCE only. */
  clientSecret?: string | null;
  redirectUris?: string[];
  apiKey?: string;
  /** How long each websocket_url is valid (Dialpad: 3600 s). */
  urlLifetimeSeconds?: number;
  /** The server drops each connection this long after it opened, whatever its URL says. */
  connectionLifetimeSeconds?: number;
  accessTokenLifetimeSeconds?: number;
  createsPerMinute?: number;
  logger?: Logger;
}

export interface DialpadSandboxFaults {
  /** Every event socket is cut without a close frame. */
  drop(): void;
  /** The sockets open now stay up but go silent (no pongs, no events). */
  halfOpen(): void;
  /** Events to the sockets open now stay on the wire until the client closes them; see SocketHub.holdInFlight. */
  inFlightAtSwitch(onNextSocket?: () => void): void;
  garbage(text?: string): void;
  readonly events: FanoutFaults;
  readonly routes: RouteFaults;
  /** The websocket (and its subscriptions) vanish server-side: GET answers 404. */
  deleteWebsocket(id: string): void;
  deleteSubscription(id: string): void;
  expireAccessTokens(): void;
}

export interface DialpadSandbox {
  readonly url: string;
  readonly port: number;
  readonly clientId: string;
  readonly clientSecret: string | null;
  readonly redirectUris: string[];
  readonly apiKey: string;
  readonly user: DialpadParty;
  readonly oauth: DialpadOAuth;
  readonly calls: CallBook;
  readonly generator: CallGenerator;
  readonly faults: DialpadSandboxFaults;
  websockets(): (WebsocketRecord & { connections: number })[];
  subscriptions(): SubscriptionRecord[];
  readonly stats: { requests: Record<string, number>; openSockets: number; connectionsAccepted: number; upgradesRejected: number; droppedAtExpiry: number; framesSent: number; framesLost: number; events: number };
  /** Resolves when every event published so far was signed and sent. */
  flushed(): Promise<void>;
  waitFor: typeof waitFor;
  close(): Promise<void>;
}

export async function createDialpadSandbox(options: DialpadSandboxOptions = {}): Promise<DialpadSandbox> {
  const log = (options.logger ?? silentLogger).child('dialpad-sandbox');
  const user = { id: '5000000000000042', name: 'Jordan Receptionist', phone: '+12125550142', type: 'user', officeId: '5300000000000007' };
  const apiKey = options.apiKey ?? DIALPAD_SANDBOX_API_KEY;
  const clientId = options.clientId ?? DIALPAD_SANDBOX_CLIENT_ID;
  const clientSecret = options.clientSecret ?? null;
  const redirectUris = options.redirectUris ?? ['http://127.0.0.1:12031/callback'];
  const urlLifetime = options.urlLifetimeSeconds ?? 3600;
  let origin = '';

  const websockets = new Map<string, WebsocketRecord>();
  const subscriptions = new Map<string, SubscriptionRecord>();
  const hub = createSocketHub({
    exists: (id) => websockets.has(id),
    logger: log,
    connectionLifetimeMs: options.connectionLifetimeSeconds === undefined ? undefined : options.connectionLifetimeSeconds * 1000,
  });
  const fanout = createEventFanout({ hub, websockets: () => websockets.values(), subscriptions: () => subscriptions.values() });
  const calls = createCallBook({ user, officeId: user.officeId, onEvent: (call) => fanout.publish(call) });
  const generator = createCallGenerator(calls);
  const oauth = createDialpadOAuth({ clientId, clientSecret, redirectUris, userId: user.id, accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3600 });
  const routeFaults: RouteFaults = { createLimited: { times: 0, retryAfterSeconds: 1 }, expiredUrls: 0, callListForbidden: false };

  const verify = (token: string): string | null => (token === apiKey ? user.id : oauth.verify(token));
  const router = createRouter(
    dialpadRoutes({
      origin: () => origin,
      user,
      calls,
      websockets,
      subscriptions,
      mintUrl: (id, expired) => hub.mintUrl(origin, id, expired ? -5 : urlLifetime),
      closeWebsocket: (id) => hub.closeWebsocket(id),
      faults: routeFaults,
      createsPerMinute: options.createsPerMinute ?? 250,
    }),
    verify,
  );

  const server = await startLocalServer({
    name: 'Dialpad sandbox',
    port: options.port,
    logger: log,
    router,
    oauthPrefix: '/oauth2/',
    async handle(req, res, url) {
      if (await oauth.handle(req, res, url)) return;
      await router.dispatch(req, res, url);
    },
    internalErrorBody: { error: { code: 500, message: 'Sandbox error.' } },
    upgrade: (req, socket, head) => hub.handleUpgrade(req, socket, head),
    onClose: {
      async stopping() {
        fanout.mute();
        generator.stop();
        await hub.shutdown();
      },
      closed: () => calls.clear(),
    },
  });
  const port = server.port;
  origin = server.origin;

  const removeWebsocket = (id: string): void => {
    websockets.delete(id);
    for (const [sid, sub] of subscriptions) if (sub.websocketId === id) subscriptions.delete(sid);
    hub.closeWebsocket(id);
  };

  return {
    url: origin,
    port,
    clientId,
    clientSecret,
    redirectUris,
    apiKey,
    user,
    oauth,
    calls,
    generator,
    faults: {
      drop: () => hub.terminateAll(),
      halfOpen: () => hub.setHalfOpen(true),
      inFlightAtSwitch: (onNextSocket) => hub.holdInFlight(onNextSocket),
      garbage: (text) => fanout.garbage(text),
      events: fanout.faults,
      routes: routeFaults,
      deleteWebsocket: removeWebsocket,
      deleteSubscription: (id) => void subscriptions.delete(id),
      expireAccessTokens: () => oauth.expireAccessTokens(),
    },
    websockets: () => [...websockets.values()].map((w) => ({ ...w, connections: hub.connections(w.id) })),
    subscriptions: () => [...subscriptions.values()],
    get stats() {
      return { requests: { ...server.requests }, openSockets: hub.openSockets, ...hub.stats, events: fanout.stats.events };
    },
    flushed: () => fanout.flushed(),
    waitFor,
    close: () => server.close(),
  };
}

