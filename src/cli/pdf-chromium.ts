/**
 * HTML → PDF for the CLI. The report HTML is self-contained (inline CSS and SVG, no scripts, its own CSP),
 * so printing it needs nothing but a Chromium:
 *   - run by the app's own binary (Electron main process): a hidden BrowserWindow's printToPDF;
 *   - run by node: a Chromium found on the system (--chromium PATH, CHROMIUM_PATH, common install paths),
 *     printing through its own command line (`--headless --print-to-pdf`).
 *
 * Why the browser's command line rather than playwright-core's page.pdf(): playwright-core is only a dev
 * dependency (via @playwright/test), and it speaks a CDP protocol pinned to the Chromium revisions it was
 * released with, so a user's newer or older system Chrome can break it. `--print-to-pdf` has been stable in
 * every Chromium, Chrome and Edge for years, needs no extra package, and is one process with one exit code.
 * What it lacks (no wait-for-selector, no header templates) the report does not need: nothing loads or runs
 * after the document, and paper size and margins come from an @page rule added to the printed copy
 * (printableReportHtml, which the app's own PDF export uses too).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { printableReportHtml } from '../core/report/print';
import { CliFailure } from './context';

export const NO_CHROMIUM = 'No Chromium found for PDF output. Install Chromium or pass --chromium PATH, or write .html instead.';


export interface PdfOptions {
  /** Explicit browser executable (--chromium). */
  chromium?: string;
  /** Give up after this long (default 120 s): a hung browser must not hang a cron job. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface PdfResult {
  bytes: Uint8Array;
  /** What printed it: "electron" or the Chromium executable's path. */
  printer: string;
}

/** Where Chromium-based browsers usually live, most likely first. Edge counts: it is Chromium and ships with Windows. */
export function chromiumCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
    return [...apps.map((a) => `/Applications/${a}`), ...(env.HOME !== undefined ? apps.map((a) => join(env.HOME ?? '', 'Applications', a)) : [])];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => r !== undefined && r !== '');
    const rel = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
    return rel.flatMap((r) => roots.map((root) => `${root}\\${r}`));
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
    '/opt/google/chrome/chrome',
  ];
}

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** The Chromium to print with: --chromium, else CHROMIUM_PATH, else the first common location that exists. */
export function findChromium(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit !== undefined) {
    if (!isFile(explicit)) throw new CliFailure(`${NO_CHROMIUM} (--chromium ${explicit}: no such file.)`);
    return explicit;
  }
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!isFile(fromEnv)) throw new CliFailure(`${NO_CHROMIUM} (CHROMIUM_PATH=${fromEnv}: no such file.)`);
    return fromEnv;
  }
  const found = chromiumCandidates(process.platform, env).find(isFile);
  if (found === undefined) throw new CliFailure(NO_CHROMIUM);
  return found;
}

/** The flags for a one-shot, offline, profile-less print. */
export function chromiumArgs(profileDir: string, pdfPath: string, htmlUrl: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-dev-shm-usage',
    '--mute-audio',
    `--user-data-dir=${profileDir}`,
    '--no-pdf-header-footer',
    // The pre-2023 spelling of the same switch; Chromium ignores switches it does not know.
    '--print-to-pdf-no-header',
    `--print-to-pdf=${pdfPath}`,
    htmlUrl,
  ];
}

/** Prints `html` to PDF bytes with the app's Electron when that is what runs us, else with a system Chromium. */
export async function htmlToPdf(html: string, options: PdfOptions = {}): Promise<PdfResult> {
  if (options.chromium === undefined && isElectronMain()) return { bytes: await printWithElectron(html), printer: 'electron' };
  const chromium = findChromium(options.chromium, options.env ?? process.env);
  return { bytes: await printWithChromium(html, chromium, options.timeoutMs ?? 120_000), printer: chromium };
}

/** Electron's main process (not ELECTRON_RUN_AS_NODE, where BrowserWindow does not exist). */
function isElectronMain(): boolean {
  return process.versions.electron !== undefined && 'type' in process && process.type === 'browser';
}

/**
 * The app's own Chromium: a hidden window with JavaScript off loads the file and prints it. Kept small on
 * purpose: it cannot run under node, so the tests cover the Chromium path, which prints the same HTML.
 */
async function printWithElectron(html: string): Promise<Uint8Array> {
  // The CLI layer stays free of electron (eslint bans static imports of it); this is the one place that
  // reaches it, at run time, and only inside the app's own process.
  const { app, BrowserWindow } = await import('electron');
  await app.whenReady();
  const dir = mkdtempSync(join(tmpdir(), 'loupe-pdf-'));
  const win = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
  try {
    const file = join(dir, 'report.html');
    writeFileSync(file, printableReportHtml(html));
    await win.loadFile(file);
    const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    win.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Headless Chromium's own --print-to-pdf, in a throwaway profile, killed (with its children) on timeout. */
export async function printWithChromium(html: string, chromium: string, timeoutMs: number): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-pdf-'));
  try {
    const htmlPath = join(dir, 'report.html');
    const pdfPath = join(dir, 'report.pdf');
    const profile = join(dir, 'profile');
    writeFileSync(htmlPath, printableReportHtml(html));
    const { code, stderr } = await run(chromium, chromiumArgs(profile, pdfPath, pathToFileURL(htmlPath).href), timeoutMs);
    const bytes = existsSync(pdfPath) ? readFileSync(pdfPath) : undefined;
    if (bytes === undefined || bytes.length < 5 || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
      const detail = stderr.trim().split('\n').slice(-3).join(' ').slice(0, 400);
      throw new CliFailure(`${chromium} did not print a PDF (exit code ${code ?? 'none'})${detail === '' ? '' : `: ${detail}`}`);
    }
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  } finally {
    // Chromium may still be flushing its profile for a moment after exit; retry rather than leave it behind.
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Its own process group, so a timeout kills the browser's helpers too (Debian's /usr/bin/chromium is a script).
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: process.platform !== 'win32', windowsHide: true });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-8000);
    });
    const kill = (): void => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      kill();
      reject(new CliFailure(`${command} did not finish printing within ${Math.round(timeoutMs / 1000)} s.`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new CliFailure(`Could not start ${command}: ${error.message}`));
    });
    // 'exit', not 'close': a helper process that outlives the browser would keep stderr open. Then the group
    // is killed, so no helper outlives the print either.
    child.on('exit', (code) => {
      clearTimeout(timer);
      kill();
      resolve({ code, stderr });
    });
  });
}
