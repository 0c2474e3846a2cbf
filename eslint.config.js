// ESLint flat config. Beyond style, it encodes the architecture: which layer may import what
// (see ARCHITECTURE.md). A wrong arrow fails CI.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const reactHooks = require('eslint-plugin-react-hooks');
const globals = require('globals');

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'stream', 'util', 'url', 'http', 'https', 'net', 'worker_threads', 'buffer'];

/** Import bans per layer: `group` entries are gitignore-style patterns matched against the import specifier. */
const layer = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

module.exports = tseslint.config(
  { ignores: ['out/**', 'dist/**', 'dist-installers/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.cjs', 'eslint.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  // core: the pure domain. Runs in node, workers, renderer and CLI alike.
  {
    files: ['src/core/**/*.ts'],
    rules: {
      ...layer(
        ['electron', 'react', 'react-dom', 'react/*', 'dexie', 'dexie-*', ...NODE_BUILTINS, '**/renderer/**', '**/main/**', '**/preload/**', '**/cli/**', '**/shared/**'],
        'src/core is pure TypeScript: no electron, react, dexie, node:* or app layers (ARCHITECTURE.md).',
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'indexedDB', 'navigator', 'location', 'process', 'Buffer', 'require'],
    },
  },
  // shared: the IPC contract only.
  {
    files: ['src/shared/**/*.ts'],
    rules: layer(['electron', 'react', 'dexie', ...NODE_BUILTINS, '**/renderer/**', '**/main/**', '**/preload/**', '**/cli/**'], 'src/shared holds the IPC contract: types and zod schemas only.'),
  },
  // main: thin Electron main; never reaches into the renderer.
  {
    files: ['src/main/**/*.ts'],
    rules: layer(['react', 'react-dom', 'dexie', '**/renderer/**', '**/cli/**'], 'src/main may use core and shared, never renderer or cli code.'),
  },
  // preload: electron + the contract, nothing else.
  {
    files: ['src/preload/**/*.ts'],
    rules: layer(['react', 'dexie', ...NODE_BUILTINS, '**/renderer/**', '**/main/**', '**/core/**', '**/cli/**'], 'The preload exposes one typed object; it imports only electron and src/shared.'),
  },
  // renderer: talks to the desktop only through the Platform adapter; no node, no electron.
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: layer(['electron', ...NODE_BUILTINS, '**/main/**', '**/preload/index*', '**/cli/**'], 'The renderer reaches the desktop only through src/renderer/src/platform.'),
  },
  // features and the app shell read data through hooks and repositories, never through tables.
  {
    files: ['src/renderer/src/features/**/*.{ts,tsx}', 'src/renderer/src/app/**/*.{ts,tsx}'],
    rules: layer(
      ['electron', ...NODE_BUILTINS, '**/main/**', '**/cli/**', 'dexie', '**/db/schema', '**/db/schema.ts'],
      'Components read data through db/hooks and db repositories, never Dexie tables directly.',
    ),
  },
  // cli: argument parsing and output over core.
  {
    files: ['src/cli/**/*.ts'],
    rules: layer(['electron', 'react', 'react-dom', 'dexie', '**/renderer/**', '**/main/**', '**/preload/**'], 'The CLI works over src/core only.'),
  },
);
