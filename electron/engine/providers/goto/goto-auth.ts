// GoTo's sign-in wired from a resolved GoTo config: the auth tests drive it against a fake GoTo.
import { createProviderAuth, type ProviderAuth, type ProviderAuthOptions, type SignInOutcome } from '../../auth/provider-auth';
import { wordingOf } from '../provider-wording';
import type { GotoConfig } from './goto-config';
import { gotoCredential, gotoProvider } from './goto-provider';

export type GotoAuth = ProviderAuth;
export type GotoSignInOutcome = SignInOutcome;

export function createGotoAuth(options: Omit<ProviderAuthOptions, 'provider' | 'wording' | 'credential'> & { config: GotoConfig }): GotoAuth {
  const { config, ...rest } = options;
  return createProviderAuth({ ...rest, provider: gotoProvider.id, wording: wordingOf(gotoProvider), credential: gotoCredential(config) });
}
