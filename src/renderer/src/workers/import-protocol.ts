/**
 * The contract between the import UI and the import worker (comlink). The worker owns the heavy work —
 * decoding, parsing, building records, writing IndexedDB in large batched transactions — so the UI thread
 * only renders progress. Both sides import these types; neither imports the other's implementation.
 */
import type { QuestionType, SourceKind } from '../../../core/model';
import type { EncodingGuess, QuestionRole, SheetInfo, SupportedEncoding, SurveyLayout } from '../../../core/import';
import type { RemovedCoding, RetypeCheck, RetypeRequest, RetypeResult } from '../db/retype-store';

export type { RemovedCoding, RetypeCheck, RetypeRequest, RetypeResult };

/** What the user sees before importing one file. */
export type ImportPreview =
  | {
      kind: 'survey';
      fileName: string;
      bytes: number;
      /** The encoding in use for this preview (detected, or chosen by the user) and why. */
      encoding: EncodingGuess | { encoding: 'xlsx'; confidence: 1; bom: false; reason: string };
      /** The first lines of decoded text, so the user can judge the encoding. Empty for XLSX. */
      textSample: string;
      layout: SurveyLayout;
      /** Proposed roles (editable by the user before import). */
      roles: QuestionRole[];
      /** First data rows as cells, for a small preview table. */
      sampleRows: string[][];
      /** XLSX only: every sheet, and which one this preview shows. */
      sheets?: SheetInfo[];
      sheet?: string;
      /** Same content as a source already in the workspace: importing adds nothing. */
      duplicateOf?: { sourceId: string; title: string };
      /** A newer export of a survey already here: only new respondents will be added. */
      updates?: { sourceId: string; title: string; knownRespondents: number };
    }
  | {
      kind: 'transcript' | 'notes';
      fileName: string;
      bytes: number;
      encoding: EncodingGuess | { encoding: 'docx'; confidence: 1; bom: false; reason: string };
      textSample: string;
      vendor: string;
      speakers: { name: string; isInterviewerGuess: boolean; utterances: number }[];
      units: number;
      warnings: string[];
      duplicateOf?: { sourceId: string; title: string };
    };

export interface PreviewRequest {
  workspaceId: string;
  file: File;
  encoding?: SupportedEncoding;
  sheet?: string;
}

/** What the user decided in the preview. */
export interface ImportPlan {
  workspaceId: string;
  file: File;
  encoding?: SupportedEncoding;
  sheet?: string;
  /** Surveys: the roles as edited by the user (same ids as the preview's roles). */
  roles?: { id: string; type: QuestionType }[];
  /** Transcripts: speaker names to mark as interviewers (kept, left out of analysis). */
  interviewers?: string[];
  /** Source title; defaults to the file name without extension. */
  title?: string;
}

export interface ImportProgress {
  stage: 'reading' | 'parsing' | 'writing' | 'committing' | 'done' | 'cancelled';
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
  unitsWritten: number;
  /** Rows per second over the import so far. */
  rowsPerSecond: number;
}

export interface ImportOutcome {
  status: 'imported' | 'duplicate' | 'cancelled';
  sourceId?: string;
  kind: SourceKind;
  title: string;
  vendor: string;
  encoding: string;
  rowsRead: number;
  participants: number;
  units: number;
  /** Rows skipped because an earlier import of the same survey had them. */
  alreadyImported: number;
  /** A newer export of a survey already in the workspace: its new respondents (if any) went into that source. */
  appendedTo?: { sourceId: string; title: string };
  warnings: { row?: number; message: string }[];
  rowsNotImported: { row: number; reason: string }[];
  ms: number;
}

/** The worker's API (exposed with comlink). A failed import rejects with an Error whose message is for the user. */
export interface ImportWorkerApi {
  preview(request: PreviewRequest): Promise<ImportPreview>;
  /** Runs one import; all or nothing. `onProgress` is a comlink proxy. */
  run(jobId: string, plan: ImportPlan, onProgress: (p: ImportProgress) => void): Promise<ImportOutcome>;
  /** Cancels a running job: it resolves with status 'cancelled' and the workspace is exactly as before. */
  cancel(jobId: string): Promise<void>;
}

export interface RolesProgress {
  /** Respondents re-derived so far, of total. */
  done: number;
  total: number;
}

export interface RolesOutcome {
  status: 'changed' | 'cancelled';
  result?: RetypeResult;
  ms: number;
}

/**
 * Changing survey question roles after import, in the same worker (db/retype-store.ts). A refused change
 * rejects with an Error whose message is for the user; cancel() (ImportWorkerApi) aborts a running change.
 */
export interface RolesWorkerApi {
  /** What the change would do: answers that stop being units and the coding on them, or why it cannot be done. */
  checkRoles(request: RetypeRequest): Promise<RetypeCheck>;
  /** Re-derives the source in one transaction; `restore` puts back coding an earlier change removed (undo). */
  changeRoles(jobId: string, request: RetypeRequest, restore: RemovedCoding | undefined, onProgress: (p: RolesProgress) => void): Promise<RolesOutcome>;
  cancel(jobId: string): Promise<void>;
}
