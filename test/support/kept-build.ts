// Bundles that tests build from the app's sources (the headless CLI, the main process) are kept
// under test-output/ by a hash of everything a build reads, so the test files of one run (and later
// runs on the same sources) build each bundle once. Any change to the sources or to the build's own
// options makes a new hash, so a kept build is never stale.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const outputs = path.join(root, 'test-output');

/** Everything a build of the app reads: its sources, the build config and the locked dependencies. */
function sourcesHash(): string {
  const hash = createHash('sha256');
  const files = [
    ...['electron', 'shared'].flatMap((dir) => readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f))),
    ...readdirSync(root).filter((f) => /^(package(-lock)?\.json|vite\.config\.ts|tsconfig.*\.json|\.env.*)$/.test(f)),
  ].filter((f) => statSync(path.join(root, f)).isFile());
  for (const file of files.sort()) hash.update(`${file}\0`).update(readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex');
}

/**
 * The directory of a kept build named `name` (`options`: whatever else decides its output, such as
 * inline build options), inside the repository so a bundle resolves node_modules. A file finds the
 * finished directory, or runs `build` into a directory of its own and moves it into place in one
 * rename: two files that build at once both build, the first rename wins and the other is dropped.
 */
async function keptBuild(name: string, options: unknown, build: (outDir: string) => Promise<void>): Promise<string> {
  const key = createHash('sha256').update(sourcesHash()).update(JSON.stringify(options) ?? '').digest('hex').slice(0, 16);
  const dir = path.join(outputs, `${name}-${key}`);
  if (existsSync(path.join(dir, '.complete'))) return dir;
  mkdirSync(outputs, { recursive: true });
  const outDir = mkdtempSync(path.join(outputs, `${name}-build-`));
  try {
    await build(outDir);
    writeFileSync(path.join(outDir, '.complete'), '');
    renameSync(outDir, dir);
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    if (!existsSync(path.join(dir, '.complete'))) throw error;
  }
  // Builds of older sources (and builds left half done), no longer used by anyone after an hour.
  const pattern = new RegExp(`^${name}-(build-.+|[0-9a-f]{16})$`);
  for (const old of readdirSync(outputs).filter((f) => pattern.test(f) && f !== path.basename(dir))) {
    const at = path.join(outputs, old);
    if (Date.now() - statSync(at).mtimeMs > 3_600_000) rmSync(at, { recursive: true, force: true });
  }
  return dir;
}

/** The app's own Vite build for `mode` (vite.config.ts), kept: its directory. */
export function keptAppBuild(mode: 'main' | 'headless'): Promise<string> {
  return keptBuild(mode, { configFile: 'vite.config.ts', mode }, async (outDir) => {
    // Loaded only to build: a file that finds the kept build does not load Vite at all.
    const { build } = await import('vite');
    await build({ root, configFile: path.join(root, 'vite.config.ts'), mode, logLevel: 'silent', build: { outDir } });
  });
}
