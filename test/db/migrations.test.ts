// Migration harness: build each schema version's raw shape, write records, open it with the CURRENT schema
// and check the data. The old shapes are copied here literally (not imported from schema.ts), so editing an
// old version in schema.ts instead of adding a new one fails this test.
import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Unit } from '../../src/core/model';
import { registryDb } from '../../src/renderer/src/db/connections';
import { CURRENT_WORKSPACE_VERSION, RegistryDb, WorkspaceDb, WORKSPACE_VERSIONS, REGISTRY_VERSIONS, workspaceDbName } from '../../src/renderer/src/db/schema';
import { loadCodingState } from '../../src/renderer/src/db/coding';
import { closeAll } from '../../src/renderer/src/db/connections';
import {
  countAnswers,
  getParticipants,
  getUnits,
  listAnswers,
  listParticipantUnits,
  listSourceParticipants,
  listSourceUnits,
  sourceStats,
} from '../../src/renderer/src/db/workspace-data';
import { zeroCounts } from '../../src/renderer/src/db/workspaces';
import { resetDatabases } from './reset';

beforeEach(resetDatabases);

const WORKSPACE_V1 = {
  sources: 'id, kind',
  participants: 'id, externalId, *sourceIds',
  questions: 'id, sourceId',
  units: 'id, sourceId, [sourceId+seq], questionId, [questionId+seq], participantId',
  tags: 'id, parentId',
  highlights: 'id, unitId',
  taggings: 'id, tagId, unitId, highlightId',
  clusterings: 'id',
  insights: 'id',
  reports: 'id',
};

const REGISTRY_V1 = { workspaces: 'id, lastOpenedAt, name', settings: 'key' };

const T = '2026-01-01T00:00:00.000Z';

/** Opens a database with only the given historic version declared, runs `write`, closes it. */
async function withOldShape(name: string, version: number, stores: Record<string, string>, write: (db: Dexie) => Promise<void>): Promise<void> {
  const db = new Dexie(name);
  db.version(version).stores(stores);
  await db.open();
  await write(db);
  db.close();
}

describe('schema versions', () => {
  it('keeps v1 declared exactly as shipped', () => {
    expect(WORKSPACE_VERSIONS[0]).toMatchObject({ version: 1, stores: WORKSPACE_V1 });
    expect(REGISTRY_VERSIONS[0]).toMatchObject({ version: 1, stores: REGISTRY_V1 });
  });

  it('upgrades a v1 workspace: every unit and participant readable by id, source, question and participant', async () => {
    // A v1 survey (respondent ids, conventional unit ids) and a v1 transcript from before the id convention
    // (random unit ids, referenced by a tagging, a highlight, a clustering and an insight).
    const respondents = 300;
    await withOldShape(workspaceDbName('old'), 1, WORKSPACE_V1, async (db) => {
      await db.table('sources').bulkAdd([
        { id: 's1', createdAt: T, updatedAt: T, kind: 'transcript', title: 'Old interview', vendor: 'vtt', encoding: 'utf-8' },
        { id: 'sv', createdAt: T, updatedAt: T, kind: 'survey', title: 'Old survey', vendor: 'generic', encoding: 'utf-8', seqStride: 3, respondentCount: respondents },
      ]);
      await db.table('questions').bulkAdd([
        { id: 'qa', createdAt: T, updatedAt: T, sourceId: 'sv', label: 'A', text: 'Why?', type: 'open', order: 1 },
        { id: 'qb', createdAt: T, updatedAt: T, sourceId: 'sv', label: 'B', text: 'What else?', type: 'open', order: 2 },
      ]);
      await db.table('participants').add({ id: 'p1', createdAt: T, updatedAt: T, name: 'Ana', role: 'participant', attributes: {}, sourceIds: ['s1'] });
      await db.table('participants').bulkAdd(
        Array.from({ length: respondents }, (_, i) => ({ id: `sv:p${i}`, createdAt: T, updatedAt: T, name: `R${i}`, externalId: `R${i}`, role: 'participant', attributes: { plan: i % 2 ? 'Pro' : 'Free', nps: i % 11 }, sourceIds: ['sv'] })),
      );
      await db.table('units').bulkAdd([
        { id: 'u2', createdAt: T, updatedAt: T, sourceId: 's1', participantId: 'p1', seq: 1, text: 'second' },
        { id: 'u1', createdAt: T, updatedAt: T, sourceId: 's1', participantId: 'p1', seq: 0, text: 'first' },
      ]);
      await db.table('units').bulkAdd(
        Array.from({ length: respondents }, (_, i) => [1, 2].filter((order) => (i + order) % 3 !== 0).map((order) => ({ id: `sv:${i * 3 + order}`, createdAt: T, updatedAt: T, sourceId: 'sv', participantId: `sv:p${i}`, questionId: order === 1 ? 'qa' : 'qb', seq: i * 3 + order, text: `answer ${i}/${order}`, row: i + 1 }))).flat(),
      );
      await db.table('tags').add({ id: 't1', createdAt: T, updatedAt: T, name: 'Speed', color: '#f00', order: 0 });
      await db.table('taggings').add({ id: 'g1', createdAt: T, updatedAt: T, tagId: 't1', unitId: 'u1', coder: 'me' });
      await db.table('highlights').add({ id: 'h1', createdAt: T, updatedAt: T, unitId: 'u2', start: 0, end: 3, coder: 'me' });
      await db.table('clusterings').add({ id: 'c1', createdAt: T, updatedAt: T, name: 'k', params: {}, clusters: [{ id: 'k1', label: 'x', keywords: [], unitIds: ['u1', 'sv:1'] }] });
      await db.table('insights').add({ id: 'i1', createdAt: T, updatedAt: T, title: 't', statement: 's', tagIds: [], evidence: [{ kind: 'unit', refId: 'u2' }, { kind: 'highlight', refId: 'h1' }] });
    });
    await registryDb().workspaces.add({ id: 'old', name: 'Old', createdAt: T, updatedAt: T, lastOpenedAt: T, dirty: false, counts: zeroCounts(), approxBytes: 0 });

    const db = new WorkspaceDb('old');
    await db.open();
    expect(db.verno).toBe(WORKSPACE_VERSIONS[WORKSPACE_VERSIONS.length - 1]?.version);
    expect(db.tables.map((t) => t.name)).not.toContain('units');
    expect((await db.sources.get('s1'))?.title).toBe('Old interview');
    expect(await db.taggings.where('tagId').equals('t1').count()).toBe(1);
    // References to renamed units follow them.
    expect((await db.taggings.get('g1'))?.unitId).toBe('s1:0');
    expect((await db.highlights.get('h1'))?.unitId).toBe('s1:1');
    expect((await db.clusterings.get('c1'))?.clusters[0]?.unitIds).toEqual(['s1:0', 'sv:1']);
    expect((await db.insights.get('i1'))?.evidence).toEqual([{ kind: 'unit', refId: 's1:1' }, { kind: 'highlight', refId: 'h1' }]);
    db.close();

    // By source, in order.
    const transcript = await listSourceUnits('old', 's1', { limit: 10 });
    expect(transcript.items.map((u) => [u.id, u.text])).toEqual([['s1:0', 'first'], ['s1:1', 'second']]);
    const expected = Array.from({ length: respondents }, (_, i) => [1, 2].filter((order) => (i + order) % 3 !== 0).map((order) => ({ seq: i * 3 + order, q: order === 1 ? 'qa' : 'qb', i, text: `answer ${i}/${order}` }))).flat();
    const all: Unit[] = [];
    for (let after: number | null | undefined = undefined; after !== null; ) {
      const page = await listSourceUnits('old', 'sv', { limit: 77, ...(after === undefined ? {} : { after }) });
      all.push(...page.items);
      after = page.next;
    }
    expect(all.map((u) => u.text)).toEqual(expected.map((e) => e.text));
    // By id.
    const byId = await getUnits('old', [...expected.map((e) => `sv:${e.seq}`), 's1:0', 's1:1', 'u1']);
    expect(byId.size).toBe(expected.length + 2);
    expect(byId.get('sv:4')).toEqual({ id: 'sv:4', createdAt: T, updatedAt: T, sourceId: 'sv', participantId: 'sv:p1', questionId: 'qa', seq: 4, text: 'answer 1/1', row: 2 });
    // By question.
    for (const q of ['qa', 'qb']) {
      const want = expected.filter((e) => e.q === q);
      expect(await countAnswers('old', q)).toBe(want.length);
      const answers = await listAnswers('old', q, { limit: 1000 });
      expect(answers.items.map((u) => u.seq)).toEqual(want.map((e) => e.seq));
    }
    // By participant.
    expect((await listParticipantUnits('old', 'p1')).map((u) => u.text)).toEqual(['first', 'second']);
    expect((await listParticipantUnits('old', 'sv:p7')).map((u) => u.text)).toEqual(expected.filter((e) => e.i === 7).map((e) => e.text));
    const people = await getParticipants('old', ['p1', ...Array.from({ length: respondents }, (_, i) => `sv:p${i}`)]);
    expect(people.size).toBe(respondents + 1);
    expect(people.get('sv:p5')).toEqual({ id: 'sv:p5', createdAt: T, updatedAt: T, name: 'R5', externalId: 'R5', role: 'participant', attributes: { plan: 'Pro', nps: 5 }, sourceIds: ['sv'] });
    expect((await listSourceParticipants('old', 'sv', { offset: 290, limit: 50 })).map((p) => p.name)).toEqual(Array.from({ length: 10 }, (_, i) => `R${290 + i}`));
    expect(await sourceStats('old', ['s1', 'sv'])).toEqual(new Map([['s1', { units: 2, participants: 1 }], ['sv', { units: expected.length, participants: respondents }]]));
  });

  it('upgrades a v2 workspace to v3: comments and the sharing bookkeeping appear, records are kept', async () => {
    const WORKSPACE_V2 = { ...WORKSPACE_V1, units: null, unitBlocks: '[sourceId+block], *qk, *pk', respondentBlocks: '[sourceId+block]', sourceMeta: 'sourceId' };
    const v2 = new Dexie(workspaceDbName('v2'));
    v2.version(1).stores(WORKSPACE_V1);
    v2.version(2).stores(WORKSPACE_V2);
    await v2.open();
    await v2.table('tags').add({ id: 't1', createdAt: T, updatedAt: T, name: 'Speed', color: '#f00', order: 0 });
    await v2.table('insights').add({ id: 'i1', createdAt: T, updatedAt: T, title: 't', statement: 's', tagIds: ['t1'], evidence: [] });
    v2.close();

    const db = new WorkspaceDb('v2');
    await db.open();
    expect(db.verno).toBe(CURRENT_WORKSPACE_VERSION);
    expect((await db.tags.get('t1'))?.name).toBe('Speed');
    expect(await db.comments.count()).toBe(0);
    await db.comments.add({ id: 'c1', createdAt: T, updatedAt: T, targetTable: 'insights', targetId: 'i1', author: 'pm', body: 'Convincing.' });
    expect((await db.comments.where('targetId').equals('i1').toArray()).map((c) => c.body)).toEqual(['Convincing.']);
    expect(await db.savedStates.count()).toBe(0);
    expect(await db.lineageState.get('state')).toBeUndefined();
    expect(await db.tombstones.count()).toBe(0);
    db.close();
  });

  it('upgrades a v3 workspace to v4: every tagging is kept, batch-form ids move to tagging blocks', async () => {
    const WORKSPACE_V2 = { ...WORKSPACE_V1, units: null, unitBlocks: '[sourceId+block], *qk, *pk', respondentBlocks: '[sourceId+block]', sourceMeta: 'sourceId' };
    const WORKSPACE_V3 = { comments: 'id, targetId', savedStates: 'saveId, at', lineageState: 'key', tombstones: '[table+id]' };
    const v3 = new Dexie(workspaceDbName('v3'));
    v3.version(1).stores(WORKSPACE_V1);
    v3.version(2).stores(WORKSPACE_V2);
    v3.version(3).stores(WORKSPACE_V3);
    await v3.open();
    await v3.table('tags').bulkAdd([
      { id: 't1', createdAt: T, updatedAt: T, name: 'Speed', color: '#f00', order: 0 },
      { id: 't2', createdAt: T, updatedAt: T, name: 'Price', color: '#0f0', order: 1 },
    ]);
    // 600 taggings of a v3 bulk tag (random ids), one highlight tagging, and 300 with batch-form ids (a file
    // from a newer Loupe opened by an older one): two blocks' worth plus some, one with an unknown field.
    const old = Array.from({ length: 600 }, (_, i) => ({ id: `9f1c2d3e-0000-4000-8000-${String(i).padStart(12, '0')}`, createdAt: T, updatedAt: T, tagId: 't1', unitId: `sv:${i}`, coder: 'ana' }));
    const hl = { id: 'g-hl', createdAt: T, updatedAt: T, tagId: 't2', unitId: 'sv:1', highlightId: 'h1', coder: 'ben' };
    const batch = Array.from({ length: 300 }, (_, i) => ({ id: `b1#${i}`, createdAt: T, updatedAt: T, tagId: i % 2 === 0 ? 't1' : 't2', unitId: `sv:${i}`, coder: 'ana', ...(i === 7 ? { note: 'kept' } : {}) }));
    await v3.table('taggings').bulkAdd([...old, hl, ...batch]);
    v3.close();

    const db = new WorkspaceDb('v3');
    await db.open();
    expect(db.verno).toBe(CURRENT_WORKSPACE_VERSION);
    expect(await db.taggings.count()).toBe(601);
    expect((await db.taggingBlocks.toArray()).map((b) => [b.batch, b.block, b.n.length])).toEqual([
      ['b1', 0, 256],
      ['b1', 1, 44],
    ]);
    db.close();
    closeAll();
    const state = await loadCodingState('v3');
    expect(state.taggings.size).toBe(901);
    for (const t of [...old, hl, ...batch]) expect(state.taggings.get(t.id)).toEqual(t);
  });

  it('upgrades a v3 workspace to v5: the kept survey cells table appears, blocks and meta are kept', async () => {
    const WORKSPACE_V3 = {
      ...WORKSPACE_V1,
      units: null,
      unitBlocks: '[sourceId+block], *qk, *pk',
      respondentBlocks: '[sourceId+block]',
      sourceMeta: 'sourceId',
      comments: 'id, targetId',
      savedStates: 'saveId, at',
      lineageState: 'key',
      tombstones: '[table+id]',
    };
    const v3 = new Dexie(workspaceDbName('v3'));
    v3.version(1).stores(WORKSPACE_V1);
    v3.version(2).stores({ ...WORKSPACE_V3, comments: null, savedStates: null, lineageState: null, tombstones: null });
    v3.version(3).stores(WORKSPACE_V3);
    await v3.open();
    await v3.table('sourceMeta').add({ sourceId: 's1', status: 'ready', unitSpan: 8, respondentSpan: 16, units: 0, respondents: 0, blockCounts: [], respondentBlocks: 0, questionCounts: {} });
    v3.close();

    const db = new WorkspaceDb('v3');
    await db.open();
    expect(db.verno).toBe(CURRENT_WORKSPACE_VERSION);
    expect((await db.sourceMeta.get('s1'))?.unitSpan).toBe(8);
    expect(await db.surveyCells.count()).toBe(0);
    await db.surveyCells.put({ sourceId: 's1', block: 0, index: [0], row: [1], slots: [2], values: [['kept']], covers: [2] });
    expect((await db.surveyCells.get(['s1', 0]))?.values).toEqual([['kept']]);
    db.close();
  });

  it('opens a v1 registry with the current schema', async () => {
    await withOldShape('loupe-registry', 1, REGISTRY_V1, async (db) => {
      await db.table('workspaces').add({ id: 'w1', name: 'Old', createdAt: T, updatedAt: T, lastOpenedAt: T, dirty: false, counts: {}, approxBytes: 0 });
      await db.table('settings').add({ key: 'sampleLoadedAt', value: T });
    });
    const db = new RegistryDb();
    await db.open();
    expect((await db.workspaces.get('w1'))?.name).toBe('Old');
    expect((await db.settings.get('sampleLoadedAt'))?.value).toBe(T);
    db.close();
  });
});
