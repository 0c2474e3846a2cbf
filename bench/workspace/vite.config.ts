// Builds the workspace file benchmark page: the real import worker, coding repository and save/open code.
// `npm run bench:workspace` builds it with this config and serves it on 127.0.0.1 with the app's CSP.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: __dirname,
  base: './',
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: resolve(process.env.LOUPE_BENCH_OUT ?? '/tmp/loupe-bench-workspace/dist'),
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    modulePreload: { polyfill: false },
  },
});
