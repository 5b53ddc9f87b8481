import { requestJson } from '../http/json-request';

// The demo's stand-in for the user's browser: a sandbox approves every authorize request
// with a 302 to the redirect URI, so following that one redirect to Ringtray's loopback
// listener completes a real OAuth sign-in (state, PKCE, code exchange) with nobody clicking.
// Only used against the sandbox on 127.0.0.1.

export async function followAuthorizeRedirect(authorizeUrl: string, timeoutMs = 10_000): Promise<void> {
  const authorize = new URL(authorizeUrl);
  if (authorize.hostname !== '127.0.0.1') throw new Error('the demo browser only talks to the local sandbox');
  const first = await fetch(authorize, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  await first.body?.cancel();
  const location = first.headers.get('location');
  if (first.status !== 302 || !location) throw new Error(`the sandbox did not redirect (HTTP ${first.status})`);
  const callback = new URL(location, authorize);
  if (callback.hostname !== '127.0.0.1') throw new Error('the sandbox redirected away from this machine');
  // The loopback listener answers with a small HTML page; any answer is fine.
  await requestJson({ url: callback.toString(), timeoutMs }).catch(() => undefined);
}
