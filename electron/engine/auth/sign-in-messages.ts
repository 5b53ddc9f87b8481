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

const PROVIDER_ERRORS: Record<string, string> = {
  access_denied: 'Sign-in cancelled.',
  invalid_scope: 'GoTo refused the requested permissions. Check the scopes enabled on your GoTo OAuth client.',
  unauthorized_client: 'This GoTo OAuth client is not allowed to sign in this way. Check the client in the GoTo Developer Center.',
  invalid_request: 'GoTo rejected the sign-in request. Check the client id and redirect URI in Settings.',
  unsupported_response_type: 'GoTo rejected the sign-in request. Check the client id and redirect URI in Settings.',
  server_error: 'GoTo had a problem completing the sign-in. Try again in a moment.',
  temporarily_unavailable: 'GoTo is temporarily unavailable. Try again in a moment.',
};

export function providerErrorMessage(code: string): string {
  return Object.hasOwn(PROVIDER_ERRORS, code) ? PROVIDER_ERRORS[code]! : 'GoTo could not complete the sign-in. Try again.';
}

export function portInUseMessage(host: string, port: number): string {
  return (
    `Port ${port} on ${host} is already in use by another program, so Ringtray cannot receive the GoTo sign-in. ` +
    `Close the program using port ${port}, or register another redirect URI (for example http://127.0.0.1:${port === 12022 ? 12023 : 12022}/app/redirect) ` +
    'on your GoTo OAuth client and enter it in Settings → GoTo → Redirect URI (or set RINGTRAY_GOTO_REDIRECT_URI).'
  );
}

export const SIGN_IN_TIMEOUT_MESSAGE = 'Sign-in timed out: the browser did not come back to Ringtray. Try again.';
export const SIGN_IN_CANCELLED_MESSAGE = 'Sign-in cancelled.';
