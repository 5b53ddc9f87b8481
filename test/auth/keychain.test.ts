// The keytar secret store against a real gnome-keyring, each step in a child process inside its
// own private D-Bus session with HOME/XDG dirs in a temp dir (docs/testing.md, "Keychain"), so
// a developer's real keyring is never touched. The child runs OUR store module (bundled with
// vite), not bare keytar.
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const repo = new URL('../../', import.meta.url).pathname;

function haveTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}
const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((t) => !haveTool(t));

interface ChildResult {
  ok: boolean;
  kind?: string;
  value?: string | boolean | null;
  name?: string;
  reason?: string;
  message?: string;
  detail?: string;
  port?: unknown;
}

const CHILD = `
import { createSecretStore } from './secrets.mjs';
import { createClientSecretPort } from './client-secret-port.mjs';
const [op, account, value] = process.argv.slice(2);
const store = createSecretStore({ RINGTRAY_SECRETS: 'keychain' }, { timeoutMs: 8000 });
if (op === 'port') {
  // Settings' client-secret adapter as main wires it, for GoTo: status, save, status again (account = client id).
  const port = createClientSecretPort({ store, engine: () => ({}), envSecret: () => undefined });
  const before = await port.status('goto', account);
  const set = await port.set('goto', account, value).catch((e) => ({ error: e.name, message: e.message }));
  const after = await port.status('goto', account);
  process.stdout.write(JSON.stringify({ ok: true, kind: store.kind, port: { before, set, after } }));
  process.exit(0);
}
try {
  const r = op === 'set' ? await store.set(account, value) : op === 'get' ? await store.get(account) : await store.delete(account);
  process.stdout.write(JSON.stringify({ ok: true, kind: store.kind, value: r ?? null }));
} catch (e) {
  process.stdout.write(JSON.stringify({ ok: false, name: e.name, reason: e.reason, message: e.message, detail: e.detail }));
}
`;

let dir: string;
let home: string;

async function runChild(session: 'unlocked' | 'locked' | 'no-dbus', args: string[]): Promise<ChildResult> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_RUNTIME_DIR: join(home, 'run'),
    XDG_CONFIG_HOME: join(home, 'config'),
  };
  const node = process.execPath;
  const child = join(dir, 'child.mjs');
  // "$0" "$@" keeps the arguments (including the test secret) out of the shell's parsing.
  const [cmd, argv] =
    session === 'no-dbus'
      ? [node, [child, ...args]]
      : [
          'dbus-run-session',
          [
            '--',
            'sh',
            '-c',
            session === 'unlocked'
              ? 'echo -n test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$0" "$@"'
              : // --start without --unlock: the existing login collection stays locked and no
                // prompter can run (no display), exactly a locked keyring.
                'gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1; exec "$0" "$@"',
            node,
            child,
            ...args,
          ],
        ];
  return new Promise((resolve, reject) => {
    const p = spawn(cmd as string, argv as string[], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), 20_000);
    p.on('error', reject);
    p.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(out) as ChildResult);
      } catch {
        reject(new Error(`child printed no result; stderr: ${err.slice(0, 500)}`));
      }
    });
  });
}

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

if (missing.length > 0 && process.env.CI) {
  it('keychain test tools are installed', () => {
    throw new Error(`CI must install ${missing.join(', ')} (apt-get install gnome-keyring dbus libsecret-1-dev): the keychain test cannot run`);
  });
}

describe.skipIf(missing.length > 0)(`keytar secret store in a private gnome-keyring${missing.length ? ` (skipped: ${missing.join(', ')} not installed)` : ''}`, () => {
  const SECRET = `refresh-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  const ACCOUNT = 'goto:refresh-token:user@example.com';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ringtray-keychain-'));
    home = join(dir, 'home');
    await mkdir(join(home, 'data'), { recursive: true });
    await mkdir(join(home, 'run'), { recursive: true, mode: 0o700 });
    const { build } = await import('vite');
    const started = Date.now();
    await build({
      configFile: false,
      root: repo,
      logLevel: 'silent',
      // Everything but keytar goes into the bundle: it runs outside the repository's node_modules.
      ssr: { noExternal: true },
      build: {
        ssr: true,
        outDir: dir,
        emptyOutDir: false,
        minify: false,
        rollupOptions: {
          // One build, so both entries share one SecretStoreError class (the adapter checks it).
          input: { secrets: join(repo, 'electron/engine/secrets/create-secret-store.ts'), 'client-secret-port': join(repo, 'electron/desktop/client-secret-port.ts') },
          external: ['keytar'],
          output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
        },
      },
    });
    // The bundle lives outside the repo: point its lazy import('keytar') at the installed module.
    const keytarUrl = pathToFileURL(require.resolve('keytar')).href;
    let patchedFiles = 0;
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.mjs'))) {
      const bundle = await readFile(join(dir, file), 'utf8');
      const patched = bundle.replace(/import\(\s*["']keytar["']\s*\)/g, `import(${JSON.stringify(keytarUrl)})`);
      if (patched !== bundle) patchedFiles += 1;
      await writeFile(join(dir, file), patched);
    }
    expect(patchedFiles).toBe(1);
    await writeFile(join(dir, 'child.mjs'), CHILD);
    console.log('bundled the secret store in', Date.now() - started, 'ms');
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stores a secret, reads it back in a new process, and deletes it; the keyring files never hold it in clear', async () => {
    expect(await runChild('unlocked', ['set', ACCOUNT, SECRET])).toEqual({ ok: true, kind: 'keychain', value: null });
    expect(await runChild('unlocked', ['get', ACCOUNT])).toEqual({ ok: true, kind: 'keychain', value: SECRET });
    const files = await filesUnder(home);
    expect(files.some((f) => f.endsWith('.keyring'))).toBe(true);
    for (const f of files) expect((await readFile(f)).includes(SECRET), f).toBe(false);
    expect(await runChild('unlocked', ['delete', ACCOUNT])).toEqual({ ok: true, kind: 'keychain', value: true });
    expect(await runChild('unlocked', ['get', ACCOUNT])).toEqual({ ok: true, kind: 'keychain', value: null });
    expect(await runChild('unlocked', ['set', ACCOUNT, SECRET])).toMatchObject({ ok: true }); // for the locked case below
  });

  it('a locked keyring → SecretStoreError "locked" with a plain message', async () => {
    const result = await runChild('locked', ['set', 'goto:refresh-token:other@example.com', 'another-secret-value']);
    console.log('locked keyring:', result);
    expect(result).toMatchObject({ ok: false, name: 'SecretStoreError', reason: 'locked' });
    expect(result.message).toMatch(/keychain is locked/);
    expect(result.detail).toMatch(/locked collection/);
    // Locked items are invisible, not leaked.
    expect(await runChild('locked', ['get', ACCOUNT])).toMatchObject({ ok: true, value: null });
  });

  it("Settings' client-secret adapter saves to the keychain entry the engine reads, and reports a locked keychain", async () => {
    const clientId = `client-${Math.random().toString(36).slice(2)}`;
    const secret = `client-secret-${Math.random().toString(36).slice(2)}`;
    expect(await runChild('unlocked', ['port', clientId, secret])).toEqual({
      ok: true,
      kind: 'keychain',
      port: {
        before: { hasClientSecret: false, secretStorage: 'keychain', secretStorageMessage: null },
        set: { storedIn: 'keychain', message: null },
        after: { hasClientSecret: true, secretStorage: 'keychain', secretStorageMessage: null },
      },
    });
    // The engine reads it under its own account name, in a new process.
    expect(await runChild('unlocked', ['get', `goto:client-secret:${clientId}`])).toEqual({ ok: true, kind: 'keychain', value: secret });

    const locked = await runChild('locked', ['port', `${clientId}-2`, secret]);
    expect(locked.port).toEqual({
      before: { hasClientSecret: false, secretStorage: 'keychain', secretStorageMessage: null },
      set: { error: 'IpcRequestError', message: expect.stringMatching(/keychain is locked/) },
      after: { hasClientSecret: false, secretStorage: 'keychain', secretStorageMessage: null },
    });
  });

  it('no D-Bus session (no DBUS_SESSION_BUS_ADDRESS, no DISPLAY) → SecretStoreError "unavailable"', async () => {
    const result = await runChild('no-dbus', ['get', ACCOUNT]);
    console.log('no D-Bus:', result);
    expect(result).toMatchObject({ ok: false, name: 'SecretStoreError', reason: 'unavailable' });
    expect(result.message).toMatch(/keychain is not available/);
    expect(result.detail).toMatch(/D-Bus/);
  });
});
