/**
 * `npm run bench:crash [cycles]` — kills Chromium at random moments during imports, bulk tagging, clustering
 * and saves (bench/crash/harness.ts), 200 cycles by default, and prints what survived: lost changes and
 * partial states must both be 0. Exits 1 otherwise.
 */
import { runCrashCycles } from './crash/harness';

async function main(): Promise<void> {
  const cycles = Number(process.argv[2] ?? process.env['CRASH_CYCLES'] ?? 200);
  const seed = Number(process.env['CRASH_SEED'] ?? 20260302);
  console.log(`Crash safety: ${cycles} cycles (seed ${seed}), Chromium killed mid-operation, relaunched on the same profile`);
  const f = await runCrashCycles({ cycles, seed, log: (line) => console.log(`  ${line}`) });
  console.log('');
  console.log(`cycles:            ${f.cycles} (${f.browserKills} browser SIGKILLs, ${f.rendererKills} renderer SIGKILLs) in ${f.seconds.toFixed(0)} s`);
  console.log(`commits checked:   ${f.commitsChecked}`);
  console.log(`lost changes:      ${f.lostChanges}   (target 0)`);
  console.log(`partial states:    ${f.partialStates}   (target 0)`);
  console.log(`broken reads:      ${f.brokenReads}   (target 0)`);
  console.log(`largest workspace: ${f.maxSources} sources, ${f.maxUnits} units, ${f.maxTaggings} taggings`);
  for (const p of f.problems.slice(0, 20)) console.log(`  ${p}`);
  // One machine-readable line for test/e2e/crash.spec.ts.
  console.log(`CRASH_FIGURES ${JSON.stringify({ ...f, problems: f.problems.slice(0, 20) })}`);
  if (f.lostChanges + f.partialStates + f.brokenReads > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
