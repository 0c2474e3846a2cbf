/**
 * The one interface the renderer uses to reach the desktop: files, recent files, menu commands, app info.
 * Two implementations sit behind it (electron.ts over `window.loupe`, browser.ts over plain web APIs), so
 * the whole UI also runs in a browser, which is how the end-to-end tests drive it.
 */
import type { AppInfo, MenuCommand } from '../../../shared/api';

export type { AppInfo, MenuCommand };

export interface PlatformFile {
  name: string;
  /** Absolute path on disk; null where the platform cannot know it (browser). */
  path: string | null;
  bytes: Uint8Array;
}

export interface SavedFile {
  name: string;
  path: string | null;
}

export interface RecentEntry {
  name: string;
  path: string | null;
  openedAt: string;
}

export interface SaveFileRequest {
  /** Where to write; null asks the user where (Save As). The browser always downloads. */
  path: string | null;
  suggestedName: string;
  bytes: Uint8Array;
  /** Previous versions of an overwritten file to keep in `.loupe-backups` beside it (Electron; default 5). */
  keepBackups?: number;
}

export interface ExportFileRequest {
  suggestedName: string;
  bytes: Uint8Array;
  filter: { name: string; extensions: string[] };
}

export interface Platform {
  readonly kind: 'electron' | 'browser';
  getInfo(): Promise<AppInfo>;
  /** Asks the user for a workspace file; null when cancelled. */
  openFile(): Promise<PlatformFile | null>;
  /** Asks the user for files to import (surveys, transcripts, notes); empty when cancelled. */
  pickImportFiles(): Promise<File[]>;
  saveFile(request: SaveFileRequest): Promise<SavedFile | null>;
  exportFile(request: ExportFileRequest): Promise<SavedFile | null>;
  listRecent(): Promise<RecentEntry[]>;
  /** Reopens a recent file. The browser only remembers names, so it asks for the file again. */
  openRecent(entry: RecentEntry): Promise<PlatformFile | null>;
  /** Menu commands (native menu, or keyboard shortcuts in the browser). Returns an unsubscribe function. */
  onCommand(listener: (command: MenuCommand) => void): () => void;
  /** Files opened from the OS (double-click, second instance). Returns an unsubscribe function. */
  onOpenFile(listener: (file: PlatformFile) => void): () => void;
  /** Report HTML → PDF bytes. Desktop only: the browser build has no way to print without a dialog. */
  renderPdf?(html: string): Promise<Uint8Array>;
  /** The bundled sample workspace file, served beside the app. */
  loadSample(): Promise<Uint8Array>;
}

/** Fetches the sample workspace shipped next to index.html (resources/public/sample.loupe). */
export async function fetchSample(): Promise<Uint8Array> {
  const response = await fetch('./sample.loupe');
  if (!response.ok) throw new Error(`The sample workspace could not be loaded (HTTP ${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}
