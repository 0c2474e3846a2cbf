/**
 * zod schemas for every record table of the model, used where records cross a trust boundary
 * (opening a workspace file, later: IPC and imports). Loose objects: fields a newer minor version adds
 * are kept, not dropped. The annotation on `recordSchemas` makes the compiler reject a schema whose
 * output no longer fits model.ts.
 */
import { z } from 'zod';
import type { TableName, TableRecords, WorkspaceMeta } from './model';

const id = z.string().min(1);
const timestamp = z.string().min(1);
const base = { id, createdAt: timestamp, updatedAt: timestamp };
const offset = z.number().int().nonnegative();

export const sourceSchema = z.looseObject({
  ...base,
  kind: z.enum(['survey', 'transcript', 'notes']),
  title: z.string(),
  vendor: z.string(),
  encoding: z.string(),
  fileName: z.string().optional(),
  contentHash: z.string().optional(),
  date: z.string().optional(),
  seqStride: z.number().int().positive().optional(),
  respondentCount: z.number().int().nonnegative().optional(),
});

export const participantSchema = z.looseObject({
  ...base,
  name: z.string(),
  externalId: z.string().optional(),
  role: z.enum(['participant', 'interviewer']),
  attributes: z.record(z.string(), z.union([z.string(), z.number()])),
  sourceIds: z.array(id),
});

export const questionSchema = z.looseObject({
  ...base,
  sourceId: id,
  label: z.string(),
  text: z.string(),
  type: z.enum(['id', 'attribute', 'date', 'nps', 'rating', 'single', 'multi', 'open', 'ignored']),
  order: z.number().int(),
});

export const unitSchema = z.looseObject({
  ...base,
  sourceId: id,
  participantId: id.optional(),
  questionId: id.optional(),
  seq: z.number().int().nonnegative(),
  text: z.string(),
  speaker: z.string().optional(),
  startSec: z.number().nonnegative().optional(),
  row: z.number().int().positive().optional(),
  section: z.string().optional(),
});

export const tagSchema = z.looseObject({
  ...base,
  name: z.string(),
  parentId: id.optional(),
  color: z.string(),
  description: z.string().optional(),
  whenToUse: z.string().optional(),
  whenNotToUse: z.string().optional(),
  order: z.number(),
});

export const highlightSchema = z
  .looseObject({
    ...base,
    unitId: id,
    start: offset,
    end: offset,
    memo: z.string().optional(),
    coder: z.string(),
  })
  .refine((h) => h.end > h.start, { message: 'end must be greater than start', path: ['end'] });

export const taggingSchema = z.looseObject({
  ...base,
  tagId: id,
  unitId: id,
  highlightId: id.optional(),
  coder: z.string(),
});

const clusterDefSchema = z.looseObject({
  id,
  label: z.string(),
  keywords: z.array(z.string()),
  unitIds: z.array(id),
});

export const clusteringSchema = z.looseObject({
  ...base,
  name: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  clusters: z.array(clusterDefSchema),
});

const evidenceSchema = z.looseObject({
  kind: z.enum(['highlight', 'unit', 'cluster-member']),
  refId: id,
  clusteringId: id.optional(),
});

export const insightSchema = z.looseObject({
  ...base,
  title: z.string(),
  statement: z.string(),
  tagIds: z.array(id),
  evidence: z.array(evidenceSchema),
});

const reportSectionSchema = z.looseObject({
  kind: z.enum(['summary', 'insights', 'chart', 'quotes', 'methodology', 'codebook']),
  title: z.string(),
  refIds: z.array(z.string()),
});

export const reportSchema = z.looseObject({
  ...base,
  title: z.string(),
  template: z.string(),
  summary: z.string(),
  sections: z.array(reportSectionSchema),
});

export const commentSchema = z.looseObject({
  ...base,
  targetTable: z.enum(['insights', 'highlights', 'units']),
  targetId: id,
  author: z.string(),
  body: z.string(),
  resolvedAt: timestamp.optional(),
});

export const recordSchemas: { [K in TableName]: z.ZodType<TableRecords[K]> } = {
  sources: sourceSchema,
  participants: participantSchema,
  questions: questionSchema,
  units: unitSchema,
  tags: tagSchema,
  highlights: highlightSchema,
  taggings: taggingSchema,
  clusterings: clusteringSchema,
  insights: insightSchema,
  reports: reportSchema,
  comments: commentSchema,
};

export const workspaceMetaSchema: z.ZodType<WorkspaceMeta> = z.looseObject({
  id,
  name: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

/**
 * One zod issue as a short sentence a user can act on, e.g. "text must be a string" or
 * "attributes.nps must be a string or a number". `input` is the value that was validated, used to tell
 * a missing field from a wrong one.
 */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'record';
  if (issue.code === 'invalid_type') {
    if (issue.path.length > 0 && valueAt(input, issue.path) === undefined) return `${where} is missing`;
    const expected = issue.expected === 'object' ? 'an object' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`;
    return `${where} must be ${expected}`;
  }
  if (issue.code === 'invalid_value') return `${where} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_union') return `${where} has the wrong type`;
  return `${where}: ${issue.message}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Reflect.get(cur, key);
  }
  return cur;
}
