import { dialog } from 'electron';

/** Asks once per new CRM host before any caller's number is sent there (docs/security.md, "Links"). */
export async function confirmLinkHost(host: string): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'question',
    buttons: ['Open links', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: 'Open CRM links?',
    message: `Open caller links on ${host}?`,
    detail: `Your CRM link in Settings sends callers' numbers to ${host}. Allow it only if that is your CRM; Ringtray asks once for each site.`,
  });
  return response === 0;
}
