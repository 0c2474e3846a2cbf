/**
 * Crash-safety cycles in Debian's Chromium: build the crash page (bench/crash/main.ts), serve it on 127.0.0.1
 * with the app's CSP, then per cycle: launch Chromium on a persistent profile, start the workload, SIGKILL the
 * browser process (or, one cycle in four, only the page's renderer) at a random moment, relaunch on the SAME
 * profile and verify: every commit the page reported is there, nothing is half-imported or half-tagged, the
 * database opens and reads back whole. Used by `npm run bench:crash` (200 cycles) and test/e2e/crash.spec.ts.
 */
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../../src/main/csp';
import { createRng } from '../../src/core/random';
import type { Commit, CrashApi, Verdict } from './protocol';

declare global {
  interface Window {
    crashApi: CrashApi;
  }
}

export interface CrashOptions {
  cycles: number;
  seed?: number;
  /** Kill between these many ms after the workload started. */
  killAfterMs?: readonly [number, number];
  /** A fresh profile every this many cycles (keeps the data, and each cycle's checks, small). */
  cyclesPerProfile?: number;
  log?: (line: string) => void;
}

export interface CrashFigures {
  cycles: number;
  browserKills: number;
  rendererKills: number;
  commitsChecked: number;
  lostChanges: number;
  partialStates: number;
  brokenReads: number;
  problems: string[];
  maxSources: number;
  maxUnits: number;
  maxTaggings: number;
  seconds: number;
}

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
// --enable-logging: Chromium writes chrome_debug.log into the profile, read back when a cycle loses something.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--enable-logging', '--v=0'];
const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

export async function buildCrashPage(outDir: string): Promise<void> {
  process.env['LOUPE_CRASH_OUT'] = outDir;
  // The config as a module (after the env it reads is set), not a file for Vite to load: no config-loader warning.
  await build({ ...(await import('./vite.config')).default, configFile: false });
}

function serve(root: string): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/+/, '') || 'index.html';
    const file = resolve(root, path);
    if (!file.startsWith(resolve(root)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
    createReadStream(file).pipe(res);
  });
}

function processArgs(pid: number): string[] | null {
  try {
    if (!readlinkSync(`/proc/${pid}/exe`).includes('chrom')) return null;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return null;
  }
}

function parentOf(pid: number): number | null {
  try {
    // Field 4 of /proc/<pid>/stat, after the parenthesised command name (which may contain spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/**
 * Chromium processes of THIS profile only (Linux /proc): its browser process (the one started with our
 * --user-data-dir and no --type), or that browser's renderers (descendants through the zygote). Never anything
 * else running on the machine.
 */
function chromiumPids(profile: string, type: 'browser' | 'renderer'): number[] {
  const all = readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number);
  const browsers = all.filter((pid) => {
    const args = processArgs(pid);
    return args !== null && args.includes(`--user-data-dir=${profile}`) && !args.some((a) => a.startsWith('--type='));
  });
  if (type === 'browser') return browsers;
  const descends = (pid: number): boolean => {
    for (let p: number | null = parentOf(pid), depth = 0; p !== null && p > 1 && depth < 4; p = parentOf(p), depth += 1) {
      if (browsers.includes(p)) return true;
    }
    return false;
  };
  return all.filter((pid) => processArgs(pid)?.includes('--type=renderer') === true && descends(pid));
}

async function launch(profile: string, commits: Commit[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
  await context.exposeFunction('reportCommit', (commit: Commit) => {
    commits.push(commit);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** The last lines of the profile's chrome_debug.log about storage (IndexedDB, LevelDB, quota, corruption). */
function storageLog(profile: string): string[] {
  const file = join(profile, 'chrome_debug.log');
  if (!existsSync(file)) return ['(no chrome_debug.log in the profile)'];
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => /indexed.?db|leveldb|corrupt|quota|storage/i.test(l));
  return lines.length === 0 ? ['(nothing about storage in chrome_debug.log)'] : lines.slice(-20);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A step that does not finish in time is a finding (a hung open or read), not a stuck harness. */
async function within<T>(ms: number, step: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_r, reject) => {
    timer = setTimeout(() => reject(new Error(`${step} did not finish within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const STEP_MS = 90_000;

export async function runCrashCycles(options: CrashOptions): Promise<CrashFigures> {
  const log = options.log ?? (() => undefined);
  const rng = createRng(options.seed ?? 20260302);
  const [minKill, maxKill] = options.killAfterMs ?? [150, 2500];
  const perProfile = options.cyclesPerProfile ?? 25;
  const work = mkdtempSync(join(tmpdir(), 'loupe-crash-'));
  const dist = join(work, 'dist');
  await buildCrashPage(dist);
  const server = serve(dist);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`;
  const figures: CrashFigures = { cycles: 0, browserKills: 0, rendererKills: 0, commitsChecked: 0, lostChanges: 0, partialStates: 0, brokenReads: 0, problems: [], maxSources: 0, maxUnits: 0, maxTaggings: 0, seconds: 0 };
  const started = performance.now();
  let profile = '';
  let commits: Commit[] = [];
  try {
    for (let cycle = 0; cycle < options.cycles; cycle += 1) {
      if (cycle % perProfile === 0) {
        profile = join(work, `profile-${cycle}`);
        commits = [];
      }
      // 1. Launch, start the workload, kill at a random moment.
      const { context, page } = await launch(profile, commits);
      try {
        await within(STEP_MS, 'load and open before the kill', (async () => {
          await page.goto(url);
          await page.waitForFunction(() => 'crashApi' in window);
          await page.evaluate(() => window.crashApi.init());
        })());
      } catch (error) {
        figures.brokenReads += 1;
        figures.problems.push(`cycle ${cycle}: broken: ${error instanceof Error ? error.message : String(error)}`);
        log(`cycle ${cycle + 1}/${options.cycles}: broken before the kill: ${error instanceof Error ? error.message : String(error)}`);
        for (const pid of chromiumPids(profile, 'browser')) process.kill(pid, 'SIGKILL');
        await context.close().catch(() => undefined);
        continue;
      }
      const workload = page.evaluate((seed) => window.crashApi.workload(seed), rng.int(1, 2 ** 30)).catch(() => undefined);
      await sleep(rng.int(minKill, maxKill));
      const rendererOnly = rng.chance(0.25);
      if (rendererOnly) {
        for (const pid of chromiumPids(profile, 'renderer')) process.kill(pid, 'SIGKILL');
        figures.rendererKills += 1;
        await sleep(100);
        await context.close().catch(() => undefined);
      } else {
        let pids = chromiumPids(profile, 'browser');
        for (let tries = 0; pids.length === 0 && tries < 10; tries += 1) {
          await sleep(100);
          pids = chromiumPids(profile, 'browser');
        }
        if (pids.length === 0) log(`cycle ${cycle + 1}: the browser process had already gone`);
        for (const pid of pids) process.kill(pid, 'SIGKILL');
        figures.browserKills += 1;
        await context.close().catch(() => undefined);
      }
      await workload;

      // 2. Relaunch on the same profile and verify what was reported before the kill.
      const checked = [...commits];
      const again = await launch(profile, commits);
      let verdict: Verdict;
      try {
        verdict = await within(STEP_MS, 'reopen and verify after the kill', (async () => {
          await again.page.goto(url);
          await again.page.waitForFunction(() => 'crashApi' in window);
          return again.page.evaluate((c) => window.crashApi.verify(c), checked);
        })());
      } catch (error) {
        verdict = { lost: [], partial: [], broken: [error instanceof Error ? error.message : String(error)], sources: 0, units: 0, taggings: 0 };
        for (const pid of chromiumPids(profile, 'browser')) process.kill(pid, 'SIGKILL');
      } finally {
        await again.context.close().catch(() => undefined);
      }
      figures.cycles += 1;
      figures.commitsChecked += checked.length;
      figures.lostChanges += verdict.lost.length;
      figures.partialStates += verdict.partial.length;
      figures.brokenReads += verdict.broken.length;
      figures.maxSources = Math.max(figures.maxSources, verdict.sources);
      figures.maxUnits = Math.max(figures.maxUnits, verdict.units);
      figures.maxTaggings = Math.max(figures.maxTaggings, verdict.taggings);
      for (const p of [...verdict.lost.map((l) => `lost: ${l}`), ...verdict.partial.map((l) => `partial: ${l}`), ...verdict.broken.map((l) => `broken: ${l}`)]) {
        figures.problems.push(`cycle ${cycle}: ${p}`);
      }
      log(`cycle ${cycle + 1}/${options.cycles}: ${rendererOnly ? 'renderer' : 'browser'} killed; ${checked.length} commits checked; ${verdict.sources} sources, ${verdict.units} units, ${verdict.taggings} taggings; lost ${verdict.lost.length}, partial ${verdict.partial.length}, broken ${verdict.broken.length}`);
      if (verdict.lost.length + verdict.partial.length + verdict.broken.length > 0) {
        // What Chromium said about storage in this profile (e.g. a database it found damaged and dropped).
        for (const line of storageLog(profile)) log(`  chromium: ${line}`);
      }
    }
  } finally {
    server.close();
    figures.seconds = (performance.now() - started) / 1000;
    rmSync(work, { recursive: true, force: true });
  }
  return figures;
}
