// The network failures a person can act on (docs/network.md#what-the-user-sees): the proxy cannot
// be reached, the proxy wants (other) credentials, or the server's certificate chains to an
// authority this computer does not trust — typically a company gateway that inspects TLS. Each
// carries its own sentence; everything else stays an ordinary transient network error.
import type { ClientRequest } from 'node:http';
import tls from 'node:tls';
import type { NETWORK_PROBLEM_KINDS } from '../../../shared/status';
import { networkPort, reportNetworkProblem } from './network';
import { proxyLabel, type Route } from './network-port';

export type NetworkProblemKind = (typeof NETWORK_PROBLEM_KINDS)[number];

export interface NetworkProblem {
  kind: NetworkProblemKind;
  /** One sentence for the user: what is wrong and what to do. Never a credential. */
  message: string;
}

/** Thrown (or passed to a socket's error handler) for a `NetworkProblem`. */
export class NetworkProblemError extends Error {
  override readonly name = 'NetworkProblemError';
  constructor(readonly problem: NetworkProblem) {
    super(problem.message);
  }
}

/** Socket errors that mean "nothing answered at that address" (DNS, refused, unroutable, silent). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE']);

/** OpenSSL's verdicts for a chain that does not end at a trusted root (not expiry, not a wrong name). */
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
]);

function proxyUnreachable(proxy: URL, code: string): NetworkProblem {
  return {
    kind: 'proxy-unreachable',
    message: `Ringtray cannot reach the proxy server ${proxyLabel(proxy)} (${code}). Check the proxy setting, or ask your IT team whether it has moved.`,
  };
}

function proxyAuthProblem(proxy: URL, hadCredentials: boolean): NetworkProblem {
  return hadCredentials
    ? { kind: 'proxy-auth-failed', message: `The proxy server ${proxyLabel(proxy)} refused the user name and password. Enter them again.` }
    : { kind: 'proxy-auth-required', message: `The proxy server ${proxyLabel(proxy)} asks for a user name and password.` };
}

function certificateUntrusted(host: string, issuer: string | null): NetworkProblem {
  const by = issuer ? `issued by “${issuer}”` : 'from an authority';
  return {
    kind: 'certificate-untrusted',
    message:
      `The connection to ${host} uses a certificate ${by} that this computer does not trust. ` +
      `If your network inspects secure traffic, ask your IT team to install its root certificate on this computer.`,
  };
}

/**
 * Follows one request (REST, or a WebSocket's upgrade request) so that its failure can be
 * named: the proxy's answer to CONNECT (https-proxy-agent emits `proxyConnect` on the request)
 * and the issuer of the server's certificate chain.
 */
export class RequestWatch {
  private proxyStatus: number | null = null;
  private issuer: string | null = null;

  constructor(
    private readonly url: URL,
    private readonly route: Route,
  ) {}

  attach(req: ClientRequest): void {
    req.once('proxyConnect', (res: { statusCode?: number }) => {
      this.proxyStatus = res.statusCode ?? 0;
    });
    req.once('socket', (socket) => {
      if (!(socket instanceof tls.TLSSocket)) return;
      // The peer certificate is gone once a failed verification has destroyed the socket; the
      // TLS socket's 'secure' event fires after the handshake and before that verification, so a
      // listener in front of Node's own can still read the chain (docs/network.md, "Naming the issuer").
      socket.prependOnceListener('secure', () => {
        this.issuer = issuerOf(socket.getPeerCertificate(true));
      });
    });
  }

  /** A request error as a problem the user can act on, or null for an ordinary network error. */
  problemOf(error: NodeJS.ErrnoException): NetworkProblem | null {
    const code = error.code ?? '';
    let problem: NetworkProblem | null = null;
    if (UNTRUSTED_CODES.has(code)) problem = certificateUntrusted(this.url.hostname, this.issuer);
    else if (this.route.kind === 'proxy' && this.proxyStatus === null && UNREACHABLE_CODES.has(code)) problem = proxyUnreachable(this.route.proxy, code);
    if (problem) reportNetworkProblem(problem);
    return problem;
  }

  /** The server answered (through the proxy, over a trusted connection): no network problem now. */
  answered(): void {
    reportNetworkProblem(null);
  }

  /**
   * An HTTP status that came from the proxy rather than from the server: https-proxy-agent
   * replays a refused CONNECT's answer as the response. 407 is the proxy asking for credentials.
   */
  proxyRefusal(status: number): NetworkProblem | { other: string } | null {
    if (this.route.kind !== 'proxy' || this.proxyStatus === null || this.proxyStatus === 200) return null;
    if (status === 407) {
      const hadCredentials = this.route.credentials !== null;
      const problem = proxyAuthProblem(this.route.proxy, hadCredentials);
      reportNetworkProblem(problem);
      networkPort().proxyAuthFailed?.(this.route.proxy, hadCredentials);
      return problem;
    }
    return { other: `the proxy server ${proxyLabel(this.route.proxy)} answered ${status} when asked to connect to ${this.url.host}` };
  }
}

/** The name of the authority at the top of the chain the server sent (the root it claims). */
function issuerOf(cert: tls.DetailedPeerCertificate | null | undefined): string | null {
  let top = cert;
  for (let i = 0; i < 10 && top?.issuerCertificate && top.issuerCertificate !== top; i += 1) top = top.issuerCertificate;
  const issuer = top?.issuer;
  if (!issuer) return null;
  const name = issuer.CN ?? issuer.O ?? null;
  // The name is the server's text: no control characters, bounded.
  return typeof name === 'string' ? name.replace(/\p{Cc}/gu, '').slice(0, 200) : null;
}
