/**
 * Platform for a plain browser (and the end-to-end tests): a hidden file input for Open, a blob download for
 * Save/Export, keyboard shortcuts standing in for the native menu. Browsers give no file paths, so recent
 * files are remembered by name only (localStorage) and reopening one asks for the file again.
 */
import type { MenuCommand } from '../../../shared/api';
import { pickFiles } from './pick-files';
import { fetchSample, type Platform, type PlatformFile, type RecentEntry, type SavedFile } from './types';
import { version as appVersion } from '../../../../package.json';

/** Persisted key: changing it forgets users' recent files. */
const RECENT_KEY = 'loupe.recentFiles';
const MAX_RECENT = 10;

export function createBrowserPlatform(win: Window = window): Platform {
  return {
    kind: 'browser',
    getInfo: async () => ({ appVersion, platform: 'browser' }),
    openFile: () => pickFile(win),
    pickImportFiles: () => pickFiles(win.document),
    saveFile: async (request) => {
      const saved = download(win, request.bytes, request.suggestedName);
      rememberRecent(win, saved.name);
      return saved;
    },
    exportFile: async (request) => download(win, request.bytes, request.suggestedName),
    listRecent: async () => readRecent(win),
    openRecent: () => pickFile(win),
    onCommand: (listener) => listenShortcuts(win, listener),
    // The OS never hands files to a web page.
    onOpenFile: () => () => undefined,
    loadSample: fetchSample,
  };
}

function pickFile(win: Window): Promise<PlatformFile | null> {
  const doc = win.document;
  return new Promise((resolve) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.accept = '.loupe';
    input.hidden = true;
    input.setAttribute('aria-label', 'Open workspace file');
    const done = (file: PlatformFile | null): void => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file === undefined) return done(null);
      void file.arrayBuffer().then((buffer) => {
        rememberRecent(win, file.name);
        done({ name: file.name, path: null, bytes: new Uint8Array(buffer) });
      });
    });
    input.addEventListener('cancel', () => done(null));
    doc.body.append(input);
    input.click();
  });
}

function download(win: Window, bytes: Uint8Array, name: string): SavedFile {
  // Copy into a plain ArrayBuffer: a Blob part may not be a view over a SharedArrayBuffer.
  const blob = new Blob([bytes.slice().buffer], { type: 'application/octet-stream' });
  const url = URL.createObjectURL(blob);
  const a = win.document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  win.document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download asynchronously after click().
  win.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { name, path: null };
}

function readRecent(win: Window): RecentEntry[] {
  try {
    const raw: unknown = JSON.parse(win.localStorage.getItem(RECENT_KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((item: unknown): RecentEntry[] => {
      if (typeof item !== 'object' || item === null) return [];
      const name: unknown = Reflect.get(item, 'name');
      const openedAt: unknown = Reflect.get(item, 'openedAt');
      return typeof name === 'string' && typeof openedAt === 'string' ? [{ name, openedAt, path: null }] : [];
    });
  } catch {
    return [];
  }
}

function rememberRecent(win: Window, name: string): void {
  const next = [{ name, path: null, openedAt: new Date().toISOString() }, ...readRecent(win).filter((r) => r.name !== name)];
  try {
    win.localStorage.setItem(RECENT_KEY, JSON.stringify(next.slice(0, MAX_RECENT)));
  } catch {
    // Storage full or disabled: recent files are a convenience, not data.
  }
}

/** Ctrl/Cmd shortcuts that mirror the native menu's accelerators. */
export function shortcutCommand(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): MenuCommand | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'n' && !e.shiftKey) return 'new';
  if (key === 'o' && !e.shiftKey) return 'open';
  if (key === 'i' && !e.shiftKey) return 'import';
  if (key === 's') return e.shiftKey ? 'save-as' : 'save';
  if (key === 'e' && !e.shiftKey) return 'export';
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return null;
}

function listenShortcuts(win: Window, listener: (command: MenuCommand) => void): () => void {
  const onKey = (e: KeyboardEvent): void => {
    const command = shortcutCommand(e);
    if (command === null) return;
    // Undo/redo inside a text field belongs to the field.
    const target = e.target;
    if ((command === 'undo' || command === 'redo') && target instanceof HTMLElement && isTextField(target)) return;
    e.preventDefault();
    listener(command);
  };
  win.addEventListener('keydown', onKey);
  return () => win.removeEventListener('keydown', onKey);
}

function isTextField(el: HTMLElement): boolean {
  return el.isContentEditable || el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && el.type !== 'checkbox' && el.type !== 'radio');
}
