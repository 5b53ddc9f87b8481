import { builtinModules } from 'node:module';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// One config, one build per process, chosen by --mode:
//   renderer  the React UI → dist/renderer (served as ringtray-app://ui/ by main; relative asset paths)
//   main      the Electron main process → dist/main/main.js (ESM; electron-store 9+ is ESM-only)
//   preload   the preload → dist/preload/preload.cjs (CommonJS with everything bundled: a
//             sandboxed preload can only require('electron') and cannot be an ES module)
//   headless  the engine without Electron → dist/headless/headless.js (plain Node)

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const dependencies = Object.keys(pkg.dependencies ?? {});
const NODE_TARGET = 'node22';

function nodeBuild(entry: string, outDir: string, fileName: string, format: 'es' | 'cjs', external: (string | RegExp)[]): UserConfig {
  return {
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      target: NODE_TARGET,
      sourcemap: true,
      minify: false,
      rollupOptions: {
        external,
        output: { format, entryFileNames: fileName },
      },
    },
    // Bundle what is not external; node_modules stay external and are packaged by electron-builder.
    ssr: { noExternal: format === 'cjs' ? true : undefined, target: 'node' },
  };
}

export default defineConfig(({ mode }): UserConfig => {
  switch (mode) {
    case 'main':
      return nodeBuild('electron/main.ts', 'dist/main', 'main.js', 'es', ['electron', ...nodeBuiltins, ...dependencies, /^electron\//]);
    case 'preload':
      return nodeBuild('electron/preload.ts', 'dist/preload', 'preload.cjs', 'cjs', ['electron']);
    case 'headless':
      return nodeBuild('electron/headless.ts', 'dist/headless', 'headless.js', 'es', [...nodeBuiltins, ...dependencies]);
    case 'renderer':
    case 'production':
      return {
        root: 'renderer',
        base: './',
        plugins: [react()],
        build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'chrome130', sourcemap: true },
      };
    default:
      throw new Error(`vite.config.ts: unknown --mode ${mode} (use renderer, main, preload or headless)`);
  }
});
