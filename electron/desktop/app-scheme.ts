import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import nodePath from 'node:path';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

// The renderer is served from ringtray-app://ui/… by a protocol.handle handler instead of
// file:// (Electron security checklist, "Avoid usage of the file protocol"): a page on file://
// may read any file the user can, and its URL carries the install path, which Windows spells in
// more than one way (drive-letter case, UNC). With a custom scheme the page's origin is the same
// on every machine, the handler serves the renderer folder and nothing else, and the
// GrantFileProtocolExtraPrivileges fuse can be turned off (electron-builder.yml).
//
// Privileges (Electron's registerSchemesAsPrivileged): `standard` so relative URLs, the origin and
// 'self' in the CSP work as on https; `secure` so the page is a secure context; `codeCache` keeps
// V8's code cache for the bundle. Not `corsEnabled`: every page and asset is same-origin, and
// leaving it off keeps the scheme unreadable from any other origin. Not `bypassCSP`.

const APP_SCHEME = 'ringtray-app';
const APP_HOST = 'ui';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, codeCache: true } as const;

/** The URL a window loads for a hash route of the single-page renderer ('/', '/settings' …). */
export function appPageUrl(route: string): string {
  return `${APP_ORIGIN}/index.html#${route}`;
}

/** The route part of a page URL ('/settings' for ringtray-app://ui/index.html#/settings), or null. */
export function appRouteOf(url: string): string | null {
  if (!isAppUrl(url)) return null;
  const hash = new URL(url).hash;
  return hash.startsWith('#') ? hash.slice(1) || '/' : '/';
}

/**
 * True for a URL on the app's own origin. Compared by parts, not by string prefix: a host is
 * case-insensitive (Chromium lower-cases it, Node's URL keeps it), and user info or a port would
 * make it another origin.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

type PathApi = Pick<typeof nodePath, 'join' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * The file inside `rendererDir` a request URL names, or null for anything else: another scheme
 * or host, a `..` or `.` segment (also percent-encoded), an encoded slash or backslash, a NUL,
 * a drive or stream name. The joined path is checked to still be inside the folder as well, so a
 * rule missed above cannot reach outside it. `pathApi` is node:path (path.win32 in tests).
 */
export function resolveAppFile(rendererDir: string, url: string, pathApi: PathApi = nodePath): string | null {
  if (!isAppUrl(url)) return null;
  const raw = new URL(url).pathname;
  const segments: string[] = [];
  for (const encoded of raw.split('/')) {
    if (encoded === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0 || raw.endsWith('/')) segments.push('index.html');
  const file = pathApi.join(rendererDir, ...segments);
  const relative = pathApi.relative(rendererDir, file);
  if (relative === '' || relative === '..' || relative.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(relative)) return null;
  return file;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export interface AppSchemeHandlerOptions {
  rendererDir: string;
  /** Electron's fs reads inside app.asar; tests pass node's. */
  readFile?: (file: string) => Promise<Uint8Array>;
}

/**
 * The protocol.handle handler: GET/HEAD of a file inside the renderer folder, with its content
 * type (module scripts need a JavaScript MIME type), the CSP header and nosniff; 404 for
 * anything else. The response never says which path was tried.
 */
export function createAppSchemeHandler(options: AppSchemeHandlerOptions): (request: Request) => Promise<Response> {
  const read = options.readFile ?? ((file: string) => readFile(file));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: { Allow: 'GET, HEAD' } });
    const file = resolveAppFile(options.rendererDir, request.url);
    if (!file) return notFound();
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return notFound();
    }
    const headers = {
      'Content-Type': CONTENT_TYPES[nodePath.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    };
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  };
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Before 'ready' (Electron allows it only then, and only once). */
export function registerAppSchemePrivileges(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** After 'ready', on the session the windows use (the default one). */
export function serveAppScheme(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppSchemeHandler({ rendererDir }));
}
