import type { z } from 'zod';
import type { CallNotice } from '../calls';
import type { SettingsPatch } from '../settings';
import type { InvokeRequest, InvokeResponse, PushPayload } from './schemas';
import type { appVersionSchema } from './schemas';

export type AppVersion = z.output<typeof appVersionSchema>;
export type AppStatusView = PushPayload<'app:status-changed'>;
export type RecentCallsQuery = InvokeRequest<'calls:list-recent'>;
export type RecentCallsPage = InvokeResponse<'calls:list-recent'>;
export type CallDetails = InvokeResponse<'calls:get-details'>;
export type SettingsView = InvokeResponse<'settings:get'>;
export type SettingsUpdateResult = InvokeResponse<'settings:update'>;
export type LinesView = InvokeResponse<'account:list-lines'>;
export type ProvidersView = InvokeResponse<'providers:list'>;

/**
 * What the preload exposes to the renderer as `window.ringtray`: named functions only, never a
 * generic send/invoke (Electron security checklist: do not expose IPC primitives). Every call
 * rejects with an Error whose message is written for the user.
 */
export interface RingtrayApi {
  getVersion(): Promise<AppVersion>;
  getStatus(): Promise<AppStatusView>;
  listRecentCalls(query?: RecentCallsQuery): Promise<RecentCallsPage>;
  getCallDetails(callId: string): Promise<CallDetails>;
  /** Opens (or focuses) the call report window for a call. */
  openCallReport(callId: string): Promise<void>;
  getSettings(): Promise<SettingsView>;
  updateSettings(patch: SettingsPatch): Promise<SettingsUpdateResult>;
  /** Stored in the OS keychain; never readable back. */
  setClientSecret(clientSecret: string): Promise<InvokeResponse<'settings:set-client-secret'>>;
  /** Deletes the stored secret; an API key is signed out of first (which removes the provider's subscription). */
  removeClientSecret(): Promise<void>;
  listLines(): Promise<LinesView>;
  detectAccountKey(): Promise<InvokeResponse<'account:detect-key'>>;
  /** Starts the browser sign-in; progress arrives as status pushes. */
  signIn(): Promise<void>;
  cancelSignIn(): Promise<void>;
  signOut(): Promise<void>;
  /** Needs-attention's Retry: a stopped connection is started anew now. */
  retryConnection(): Promise<void>;
  /** Runs the app against a provider's built-in sandbox (default the chosen provider's) with generated calls. */
  startDemo(provider?: string): Promise<void>;
  /** The phone systems Ringtray supports: what each needs, how to set it up, whether it has a demo. */
  listProviders(): Promise<ProvidersView>;
  /** Opens the configured CRM link for a number in the browser. */
  openCrm(number: string): Promise<InvokeResponse<'external:open-crm'>>;
  /** Puts short text (a phone number) on the system clipboard, through main. */
  copyText(text: string): Promise<void>;
  /** The proxy sign-in window's answer for `proxy` (host:port): credentials, or null to cancel. */
  answerProxySignIn(proxy: string, credentials: { username: string; password: string } | null): Promise<void>;
  /** Each returns its unsubscribe function. */
  onStatusChanged(listener: (status: AppStatusView) => void): () => void;
  onCallNotice(listener: (notice: CallNotice) => void): () => void;
  onSettingsChanged(listener: (view: SettingsView) => void): () => void;
}

export const API_KEY = 'ringtray' as const;
