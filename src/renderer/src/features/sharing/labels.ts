/** Words for merge results: table names and a short human label for any record. */
import type { AnyRecord } from '../../../../core/merge/records';
import type { TableName } from '../../../../core/model';

export const TABLE_LABELS: Record<TableName, string> = {
  sources: 'Sources',
  participants: 'Participants',
  questions: 'Questions',
  units: 'Units',
  tags: 'Tags',
  highlights: 'Highlights',
  taggings: 'Codings',
  clusterings: 'Theme runs',
  insights: 'Insights',
  reports: 'Reports',
  comments: 'Comments',
};

export const SINGULAR: Record<TableName, string> = {
  sources: 'Source',
  participants: 'Participant',
  questions: 'Question',
  units: 'Unit',
  tags: 'Tag',
  highlights: 'Highlight',
  taggings: 'Coding',
  clusterings: 'Theme run',
  insights: 'Insight',
  reports: 'Report',
  comments: 'Comment',
};

export function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** A short name for a record: its name or title, else an excerpt, else its id. */
export function recordLabel(record: AnyRecord | null): string {
  if (record === null) return '';
  if ('name' in record && typeof record.name === 'string') return record.name;
  if ('title' in record && typeof record.title === 'string') return record.title;
  if ('body' in record && typeof record.body === 'string') return excerpt(record.body);
  if ('text' in record && typeof record.text === 'string') return excerpt(record.text);
  if ('tagId' in record) return `${record.coder}’s coding`;
  return record.id;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return excerpt(value, 80);
  return excerpt(JSON.stringify(value), 80);
}
