// `ringtray://call/<id>` links: how a click on a toast reaches `openCallReport(callId)` when the
// Notification object that showed it is gone. Windows moves toasts to the Action Center, emits
// 'close' and then never delivers their 'click' to the app (electron/electron#29461, #24524); the
// workaround those threads settled on is protocol activation: the toast's `launch` is a URL of the
// app's own scheme, Windows opens it, and the single-instance lock hands it to the running app in
// 'second-instance' (or it arrives in process.argv on a cold start; on macOS in 'open-url').
//
// A link is input from outside the app (any web page can open one), so it is parsed strictly:
// exactly `ringtray://call/<id>`, no user, port, query or fragment, and an id from a small alphabet.

export const CALL_LINK_SCHEME = 'ringtray';

/** Provider call ids seen so far: GoTo UUIDs, RingCentral `s-…`, Dialpad digits. */
const CALL_ID_PATTERN = /^[A-Za-z0-9._~:-]{1,200}$/;

/** An id from the alphabet with at least one letter or digit (so not `.` or `..`). */
function isLinkableCallId(callId: string): boolean {
  return CALL_ID_PATTERN.test(callId) && /[A-Za-z0-9]/.test(callId);
}

/** The link for a call, or null when the id has characters a link should not carry. */
export function callLink(callId: string): string | null {
  return isLinkableCallId(callId) ? `${CALL_LINK_SCHEME}://call/${callId}` : null;
}

/**
 * The call id of a well-formed link; null for anything else. Matched on the raw string, not on
 * a parsed URL: URL parsing normalises `ringtray://call/../../x` to `/x`, which must not pass.
 */
export function parseCallLink(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 300) return null;
  const match = /^([A-Za-z]+):\/\/call\/([^/?#]+)$/.exec(raw);
  if (!match || match[1]?.toLowerCase() !== CALL_LINK_SCHEME) return null;
  const callId = match[2] ?? '';
  return isLinkableCallId(callId) ? callId : null;
}

/**
 * The call link among command-line arguments (second-instance argv, or process.argv on a cold
 * start from a toast). Only an argument that is itself a whole link counts.
 */
export function findCallLinkInArgv(argv: readonly string[]): string | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${CALL_LINK_SCHEME}:`)) continue;
    const callId = parseCallLink(arg);
    if (callId) return callId;
  }
  return null;
}
