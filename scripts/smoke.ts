// npm run smoke — the first start on a real desktop, automated. Run it before every release on
// a machine that has the Electron binary (and a display: on a headless Linux box use
// `xvfb-run npm run smoke`). It is not part of `npm test`, whose machines have no Electron.
//
// What it does, through Playwright's Electron support (playwright-core's _electron):
//   1. builds the app (npm run build) and starts it with --demo on the stock Electron binary
//      from node_modules, with a throwaway userData folder and secrets in memory;
//   2. waits for the main window and the first ringing call of the demo, and for its toast
//      (recorded by the app's test-only hook, electron/desktop/smoke-hooks.ts);
//   3. clicks that toast the way the OS does, and waits for the call report window;
//   4. checks every window: loaded from ringtray-app://ui, its page rendered, IPC answers
//      (getStatus through the preload), and no Content-Security-Policy violation was logged;
//   5. screenshots each window into smoke-output/;
//   6. quits like the tray's Quit does and checks that the app exited by itself and that the
//      engine left no notification channel on the demo server (0 provider resources).
// This runs the built app, not an installer: a packaged app has the --inspect fuse off, so
// Playwright could not attach to it.
//
// Exit codes: 0 passed, 1 a check failed, 2 no Electron binary here (nothing was tested).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMOKE_ENV, SMOKE_GLOBAL, SMOKE_REPORT_ENV, SMOKE_USER_DATA_ENV, type SmokeLeftovers, type SmokeProbe } from './smoke-contract.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'smoke-output');
const APP_ORIGIN = 'ringtray-app://ui/';
const FIRST_CALL_TIMEOUT_MS = 120_000;

/**
 * The Electron executable npm installed, found the way the electron package finds it
 * (node_modules/electron/path.txt + dist/) but without its fallback, which would start a
 * download: here "no binary" must be an answer, not a network request.
 */
export function installedElectron(electronDir: string, env: Record<string, string | undefined>): string | null {
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = path.join(electronDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function step(text: string): void {
  process.stdout.write(`smoke: ${text}\n`);
}

async function main(): Promise<number> {
  const electronPath = installedElectron(path.join(root, 'node_modules', 'electron'), process.env);
  if (!electronPath) {
    process.stdout.write('smoke: no Electron binary installed (node_modules/electron has no dist/); run `npx install-electron` with internet access, then `npm run smoke`. Nothing was tested.\n');
    return 2;
  }
  if (!process.argv.includes('--no-build')) {
    step('building (npm run build)');
    const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }

  const { _electron } = await import('playwright-core');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'ringtray-smoke-'));
  const reportFile = path.join(scratch, 'leftovers.json');
  const failures: string[] = [];
  const check = (ok: boolean, text: string): void => {
    step(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
    if (!ok) failures.push(text);
  };

  step(`starting ${path.relative(root, electronPath)} . --demo`);
  const app = await _electron.launch({
    executablePath: electronPath,
    args: [root, '--demo'],
    cwd: root,
    env: {
      ...(process.env as Record<string, string>),
      [SMOKE_ENV]: '1',
      [SMOKE_REPORT_ENV]: reportFile,
      [SMOKE_USER_DATA_ENV]: path.join(scratch, 'user-data'),
      RINGTRAY_SECRETS: 'memory',
    },
    timeout: 60_000,
  });
  const exited = new Promise<number | null>((resolve) => app.process().once('exit', (code) => resolve(code)));
  // Only the data crosses over: functions do not survive Playwright's serialisation.
  const readProbe = () =>
    app.evaluate((_electron, name) => {
      const found = (globalThis as unknown as Record<string, SmokeProbe | undefined>)[name];
      return found ? { toasts: found.toasts, console: found.console } : null;
    }, SMOKE_GLOBAL);

  try {
    const mainWindow = await app.firstWindow({ timeout: 60_000 });
    await mainWindow.waitForLoadState('domcontentloaded');
    check(mainWindow.url().startsWith(APP_ORIGIN), `main window loaded from ${mainWindow.url()}`);

    await until('the smoke hook (RINGTRAY_SMOKE=1 on an unpackaged build)', 30_000, readProbe);
    const toast = await until('the first ringing call and its toast', FIRST_CALL_TIMEOUT_MS, async () => (await readProbe())?.toasts[0]);
    step(`toast for call ${toast.callId}: "${toast.title}" (${toast.outcome})`);
    check(toast.outcome !== 'failed', 'the OS accepted the toast (a failed toast means unsigned on macOS or notifications off)');

    const reportWindowOpened = app.waitForEvent('window', { timeout: 30_000 });
    const clicked = await app.evaluate((_electron, args) => (globalThis as unknown as Record<string, SmokeProbe>)[args.name]?.clickToast(args.callId) ?? false, {
      name: SMOKE_GLOBAL,
      callId: toast.callId,
    });
    check(clicked, 'clicked the toast');
    const reportWindow = await reportWindowOpened;
    await reportWindow.waitForLoadState('domcontentloaded');
    check(reportWindow.url().startsWith(`${APP_ORIGIN}index.html#/report/`), `report window loaded from ${reportWindow.url()}`);

    for (const [name, page] of [
      ['main', mainWindow],
      ['report', reportWindow],
    ] as const) {
      // Page-side code as strings: it runs in the window, whose DOM types this script does not load.
      await page.waitForFunction("(document.getElementById('root')?.childElementCount ?? 0) > 0", undefined, { timeout: 30_000 });
      const status = (await page.evaluate('window.ringtray ? window.ringtray.getStatus() : null')) as { state: string; demo?: boolean } | null;
      check(status !== null && status.demo === true, `${name} window: IPC answers getStatus (${status ? status.state : 'no preload API'})`);
      const file = path.join(outDir, `${name}.png`);
      await page.screenshot({ path: file });
      step(`screenshot ${path.relative(root, file)}`);
    }

    const messages = (await readProbe())?.console ?? [];
    const violations = messages.filter((m) => /Content[- ]Security[- ]Policy/i.test(m.message));
    for (const v of violations) step(`CSP: ${v.url}: ${v.message}`);
    check(violations.length === 0, `no Content-Security-Policy violation in ${messages.length} console message(s)`);
    const errors = messages.filter((m) => m.level === 'error');
    for (const e of errors) step(`console error: ${e.url}: ${e.message}`);
    check(errors.length === 0, 'no console errors in any window');
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
    step(`FAIL ${failures.at(-1)}`);
  }

  step('quitting (app.quit(), as the tray does)');
  await app.close().catch((error: unknown) => failures.push(`close: ${String(error)}`));
  const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000))]);
  check(code === 0, `the app exited by itself (exit code ${String(code)})`);
  const leftovers = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as SmokeLeftovers) : null;
  check(leftovers !== null && leftovers.liveChannels === 0, `0 provider resources left on the demo server (${leftovers ? `${leftovers.liveChannels} channel(s)` : 'no report written'})`);
  rmSync(scratch, { recursive: true, force: true });

  step(failures.length === 0 ? 'PASSED' : `FAILED: ${failures.length} check(s)`);
  return failures.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stdout.write(`smoke: FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
