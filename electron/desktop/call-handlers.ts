import { INVOKE } from '../../shared/ipc/channels';
import type { RingtrayEngine } from '../engine/engine-api';
import type { OpenExternalResult } from './external-links';
import { crmUrlForCaller } from './crm-links';
import type { IpcRouter } from './ipc/ipc-router';
import { statusView } from './window-pushes';

// IPC handlers about calls: status, recent calls, one call's details, opening its report window
// and its CRM link. Payloads are already validated by the router.

export interface CallHandlerDeps {
  engine: () => RingtrayEngine;
  missedCount: () => number;
  /** Set while the OS refuses the app's toasts (toast-health.ts); a window opened later shows it too. */
  toastProblem?: () => string | null;
  crmTemplate: () => string;
  openCallReport: (callId: string) => Promise<void>;
  openExternalLink: (url: string) => Promise<OpenExternalResult>;
  /** Electron's clipboard.writeText in the app. */
  writeClipboard: (text: string) => void | Promise<void>;
}

export function registerCallHandlers(router: IpcRouter, deps: CallHandlerDeps): void {
  router.handle(INVOKE.getStatus, () => statusView(deps.engine().status(), deps.missedCount(), deps.toastProblem?.() ?? null));

  router.handle(INVOKE.listRecentCalls, (query) => deps.engine().recentCalls(query));

  router.handle(INVOKE.getCallDetails, async ({ callId }) => {
    const { summary, report } = await deps.engine().callDetails(callId);
    const number = summary?.caller.number ?? (report.state === 'ready' ? report.report.caller.number : null);
    return { callId, summary, report, crmUrl: crmUrlForCaller(deps.crmTemplate(), number) };
  });

  router.handle(INVOKE.openCallReport, async ({ callId }) => {
    await deps.openCallReport(callId);
    return { done: true as const };
  });

  router.handle(INVOKE.copyText, async ({ text }) => {
    await deps.writeClipboard(text);
    return { done: true as const };
  });

  router.handle(INVOKE.openCrm, async ({ number }) => {
    const url = crmUrlForCaller(deps.crmTemplate(), number);
    if (!url) return { opened: false, reason: 'No CRM link is set: add one in Settings.' };
    const result = await deps.openExternalLink(url);
    return result.opened ? { opened: true, reason: null } : { opened: false, reason: result.reason };
  });
}
