import { isAppUrl } from '../app-scheme';

// Only the app's own top-level pages may call main (the idea of VS Code's validatedIpcMain).
// A frame is trusted when it is the main frame (not an iframe) and its URL is on the app's own
// origin, ringtray-app://ui (app-scheme.ts), which serves nothing but the bundled renderer
// folder. Anything else — a remote page a bug navigated to, an injected iframe, a file:// page —
// is refused before its payload is even read. No file path is compared: the origin is the same
// wherever the app is installed (drive letter, its case, UNC share, spaces in the path).

export interface SenderFrameLike {
  url: string;
  parent: unknown;
}

export function createTrustedSenderCheck(): (frame: SenderFrameLike | null | undefined) => boolean {
  return (frame) => !!frame && !frame.parent && isAppUrl(frame.url);
}
