/**
 * Smoke test of the real Electron app (built to out/). Runs only where an Electron binary exists; on
 * machines without one (CI here cannot download it) it skips with a one-line reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = join(__dirname, '../..');
const electronDir = join(root, 'node_modules/electron');

/** The binary's path without require('electron'), which would try (and here fail) to download it. */
function electronBinary(): string | null {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const built = existsSync(join(root, 'out/main/index.js'));

const NO_BINARY = 'no Electron binary in node_modules/electron/dist (it cannot be downloaded here)';
// The list reporter shows a skip as a dash; say why, once, in the run's output.
if (binary === null) console.log(`Electron smoke test skipped: ${NO_BINARY}`);
test.skip(binary === null, NO_BINARY);
test.skip(!built, 'app not built: run `npm run build` first');

test('launches a sandboxed window with window.loupe and no Node globals', async () => {
  const app = await electron.launch({
    executablePath: binary ?? '',
    args: [join(root, 'out/main/index.js')],
    env: { ...process.env, ELECTRON_RENDERER_URL: '' },
  });
  try {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle(/Loupe/);
    expect(page.url()).toMatch(/^loupe:\/\/app\//);
    const globals = await page.evaluate(() => ({
      loupe: typeof Reflect.get(globalThis, 'loupe'),
      keys: Object.keys(Reflect.get(globalThis, 'loupe') ?? {}).length,
      require: typeof Reflect.get(globalThis, 'require'),
      process: typeof Reflect.get(globalThis, 'process'),
    }));
    expect(globals).toEqual({ loupe: 'object', keys: 8, require: 'undefined', process: 'undefined' });
    const info = await page.evaluate(async () => {
      const api: unknown = Reflect.get(globalThis, 'loupe');
      const getInfo: unknown = typeof api === 'object' && api !== null ? Reflect.get(api, 'getInfo') : null;
      return typeof getInfo === 'function' ? Reflect.apply(getInfo, api, []) : null;
    });
    expect(info).toMatchObject({ platform: process.platform });
  } finally {
    await app.close();
  }
});
