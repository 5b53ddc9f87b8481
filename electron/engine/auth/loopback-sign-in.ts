// OAuth authorization-code sign-in through a loopback redirect (RFC 8252 §7.3, adapted to providers
// that match redirect URIs exactly: the port and path are the registered ones, not random). One listener
// on 127.0.0.1 for the duration of one attempt; the browser is opened only once it listens.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { LoopbackRedirect } from './loopback-redirect';
import { HttpError } from '../http/http-errors';
import { silentLogger, type Logger } from '../log/logger';
import { registerSecret } from '../log/secret-values';
import { sendPage } from './loopback-pages';
import type { OAuthTokenClient } from './oauth-token-client';
import type { ProviderWording } from './provider-wording';
import { createPkce, createState, sameSecret } from './pkce';
import {
  SIGN_IN_CANCELLED_MESSAGE,
  SIGN_IN_TIMEOUT_MESSAGE,
  portInUseMessage,
  providerErrorMessage,
  type SignInFailure,
} from './sign-in-messages';
import type { TokenSet } from './token-response';

const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export interface LoopbackSignInOptions {
  authorizeUrl: string;
  redirect: LoopbackRedirect;
  clientId: string;
  scopes: readonly string[];
  tokenClient: OAuthTokenClient;
  /** Extra authorize query parameters the provider asks for. */
  authorizeParams?: Readonly<Record<string, string>>;
  wording: ProviderWording;
  /** Electron's shell.openExternal in the app; printing the URL in headless mode. */
  openUrl: (url: string) => void | Promise<void>;
  timeoutMs?: number;
  logger?: Logger;
}

export type SignInResult = { ok: true; tokens: TokenSet } | { ok: false; reason: SignInFailure; message: string };

export interface SignInAttempt {
  /** Resolves (never rejects) once the attempt is over and the port is closed. */
  readonly result: Promise<SignInResult>;
  /** Ends the attempt as cancelled (if still open) and closes the port. Idempotent. */
  cancel(): Promise<void>;
}

type Phase = 'starting' | 'waiting' | 'exchanging' | 'done';

export function startLoopbackSignIn(options: LoopbackSignInOptions): SignInAttempt {
  const log = (options.logger ?? silentLogger).child('sign-in');
  const { redirect } = options;
  const state = createState();
  const pkce = createPkce();
  const abort = new AbortController();
  const allowedHosts = new Set([`127.0.0.1:${redirect.port}`, ...(redirect.hostname === 'localhost' ? [`localhost:${redirect.port}`] : [])]);
  let phase: Phase = 'starting';
  let resolveResult!: (r: SignInResult) => void;
  const result = new Promise<SignInResult>((resolve) => (resolveResult = resolve));
  let closing: Promise<void> | null = null;
  let ignored = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error('sign-in callback handler failed', { error });
      if (!res.headersSent) sendPage(res, 500, 'Sign-in failed', 'Something went wrong. Return to Ringtray and try again.');
    });
  });
  // A stray client must not hold the listener open: short header/request deadlines.
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;

  const timer = setTimeout(() => finish({ ok: false, reason: 'timeout', message: SIGN_IN_TIMEOUT_MESSAGE }), options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS);

  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Browsers keep connections alive; without this close() would wait for them.
      server.closeAllConnections();
    });
    return closing;
  }

  /** Ends the attempt: first caller wins; the result resolves after the port is closed. */
  function finish(outcome: SignInResult, beforeClose?: (close: () => void) => void): void {
    if (phase === 'done') return;
    phase = 'done';
    clearTimeout(timer);
    abort.abort();
    if (ignored > 0) log.info('sign-in ignored stray requests', { count: ignored });
    log.info('sign-in finished', outcome.ok ? { ok: true } : { ok: false, reason: outcome.reason });
    const closeThenResolve = (): void => void close().then(() => resolveResult(outcome));
    if (beforeClose) beforeClose(closeThenResolve);
    else closeThenResolve();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a page on another origin resolving its name to 127.0.0.1 sends its own Host.
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      ignored += 1;
      return sendPage(res, 421, 'Wrong address', 'This address does not belong to a Ringtray sign-in.');
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${redirect.port}`);
    } catch {
      ignored += 1;
      return sendPage(res, 400, 'Bad request', 'This request could not be read.');
    }
    if (url.pathname !== redirect.path) {
      ignored += 1;
      return sendPage(res, 404, 'Not found', 'Nothing here.');
    }
    if (req.method !== 'GET') {
      ignored += 1;
      return sendPage(res, 405, 'Method not allowed', 'Only GET is accepted here.', { allow: 'GET' });
    }
    if (phase !== 'waiting') {
      // A second callback (reload, double redirect) while or after exchanging: no second exchange.
      ignored += 1;
      return sendPage(res, 409, 'Sign-in already handled', 'This sign-in has already been handled. Return to Ringtray.');
    }
    const states = url.searchParams.getAll('state');
    if (states.length !== 1 || !sameSecret(states[0]!, state)) {
      // A stray or forged request must not end a real sign-in: answer and keep waiting.
      ignored += 1;
      return sendPage(res, 400, 'Sign-in link not recognised', 'This link does not belong to the current Ringtray sign-in. Start the sign-in again from Ringtray if needed.');
    }
    const errors = url.searchParams.getAll('error');
    if (errors.length > 0) {
      const message = providerErrorMessage(errors[0]!, options.wording);
      const reason: SignInFailure = errors[0] === 'access_denied' ? 'cancelled' : 'provider-error';
      return finish({ ok: false, reason, message }, (closeNow) => respondThenClose(res, 'Sign-in not completed', message, closeNow));
    }
    const codes = url.searchParams.getAll('code');
    for (const code of codes) registerSecret(code);
    if (codes.length !== 1 || codes[0] === '' || codes[0]!.length > 8192) {
      ignored += 1;
      return sendPage(res, 400, 'Sign-in link not recognised', 'This link does not carry a usable sign-in code.');
    }

    phase = 'exchanging';
    let outcome: SignInResult;
    try {
      const tokens = await options.tokenClient.exchangeCode({ code: codes[0]!, redirectUri: redirect.uri, codeVerifier: pkce.verifier, signal: abort.signal });
      outcome = { ok: true, tokens };
    } catch (error) {
      log.warn('code exchange failed', { error });
      outcome = { ok: false, reason: 'exchange-failed', message: exchangeFailureMessage(error, options.wording.name) };
    }
    if ((phase as Phase) === 'done') {
      // Cancelled or timed out while exchanging: the result is already decided.
      if (!res.destroyed) sendPage(res, 200, 'Sign-in cancelled', SIGN_IN_CANCELLED_MESSAGE, { connection: 'close' });
      return;
    }
    const page = outcome.ok
      ? { title: 'Signed in', text: `You are signed in to ${options.wording.name}. You can close this tab and return to Ringtray.` }
      : { title: 'Sign-in failed', text: outcome.message };
    finish(outcome, (closeNow) => respondThenClose(res, page.title, page.text, closeNow));
  }

  server.on('error', (error: NodeJS.ErrnoException) => {
    if (phase !== 'starting') return log.warn('sign-in listener error', { code: error.code });
    if (error.code === 'EADDRINUSE') {
      finish({ ok: false, reason: 'port-in-use', message: portInUseMessage('127.0.0.1', redirect.port, options.wording) });
    } else {
      finish({
        ok: false,
        reason: 'listen-failed',
        message: `Ringtray could not listen on 127.0.0.1 port ${redirect.port} for the sign-in (${error.code ?? error.message}). Choose another redirect URI port in Settings${options.wording.redirectEnv ? ` or ${options.wording.redirectEnv}` : ''}.`,
      });
    }
  });

  // Always 127.0.0.1, even for a `localhost` redirect URI: never every interface (docs/reliability.md#sign-in).
  server.listen({ host: '127.0.0.1', port: redirect.port, exclusive: true }, () => {
    if (phase !== 'starting') return void close();
    phase = 'waiting';
    log.info('sign-in listener ready', { port: redirect.port });
    const authorize = new URL(options.authorizeUrl);
    authorize.searchParams.set('response_type', 'code');
    authorize.searchParams.set('client_id', options.clientId);
    authorize.searchParams.set('redirect_uri', redirect.uri);
    authorize.searchParams.set('state', state);
    if (options.scopes.length > 0) authorize.searchParams.set('scope', options.scopes.join(' '));
    authorize.searchParams.set('code_challenge', pkce.challenge);
    authorize.searchParams.set('code_challenge_method', 'S256');
    for (const [key, value] of Object.entries(options.authorizeParams ?? {})) if (!authorize.searchParams.has(key)) authorize.searchParams.set(key, value);
    Promise.resolve()
      .then(() => options.openUrl(authorize.toString()))
      .catch((error: unknown) => {
        log.warn('could not open the browser', { error });
        finish({ ok: false, reason: 'browser-failed', message: `Ringtray could not open your browser for the ${options.wording.name} sign-in.` });
      });
  });

  return {
    result,
    async cancel() {
      finish({ ok: false, reason: 'cancelled', message: SIGN_IN_CANCELLED_MESSAGE });
      await result;
    },
  };
}

/** The final page, then close once it has flushed (or the browser went away, so 'finish' never comes). */
function respondThenClose(res: ServerResponse, title: string, text: string, closeNow: () => void): void {
  res.once('close', closeNow);
  sendPage(res, 200, title, text, { connection: 'close' }, closeNow);
}

function exchangeFailureMessage(error: unknown, n: string): string {
  if (error instanceof HttpError) {
    // A proxy or certificate problem: its own sentence says what to do (docs/network.md).
    if (error.details.problem) return error.details.problem.message;
    if (error.kind === 'timeout') return `${n} did not answer the sign-in in time. Try again.`;
    if (error.kind === 'network') return `Ringtray could not reach ${n} to finish the sign-in. Check your connection and try again.`;
    if (error.kind === 'bad-response') return `${n} answered the sign-in with something Ringtray could not read. Try again.`;
    const code = error.details.errorCode;
    if (code === 'invalid_client') return `${n} did not accept the client id or client secret. Check them in Settings.`;
    if (code === 'invalid_grant') return `${n} did not accept the sign-in code (it may have expired). Try again.`;
    if (error.status !== undefined && error.status >= 500) return `${n} had a problem finishing the sign-in. Try again in a moment.`;
  }
  return `${n} did not complete the sign-in. Try again.`;
}
