import type { CallNotice, LineRef } from '../../shared/calls';
import { formatPhoneNumber, partyLabel } from '../../shared/phone-number';
import { callLink } from './call-link';

// What a call toast says, as plain data (so tests read it without Electron). The options are
// Electron's NotificationConstructorOptions; on Windows a toastXml carries the same text plus a
// protocol `launch` link (see call-link.ts for why).

export interface ToastContent {
  title: string;
  icon?: string;
  body: string;
  urgency: 'normal' | 'critical' | 'low';
  timeoutType: 'default' | 'never';
  silent: boolean;
  toastXml?: string;
}

export interface ToastContext {
  platform: NodeJS.Platform;
  silent: boolean;
  demo: boolean;
  /** The app icon (assets/icon.png). macOS always shows the app's own icon and ignores it. */
  icon?: string;
}

/** The toast title's who: the caller's name, else their formatted number. */
export const callerLabel = partyLabel;

function lineLabel(line: LineRef | null): string | null {
  if (!line) return null;
  const name = line.name?.trim() || line.number?.trim() || null;
  const ext = line.extension?.trim() ? `ext. ${line.extension.trim()}` : null;
  if (name && ext) return `${name} (${ext})`;
  return name ?? ext;
}

/** Linux notification servers parse the body as markup (docs/architecture.md#platform-notes). */
function escapeNotificationMarkup(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * The Linux summary (title): the spec says plain text, yet some servers put it into markup (dunst's
 * `format` string) while others escape it themselves (GNOME Shell), so an entity would show up
 * literally there. Markup characters become look-alikes that are never markup anywhere.
 */
function neutralizeSummaryMarkup(text: string): string {
  return text.replaceAll('&', '\uFF06').replaceAll('<', '\u2039').replaceAll('>', '\u203A');
}

// Characters XML 1.0 does not allow at all (escaping cannot help): a toast with one is dropped.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function escapeXml(text: string): string {
  return escapeNotificationMarkup(text.replace(XML_INVALID, ' ')).replaceAll('"', '&quot;').replaceAll("'", '&apos;');
}

/** The toast for a ringing or missed call; null for notice types that show no toast. */
export function toastFor(notice: CallNotice, context: ToastContext): ToastContent | null {
  if (notice.type !== 'ringing' && notice.type !== 'missed') return null;
  const who = callerLabel(notice.caller);
  const title = notice.type === 'ringing' ? `Incoming call \u2014 ${who}` : `Missed call \u2014 ${who}`;
  const lines: string[] = [];
  // The number is worth a line of its own only when the title shows a name.
  if (notice.caller.name?.trim() && notice.caller.number?.trim()) lines.push(formatPhoneNumber(notice.caller.number));
  const line = lineLabel(notice.line);
  if (line) lines.push(`Line: ${line}`);
  // It rang while the connection was down: say why this toast comes after the fact.
  if (notice.late) lines.push('Rang while Ringtray was offline');
  if (context.demo) lines.push('Demo call');
  const plainBody = lines.join('\n');
  const ringing = notice.type === 'ringing';
  const content: ToastContent = {
    title: context.platform === 'linux' ? neutralizeSummaryMarkup(title) : title,
    body: context.platform === 'linux' ? escapeNotificationMarkup(plainBody) : plainBody,
    // A ringing call is worth interrupting for and stays until it is answered or ends.
    urgency: ringing ? 'critical' : 'normal',
    timeoutType: ringing ? 'never' : 'default',
    silent: context.silent,
  };
  if (context.icon) content.icon = context.icon;
  if (context.platform === 'win32') {
    const xml = windowsToastXml(notice.callId, title, lines, { silent: context.silent, ringing });
    if (xml) content.toastXml = xml;
  }
  return content;
}

/**
 * Windows: a toast whose body click and button open `ringtray://call/<id>` by protocol
 * activation, which works from the Action Center and after a restart (Microsoft's toast schema:
 * `launch` + `activationType="protocol"`). toastXml supersedes every other option on Windows
 * (electron.d.ts), so text, sound and duration are all set here. `scenario="incomingCall"`
 * keeps a ringing toast on screen, as timeoutType 'never' does elsewhere — and without an
 * <audio> element that scenario plays Windows' looping call ringtone until the toast is
 * dismissed: a second ringtone beside the user's own phone. So a ringing toast names the default
 * sound with loop="false" (Microsoft's toast audio schema: loop defaults to false only when the
 * element is there), which plays it once.
 */
function windowsToastXml(callId: string, title: string, lines: readonly string[], options: { silent: boolean; ringing: boolean }): string | null {
  const link = callLink(callId);
  if (!link) return null;
  const texts = [title, ...lines].map((t) => `<text>${escapeXml(t)}</text>`).join('');
  const scenario = options.ringing ? ' scenario="incomingCall"' : '';
  const audio = options.silent ? '<audio silent="true"/>' : options.ringing ? '<audio src="ms-winsoundevent:Notification.Default" loop="false"/>' : '';
  return (
    `<toast launch="${escapeXml(link)}" activationType="protocol"${scenario}>` +
    `<visual><binding template="ToastGeneric">${texts}</binding></visual>` +
    `<actions><action content="Open call report" arguments="${escapeXml(link)}" activationType="protocol"/></actions>` +
    `${audio}</toast>`
  );
}
