// The built preload runs sandboxed: Electron lets it require only 'electron' (and a few built-ins).
// A dependency left external would make window.loupe silently vanish on users' machines.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, expect } from '@playwright/test';

test('the built preload requires nothing but electron', () => {
  const code = readFileSync(resolve(__dirname, '../../out/preload/index.js'), 'utf8');
  const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
  expect(required.length).toBeGreaterThan(0);
  expect(new Set(required)).toEqual(new Set(['electron']));
});
