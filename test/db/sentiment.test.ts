// Per-unit sentiment in the workspace database: the unit index scores blocks stored without it (a fresh import,
// a new export appended to a survey, a .loupe file, older workspaces) or from an older scorer and writes it back; a block that changed meanwhile is never overwritten;
// .loupe files never carry it; the grid filters and sorts by it.
import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import { generateSurveyCsv } from '../../bench/gen-survey';
import { analysisData } from '../../src/core/analysis';
import { codedDataCsv } from '../../src/core/report';
import { buildSampleWorkspace } from '../../src/core/sample';
import { scoreSentiment, SENTIMENT_VERSION } from '../../src/core/sentiment';
import { decodeWorkspace, encodeWorkspace } from '../../src/core/workspace-file';
import { blockSentiment, scoreUnitBlock } from '../../src/renderer/src/db/blocks';
import { workspaceDb } from '../../src/renderer/src/db/connections';
import type { UnitBlock } from '../../src/renderer/src/db/schema';
import { exportSnapshot, importSnapshot, loadAnalysisCoding, loadAnalysisSources, storeUnitSentiment } from '../../src/renderer/src/db/workspace-data';
import { createWorkspace, getWorkspace } from '../../src/renderer/src/db/workspaces';
import { createInProcessImport } from '../../src/renderer/src/workers/import-client';
import { createSearchService } from '../../src/renderer/src/workers/search-service';
import { responsesSnapshot } from '../renderer/responses-fixture';
import { resetDatabases } from './reset';
import { putUnitBlocks } from './put-unit-blocks';

beforeEach(resetDatabases);

const SMALL = { parseChunkChars: 16 * 1024, unitsPerStage: 256, progressMs: 0 };

async function blocksOf(workspaceId: string): Promise<UnitBlock[]> {
  return workspaceDb(workspaceId).unitBlocks.toArray();
}

/** Every stored block has current scores, and each score is what the scorer gives its text. */
function expectScored(blocks: readonly UnitBlock[]): void {
  expect(blocks.length).toBeGreaterThan(0);
  for (const b of blocks) {
    expect(b.sentimentVersion).toBe(SENTIMENT_VERSION);
    expect(b.sentiment).toEqual(b.text.map((t) => scoreSentiment(t).score));
  }
}

async function importCsv(workspaceId: string, text: string, name: string) {
  return createInProcessImport(SMALL).run(`job-${name}`, { workspaceId, file: new File([text], name, { type: 'text/csv' }) }, () => undefined);
}

describe('sentiment stored with the units', () => {
  it('an import is scored by the unit index once it lands, appended exports included', async () => {
    const ws = await createWorkspace('Study');
    await importCsv(ws.id, generateSurveyCsv({ respondents: 300 }), 'survey.csv');
    const index = createSearchService();
    const first = await index.open(ws.id);
    expect(first.scored).toBe(first.units);
    expectScored(await blocksOf(ws.id));
    // A newer export fills the source's last, partly filled block (merged, re-encoded) and adds new ones.
    const second = await importCsv(ws.id, generateSurveyCsv({ respondents: 380 }), 'survey (2).csv');
    expect(second).toMatchObject({ status: 'imported', participants: 80 });
    // The open index notices the source grew: the new answers become searchable and get their scores.
    const synced = await index.sync();
    expect(synced.units).toBeGreaterThan(first.units);
    expect(synced.scored).toBeGreaterThan(0);
    expect(synced.scored).toBeLessThan(synced.units);
    expectScored(await blocksOf(ws.id));
  });

  it('blocks without scores (a .loupe file) are scored and written back by the unit index on open, once', async () => {
    const { id } = await importSnapshot(buildSampleWorkspace());
    const before = await blocksOf(id);
    expect(before.every((b) => blockSentiment(b) === null)).toBe(true);
    const dirty = (await getWorkspace(id))?.dirty;
    const units = before.reduce((n, b) => n + b.seq.length, 0);

    const index = createSearchService();
    const status = await index.open(id);
    expect(status).toMatchObject({ state: 'ready', units, scored: units });
    expectScored(await blocksOf(id));
    // A cache of the text, not a change: the workspace is not marked unsaved.
    expect((await getWorkspace(id))?.dirty).toBe(dirty);

    // The next open reads the stored scores and scores nothing.
    const again = await createSearchService().open(id);
    expect(again.state).toBe('ready');
    expect(again.scored).toBeUndefined();
  });

  it('scores from an older scorer version are recomputed', async () => {
    const { id } = await importSnapshot(responsesSnapshot());
    const db = workspaceDb(id);
    const [first] = await blocksOf(id);
    await putUnitBlocks(db, [{ ...first!, sentiment: first!.text.map(() => 0.9), sentimentVersion: SENTIMENT_VERSION - 1 }]);
    const status = await createSearchService().open(id);
    expect(status.scored).toBe(first!.seq.length);
    expectScored(await blocksOf(id));
  });

  it('a block that changed after it was read keeps its own contents', async () => {
    const { id } = await importSnapshot(responsesSnapshot());
    const db = workspaceDb(id);
    const [read] = await blocksOf(id);
    const scored = scoreUnitBlock(structuredClone(read!));
    // Meanwhile a merge rewrote the block with other texts.
    const changed: UnitBlock = { ...read!, text: read!.text.map((t) => `${t} (edited)`) };
    await putUnitBlocks(db, [changed]);
    expect(await storeUnitSentiment(id, [scored])).toBe(0);
    expect(await db.unitBlocks.get([read!.sourceId, read!.block])).toEqual(changed);
    // Unchanged: written.
    await putUnitBlocks(db, [read!]);
    expect(await storeUnitSentiment(id, [scored])).toBe(1);
    expect(blockSentiment((await db.unitBlocks.get([read!.sourceId, read!.block]))!)).toEqual(scored.sentiment);
  });

  it('is derived, never saved: an exported .loupe file has no scores and reads back the same', async () => {
    const { id } = await importSnapshot(buildSampleWorkspace());
    await createSearchService().open(id);
    const snapshot = await exportSnapshot(id);
    expect(snapshot.tables.units.some((u) => 'sentiment' in u || 'sentimentVersion' in u)).toBe(false);
    const file = encodeWorkspace(snapshot, { appVersion: 'test' });
    const decoded = decodeWorkspace(file).tables.units;
    expect(decoded).toEqual(snapshot.tables.units);
    expect(decoded.some((u) => 'sentiment' in u)).toBe(false);
  });

  it('analysis reads a score for every unit, stored or not yet backfilled', async () => {
    const { id } = await importSnapshot(responsesSnapshot());
    const before = await loadAnalysisSources(id);
    expect(before.sentiment.size).toBe(before.units.length);
    for (const u of before.units) expect(before.sentiment.get(u.id)).toBe(scoreSentiment(u.text).score);
    await createSearchService().open(id);
    expect((await loadAnalysisSources(id)).sentiment).toEqual(before.sentiment);
  });

  it('a coded-data export from the app carries the stored scores, the same as `loupe export` scores from the file', async () => {
    const { id } = await importSnapshot(buildSampleWorkspace());
    await createSearchService().open(id); // scored and stored
    const app = analysisData({ ...(await loadAnalysisSources(id)), ...(await loadAnalysisCoding(id)) });
    expect(app.sentiment?.size).toBeGreaterThan(0);
    // What the CLI reads: the saved file, which holds no scores.
    const cli = analysisData(decodeWorkspace(encodeWorkspace(await exportSnapshot(id), { appVersion: 'test' })).tables);
    expect(cli.sentiment).toBeUndefined();
    const tails = (csv: string): string[][] => Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data.map((row) => row.slice(-2));
    const fromApp = tails(codedDataCsv(app));
    expect(fromApp[0]).toEqual(['Sentiment score', 'Sentiment label']);
    expect(new Set(fromApp.slice(1).map((t) => t[1]))).toEqual(new Set(['negative', 'neutral', 'positive']));
    expect(fromApp).toEqual(tails(codedDataCsv(cli)));
  });
});

// Q1's answers in the fixture are praise ("… is great"), Q2's a want ("Missing …: a dark mode", negative for the lexicon).
const Q = ['q1', 'q2'];

describe('the grid by sentiment', () => {
  it('filters to a sentiment class and sorts by score, each row carrying its score', async () => {
    const { id } = await importSnapshot(responsesSnapshot());
    const index = createSearchService();
    await index.open(id);
    const all = await index.gridQuery({ questionIds: Q });
    const rows = await index.gridRows(all.queryId, 0, all.total);
    expect(rows).toHaveLength(60);
    expect(rows[0]!.sentiment).toBeGreaterThan(0);
    for (const r of rows) expect(r.sentiment).toBe(scoreSentiment(r.text).score);
    const positive = rows.filter((r) => r.sentiment > 0.05).length;
    expect(positive).toBe(30);

    const filtered = await index.gridQuery({ questionIds: Q, sentiment: ['positive'] });
    expect(filtered.total).toBe(positive);
    const kept = await index.gridRows(filtered.queryId, 0, filtered.total);
    expect(kept.every((r) => r.sentiment > 0.05)).toBe(true);
    const notPositive = await index.gridQuery({ questionIds: Q, sentiment: ['negative', 'neutral'] });
    expect(notPositive.total).toBe(60 - positive);

    const asc = await index.gridQuery({ questionIds: Q, sort: { column: 'sentiment', desc: false } });
    const ascScores = (await index.gridRows(asc.queryId, 0, asc.total)).map((r) => r.sentiment);
    expect(ascScores).toEqual([...ascScores].sort((a, b) => a - b));
    expect(ascScores[0]).toBeLessThan(0);
    const desc = await index.gridQuery({ questionIds: Q, sort: { column: 'sentiment', desc: true } });
    const descScores = (await index.gridRows(desc.queryId, 0, desc.total)).map((r) => r.sentiment);
    expect(descScores).toEqual([...ascScores].sort((a, b) => b - a));
  });
});
