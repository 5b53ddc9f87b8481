import type { ProviderWording } from './provider-wording';

// User-facing sentences for sign-in outcomes. Provider `error` values are mapped through this
// allow-list; anything else gets the generic sentence, so a crafted redirect cannot put its own
// text in front of the user.

export type SignInFailure =
  | 'cancelled' // the user pressed Deny (error=access_denied) or Cancel in Ringtray
  | 'timeout'
  | 'port-in-use'
  | 'listen-failed'
  | 'browser-failed'
  | 'provider-error'
  | 'exchange-failed'
  | 'missing-client-secret'
  | 'keychain'
  | 'superseded';

const PROVIDER_ERRORS: Record<string, (name: string) => string> = {
  access_denied: () => 'Sign-in cancelled.',
  invalid_scope: (n) => `${n} refused the requested permissions. Check the scopes enabled on your ${n} OAuth client.`,
  unauthorized_client: (n) => `This ${n} OAuth client is not allowed to sign in this way. Check the client in the ${n} developer console.`,
  invalid_request: (n) => `${n} rejected the sign-in request. Check the client id and redirect URI in Settings.`,
  unsupported_response_type: (n) => `${n} rejected the sign-in request. Check the client id and redirect URI in Settings.`,
  server_error: (n) => `${n} had a problem completing the sign-in. Try again in a moment.`,
  temporarily_unavailable: (n) => `${n} is temporarily unavailable. Try again in a moment.`,
};

export function providerErrorMessage(code: string, wording: ProviderWording): string {
  return Object.hasOwn(PROVIDER_ERRORS, code) ? PROVIDER_ERRORS[code]!(wording.name) : `${wording.name} could not complete the sign-in. Try again.`;
}

export function portInUseMessage(host: string, port: number, wording: ProviderWording): string {
  const n = wording.name;
  return (
    `Port ${port} on ${host} is already in use by another program, so Ringtray cannot receive the ${n} sign-in. ` +
    `Close the program using port ${port}, or register another redirect URI (for example http://127.0.0.1:${port === 12022 ? 12023 : 12022}/app/redirect) ` +
    `on your ${n} OAuth client and enter it in Settings → ${n} → Redirect URI${wording.redirectEnv ? ` (or set ${wording.redirectEnv})` : ''}.`
  );
}

export const SIGN_IN_TIMEOUT_MESSAGE = 'Sign-in timed out: the browser did not come back to Ringtray. Try again.';
export const SIGN_IN_CANCELLED_MESSAGE = 'Sign-in cancelled.';
