/** One fuzz worker thread: builds the seeds once, then runs the cases main sends and posts each outcome. */
import { parentPort } from 'node:worker_threads';
import { buildSeeds, makeCase, runCase, type TargetName } from '../../test/fuzz/targets';

interface Request {
  target: TargetName;
  runSeed: number;
  index: number;
}

const port = parentPort;
if (port === null) throw new Error('bench/fuzz/worker.ts runs as a worker thread');
const seeds = buildSeeds();
port.on('message', (request: Request) => {
  void (async () => {
    const input = makeCase(await seeds, request.target, request.runSeed, request.index);
    const outcome = await runCase(input);
    port.postMessage({ ...request, seed: input.seed, size: input.bytes.length, outcome });
  })();
});
port.postMessage({ ready: true });
