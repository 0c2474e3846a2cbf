/**
 * The state of one import session — the files the user brought in, each file's preview and the user's edits
 * to it, then each file's progress and outcome — as a small external store (useSyncExternalStore). It lives
 * beside the app rather than inside the dialog so an import keeps running when the dialog is hidden, and so
 * progress events re-render only the dialog, never the whole shell.
 */
import type { SupportedEncoding } from '../../../../core/import';
import type { QuestionType } from '../../../../core/model';
import type { ImportOutcome, ImportPlan, ImportPreview, ImportProgress, ImportWorkerApi } from '../../workers/import-protocol';

export type RunState =
  | { state: 'idle' }
  | { state: 'queued' }
  | { state: 'running'; jobId: string; progress: ImportProgress | null; cancelling: boolean }
  | { state: 'done'; outcome: ImportOutcome }
  /** Cancelled while still waiting its turn: the worker never saw it. */
  | { state: 'skipped' }
  | { state: 'failed'; message: string };

export interface ImportItem {
  key: string;
  file: File;
  workspaceId: string;
  /** The latest preview that arrived; kept on screen while a new one (other encoding or sheet) loads. */
  preview: ImportPreview | null;
  previewing: boolean;
  previewError: string | null;
  /** What the user chose; undefined means "as detected". */
  encoding: SupportedEncoding | undefined;
  sheet: string | undefined;
  /** Survey role types the user changed, by role id. */
  roleTypes: Readonly<Record<string, QuestionType>>;
  /** Transcript speakers the user (un)ticked as interviewer, by name. */
  interviewers: Readonly<Record<string, boolean>>;
  title: string;
  run: RunState;
}

export interface ImportSessionState {
  open: boolean;
  items: readonly ImportItem[];
  selectedKey: string | null;
}

export interface ImportSession {
  subscribe(listener: () => void): () => void;
  getState(): ImportSessionState;
  /** Adds files (previewing each) and shows the dialog. A finished session is cleared first. */
  add(workspaceId: string, files: readonly File[]): void;
  /** Shows the dialog as it is (empty: it offers to choose files). */
  show(): void;
  /** Hides the dialog. Imports still running carry on; a session with nothing running is cleared. */
  close(): void;
  select(key: string): void;
  remove(key: string): void;
  setEncoding(key: string, encoding: SupportedEncoding): void;
  setSheet(key: string, sheet: string): void;
  setRoleType(key: string, roleId: string, type: QuestionType): void;
  setInterviewer(key: string, speaker: string, isInterviewer: boolean): void;
  setTitle(key: string, title: string): void;
  /** Imports every file whose preview is ready, one after another. Resolves when all are done. */
  importAll(): Promise<void>;
  cancel(key: string): void;
}

export function defaultTitle(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '');
}

/** A file can be imported when its preview loaded and it has not been imported (or tried) yet. */
export function isImportable(item: ImportItem): boolean {
  return item.preview !== null && !item.previewing && item.previewError === null && item.run.state === 'idle';
}

export function isBusy(item: ImportItem): boolean {
  return item.run.state === 'queued' || item.run.state === 'running';
}

/** The current type of each survey role: the user's choice, else the proposal. */
export function roleType(item: ImportItem, roleId: string, proposed: QuestionType): QuestionType {
  return item.roleTypes[roleId] ?? proposed;
}

export function isInterviewer(item: ImportItem, speaker: { name: string; isInterviewerGuess: boolean }): boolean {
  return item.interviewers[speaker.name] ?? speaker.isInterviewerGuess;
}

/** What the user decided in the preview, in the worker's terms. */
export function planFor(item: ImportItem): ImportPlan {
  const plan: ImportPlan = { workspaceId: item.workspaceId, file: item.file };
  if (item.encoding !== undefined) plan.encoding = item.encoding;
  const title = item.title.trim();
  if (title !== '' && title !== defaultTitle(item.file.name)) plan.title = title;
  const preview = item.preview;
  if (preview?.kind === 'survey') {
    const sheet = item.sheet ?? preview.sheet;
    if (sheet !== undefined) plan.sheet = sheet;
    plan.roles = preview.roles.map((r) => ({ id: r.id, type: roleType(item, r.id, r.type) }));
  } else if (preview !== null) {
    plan.interviewers = preview.speakers.filter((s) => isInterviewer(item, s)).map((s) => s.name);
  }
  return plan;
}

/** The message of whatever a worker call rejected with: the worker's errors are written for the user. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message !== '') return error.message;
  if (typeof error === 'string' && error !== '') return error;
  return 'Something went wrong while reading the file.';
}

let keySeq = 0;
function newKey(): string {
  keySeq += 1;
  return `import-${keySeq}`;
}

function sameFile(a: File, b: File): boolean {
  return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
}

export function createImportSession(service: ImportWorkerApi): ImportSession {
  let state: ImportSessionState = { open: false, items: [], selectedKey: null };
  const listeners = new Set<() => void>();
  // The newest preview request per item: an older answer arriving late must not overwrite a newer one.
  const previewTokens = new Map<string, number>();
  let running = false;

  const set = (next: ImportSessionState): void => {
    state = next;
    for (const listener of listeners) listener();
  };
  const find = (key: string): ImportItem | undefined => state.items.find((i) => i.key === key);
  const update = (key: string, change: (item: ImportItem) => ImportItem): void => {
    if (!find(key)) return;
    set({ ...state, items: state.items.map((i) => (i.key === key ? change(i) : i)) });
  };

  const preview = (key: string): void => {
    const item = find(key);
    if (!item) return;
    const token = (previewTokens.get(key) ?? 0) + 1;
    previewTokens.set(key, token);
    update(key, (i) => ({ ...i, previewing: true }));
    const request = {
      workspaceId: item.workspaceId,
      file: item.file,
      ...(item.encoding === undefined ? {} : { encoding: item.encoding }),
      ...(item.sheet === undefined ? {} : { sheet: item.sheet }),
    };
    service.preview(request).then(
      (result) => {
        if (previewTokens.get(key) !== token) return;
        update(key, (i) => ({ ...i, preview: result, previewing: false, previewError: null, roleTypes: keepKnownRoles(i.roleTypes, result) }));
      },
      (error: unknown) => {
        if (previewTokens.get(key) !== token) return;
        update(key, (i) => ({ ...i, previewing: false, previewError: errorMessage(error) }));
      },
    );
  };

  const runOne = async (key: string): Promise<void> => {
    const item = find(key);
    if (!item || item.run.state !== 'queued') return;
    const jobId = globalThis.crypto.randomUUID();
    update(key, (i) => ({ ...i, run: { state: 'running', jobId, progress: null, cancelling: false } }));
    try {
      const outcome = await service.run(jobId, planFor(item), (progress) => {
        update(key, (i) => (i.run.state === 'running' && i.run.jobId === jobId ? { ...i, run: { ...i.run, progress } } : i));
      });
      update(key, (i) => ({ ...i, run: { state: 'done', outcome } }));
    } catch (error) {
      update(key, (i) => ({ ...i, run: { state: 'failed', message: errorMessage(error) } }));
    }
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getState: () => state,
    add(workspaceId, files) {
      const finished = state.items.length > 0 && state.items.every((i) => i.run.state !== 'idle' && !isBusy(i));
      const kept = finished ? [] : state.items;
      const fresh = files
        .filter((f, index) => !kept.some((i) => i.run.state === 'idle' && sameFile(i.file, f)) && files.findIndex((g) => sameFile(g, f)) === index)
        .map(
          (file): ImportItem => ({
            key: newKey(),
            file,
            workspaceId,
            preview: null,
            previewing: true,
            previewError: null,
            encoding: undefined,
            sheet: undefined,
            roleTypes: {},
            interviewers: {},
            title: defaultTitle(file.name),
            run: { state: 'idle' },
          }),
        );
      const selectedKey = fresh[0]?.key ?? (finished ? null : state.selectedKey);
      set({ open: true, items: [...kept, ...fresh], selectedKey });
      for (const item of fresh) preview(item.key);
    },
    show() {
      set({ ...state, open: true });
    },
    close() {
      if (state.items.some(isBusy)) set({ ...state, open: false });
      else {
        previewTokens.clear();
        set({ open: false, items: [], selectedKey: null });
      }
    },
    select(key) {
      if (find(key)) set({ ...state, selectedKey: key });
    },
    remove(key) {
      const item = find(key);
      if (!item || isBusy(item)) return;
      previewTokens.delete(key);
      const index = state.items.indexOf(item);
      const items = state.items.filter((i) => i.key !== key);
      const selectedKey = state.selectedKey === key ? (items[Math.min(index, items.length - 1)]?.key ?? null) : state.selectedKey;
      set({ ...state, items, selectedKey });
    },
    setEncoding(key, encoding) {
      update(key, (i) => ({ ...i, encoding }));
      preview(key);
    },
    setSheet(key, sheet) {
      // Another sheet has other columns: earlier role edits do not apply to it.
      update(key, (i) => ({ ...i, sheet, roleTypes: {} }));
      preview(key);
    },
    setRoleType(key, roleId, type) {
      update(key, (i) => ({ ...i, roleTypes: { ...i.roleTypes, [roleId]: type } }));
    },
    setInterviewer(key, speaker, value) {
      update(key, (i) => ({ ...i, interviewers: { ...i.interviewers, [speaker]: value } }));
    },
    setTitle(key, title) {
      update(key, (i) => ({ ...i, title }));
    },
    async importAll() {
      const keys = state.items.filter(isImportable).map((i) => i.key);
      if (keys.length === 0) return;
      set({ ...state, items: state.items.map((i) => (keys.includes(i.key) ? { ...i, run: { state: 'queued' } } : i)) });
      if (running) return; // the loop already running picks the new ones up
      running = true;
      try {
        // One at a time: each import is one all-or-nothing write, and the worker is a single thread anyway.
        for (let next = state.items.find((i) => i.run.state === 'queued'); next; next = state.items.find((i) => i.run.state === 'queued')) {
          await runOne(next.key);
        }
      } finally {
        running = false;
      }
    },
    cancel(key) {
      const item = find(key);
      if (!item) return;
      if (item.run.state === 'queued') update(key, (i) => ({ ...i, run: { state: 'skipped' } }));
      else if (item.run.state === 'running' && !item.run.cancelling) {
        const { jobId } = item.run;
        update(key, (i) => (i.run.state === 'running' ? { ...i, run: { ...i.run, cancelling: true } } : i));
        // The job resolves as 'cancelled' (or, if it was already committing, as imported): run() reports it.
        service.cancel(jobId).catch(() => undefined);
      }
    },
  };
}

/** After a re-preview, keep the user's role edits for the columns that still exist. */
function keepKnownRoles(edits: Readonly<Record<string, QuestionType>>, preview: ImportPreview): Readonly<Record<string, QuestionType>> {
  if (preview.kind !== 'survey') return {};
  const ids = new Set(preview.roles.map((r) => r.id));
  return Object.fromEntries(Object.entries(edits).filter(([id]) => ids.has(id)));
}
