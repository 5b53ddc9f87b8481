import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';
import pkg from '../package.json' with { type: 'json' };

// The benchmark as one plain-Node ESM bundle (dist/bench/main.js): the engine's imports have no
// file extensions, so Node cannot run the sources directly. node_modules stay external.
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];

export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  logLevel: 'warn',
  build: {
    ssr: 'bench/main.ts',
    outDir: 'dist/bench',
    emptyOutDir: true,
    target: 'node22',
    sourcemap: true,
    minify: false,
    rollupOptions: { external, output: { format: 'es', entryFileNames: 'main.js' } },
  },
  ssr: { target: 'node' },
});
