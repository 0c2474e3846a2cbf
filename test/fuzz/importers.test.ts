// CI-sized fuzzing of every importer (npm run fuzz runs 20,000 cases in worker threads with hang detection):
// random and mutated bytes from small seeds, replayable from the run seed. Each case must end in a clean import
// or a user-facing error, within a per-case time budget.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSeeds, makeCase, runCase, type Seeds, TARGETS } from './targets';

const RUN_SEED = Number(process.env['FUZZ_SEED'] ?? 20260302);
const CASES_PER_TARGET = 100;
/** Generous for 2 shared CI cores: the slowest case locally takes ~150 ms. */
const CASE_BUDGET_MS = 5_000;

let seeds: Seeds;
beforeAll(async () => {
  seeds = await buildSeeds();
});

describe('importer fuzzing', () => {
  it.each(TARGETS)('%s: every case is a clean import or a clear error, in time', async (target) => {
    const failures: string[] = [];
    const outcomes = { ok: 0, 'clean-error': 0, crash: 0 };
    for (let index = 0; index < CASES_PER_TARGET; index += 1) {
      const input = makeCase(seeds, target, RUN_SEED, index);
      const outcome = await runCase(input);
      outcomes[outcome.kind] += 1;
      if (outcome.kind === 'crash') failures.push(`case ${index} (seed ${input.seed}): ${outcome.detail}`);
      if (outcome.ms > CASE_BUDGET_MS) failures.push(`case ${index} (seed ${input.seed}) took ${outcome.ms.toFixed(0)} ms`);
    }
    expect(failures).toEqual([]);
    // The mutations reach both ends: some files still import, some are refused with a message.
    expect(outcomes.ok + outcomes['clean-error']).toBe(CASES_PER_TARGET);
    expect(outcomes['clean-error']).toBeGreaterThan(0);
  });

  it('the unmutated seeds import cleanly', async () => {
    for (const target of TARGETS) {
      for (const bytes of seeds[target]) {
        const outcome = await runCase({ target, seed: 0, bytes });
        expect(outcome.kind, `${target}: ${outcome.detail}`).toBe('ok');
      }
    }
  });
});
