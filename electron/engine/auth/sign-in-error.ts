import type { SignInFailure } from './sign-in-messages';

/** A failed sign-in as the engine reports it: the sentence for the user, and why (for callers that act on it). */
export class SignInError extends Error {
  override readonly name = 'SignInError';
  constructor(
    readonly reason: SignInFailure,
    message: string,
  ) {
    super(message);
  }
}
