/**
 * `npm run bench:import [respondents]` — import throughput in headless Chromium, three ways in one run:
 *   1. papaparse's bare streaming parse of the file in a worker (the ceiling),
 *   2. the naive store: the same parse, one IndexedDB record per answer, primary key only, 10k per transaction,
 *   3. Loupe's full import: the real worker (src/renderer/src/workers) — parse, build, blocks, commit.
 * Prints answers/s and ratios, peak memory (sum of PSS of every Chromium process, sampled from /proc) and the
 * longest main-thread task during each phase. Figures, not pass/fail: the targets are printed beside them.
 */
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../src/main/csp';
import { generateSurveyCsv } from './gen-survey';
import type { BenchApi, PhaseResult } from './import/protocol';

const RESPONDENTS = Number(process.argv[2] ?? 200_000);
const WORK = '/tmp/loupe-bench';
const DIST = join(WORK, 'dist');
const CSV = join(WORK, `survey-${RESPONDENTS}.csv`);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function main(): Promise<void> {
  mkdirSync(WORK, { recursive: true });
  if (!existsSync(CSV)) {
    console.log(`Generating ${RESPONDENTS.toLocaleString()} respondents × 5 open answers → ${CSV}`);
    await writeCsv(CSV);
  }
  const bytes = statSync(CSV).size;
  console.log(`Survey export: ${(bytes / 1e6).toFixed(1)} MB, ${RESPONDENTS.toLocaleString()} respondents, ${(RESPONDENTS * 5).toLocaleString()} answer cells`);

  process.env.LOUPE_BENCH_OUT = DIST;
  // The config as a module (after the env it reads is set), not a file for Vite to load: no config-loader warning.
  await build({ ...(await import('./import/vite.config')).default, configFile: false });
  const server = serve();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`${origin}/index.html`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'Ready');
    const phase = async (name: string, fn: () => Promise<PhaseResult>): Promise<PhaseResult & { peakRss: number }> => {
      const sampler = sampleRss();
      try {
        const result = await page.evaluate(fn);
        return { ...result, peakRss: sampler.peak() };
      } finally {
        sampler.stop();
        console.log(`  ${name}: done`);
      }
    };
    const loadSampler = sampleRss();
    await page.evaluate((url) => window.loupeBench.load(url), `${origin}/survey.csv`);
    const loadPeak = loadSampler.peak();
    loadSampler.stop();
    console.log('Running phases (the naive store takes a minute)…');
    const parse = await phase('papaparse bare parse', () => window.loupeBench.baseline('parse'));
    const naive = await phase('naive store', () => window.loupeBench.baseline('naive'));
    const loupe = await phase('Loupe import', () => window.loupeBench.loupe());
    report(bytes, loadPeak, { parse, naive, loupe });
  } finally {
    await browser.close();
    server.close();
  }
}

declare global {
  interface Window {
    loupeBench: BenchApi;
  }
}

function report(bytes: number, loadPeak: number, r: Record<'parse' | 'naive' | 'loupe', PhaseResult & { peakRss: number }>): void {
  const rate = (p: PhaseResult): number => p.answers / (p.ms / 1000);
  const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(0)} MB`;
  const rows = [
    ['papaparse bare parse (worker)', r.parse],
    ['naive store (1 record/answer)', r.naive],
    ['Loupe full import (worker)', r.loupe],
  ] as const;
  console.log('');
  console.log(`| phase | answers | time | answers/s | MB/s | peak memory (PSS, all Chromium) | longest main-thread task | longest main-thread stall |`);
  console.log(`|---|---:|---:|---:|---:|---:|---:|---:|`);
  for (const [name, p] of rows) {
    console.log(
      `| ${name} | ${p.answers.toLocaleString('en')} | ${(p.ms / 1000).toFixed(1)} s | ${Math.round(rate(p)).toLocaleString('en')} | ${(bytes / 1e6 / (p.ms / 1000)).toFixed(1)} | ${mb(p.peakRss)} | ${p.longestTaskMs > 0 ? `${p.longestTaskMs.toFixed(0)} ms` : 'none ≥ 50 ms'} | ${p.longestStallMs.toFixed(0)} ms |`,
    );
  }
  console.log('');
  console.log(`Loupe / naive store: ${(rate(r.loupe) / rate(r.naive)).toFixed(1)}×   (target ≥ 5×)`);
  console.log(`Loupe / bare parse:  ${(rate(r.loupe) / rate(r.parse)).toFixed(2)}×`);
  console.log(`Loupe import: ${Math.round(rate(r.loupe)).toLocaleString('en')} answers/s (target ≥ 100,000), ${Math.round(r.loupe.rows / (r.loupe.ms / 1000)).toLocaleString('en')} rows/s`);
  console.log(`Peak memory during the import: ${mb(r.loupe.peakRss)} (target < 1.5 GB; ${mb(loadPeak)} with just the file loaded)`);
  console.log(`Longest main-thread task during the import: ${r.loupe.longestTaskMs > 0 ? `${r.loupe.longestTaskMs.toFixed(0)} ms` : 'none over 50 ms'} (target: none over 50 ms)`);
  if (r.loupe.extra) console.log('Reads after the import:', JSON.stringify(r.loupe.extra));
}

async function writeCsv(path: string): Promise<void> {
  // Written in 16 MB pieces: one write of a 150 MB string would copy it again.
  const out = createWriteStream(path);
  const text = generateSurveyCsv({ respondents: RESPONDENTS });
  for (let i = 0; i < text.length; i += 16 * 1024 * 1024) out.write(text.slice(i, i + 16 * 1024 * 1024));
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
}

const MIME: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.csv': 'text/csv' };

/** Static server for the built page and the CSV, with the app's CSP (so the worker runs under worker-src 'self'). */
function serve() {
  return createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path === '/survey.csv' ? CSV : join(DIST, path.replace(/^\/+/, '') || 'index.html');
    if (!file.startsWith(DIST) && file !== CSV) return void res.writeHead(403).end();
    if (!existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'content-length': statSync(file).size, 'content-security-policy': CONTENT_SECURITY_POLICY });
    createReadStream(file).pipe(res);
  });
}

/** Sums the proportional set size of every process descending from this one (Chromium's browser, renderers, GPU/utility). */
function sampleRss(): { peak(): number; stop(): void } {
  let peak = 0;
  const tick = (): void => {
    const parent = new Map<number, number>();
    const rss = new Map<number, number>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const status = readFileSync(`/proc/${name}/status`, 'utf8');
        const ppid = /PPid:\s+(\d+)/.exec(status);
        parent.set(Number(name), Number(ppid?.[1] ?? 0));
        // PSS, not RSS: Chromium's processes share pages (libraries, shared memory); RSS would count them once per process.
        const pss = /Pss:\s+(\d+) kB/.exec(readFileSync(`/proc/${name}/smaps_rollup`, 'utf8'));
        rss.set(Number(name), Number(pss?.[1] ?? 0) * 1024);
      } catch {
        // The process ended between readdir and read.
      }
    }
    let total = 0;
    for (const [pid, bytes] of rss) {
      if (pid === process.pid) continue;
      for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
        if (p === process.pid) {
          total += bytes;
          break;
        }
      }
    }
    peak = Math.max(peak, total);
  };
  tick();
  const timer = setInterval(tick, 250);
  return {
    peak: () => {
      tick();
      return peak;
    },
    stop: () => clearInterval(timer),
  };
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
