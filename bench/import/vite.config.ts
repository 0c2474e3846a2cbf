// Builds the benchmark page: the real import worker (src/renderer/src/workers) plus a bare papaparse worker.
// `npm run bench:import` builds it with this config and serves it on 127.0.0.1 with the app's CSP.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: __dirname,
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: resolve(process.env.LOUPE_BENCH_OUT ?? '/tmp/loupe-bench/dist'),
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    // Chromium only: no polyfill (its module id does not resolve when vite is driven from tsx).
    modulePreload: { polyfill: false },
  },
});
