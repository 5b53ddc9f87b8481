import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { keptAppBuild } from '../support/kept-build';

// What Vite emits for main and headless: the sandboxes (electron/sandbox/) must not be in the
// code a normal run loads. Each sandbox is its own chunk, reachable only through a dynamic
// import() that the demo alone calls. The check follows the static imports from the entry
// file and looks for code only a sandbox has. The headless bundle then answers --provider.
// The bundles are the kept builds the headless tests use too (../support/kept-build.ts), built
// once per version of the sources; every test here runs side by side with the others.
const root = path.resolve(import.meta.dirname, '../..');
let out: string;

/** Names defined only in sandbox code (the GoTo sandbox and the shared OAuth server). */
const SANDBOX_MARKERS = ['createGotoSandbox', 'createOAuthBackend', 'createCallGenerator'];

const builds = new Map<'main' | 'headless', Promise<string>>();

/** The bundle's directory; asked for once, so tests side by side do not build it twice. */
function buildMode(mode: 'main' | 'headless'): Promise<string> {
  let built = builds.get(mode);
  if (!built) {
    built = keptAppBuild(mode);
    builds.set(mode, built);
  }
  return built;
}

async function jsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f));
}

/** The entry and every file it imports statically (import … from "./x.js", export … from). */
async function staticallyLoaded(entry: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = await readFile(file, 'utf8');
    for (const m of code.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*["'](\.{1,2}\/[^"']+)["']/gm)) queue.push(path.resolve(path.dirname(file), m[1]!));
    for (const m of code.matchAll(/^\s*import\s*["'](\.{1,2}\/[^"']+)["']/gm)) queue.push(path.resolve(path.dirname(file), m[1]!));
  }
  return seen;
}

const hasSandboxCode = (code: string) => SANDBOX_MARKERS.some((marker) => code.includes(marker));

beforeAll(async () => {
  // Inside the repository, so the built headless.js finds node_modules when it runs.
  await mkdir(path.join(root, 'test-output'), { recursive: true });
  out = await mkdtemp(path.join(root, 'test-output', 'bundles-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe.concurrent.each([
  ['main', 'main.js'],
  ['headless', 'headless.js'],
] as const)('the %s bundle', (mode, entryName) => {
  it('loads no sandbox code until the demo imports it', { timeout: 120_000 }, async ({ expect }) => {
    const dir = await buildMode(mode);
    const loaded = await staticallyLoaded(path.join(dir, entryName));
    for (const file of loaded) expect({ file: path.basename(file), sandbox: hasSandboxCode(await readFile(file, 'utf8')) }).toEqual({ file: path.basename(file), sandbox: false });

    // The sandbox was built (the demo needs it), into a chunk that is only imported dynamically.
    const all = await jsFiles(dir);
    const sandboxChunks: string[] = [];
    for (const file of all) if (hasSandboxCode(await readFile(file, 'utf8'))) sandboxChunks.push(path.basename(file));
    expect(sandboxChunks.length).toBeGreaterThan(0);
    const loadedCode = (await Promise.all([...loaded].map((f) => readFile(f, 'utf8')))).join('\n');
    for (const chunk of sandboxChunks) expect(loadedCode).not.toMatch(new RegExp(`from\\s*["']\\./${chunk.replace('.', '\\.')}["']`));
    expect(loadedCode).toMatch(/import\(\s*["']\.\/[^"']+\.js["']\s*\)/);
  });
});

describe.concurrent('headless --provider', () => {
  const run = async (args: string[], env: Record<string, string> = {}) => {
    const child = spawn(process.execPath, [path.join(await buildMode('headless'), 'headless.js'), ...args], {
      env: { PATH: process.env.PATH, HOME: out, XDG_CONFIG_HOME: out, RINGTRAY_SECRETS: 'memory', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    return { code, stderr, stdout };
  };

  it('refuses an unknown provider with the list of available ones, from the flag or RINGTRAY_PROVIDER', { timeout: 120_000 }, async ({ expect }) => {
    // Three processes of their own, started together.
    const [flag, env, both] = await Promise.all([run(['--provider', 'nextiva']), run([], { RINGTRAY_PROVIDER: 'nextiva' }), run(['--provider', 'goto'], { RINGTRAY_PROVIDER: 'nextiva' })]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--provider: Ringtray has no provider "nextiva". Available: goto (GoTo Connect)');
    expect(flag.stdout).toBe('');

    expect(env.code).toBe(2);
    expect(env.stderr).toContain('RINGTRAY_PROVIDER: Ringtray has no provider "nextiva"');

    // The flag wins over the environment.
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('GoTo client id is not set');
    expect(both.stderr).toContain('See --help for the RINGTRAY_GOTO_* variables');
  });

  it('lists every provider and its variables in --help', { timeout: 120_000 }, async ({ expect }) => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--provider ID');
    expect(help.stdout).toContain('GoTo Connect (--provider goto):');
    expect(help.stdout).toContain('RINGTRAY_GOTO_CLIENT_SECRET');
  });
});
