// Builds the coding benchmark page: the real Responses grid, coding service and unit-index worker.
// `npm run bench:coding` builds it with this config and serves it on 127.0.0.1 with the app's CSP.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: __dirname,
  base: './',
  logLevel: 'warn',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: resolve(process.env.LOUPE_BENCH_OUT ?? '/tmp/loupe-bench-coding/dist'),
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    modulePreload: { polyfill: false },
  },
});
