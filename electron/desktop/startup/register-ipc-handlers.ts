import { demoProviderIds } from '../../engine/demo/demo-engine';
import { providerDescriptors } from '../../engine/providers/registry';
import { app, clipboard, ipcMain } from 'electron';
import type { Logger } from '../../engine/log/logger';
import { registerAccountHandlers } from '../account-handlers';
import { PRODUCT_NAME } from '../app-id';
import { registerAppInfoHandlers } from '../app-info-handlers';
import { registerCallHandlers } from '../call-handlers';
import type { SecretCapableEngine } from '../client-secret-port';
import type { EngineHost } from '../engine-host';
import type { createExternalLinkOpener } from '../external-links';
import { createIpcRouter } from '../ipc/ipc-router';
import { createTrustedSenderCheck } from '../ipc/trusted-sender';
import type { MissedCalls } from '../missed-calls';
import { registerNetworkHandlers, type ProxySignInAnswers } from '../network/network-handlers';
import { registerSettingsHandlers, type ClientSecretPort } from '../settings-handlers';
import type { SettingsStore } from '../settings-store';
import type { AppWindows } from './app-windows';

// Start-up phase (after app ready): one handler for every invoke channel, behind a router that
// answers only the app's own renderer page.

export interface IpcHandlerDeps {
  host: EngineHost;
  settings: SettingsStore;
  secrets: ClientSecretPort;
  missed: MissedCalls;
  toastProblem: () => string | null;
  windows: AppWindows;
  openExternalLink: ReturnType<typeof createExternalLinkOpener>;
  proxySignIn: ProxySignInAnswers;
  log: Logger;
}

export function registerIpcHandlers(deps: IpcHandlerDeps): void {
  const { host, settings } = deps;
  const router = createIpcRouter({ ipcMain, isTrustedSender: createTrustedSenderCheck(), log: deps.log.child('ipc') });
  registerAppInfoHandlers(router, {
    name: PRODUCT_NAME,
    version: app.getVersion(),
    electronVersion: process.versions.electron ?? null,
    platform: process.platform,
  });
  registerCallHandlers(router, {
    engine: () => host.engine(),
    missedCount: () => deps.missed.count,
    toastProblem: deps.toastProblem,
    crmTemplate: () => settings.get().crmUrlTemplate,
    openCallReport: deps.windows.openCallReport,
    openExternalLink: deps.openExternalLink,
    writeClipboard: (text) => clipboard.writeText(text),
  });
  registerSettingsHandlers(router, {
    store: settings,
    secrets: deps.secrets,
    // Without engine.setClientSecret the engine reads the secret when it (re)starts.
    onSecretChanged: () => {
      if (!host.isDemo && !(host.engine() as SecretCapableEngine).setClientSecret) void host.startAccount();
    },
    signOut: async () => {
      if (!host.isDemo) await host.engine().signOut();
    },
  });
  registerAccountHandlers(router, {
    engine: () => host.engine(),
    isDemo: () => host.isDemo,
    leaveDemo: () => host.startAccount(),
    startDemo: (provider) => host.startDemo(provider),
    providers: () => providerDescriptors(demoProviderIds()),
  });
  registerNetworkHandlers(router, deps.proxySignIn);
}
