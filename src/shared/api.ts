/**
 * The IPC contract between the renderer and Electron main: one `DesktopApi` object, its channel names,
 * and zod schemas for every payload that crosses the boundary. Main validates with these; the preload
 * exposes exactly `DesktopApi` (and `satisfies` it). Channel names are persisted in no file, but main and
 * preload must agree: change them here only.
 */
import { z } from 'zod';

/** Largest workspace file main will accept from the renderer (bytes). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024 * 1024 - 1;

export const MENU_COMMANDS = ['new', 'open', 'import', 'save', 'save-as', 'export', 'undo', 'redo', 'about', 'import-refi', 'export-qdpx', 'export-qdc', 'agreement', 'comments'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface AppInfo {
  appVersion: string;
  platform: string;
}

/** A workspace file read from disk by main. */
export interface OpenedFile {
  path: string;
  name: string;
  bytes: Uint8Array;
}

export interface RecentFile {
  path: string;
  name: string;
  openedAt: string;
}

export interface SaveRequest {
  /** Where to write; null asks the user with a Save dialog ("Save As"). */
  path: string | null;
  /** File name offered in the Save dialog. */
  suggestedName: string;
  bytes: Uint8Array;
  /** Previous versions to keep when the file is overwritten (`.loupe-backups` beside it); default 5, 0 keeps none. */
  keepBackups?: number;
}

export interface SaveResult {
  path: string;
  name: string;
}

export interface ExportRequest {
  suggestedName: string;
  bytes: Uint8Array;
  /** File-type filter for the Save dialog, e.g. { name: 'CSV', extensions: ['csv'] }. */
  filter: { name: string; extensions: string[] };
}

/** A report to print: the self-contained HTML core/report renders (its own strict CSP, no scripts). */
export interface PdfRequest {
  html: string;
}

/** Largest report HTML main will print (charts are inline SVG; a long report stays well under this). */
export const MAX_REPORT_HTML_CHARS = 64 * 1024 * 1024;

export interface DesktopApi {
  getInfo(): Promise<AppInfo>;
  /** Shows the native Open dialog; null when cancelled. */
  openWorkspaceFile(): Promise<OpenedFile | null>;
  /** Reads a file from the recent list (only paths the user opened or saved before). */
  openRecent(path: string): Promise<OpenedFile>;
  listRecent(): Promise<RecentFile[]>;
  /** Writes atomically (temp file, fsync, rename). Null when the user cancelled the dialog. */
  saveWorkspace(request: SaveRequest): Promise<SaveResult | null>;
  exportFile(request: ExportRequest): Promise<SaveResult | null>;
  /** Prints report HTML to PDF in a hidden, script-less window; the renderer saves the bytes with exportFile. */
  renderPdf(request: PdfRequest): Promise<Uint8Array>;
  /** Menu commands from the native application menu. Returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Files opened from the OS (double-click, second instance). Returns an unsubscribe function. */
  onOpenFile(listener: (file: OpenedFile) => void): () => void;
}

/** Invoke channels (renderer → main, with a reply). */
export const CHANNELS = {
  getInfo: 'loupe:get-info',
  openWorkspaceFile: 'loupe:open-workspace-file',
  openRecent: 'loupe:open-recent',
  listRecent: 'loupe:list-recent',
  saveWorkspace: 'loupe:save-workspace',
  exportFile: 'loupe:export-file',
  renderPdf: 'loupe:render-pdf',
} as const satisfies Record<Exclude<keyof DesktopApi, 'onMenuCommand' | 'onOpenFile'>, string>;

/** Event channels (main → renderer). */
export const EVENTS = {
  menuCommand: 'loupe:menu-command',
  openFile: 'loupe:open-file',
} as const;

const bytes = z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_FILE_BYTES, 'file too large');
const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((s) => !/[\\/\0]/.test(s), 'a file name, not a path');
const filePath = z.string().min(1).max(4096).refine((s) => !s.includes('\0'), 'no NUL in paths');

/** Argument schemas, one per invoke channel (as a tuple of arguments). */
export const ARG_SCHEMAS = {
  getInfo: z.tuple([]),
  openWorkspaceFile: z.tuple([]),
  openRecent: z.tuple([filePath]),
  listRecent: z.tuple([]),
  saveWorkspace: z.tuple([
    z.object({ path: filePath.nullable(), suggestedName: fileName, bytes, keepBackups: z.number().int().min(0).max(50).optional() }).strict(),
  ]),
  exportFile: z.tuple([
    z
      .object({
        suggestedName: fileName,
        bytes,
        filter: z
          .object({
            name: z.string().min(1).max(64),
            extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/i)).min(1).max(8),
          })
          .strict(),
      })
      .strict(),
  ]),
  renderPdf: z.tuple([
    z
      .object({
        html: z
          .string()
          .min(1)
          .max(MAX_REPORT_HTML_CHARS)
          .refine((s) => /^\s*<!doctype html>/i.test(s), 'an HTML document'),
      })
      .strict(),
  ]),
} as const satisfies { [K in keyof typeof CHANNELS]: z.ZodType };

export const menuCommandSchema = z.enum(MENU_COMMANDS);
