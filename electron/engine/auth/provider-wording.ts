// How auth sentences name the provider and where its settings live, so one set of messages
// serves every provider: "{name} refused the requested permissions …", "… or set {redirectEnv}".

export interface ProviderWording {
  /** The provider as sentences name it (ProviderModule.shortName). */
  name: string;
  /** The environment variable that overrides the redirect URI, when there is one. */
  redirectEnv: string | null;
  /** The environment variable that carries the client secret or API key, when there is one. */
  secretEnv: string | null;
}
