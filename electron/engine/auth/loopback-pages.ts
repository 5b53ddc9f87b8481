// The pages the loopback listener serves back to the browser (docs/reliability.md#sign-in): inline
// HTML with a CSP that forbids everything, never cached, never echoing anything from the request.
import type { ServerResponse } from 'node:http';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function sendPage(res: ServerResponse, status: number, title: string, text: string, extraHeaders: Record<string, string> = {}, done?: () => void): void {
  const body =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ringtray — ${escapeHtml(title)}</title></head>` +
    `<body style="font-family:sans-serif;margin:3em"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'content-security-policy': "default-src 'none'",
    'cache-control': 'no-store',
    pragma: 'no-cache',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    ...extraHeaders,
  });
  res.end(body, done);
}
