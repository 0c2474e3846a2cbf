// Migration harness: build each schema version's raw shape, write records, open it with the CURRENT schema
// and check the data. The old shapes are copied here literally (not imported from schema.ts), so editing an
// old version in schema.ts instead of adding a new one fails this test. When v2 is added, add a case that
// builds v1 and asserts the upgraded records.
import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { RegistryDb, WorkspaceDb, WORKSPACE_VERSIONS, REGISTRY_VERSIONS, workspaceDbName } from '../../src/renderer/src/db/schema';
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

  it('opens a v1 workspace database with the current schema, data and indexes intact', async () => {
    await withOldShape(workspaceDbName('old'), 1, WORKSPACE_V1, async (db) => {
      await db.table('sources').add({ id: 's1', createdAt: T, updatedAt: T, kind: 'transcript', title: 'Old interview', vendor: 'vtt', encoding: 'utf-8' });
      await db.table('participants').add({ id: 'p1', createdAt: T, updatedAt: T, name: 'Ana', role: 'participant', attributes: {}, sourceIds: ['s1'] });
      await db.table('units').bulkAdd([
        { id: 'u2', createdAt: T, updatedAt: T, sourceId: 's1', participantId: 'p1', seq: 1, text: 'second' },
        { id: 'u1', createdAt: T, updatedAt: T, sourceId: 's1', participantId: 'p1', seq: 0, text: 'first' },
      ]);
      await db.table('tags').add({ id: 't1', createdAt: T, updatedAt: T, name: 'Speed', color: '#f00', order: 0 });
      await db.table('taggings').add({ id: 'g1', createdAt: T, updatedAt: T, tagId: 't1', unitId: 'u1', coder: 'me' });
    });

    const db = new WorkspaceDb('old');
    await db.open();
    expect(db.verno).toBe(WORKSPACE_VERSIONS[WORKSPACE_VERSIONS.length - 1]?.version);
    expect((await db.sources.get('s1'))?.title).toBe('Old interview');
    const ordered = await db.units.where('[sourceId+seq]').between(['s1', Dexie.minKey], ['s1', Dexie.maxKey]).toArray();
    expect(ordered.map((u) => u.text)).toEqual(['first', 'second']);
    expect(await db.participants.where('sourceIds').equals('s1').count()).toBe(1);
    expect(await db.taggings.where('tagId').equals('t1').count()).toBe(1);
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
