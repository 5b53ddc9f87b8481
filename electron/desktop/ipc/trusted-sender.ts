import { fileURLToPath } from 'node:url';
import path from 'node:path';

// Only the app's own top-level pages may call main (the idea of VS Code's validatedIpcMain).
// A frame is trusted when it is the main frame (not an iframe) and its URL is a file inside the
// bundled renderer folder. Anything else — a remote page a bug navigated to, an injected
// iframe — is refused before its payload is even read.

export interface SenderFrameLike {
  url: string;
  parent: unknown;
}

export function createTrustedSenderCheck(rendererDir: string): (frame: SenderFrameLike | null | undefined) => boolean {
  const root = path.resolve(rendererDir) + path.sep;
  return (frame) => {
    if (!frame || frame.parent) return false;
    let url: URL;
    try {
      url = new URL(frame.url);
    } catch {
      return false;
    }
    if (url.protocol !== 'file:' || url.host !== '') return false;
    const file = path.resolve(fileURLToPath(url));
    return file.startsWith(root);
  };
}
