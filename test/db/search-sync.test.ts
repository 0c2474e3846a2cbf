// The unit index stays consistent with sources changed in place: a newer export appended to a survey, and
// a role change (same unit count or not) are indexed on the next sync, as the search provider calls it.
import { beforeEach, expect, it } from 'vitest';
import { commitRetype } from '../../src/renderer/src/db/retype-store';
import { listQuestions } from '../../src/renderer/src/db/workspace-data';
import { createWorkspace } from '../../src/renderer/src/db/workspaces';
import { createInProcessImport } from '../../src/renderer/src/workers/import-client';
import { createSearchService } from '../../src/renderer/src/workers/search-service';
import { resetDatabases } from './reset';

beforeEach(resetDatabases);

const LINES = ['Respondent ID,Plan,Comment', ...Array.from({ length: 40 }, (_, i) => `R${i + 1},${['Pro', 'Free'][i % 2]},comment ${i + 1} about search`)];

it('sync indexes appended respondents and role changes of a source already in the index', async () => {
  const ws = (await createWorkspace('Study')).id;
  const importer = createInProcessImport({ progressMs: 0 });
  const run = (name: string, text: string) => importer.run(name, { workspaceId: ws, file: new File([text], name, { type: 'text/csv' }) }, () => undefined);
  const sid = (await run('older.csv', LINES.slice(0, 21).join('\n'))).sourceId!;
  const questions = await listQuestions(ws, sid);
  const comment = questions.find((q) => q.label === 'Comment')!;
  const plan = questions.find((q) => q.label === 'Plan')!;

  const index = createSearchService();
  await index.open(ws);
  const total = async (ids: string[], text?: string) => (await index.gridQuery({ questionIds: ids, ...(text === undefined ? {} : { text }) })).total;
  expect(await total([comment.id])).toBe(20);

  expect((await run('newer.csv', LINES.join('\n'))).participants).toBe(20);
  await index.sync();
  expect(await total([comment.id])).toBe(40);
  expect(await total([comment.id], 'comment 40')).toBe(1);

  await commitRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: plan.id, type: 'open' }] });
  await index.sync();
  expect(await total([plan.id])).toBe(40);
  expect(await total([comment.id, plan.id], 'Free')).toBe(20);

  // Same unit count as before (one open question swapped for another): the revision still triggers the rebuild.
  await commitRetype({ workspaceId: ws, sourceId: sid, changes: [{ questionId: comment.id, type: 'attribute' }] });
  await index.sync();
  expect(await total([comment.id])).toBe(0);
  expect(await total([plan.id], 'search')).toBe(0);
  expect((await index.attributeColumns([plan.id])).map((c) => c.key)).toEqual(['Comment']);
});
