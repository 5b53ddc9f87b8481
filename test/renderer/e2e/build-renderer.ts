import path from 'node:path';
import { build } from 'vite';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

/** Builds the renderer exactly as `vite build --mode renderer` does, into `outDir`. */
export async function buildRenderer(outDir: string): Promise<void> {
  // vitest sets NODE_ENV=test, and vite would keep it: React's development build, not what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: path.join(repoRoot, 'renderer'),
      configFile: path.join(repoRoot, 'vite.config.ts'),
      mode: 'renderer',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}

export const SCREENSHOT_DIR = path.join(repoRoot, 'test-output', 'screenshots');
