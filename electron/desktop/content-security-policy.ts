// The renderer is a local, bundled React app: it loads nothing remote and talks to the network
// never (main does). So the policy denies everything but its own bundled files.
// Kept in sync with the <meta> tag in renderer/index.html by a test.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
