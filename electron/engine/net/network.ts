// The process's one way out to the network (docs/network.md). A process has one set of proxy
// settings and one trust store, so the port is installed once at start-up (desktop or headless)
// and every REST call and WebSocket asks it: `connectionFor(url)` gives the agent (direct, or a
// CONNECT tunnel through the proxy) and the TLS context to use.
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { NetworkProblem } from './network-errors';
import { directPort, type NetworkPort, type ProxyCredentials, type Route } from './network-port';

export type Purpose = 'rest' | 'socket';

export interface Connection {
  route: Route;
  /** Undefined: the socket's own default connection (a direct WebSocket). */
  agent: http.Agent | undefined;
  /** Undefined: Node's default trust store. */
  secureContext: tls.SecureContext | undefined;
}

let port: NetworkPort = directPort;
let secureContext: tls.SecureContext | undefined | null = null;
/** REST keeps connections alive per protocol; sockets own their connection. */
let directAgents = makeDirectAgents();
/** One agent per proxy and purpose, rebuilt when the credentials change. */
const proxyAgents = new Map<string, { credentials: string; agent: HttpsProxyAgent<string> }>();

function makeDirectAgents(): Record<'http:' | 'https:', http.Agent> {
  return {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 8 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 8 }),
  };
}

/**
 * The network problem the latest request or socket ran into, until one gets an answer again.
 * The engine shows it as its state (docs/network.md#what-the-user-sees): the socket and REST
 * share one proxy, so whichever hits it first speaks for both.
 */
let problem: NetworkProblem | null = null;
const problemListeners = new Set<(problem: NetworkProblem | null) => void>();

export function reportNetworkProblem(next: NetworkProblem | null): void {
  if (next?.kind === problem?.kind && next?.message === problem?.message) return;
  problem = next;
  for (const listener of problemListeners) listener(next);
}

export function currentNetworkProblem(): NetworkProblem | null {
  return problem;
}

export function onNetworkProblem(listener: (problem: NetworkProblem | null) => void): () => void {
  problemListeners.add(listener);
  return () => problemListeners.delete(listener);
}

/** Installs the port for this process; pooled connections of the previous one are closed. */
export function useNetworkPort(next: NetworkPort): void {
  port = next;
  reportNetworkProblem(null);
  secureContext = null;
  for (const agent of Object.values(directAgents)) agent.destroy();
  directAgents = makeDirectAgents();
  for (const { agent } of proxyAgents.values()) agent.destroy();
  proxyAgents.clear();
}

export function networkPort(): NetworkPort {
  return port;
}

export async function connectionFor(url: URL, purpose: Purpose): Promise<Connection> {
  const route = await port.route(url);
  const context = trustContext();
  if (route.kind === 'direct') {
    const agent = purpose === 'rest' ? directAgents[url.protocol === 'https:' || url.protocol === 'wss:' ? 'https:' : 'http:'] : undefined;
    return { route, agent, secureContext: context };
  }
  return { route, agent: proxyAgent(route.proxy, route.credentials, purpose, context), secureContext: context };
}

function trustContext(): tls.SecureContext | undefined {
  if (secureContext === null) {
    const certificates = port.trustedCertificates();
    // One context for the whole trust list: parsing a few hundred roots per connection would cost
    // milliseconds on every reconnect.
    secureContext = certificates ? tls.createSecureContext({ ca: [...certificates] }) : undefined;
  }
  return secureContext;
}

function proxyAgent(proxy: URL, credentials: ProxyCredentials | null, purpose: Purpose, context: tls.SecureContext | undefined): HttpsProxyAgent<string> {
  const key = `${purpose} ${proxy.origin}`;
  const secret = credentials ? `${credentials.username}\u0000${credentials.password}` : '';
  const held = proxyAgents.get(key);
  if (held && held.credentials === secret) return held.agent;
  held?.agent.destroy();
  // Credentials go in a header of the CONNECT request, never in the proxy URL: the agent's URL
  // ends up in debug output and error messages.
  const headers: Record<string, string> = credentials ? { 'Proxy-Authorization': `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` } : {};
  const agent = new HttpsProxyAgent(proxy.origin, { keepAlive: purpose === 'rest', maxSockets: 8, headers, secureContext: context });
  // (`secureContext` here is for an https:// proxy itself; the tunnelled server's TLS takes the
  // request's own `secureContext`.)
  proxyAgents.set(key, { credentials: secret, agent });
  return agent;
}
