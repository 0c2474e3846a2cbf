// Crash safety in CI: a few cycles of bench/crash (Chromium SIGKILLed at random moments during imports, bulk
// tagging, clustering and saves, then relaunched on the same profile). Every reported commit must survive, and
// nothing may be left half-done. `npm run bench:crash` runs 200 cycles.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';

const CYCLES = Number(process.env['CRASH_CYCLES'] ?? 6);

interface Figures {
  cycles: number;
  browserKills: number;
  rendererKills: number;
  commitsChecked: number;
  lostChanges: number;
  partialStates: number;
  brokenReads: number;
  problems: string[];
}

function isFigures(value: unknown): value is Figures {
  return typeof value === 'object' && value !== null && 'lostChanges' in value && 'partialStates' in value;
}

test(`killing Chromium mid-operation loses no committed change (${CYCLES} cycles)`, async () => {
  test.setTimeout(240_000);
  // A clean environment for the child: Playwright's own loader settings (NODE_OPTIONS) must not reach tsx.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('PW_')));
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'bench/crash.ts', String(CYCLES)], { timeout: 230_000, maxBuffer: 16 * 1024 * 1024, env }).catch((error: unknown) => {
    const out = typeof error === 'object' && error !== null && 'stdout' in error && 'stderr' in error ? `${String(error.stdout)}\n${String(error.stderr)}` : String(error);
    throw new Error(`bench/crash.ts failed:\n${out.split('\n').slice(-40).join('\n')}`);
  });
  const line = stdout.split('\n').find((l) => l.startsWith('CRASH_FIGURES '));
  const figures: unknown = JSON.parse(line?.slice('CRASH_FIGURES '.length) ?? 'null');
  if (!isFigures(figures)) throw new Error(`no figures in the output:\n${stdout}`);
  expect(figures.problems).toEqual([]);
  expect(figures).toMatchObject({ cycles: CYCLES, lostChanges: 0, partialStates: 0, brokenReads: 0 });
  expect(figures.browserKills).toBeGreaterThan(0);
  expect(figures.commitsChecked).toBeGreaterThan(0);
});
