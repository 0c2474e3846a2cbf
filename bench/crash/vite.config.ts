// Builds the crash-safety page: the real import worker, coding repository, clustering and save code, driven by
// bench/crash/harness.ts (npm run bench:crash, test/e2e/crash.spec.ts). Output: LOUPE_CRASH_OUT or /tmp.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: __dirname,
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: resolve(process.env['LOUPE_CRASH_OUT'] ?? '/tmp/loupe-crash/dist'),
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    modulePreload: { polyfill: false },
  },
});
