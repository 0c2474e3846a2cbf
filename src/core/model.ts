/**
 * The Loupe domain model: every record a workspace holds, as plain data.
 * Shared by the renderer (Dexie tables), the workspace-file codec, the CLI and later importers/analysis.
 * Persisted shapes: renaming a field or a union member needs a Dexie migration and a workspace-file version bump.
 */

/** Fields every stored record carries. Ids are stable across saves, merges and exports. */
export interface RecordBase {
  id: string;
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
}

export type SourceKind = 'survey' | 'transcript' | 'notes';

export interface Source extends RecordBase {
  kind: SourceKind;
  title: string;
  /** Exporting tool detected at import: qualtrics, surveymonkey, typeform, googleforms, generic, vtt, srt, docx… */
  vendor: string;
  /** Text encoding the file was read with, e.g. "utf-8". */
  encoding: string;
  /** Original file name, when the source came from a file. */
  fileName?: string;
  /** Content hash of the imported file (re-import detection). */
  contentHash?: string;
  /** When the interview/survey took place (ISO date), if known. */
  date?: string;
  /**
   * Surveys: the number of question slots (one per column role, = its Question.order), the stride of unit
   * seqs: seq = respondentIndex * seqStride + question order (see unit-id.ts).
   */
  seqStride?: number;
  /** Surveys: respondents imported so far; the next respondent (a newer export) gets this index. */
  respondentCount?: number;
}

export interface Participant extends RecordBase {
  /** Display name or respondent id. */
  name: string;
  /** Respondent id from a survey export, when there is one. */
  externalId?: string;
  /** Interviewers are kept but left out of analysis. */
  role: 'participant' | 'interviewer';
  /** Closed answers and attributes: segment, plan, country, NPS… */
  attributes: Record<string, string | number>;
  /** Sources this participant appears in. */
  sourceIds: string[];
}

export type QuestionType = 'id' | 'attribute' | 'date' | 'nps' | 'rating' | 'single' | 'multi' | 'open' | 'ignored';

export interface Question extends RecordBase {
  sourceId: string;
  /** Short label/tag as exported (e.g. "Q3" or the column header). */
  label: string;
  /** Full question text. */
  text: string;
  type: QuestionType;
  /** Position among the source's questions. */
  order: number;
}

/**
 * The atomic piece of feedback: one utterance/paragraph of a transcript, or one open-text survey answer.
 * `id` is always `${sourceId}:${seq}` (unit-id.ts): the storage layer locates a unit from its id.
 */
export interface Unit extends RecordBase {
  sourceId: string;
  participantId?: string;
  questionId?: string;
  /**
   * Unique sort position within the source, non-negative, possibly sparse. Transcripts/notes: the
   * utterance/paragraph index; surveys: respondentIndex * Source.seqStride + Question.order.
   */
  seq: number;
  text: string;
  /** Speaker label as written in a transcript. */
  speaker?: string;
  /** Start time in seconds for transcript utterances. */
  startSec?: number;
  /** 1-based data row in the source file (surveys). */
  row?: number;
  /** Markdown/DOCX notes and transcripts: the heading path the paragraph sits under, e.g. "Context › Pain points". */
  section?: string;
}

export interface Tag extends RecordBase {
  name: string;
  parentId?: string;
  /** CSS hex color, e.g. "#4f7cff". */
  color: string;
  description?: string;
  whenToUse?: string;
  whenNotToUse?: string;
  order: number;
}

/** A character range of one unit. Offsets count Unicode code points, end exclusive. */
export interface Highlight extends RecordBase {
  unitId: string;
  start: number;
  end: number;
  memo?: string;
  coder: string;
}

/** A tag applied to a whole unit (highlightId absent) or to a highlight. */
export interface Tagging extends RecordBase {
  tagId: string;
  unitId: string;
  highlightId?: string;
  coder: string;
}

export interface ClusterDef {
  id: string;
  label: string;
  keywords: string[];
  unitIds: string[];
}

export interface Clustering extends RecordBase {
  name: string;
  params: Record<string, string | number | boolean>;
  clusters: ClusterDef[];
}

export type EvidenceKind = 'highlight' | 'unit' | 'cluster-member';

export interface EvidenceLink {
  kind: EvidenceKind;
  /** Highlight id or unit id. */
  refId: string;
  /** For cluster members: the clustering it came from. */
  clusteringId?: string;
}

export interface Insight extends RecordBase {
  title: string;
  statement: string;
  tagIds: string[];
  evidence: EvidenceLink[];
}

export interface ReportSection {
  kind: 'summary' | 'insights' | 'chart' | 'quotes' | 'methodology' | 'codebook';
  title: string;
  refIds: string[];
}

export interface Report extends RecordBase {
  title: string;
  template: string;
  summary: string;
  sections: ReportSection[];
}

/** What a comment can be about. Persisted: changing needs a migration. */
export type CommentTarget = 'insights' | 'highlights' | 'units';

/**
 * A reader's note on an insight, a piece of evidence (highlight) or a unit. PMs in reading mode add these;
 * they travel in the workspace file and merge like every other record (stable ids).
 */
export interface Comment extends RecordBase {
  targetTable: CommentTarget;
  targetId: string;
  author: string;
  body: string;
  /** ISO 8601, set when the thread was marked resolved. */
  resolvedAt?: string;
}

/**
 * Table names, in the order the workspace file writes them. Persisted: changing needs a format version bump,
 * except appending a table that older files may lack (see OPTIONAL_TABLES in workspace-file.ts).
 */
export const TABLES = [
  'sources',
  'participants',
  'questions',
  'units',
  'tags',
  'highlights',
  'taggings',
  'clusterings',
  'insights',
  'reports',
  'comments',
] as const;

export type TableName = (typeof TABLES)[number];

export interface TableRecords {
  sources: Source;
  participants: Participant;
  questions: Question;
  units: Unit;
  tags: Tag;
  highlights: Highlight;
  taggings: Tagging;
  clusterings: Clustering;
  insights: Insight;
  reports: Report;
  comments: Comment;
}

export interface WorkspaceMeta {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

/** A whole workspace in memory: what the `.loupe` file holds. */
export interface WorkspaceSnapshot {
  meta: WorkspaceMeta;
  tables: { [K in TableName]: TableRecords[K][] };
}

export function emptyTables(): WorkspaceSnapshot['tables'] {
  return {
    sources: [],
    participants: [],
    questions: [],
    units: [],
    tags: [],
    highlights: [],
    taggings: [],
    clusterings: [],
    insights: [],
    reports: [],
    comments: [],
  };
}
