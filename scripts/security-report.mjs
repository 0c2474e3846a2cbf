// `npm run security:report` — Electron's security checklist (and Loupe's robustness guarantees), each item with
// the tests that prove it. Runs vitest with its JSON reporter on test/main, test/security and test/fuzz, maps
// test names to items, prints each item with its proofs and whether they pass, and exits 1 if any item has no
// passing proof (a proof that is missing — renamed or deleted test — counts as failing).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** [file, test title or title prefix ending in '…'] */
const CHECKLIST = [
  ['contextIsolation on every window', [
    ['test/main/window.test.ts', 'creates every window with the locked-down webPreferences'],
    ['test/security/checklist.test.ts', 'builds every BrowserWindow in src/main from the locked-down preferences'],
  ]],
  ['sandbox on every renderer', [
    ['test/main/window.test.ts', 'creates every window with the locked-down webPreferences'],
    ['test/security/checklist.test.ts', 'turns on the Chromium sandbox for every renderer before the app is ready'],
    ['test/main/pdf.test.ts', 'prints in a hidden window with the secure options, no preload and JavaScript off'],
  ]],
  ['no nodeIntegration (main, workers, subframes)', [
    ['test/main/window.test.ts', 'creates every window with the locked-down webPreferences'],
    ['test/security/checklist.test.ts', 'builds every BrowserWindow in src/main from the locked-down preferences'],
  ]],
  ['webSecurity on, no insecure content', [
    ['test/main/window.test.ts', 'creates every window with the locked-down webPreferences'],
    ['test/security/checklist.test.ts', 'turns on the Chromium sandbox for every renderer before the app is ready'],
  ]],
  ['CSP on the app: response header and meta tag', [
    ['test/main/protocol.test.ts', 'serves files of the renderer build with the strict CSP and a content type'],
    ['test/main/protocol.test.ts', "matches the renderer's meta-tag CSP (meta cannot carry frame-ancestors)"],
    ['test/security/checklist.test.ts', 'sends a strict policy as a header, and the page carries the same policy in a meta tag (source and build)'],
  ]],
  ['CSP on the report page (preview and PDF)', [
    ['test/security/checklist.test.ts', 'gives the report page (preview and PDF) its own policy: no scripts, no network'],
    ['test/main/pdf.test.ts', 'allows exactly the report stylesheet by hash, in csp.ts and index.html alike'],
    ['test/main/pdf.test.ts', 'refuses HTML that is not a report or carries scripts, before any window exists'],
  ]],
  ['navigation limited (will-navigate/will-redirect, parsed-URL allowlist)', [
    ['test/main/window.test.ts', 'blocks navigation away from loupe://app and allows it within'],
    ['test/security/checklist.test.ts', 'refuses to navigate to …'],
    ['test/security/checklist.test.ts', 'compares the dev server by origin, not by prefix'],
  ]],
  ['new windows denied (setWindowOpenHandler), no <webview>', [
    ['test/main/window.test.ts', 'denies window.open and <webview>'],
    ['test/security/checklist.test.ts', 'denies every window.open, whatever the URL, and opens no window'],
  ]],
  ['permission requests and checks denied', [
    ['test/main/window.test.ts', 'denies every permission request and check'],
  ]],
  ['shell.openExternal only for http(s), after a native confirmation', [
    ['test/security/checklist.test.ts', 'never opens …'],
    ['test/security/checklist.test.ts', 'asks with a native dialog naming the address and opens only when the user confirms'],
    ['test/security/checklist.test.ts', 'routes window.open and link navigation of a window through the confirmation'],
  ]],
  ['IPC sender frame validated', [
    ['test/main/ipc.test.ts', 'rejects a sender from another origin'],
    ['test/main/ipc.test.ts', 'rejects a subframe of the app window, even on the app origin'],
    ['test/main/ipc.test.ts', 'rejects another web contents and a vanished frame'],
  ]],
  ['IPC payloads validated (zod)', [
    ['test/main/ipc.test.ts', 'rejects …'],
    ['test/main/pdf.test.ts', 'rejects bad payloads and passes a valid one to the handler'],
  ]],
  ['custom protocol (loupe://) instead of file://', [
    ['test/main/protocol.test.ts', 'registers loupe as a standard, secure, fetch-capable scheme'],
    ['test/main/protocol.test.ts', 'never serves anything outside the root: …'],
    ['test/security/checklist.test.ts', 'loads the app from loupe://app and never from a file URL'],
  ]],
  ['no raw Electron API through contextBridge (one object of plain functions)', [
    ['test/main/preload.test.ts', 'exposes exactly one object, loupe, with exactly the DesktopApi methods'],
    ['test/main/preload.test.ts', 'hands listeners the data, never the IpcRendererEvent, and drops invalid payloads'],
    ['test/security/checklist.test.ts', 'exposes one object of plain functions that never return ipcRenderer or an event'],
    ['test/security/checklist.test.ts', 'has exactly one exposeInMainWorld and no channel chosen by the page (source and build)'],
  ]],
  ['fuses: RunAsNode off, NODE_OPTIONS off, --inspect off, cookie encryption, ASAR integrity, ASAR only', [
    ['test/security/checklist.test.ts', 'turns off RunAsNode, NODE_OPTIONS and --inspect; turns on cookie encryption, ASAR integrity and ASAR-only loading'],
  ]],
];

const ROBUSTNESS = [
  ['a failed save (ENOSPC, EACCES, EIO) keeps the previous file and says so', [
    ['test/security/save-failure.test.ts', 'keeps the previous file intact and says so when …'],
    ['test/security/save-failure.test.ts', 'through the saveWorkspace channel: refuses with a user message, keeps the old file and its backups'],
    ['test/security/dom/storage.test.tsx', 'tells the user (…'],
  ]],
  ['unopenable database → recovery screen, never silent data loss', [
    ['test/security/dom/storage.test.tsx', 'shows the recovery screen for data from a newer Loupe, leaves it untouched, and restores a backup as a new workspace'],
    ['test/security/dom/storage.test.tsx', 'offers the other workspaces instead, and opens the one chosen'],
    ['test/security/dom/storage.test.tsx', 'shows the recovery screen when the open itself fails (a damaged database)'],
    ['test/security/dom/recovery-open.test.ts', 'finishes and discards what …'],
  ]],
  ['persistent storage requested; a full disk is reported with what to do', [
    ['test/security/dom/storage.test.tsx', 'asks for persistent storage at startup'],
    ['test/security/dom/storage.test.tsx', 'recognises QuotaExceededError, also wrapped by Dexie, and says what to do'],
    ['test/security/dom/storage.test.tsx', 'reports a full disk while storing the first workspace, instead of failing silently'],
  ]],
  ['importers survive fuzzing (clean result or clear error, in time)', [
    ['test/fuzz/importers.test.ts', '…: every case is a clean import or a clear error, in time'],
    ['test/fuzz/dom/store.test.ts', 'survey and transcript files through the import worker'],
    ['test/fuzz/dom/store.test.ts', 'a damaged .loupe file is refused before anything is stored'],
  ]],
  ['CSV reader conformance (csv-spectrum, CSVW dialects)', [
    ['test/fuzz/csv-conformance.test.ts', 'has all twelve cases'],
    ['test/fuzz/csv-conformance.test.ts', '…'],
  ]],
  ['exports escape user text (HTML, Markdown, CSV)', [
    ['test/security/xss-exports.test.ts', 'HTML report: escaped, the literal text kept, no element or handler created'],
    ['test/security/xss-exports.test.ts', 'Markdown report: escaped so a Markdown renderer shows it as text'],
    ['test/security/xss-exports.test.ts', 'coded-data CSV: each hostile text is one plain cell that reads back exactly'],
  ]],
];

function matches(pattern, title) {
  if (pattern === '…') return true;
  if (pattern.startsWith('…')) return title.endsWith(pattern.slice(1));
  if (pattern.endsWith('…')) return title.startsWith(pattern.slice(0, -1));
  return title === pattern;
}

const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'loupe-security-'));
const out = join(dir, 'vitest.json');
try {
  try {
    execFileSync('npx', ['vitest', 'run', '--reporter=json', `--outputFile=${out}`, 'test/main', 'test/security', 'test/fuzz'], { stdio: ['ignore', 'ignore', 'inherit'] });
  } catch {
    // Failing tests make vitest exit 1; the report below says which items they belong to.
  }
  const results = JSON.parse(readFileSync(out, 'utf8'));
  const tests = results.testResults.flatMap((file) =>
    file.assertionResults.map((a) => ({ file: relative(root, file.name).split('\\').join('/'), title: a.title, status: a.status })),
  );

  let missing = 0;
  const print = (heading, items) => {
    console.log(`\n${heading}`);
    for (const [item, proofs] of items) {
      const lines = [];
      let ok = true;
      for (const [file, pattern] of proofs) {
        const found = tests.filter((t) => t.file === file && matches(pattern, t.title));
        const passed = found.length > 0 && found.every((t) => t.status === 'passed');
        ok &&= passed;
        const label = found.length === 0 ? 'MISSING' : passed ? `pass${found.length > 1 ? ` ×${found.length}` : ''}` : 'FAIL';
        lines.push(`      ${label.padEnd(9)} ${file} › ${pattern}`);
      }
      if (!ok) missing += 1;
      console.log(`  ${ok ? '✓' : '✗'} ${item}`);
      for (const l of lines) console.log(l);
    }
  };
  print("Electron security checklist", CHECKLIST);
  print('Robustness', ROBUSTNESS);
  const total = CHECKLIST.length + ROBUSTNESS.length;
  console.log(`\n${total - missing} of ${total} items proven by passing tests (${tests.length} tests run).`);
  console.log('Not in this report (Chromium end to end): test/e2e/xss.spec.ts, test/e2e/crash.spec.ts (npm run test:e2e), npm run bench:crash, npm run fuzz.');
  if (missing > 0) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
