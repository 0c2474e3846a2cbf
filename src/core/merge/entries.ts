/** Snapshot ⇄ list of table-tagged records, so generic merge code stays type-safe without casts. */
import { emptyTables, type WorkspaceSnapshot } from '../model';
import type { Entry } from './records';

export function entriesOf(s: WorkspaceSnapshot): Entry[] {
  const t = s.tables;
  return [
    ...t.sources.map((record) => ({ table: 'sources' as const, record })),
    ...t.participants.map((record) => ({ table: 'participants' as const, record })),
    ...t.questions.map((record) => ({ table: 'questions' as const, record })),
    ...t.units.map((record) => ({ table: 'units' as const, record })),
    ...t.tags.map((record) => ({ table: 'tags' as const, record })),
    ...t.highlights.map((record) => ({ table: 'highlights' as const, record })),
    ...t.taggings.map((record) => ({ table: 'taggings' as const, record })),
    ...t.clusterings.map((record) => ({ table: 'clusterings' as const, record })),
    ...t.insights.map((record) => ({ table: 'insights' as const, record })),
    ...t.reports.map((record) => ({ table: 'reports' as const, record })),
    ...t.comments.map((record) => ({ table: 'comments' as const, record })),
  ];
}

export function tablesOf(entries: Iterable<Entry>): WorkspaceSnapshot['tables'] {
  const t = emptyTables();
  for (const e of entries) {
    switch (e.table) {
      case 'sources':
        t.sources.push(e.record);
        break;
      case 'participants':
        t.participants.push(e.record);
        break;
      case 'questions':
        t.questions.push(e.record);
        break;
      case 'units':
        t.units.push(e.record);
        break;
      case 'tags':
        t.tags.push(e.record);
        break;
      case 'highlights':
        t.highlights.push(e.record);
        break;
      case 'taggings':
        t.taggings.push(e.record);
        break;
      case 'clusterings':
        t.clusterings.push(e.record);
        break;
      case 'insights':
        t.insights.push(e.record);
        break;
      case 'reports':
        t.reports.push(e.record);
        break;
      case 'comments':
        t.comments.push(e.record);
        break;
    }
  }
  return t;
}

export function entryKey(e: { table: string; record: { id: string } } | { table: string; id: string }): string {
  return `${e.table}/${'record' in e ? e.record.id : e.id}`;
}
