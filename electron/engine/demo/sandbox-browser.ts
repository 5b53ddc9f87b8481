import { send } from '../http/http-send';
import { requestJson } from '../http/json-request';

// The demo's stand-in for the user's browser: a sandbox approves every authorize request
// with a 302 to the redirect URI, so following that one redirect to Ringtray's loopback
// listener completes a real OAuth sign-in (state, PKCE, code exchange) with nobody clicking.
// Only used against the sandbox on 127.0.0.1.

export async function followAuthorizeRedirect(authorizeUrl: string, timeoutMs = 10_000): Promise<void> {
  const authorize = new URL(authorizeUrl);
  if (authorize.hostname !== '127.0.0.1') throw new Error('the demo browser only talks to the local sandbox');
  // Through the network port like every other request, so a sandbox served over TLS (the
  // network tests') is trusted the same way; node:http never follows the redirect itself.
  const first = await send({ method: 'GET', url: authorize, headers: {}, timeoutMs });
  const location = typeof first.headers.location === 'string' ? first.headers.location : null;
  if (first.status !== 302 || !location) throw new Error(`the sandbox did not redirect (HTTP ${first.status})`);
  const callback = new URL(location, authorize);
  if (callback.hostname !== '127.0.0.1') throw new Error('the sandbox redirected away from this machine');
  // The loopback listener answers with a small HTML page; any answer is fine.
  await requestJson({ url: callback.toString(), timeoutMs }).catch(() => undefined);
}
