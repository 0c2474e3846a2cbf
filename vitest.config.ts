import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Generous timeouts: CI runs on 2 shared cores, and a slow machine must not turn into a red build.
export default defineConfig({
  plugins: [react()],
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'node', environment: 'node', include: ['test/core/**/*.test.ts', 'test/main/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/lint/**/*.test.ts', 'test/security/*.test.ts', 'test/fuzz/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.{ts,tsx}', 'test/db/**/*.test.ts', 'test/security/dom/**/*.test.{ts,tsx}', 'test/fuzz/dom/**/*.test.ts'],
          setupFiles: ['test/setup-dom.ts'],
        },
      },
    ],
  },
});
