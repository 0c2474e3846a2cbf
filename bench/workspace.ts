/**
 * `npm run bench:workspace [respondents] [taggings]` — save and open of a `.loupe` file at scale, on the app's
 * real path, in headless Chromium. The page (bench/workspace/) imports a generated survey (default 250,000
 * respondents × 5 open questions, ~20% blank → ~1,000,000 answer units) through the real import worker, adds
 * 200,000 taggings through the coding repository, then:
 *   save — renderer: prepareSave (IndexedDB → snapshot → NDJSON + SHA-256 + zip → lineage.json), then main's
 *          atomicWriteFile (timed here, in node), then commitSave (the saved state kept for later merges);
 *   open — main's readWorkspaceFile (timed here), then renderer: decodeWorkspace → importSnapshot into a fresh
 *          workspace database with the file's lineage → a section's first reads.
 * A second save after a one-tagging edit covers the usual case (a save that has a previous head to diff, whose
 * units it copies: no unit changed), a third after a second small survey was imported (units changed since the
 * head: every unit is encoded again, and diffed).
 * Targets: save ≤ 5 s, open ≤ 10 s, file ≤ 40% of the raw CSV. Figures, not pass/fail.
 */
import { createReadStream, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../src/main/csp';
import { atomicWriteFile, readWorkspaceFile } from '../src/main/files';
import type { OpenResult, SaveResult, WorkspaceBenchApi } from './workspace/protocol';

const RESPONDENTS = Number(process.argv[2] ?? 250_000);
const TAGGINGS = Number(process.argv[3] ?? 200_000);
const WORK = '/tmp/loupe-bench-workspace';
const DIST = join(WORK, 'dist');
const FILES = join(WORK, 'files');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

declare global {
  interface Window {
    workspaceBench: WorkspaceBenchApi;
  }
}

const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
let lastRead = { ms: 0 };

async function body(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** The built page, plus main's side of a save (POST /save: atomic write) and of an open (GET /file: read + manifest check). */
function serve() {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const headers = { 'content-security-policy': CONTENT_SECURITY_POLICY };
    const fileName = (url.searchParams.get('name') ?? 'bench.loupe').replace(/[^\w.-]/g, '_');
    if (url.pathname === '/save' && req.method === 'POST') {
      void body(req).then(async (bytes) => {
        const t = performance.now();
        await atomicWriteFile(join(FILES, fileName), bytes);
        res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(JSON.stringify({ writeMs: performance.now() - t }));
      }, (e: unknown) => res.writeHead(500).end(String(e)));
      return;
    }
    if (url.pathname === '/file') {
      const t = performance.now();
      void readWorkspaceFile(join(FILES, fileName)).then((file) => {
        lastRead = { ms: performance.now() - t };
        res.writeHead(200, { ...headers, 'content-type': 'application/octet-stream' }).end(file.bytes);
      }, (e: unknown) => res.writeHead(500).end(String(e)));
      return;
    }
    const file = join(DIST, url.pathname.replace(/^\/+/, '') || 'index.html');
    if (!file.startsWith(DIST)) return void res.writeHead(404).end();
    try {
      readFileSync(file);
    } catch {
      return void res.writeHead(404).end();
    }
    res.writeHead(200, { ...headers, 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;

async function main(): Promise<void> {
  rmSync(FILES, { recursive: true, force: true });
  mkdirSync(FILES, { recursive: true });
  process.env.LOUPE_BENCH_OUT = DIST;
  // The config as a module (after the env it reads is set), not a file for Vite to load: no config-loader warning.
  await build({ ...(await import('./workspace/vite.config')).default, configFile: false });
  const server = serve();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(900_000);
    page.on('pageerror', (e) => console.error('page error:', e.message));
    page.on('console', (m) => console.log('page:', m.text()));
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Ready');
    console.log(`Load average: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
    console.log(`Importing ${RESPONDENTS.toLocaleString('en')} respondents and adding ${TAGGINGS.toLocaleString('en')} taggings…`);
    const setup = await page.evaluate(([n, t]) => window.workspaceBench.setup(n, t), [RESPONDENTS, TAGGINGS] as const);
    console.log(
      `  ${setup.units.toLocaleString('en')} units, ${setup.participants.toLocaleString('en')} respondents, ${setup.taggings.toLocaleString('en')} taggings; ` +
        `raw CSV ${mb(setup.csvBytes)}; import ${s(setup.importMs)}, tagging ${s(setup.taggingMs)}`,
    );

    // BENCH_PROFILE=1: the main thread's CPU profile of the first save, summed by function (self time).
    const cdp = process.env.BENCH_PROFILE === '1' ? await page.context().newCDPSession(page) : undefined;
    if (cdp !== undefined) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const threadsBefore = cdp !== undefined ? threadCpu() : undefined;
    const first = await page.evaluate(() => window.workspaceBench.save('first save'));
    if (cdp !== undefined) printProfile((await cdp.send('Profiler.stop')).profile);
    if (threadsBefore !== undefined) printThreads(threadsBefore, threadCpu());
    printSave('First save (no previous save)', first, setup.csvBytes);
    const opened = await page.evaluate(() => window.workspaceBench.open());
    printOpen(opened, lastRead.ms);
    await page.evaluate(() => window.workspaceBench.edit());
    const again = await page.evaluate(() => window.workspaceBench.save('save after an edit'));
    printSave('Save after an edit (diffs against the opened file)', again, setup.csvBytes);
    const more = await page.evaluate(() => window.workspaceBench.importMore(2_000));
    const changed = await page.evaluate(() => window.workspaceBench.save('save after new units'));
    printSave(`Save after new units (a second survey, ${more.toLocaleString('en')} answers, imported since the last save)`, changed, setup.csvBytes);
    console.log(`Load average: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
  } finally {
    await browser.close();
    server.close();
  }
}

function printSave(title: string, r: SaveResult, csvBytes: number): void {
  const total = r.prepareMs + r.writeMs + r.commitMs;
  console.log(`\n${title}: ${s(total)} (target ≤ 5 s) ${total <= 5000 ? '✓' : '✗'}`);
  console.log(`  renderer prepareSave ${s(r.prepareMs)} · main atomic write ${s(r.writeMs)} · renderer commitSave ${s(r.commitMs)}`);
  console.log(`  file ${mb(r.bytes)} = ${((100 * r.bytes) / csvBytes).toFixed(1)}% of the raw CSV (target ≤ 40%) ${r.bytes <= 0.4 * csvBytes ? '✓' : '✗'}`);
  console.log(`  units ${r.reusedUnits ? "copied from the head file's entries (no unit changed since)" : 'read from storage and encoded'}; prepareSave step by step:`);
  for (const step of r.steps) console.log(`    ${step.name}: ${s(step.ms)}`);
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

function printProfile(profile: CpuProfile): void {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const ms = (profile.timeDeltas?.[i] ?? 0) / 1000;
    total += ms;
    const f = byNode.get(id)?.callFrame;
    const name = f === undefined ? '?' : `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + ms);
  });
  console.log(`  main-thread CPU profile of the first save (${s(total)} sampled), self time:`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`    ${s(ms)}  ${name}`);
}

/** CPU seconds per Chromium thread name (all processes): where a save's work runs, browser process included. */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  const tick = 100; // USER_HZ
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd = '';
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmd.includes('chromium')) continue;
    const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
      // The process as a whole, threads that ended (finished workers) included.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const key = `${type} process, all threads`;
      out.set(key, (out.get(key) ?? 0) + (Number(fields[11]) + Number(fields[12])) / tick);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '#');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const cpu = (Number(fields[11]) + Number(fields[12])) / tick;
        const key = `${type}/${comm}`;
        out.set(key, (out.get(key) ?? 0) + cpu);
      } catch {
        // The thread ended.
      }
    }
  }
  return out;
}

function printThreads(before: Map<string, number>, after: Map<string, number>): void {
  const used = [...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const).filter(([, v]) => v >= 0.05);
  const total = used.filter(([k]) => k.endsWith('all threads')).reduce((n, [, v]) => n + v, 0);
  console.log(`  CPU during the first save (${total.toFixed(2)} s in all), by process and by thread still running:`);
  for (const [name, cpu] of used.sort((a, b) => b[1] - a[1])) console.log(`    ${cpu.toFixed(2)} s  ${name}`);
}

function printOpen(r: OpenResult, readMs: number): void {
  const total = readMs + r.decodeMs + r.storeMs + r.firstReadMs;
  console.log(`\nOpen: ${s(total)} (target ≤ 10 s) ${total <= 10_000 ? '✓' : '✗'}  — ${r.units.toLocaleString('en')} units, ${r.taggings.toLocaleString('en')} taggings`);
  console.log(`  main read + manifest check ${s(readMs)} · decodeWorkspace ${s(r.decodeMs)} · importSnapshot ${s(r.storeMs)} · first reads ${s(r.firstReadMs)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
