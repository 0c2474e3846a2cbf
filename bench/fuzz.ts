/**
 * `npm run fuzz [cases]` — fuzzes every importer (CSV, TSV, XLSX, VTT, SRT, DOCX, QDPX, .loupe) with random and
 * mutated bytes from small seeds (test/fuzz/targets.ts), in worker threads so a hang is caught: a case that runs
 * past FUZZ_TIMEOUT_MS (default 10 s) is a failure, its worker is killed and replaced. Every case must end in a
 * clean import or a user-facing error (ImportError, WorkspaceFileError, RefiError). Prints the case count and
 * failures with their replay seed (FUZZ_SEED=<run seed>); exits 1 on any failure.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { TARGETS, type Outcome, type TargetName } from '../test/fuzz/targets';

const CASES = Number(process.argv[2] ?? process.env['FUZZ_CASES'] ?? 20_000);
const RUN_SEED = Number(process.env['FUZZ_SEED'] ?? 20260302);
const TIMEOUT_MS = Number(process.env['FUZZ_TIMEOUT_MS'] ?? 10_000);
const THREADS = Math.max(1, Math.min(availableParallelism(), Number(process.env['FUZZ_THREADS'] ?? 8)));

interface Result {
  target: TargetName;
  index: number;
  seed: number;
  size: number;
  outcome: Outcome;
}

function isResult(value: unknown): value is Result {
  return typeof value === 'object' && value !== null && 'outcome' in value && 'target' in value;
}

interface Tally {
  ok: number;
  cleanError: number;
  crash: number;
  hang: number;
  slowestMs: number;
}

const tallies = new Map<TargetName, Tally>(TARGETS.map((t) => [t, { ok: 0, cleanError: 0, crash: 0, hang: 0, slowestMs: 0 }]));
const failures: string[] = [];
let next = 0;
let done = 0;

function startWorker(onFinished: () => void): void {
  // tsx's require hook, registered inside the thread (loader flags in execArgv do not reach workers on Node 20).
  const entry = join(process.cwd(), 'bench/fuzz/worker.ts');
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(entry)});`, { eval: true });
  let timer: NodeJS.Timeout | undefined;
  let current: { target: TargetName; index: number } | null = null;

  const send = (): void => {
    if (next >= CASES) {
      void worker.terminate().then(onFinished);
      return;
    }
    const index = next++;
    const target = TARGETS[index % TARGETS.length]!;
    current = { target, index };
    timer = setTimeout(() => {
      // A hang: record it, kill the thread (the only way to stop synchronous parsing), carry on with a new one.
      const tally = tallies.get(target)!;
      tally.hang += 1;
      failures.push(`HANG ${target} case ${index} (FUZZ_SEED=${RUN_SEED}): no answer after ${TIMEOUT_MS} ms`);
      done += 1;
      worker.removeAllListeners();
      void worker.terminate().then(() => startWorker(onFinished));
    }, TIMEOUT_MS);
    worker.postMessage({ target, runSeed: RUN_SEED, index });
  };

  worker.on('message', (message: unknown) => {
    if (!isResult(message)) {
      send();
      return;
    }
    clearTimeout(timer);
    const tally = tallies.get(message.target)!;
    const { outcome } = message;
    tally.slowestMs = Math.max(tally.slowestMs, outcome.ms);
    if (outcome.kind === 'ok') tally.ok += 1;
    else if (outcome.kind === 'clean-error') tally.cleanError += 1;
    else {
      tally.crash += 1;
      failures.push(`CRASH ${message.target} case ${message.index} seed ${message.seed} (${message.size} bytes): ${outcome.detail}`);
    }
    done += 1;
    if (done % 2000 === 0) console.log(`  … ${done.toLocaleString()} / ${CASES.toLocaleString()}`);
    send();
  });
  worker.on('error', (error) => {
    clearTimeout(timer);
    if (current !== null) {
      tallies.get(current.target)!.crash += 1;
      failures.push(`WORKER DIED ${current.target} case ${current.index}: ${error.message}`);
      done += 1;
    }
    startWorker(onFinished);
  });
}

async function main(): Promise<void> {
  console.log(`Fuzzing ${TARGETS.length} importers: ${CASES.toLocaleString()} cases, run seed ${RUN_SEED}, ${THREADS} threads, ${TIMEOUT_MS} ms per case`);
  const started = performance.now();
  await Promise.all(Array.from({ length: THREADS }, () => new Promise<void>((resolve) => startWorker(resolve))));
  const seconds = (performance.now() - started) / 1000;
  console.log('');
  console.log('importer   cases   clean import   clear error   crash   hang   slowest');
  let total = 0;
  for (const [target, t] of tallies) {
    const cases = t.ok + t.cleanError + t.crash + t.hang;
    total += cases;
    console.log(`${target.padEnd(8)} ${String(cases).padStart(7)} ${String(t.ok).padStart(14)} ${String(t.cleanError).padStart(13)} ${String(t.crash).padStart(7)} ${String(t.hang).padStart(6)} ${t.slowestMs.toFixed(0).padStart(7)} ms`);
  }
  console.log('');
  console.log(`cases: ${total.toLocaleString()} in ${seconds.toFixed(1)} s; failures: ${failures.length}`);
  for (const f of failures.slice(0, 20)) console.log(`  ${f}`);
  if (failures.length > 0) process.exitCode = 1;
}

void main();
