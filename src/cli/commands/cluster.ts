/**
 * `loupe cluster <file.loupe> --question <id|label> [--k N|auto] [--seed S] [--bigrams|--no-bigrams] [--json]`:
 * groups the non-empty answers to one open question into themes (src/core/cluster), stores the run in the
 * workspace as a Clustering (atomic write; the save is added to the file's history when it has one) and
 * prints each theme with its members. A member is named by its unit id and its source row: the respondent id
 * when the export has one, else the 1-based data row of the source file. Same file + options → same themes.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { clusterTextsSync, type ClusterItem, type ClusterResult } from '../../core/cluster';
import { newId, nowIso } from '../../core/ids';
import { LineageError, readLineage, recordSave, writeLineage, type Lineage } from '../../core/merge/lineage';
import type { Clustering, Question, Unit, WorkspaceSnapshot } from '../../core/model';
import { encodeWorkspace } from '../../core/workspace-file';
import { CliFailure, readWorkspaceFile, UsageError, type Command } from '../context';
import { writeFileAtomic } from '../fs-atomic';

const USAGE = 'loupe cluster <file.loupe> --question <id|label> [--k N|auto] [--seed S] [--bigrams|--no-bigrams] [--json]';

/** The seed when none is given, so two plain runs on the same file agree. */
export const DEFAULT_SEED = 42;

export interface ClusterMember {
  unitId: string;
  /** Respondent id when the export has one, else the 1-based data row; null for units without a row (transcripts). */
  sourceRow: string | number | null;
}

export interface ClusterOutput {
  clusteringId: string;
  /** Name the run was stored under. */
  name: string;
  file: string;
  question: { id: string; label: string; text: string; sourceId: string };
  /** Answers clustered (non-empty). */
  answers: number;
  /** k asked for: a number or "auto". */
  requestedK: number | 'auto';
  /** Themes k-means ran with (before small ones were dissolved). */
  k: number;
  seed: number;
  bigrams: boolean;
  clusters: { id: string; label: string; keywords: string[]; size: number; members: ClusterMember[] }[];
  unclustered: ClusterMember[];
}

export const clusterCommand: Command = {
  name: 'cluster',
  summary: 'Group the answers to an open question into themes and store the run in the workspace.',
  usage: USAGE,
  run({ args, io, appVersion }) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      allowNegative: true,
      options: {
        question: { type: 'string', short: 'q' },
        k: { type: 'string', default: 'auto' },
        seed: { type: 'string' },
        bigrams: { type: 'boolean', default: true },
        json: { type: 'boolean', default: false },
      },
    });
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError('missing the workspace file');
    if (extra.length > 0) throw new UsageError(`unexpected argument: ${extra[0]}`);
    if (values.question === undefined || values.question.trim() === '') throw new UsageError('--question is required (an id or label; see loupe inspect)');
    const k = parseK(values.k);
    const seed = parseSeed(values.seed);
    const bigrams = values.bigrams;

    const before = readWorkspaceFile(file);
    const bytes = new Uint8Array(readFileSync(file));
    const question = findQuestion(before, values.question.trim());
    const units = answersTo(before, question);
    if (units.length === 0) throw new CliFailure(`${describe(question)} has no non-empty answers in ${file}; nothing to cluster.`);

    const items: ClusterItem[] = units.map((u) => ({ id: u.id, text: u.text }));
    const result = clusterTextsSync(items, { k, seed, bigrams });

    const now = nowIso();
    const clustering: Clustering = {
      id: newId(),
      createdAt: now,
      updatedAt: now,
      name: `${question.label} · ${localMinute(new Date(now))}`,
      params: {
        ...result.params,
        questionId: question.id,
        questionLabel: question.label,
        sourceId: question.sourceId,
        kChosen: result.stats.k,
        answers: items.length,
        unclustered: result.unclustered.length,
      },
      clusters: result.clusters.map((c) => ({ id: c.id, label: c.label, keywords: c.keywords, unitIds: c.unitIds })),
    };
    const after: WorkspaceSnapshot = {
      meta: { ...before.meta, updatedAt: now },
      tables: { ...before.tables, clusterings: [...before.tables.clusterings, clustering] },
    };
    writeFileAtomic(file, encodeWithHistory(bytes, before, after, appVersion, now));

    const output = clusterOutput(file, clustering, question, items.length, { k, seed, bigrams }, result, before);
    io.out(values.json ? JSON.stringify(output, null, 2) + '\n' : formatCluster(output, new Map(units.map((u) => [u.id, u.text]))));
    return 0;
  },
};

function parseK(value: string | undefined): number | 'auto' {
  if (value === undefined || value.toLowerCase() === 'auto') return 'auto';
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--k must be a positive whole number or auto, not "${value}"`);
  return Number(value);
}

function parseSeed(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SEED;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new UsageError(`--seed must be a whole number, not "${value}"`);
  return Number(value);
}

/**
 * The question a user means: exact id, else label, else question text (each exact first, then ignoring case).
 * Several matches are narrowed to open questions; still several → the user must pick by id.
 */
export function findQuestion(snapshot: WorkspaceSnapshot, query: string): Question {
  const questions = snapshot.tables.questions;
  const byId = questions.find((q) => q.id === query);
  if (byId !== undefined) return requireOpen(snapshot, byId);
  const fold = (s: string): string => s.trim().toLowerCase();
  const matchers: ((q: Question) => boolean)[] = [
    (q) => q.label === query,
    (q) => fold(q.label) === fold(query),
    (q) => q.text.trim() === query,
    (q) => fold(q.text) === fold(query),
  ];
  for (const matches of matchers) {
    let found = questions.filter(matches);
    if (found.length > 1 && found.some((q) => q.type === 'open')) found = found.filter((q) => q.type === 'open');
    if (found.length === 1) return requireOpen(snapshot, found[0]!);
    if (found.length > 1) {
      throw new CliFailure(`"${query}" names ${found.length} questions; pass one of their ids with --question:\n${listQuestions(snapshot, found)}`);
    }
  }
  throw new CliFailure(`no question "${query}" in this workspace. ${openQuestionList(snapshot)}`);
}

function requireOpen(snapshot: WorkspaceSnapshot, question: Question): Question {
  if (question.type === 'open') return question;
  throw new CliFailure(`${describe(question)} is ${/^[aeiou]/.test(question.type) ? 'an' : 'a'} ${question.type} question, not open text; only open-text answers can be clustered. ${openQuestionList(snapshot)}`);
}

function openQuestionList(snapshot: WorkspaceSnapshot): string {
  const open = snapshot.tables.questions.filter((q) => q.type === 'open');
  if (open.length === 0) return 'The workspace has no open-text questions (import a survey export first).';
  return `Open-text questions:\n${listQuestions(snapshot, open)}`;
}

function listQuestions(snapshot: WorkspaceSnapshot, questions: readonly Question[]): string {
  const answers = new Map<string, number>();
  for (const u of snapshot.tables.units) if (u.questionId !== undefined && u.text.trim() !== '') answers.set(u.questionId, (answers.get(u.questionId) ?? 0) + 1);
  const sources = new Map(snapshot.tables.sources.map((s) => [s.id, s.title]));
  const width = Math.max(...questions.map((q) => q.label.length));
  return questions
    .map((q) => {
      const text = q.text !== q.label && q.text !== '' ? `  ${q.text}` : '';
      return `  ${q.label.padEnd(width)}${text}  (id ${q.id}; ${sources.get(q.sourceId) ?? q.sourceId}; ${answers.get(q.id) ?? 0} answers)`;
    })
    .join('\n');
}

function describe(q: Question): string {
  return q.text !== '' && q.text !== q.label ? `${q.label} ("${q.text}")` : q.label;
}

/** Non-empty answers to the question, in source order. */
function answersTo(snapshot: WorkspaceSnapshot, question: Question): Unit[] {
  return snapshot.tables.units
    .filter((u) => u.questionId === question.id && u.text.trim() !== '')
    .sort((a, b) => (a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : a.seq - b.seq));
}

/** The new file bytes; when the old file carries save history (lineage.json), this save is appended to it. */
function encodeWithHistory(oldBytes: Uint8Array, before: WorkspaceSnapshot, after: WorkspaceSnapshot, appVersion: string, now: string): Uint8Array {
  const encoded = encodeWorkspace(after, { appVersion });
  let lineage: Lineage | undefined;
  try {
    lineage = readLineage(oldBytes);
  } catch (error) {
    if (error instanceof LineageError) return encoded; // unreadable history: the workspace is still saved, as a file without one
    throw error;
  }
  if (lineage === undefined) return encoded;
  return writeLineage(encoded, recordSave(after, { previous: { snapshot: before, lineage }, at: now }));
}

/** "2026-12-02 14:03" in the local time zone: the name a person sees in the themes list. */
function localMinute(d: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

function clusterOutput(
  file: string,
  clustering: Clustering,
  question: Question,
  answers: number,
  options: { k: number | 'auto'; seed: number; bigrams: boolean },
  result: ClusterResult,
  snapshot: WorkspaceSnapshot,
): ClusterOutput {
  const units = new Map(snapshot.tables.units.map((u) => [u.id, u]));
  const participants = new Map(snapshot.tables.participants.map((p) => [p.id, p]));
  const member = (unitId: string): ClusterMember => {
    const unit = units.get(unitId);
    const externalId = unit?.participantId !== undefined ? participants.get(unit.participantId)?.externalId : undefined;
    return { unitId, sourceRow: externalId !== undefined && externalId !== '' ? externalId : (unit?.row ?? null) };
  };
  return {
    clusteringId: clustering.id,
    name: clustering.name,
    file,
    question: { id: question.id, label: question.label, text: question.text, sourceId: question.sourceId },
    answers,
    requestedK: options.k,
    k: result.stats.k,
    seed: options.seed,
    bigrams: options.bigrams,
    clusters: result.clusters.map((c) => ({ id: c.id, label: c.label, keywords: c.keywords, size: c.size, members: c.unitIds.map(member) })),
    unclustered: result.unclustered.map(member),
  };
}

const EXCERPT = 90;

export function formatCluster(out: ClusterOutput, texts: ReadonlyMap<string, string> = new Map()): string {
  const themes = out.clusters.length;
  const kWhat = out.requestedK === 'auto' ? `k auto → ${out.k}` : `k ${out.requestedK}`;
  const lines = [
    `${out.question.label}${out.question.text !== '' && out.question.text !== out.question.label ? ` "${out.question.text}"` : ''}: ` +
      `${out.answers} ${plural(out.answers, 'answer')} in ${themes} ${plural(themes, 'theme')} (${kWhat}, seed ${out.seed}${out.bigrams ? '' : ', no bigrams'})`,
    `Saved as "${out.name}" (clustering ${out.clusteringId}) in ${out.file}`,
  ];
  const all = [...out.clusters.flatMap((c) => c.members), ...out.unclustered];
  const rowWidth = Math.max(0, ...all.map((m) => rowText(m).length));
  const unitWidth = Math.max(0, ...all.map((m) => m.unitId.length));
  const memberLine = (m: ClusterMember): string => {
    const text = excerpt(texts.get(m.unitId) ?? '');
    return `    ${rowText(m).padEnd(rowWidth)}  ${m.unitId.padEnd(unitWidth)}${text !== '' ? `  ${text}` : ''}`.trimEnd();
  };
  for (const c of out.clusters) {
    lines.push('', `${c.id}  ${c.label || '(no label)'}  · ${c.size} ${plural(c.size, 'answer')}`);
    lines.push(`  keywords: ${c.keywords.join(', ') || '–'}`);
    for (const m of c.members) lines.push(memberLine(m));
  }
  if (out.unclustered.length > 0) {
    lines.push('', `unclustered  · ${out.unclustered.length} ${plural(out.unclustered.length, 'answer')} that fit no theme`);
    for (const m of out.unclustered) lines.push(memberLine(m));
  }
  if (themes === 0) lines.push('', 'No themes found: the answers share too few words. Try more answers, or --k with a small number.');
  return lines.join('\n') + '\n';
}

function rowText(m: ClusterMember): string {
  return m.sourceRow === null ? '–' : typeof m.sourceRow === 'number' ? `row ${m.sourceRow}` : m.sourceRow;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return flat.length <= EXCERPT ? flat : `${flat.slice(0, EXCERPT - 1).trimEnd()}…`;
}

function plural(n: number, noun: string): string {
  return `${noun}${n === 1 ? '' : 's'}`;
}
