import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fakes/electron'));

const fake = await import('./fakes/electron');
const { createAppRequestHandler, registerAppScheme } = await import('../../src/main/protocol');
const { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } = await import('../../src/main/csp');

const EXPECTED_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'sha256-5sxNlwmgzJLKDB0vsTZKHP+SjJF5olSnSeY9urCQcDA='; img-src 'self' data: blob:; font-src 'self'; " +
  "connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; base-uri 'none'; form-action 'none'; " +
  "object-src 'none'; frame-ancestors 'none'";

let base: string;
let root: string;
let serve: (request: Request) => Promise<Response>;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'loupe-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Loupe</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(base, 'secret.txt'), 'TOP SECRET');
  await symlink(join(base, 'secret.txt'), join(root, 'link.txt'));
  serve = createAppRequestHandler(root);
});
afterAll(() => rm(base, { recursive: true, force: true }));

const get = (url: string): Promise<Response> => serve(new Request(url));

describe('loupe:// protocol', () => {
  it('registers loupe as a standard, secure, fetch-capable scheme', () => {
    registerAppScheme();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'loupe',
        privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
      }),
    ]);
  });

  it('serves files of the renderer build with the strict CSP and a content type', async () => {
    const response = await get('loupe://app/assets/app.js');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
  });

  it('serves index.html for the bare origin', async () => {
    const response = await get('loupe://app/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Loupe</title>');
  });

  it.each([
    'loupe://app/..%2Fsecret.txt',
    'loupe://app/..%2F..%2F..%2Fetc%2Fpasswd',
    'loupe://app/assets/..%2F..%2Fsecret.txt',
    'loupe://app/..%5Csecret.txt',
    'loupe://app/%2e%2e/secret.txt',
    'loupe://app/../secret.txt',
    'loupe://app/link.txt',
    'loupe://app/index.html%00.js',
    'loupe://elsewhere/index.html',
  ])('never serves anything outside the root: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain('TOP SECRET');
    expect(response.headers.get('content-security-policy')).toBe(EXPECTED_CSP);
  });

  it('answers 404 for missing files and folders', async () => {
    expect((await get('loupe://app/nope.js')).status).toBe(404);
    expect((await get('loupe://app/assets')).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await serve(new Request('loupe://app/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
  });

  it("matches the renderer's meta-tag CSP (meta cannot carry frame-ancestors)", async () => {
    const html = join(__dirname, '../../src/renderer/index.html');
    if (!existsSync(html)) return;
    const match = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(await readFile(html, 'utf8'));
    expect(match?.[1]).toBe(CONTENT_SECURITY_POLICY_META);
  });
});
