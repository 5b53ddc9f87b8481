import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/desktop/content-security-policy';

// Builds the real vite.config.ts for each process into a temp folder and checks what Electron
// will load: a CommonJS preload that needs nothing but `electron` (a sandboxed preload can
// require nothing else), an ES-module main, and a renderer page carrying the app's CSP.
const root = path.resolve(import.meta.dirname, '../..');
let out: string;

async function buildMode(mode: string): Promise<string> {
  const outDir = path.join(out, mode);
  await build({ root: mode === 'renderer' ? undefined : root, configFile: path.join(root, 'vite.config.ts'), mode, logLevel: 'silent', build: { outDir } });
  return outDir;
}

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'ringtray-build-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('vite.config.ts', () => {
  it('builds the preload as CommonJS that requires only electron', { timeout: 60_000 }, async () => {
    const code = await readFile(path.join(await buildMode('preload'), 'preload.cjs'), 'utf8');
    const required = [...code.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain('exposeInMainWorld');
  });

  it('builds main as an ES module that keeps electron and node_modules external', { timeout: 60_000 }, async () => {
    const code = await readFile(path.join(await buildMode('main'), 'main.js'), 'utf8');
    expect(code).toMatch(/^import .* from "electron";/m);
    expect(code).toMatch(/^import .* from "zod";/m);
    expect(code).not.toContain('require(');
  });

  it('builds the renderer with the CSP meta tag and relative asset paths', { timeout: 60_000 }, async () => {
    const dir = await buildMode('renderer');
    const html = await readFile(path.join(dir, 'index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js">/);
    expect((await readdir(path.join(dir, 'assets'))).some((f) => f.endsWith('.css'))).toBe(true);
  });
});
