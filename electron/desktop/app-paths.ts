import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Where the built files sit relative to the bundled main process (dist/main/main.js):
// dist/preload/preload.cjs, dist/renderer/ (served as ringtray-app://ui, app-scheme.ts), and
// assets/ at the app root.
export function resolveAppPaths(mainFileUrl: string) {
  const distDir = path.resolve(path.dirname(fileURLToPath(mainFileUrl)), '..');
  const appRoot = path.resolve(distDir, '..');
  return {
    preload: path.join(distDir, 'preload', 'preload.cjs'),
    rendererDir: path.join(distDir, 'renderer'),
    assetsDir: path.join(appRoot, 'assets'),
  };
}
