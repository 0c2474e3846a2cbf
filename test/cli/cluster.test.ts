import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLineage, recordSave, writeLineage } from '../../src/core/merge/lineage';
import { decodeWorkspace } from '../../src/core/workspace-file';
import { threeTopics, type Topic } from '../core/cluster/three-topics';

const bin = join(__dirname, '../../bin/loupe.cjs');
const dir = mkdtempSync(join(tmpdir(), 'loupe-cluster-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loupe(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Member {
  unitId: string;
  sourceRow: string | number | null;
}
interface Output {
  clusteringId: string;
  name: string;
  question: { id: string; label: string; text: string };
  answers: number;
  requestedK: number | 'auto';
  k: number;
  seed: number;
  bigrams: boolean;
  clusters: { id: string; label: string; keywords: string[]; size: number; members: Member[] }[];
  unclustered: Member[];
}

function clusterJson(...args: string[]): Output {
  const r = loupe('cluster', ...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Output;
}

const TOPIC_WORDS: Record<Topic, RegExp> = {
  billing: /invoice|refund|charged|billing|payment|subscription|price/,
  login: /password|login|sign|account|locked|reset|email|factor|code/,
  delivery: /delivery|parcel|courier|shipping|package|tracking|number/,
};

// 24 answers, 8 per topic, and one blank answer that must not be clustered.
const answers = threeTopics(8, 11);
const QUESTION = 'What should we improve?';
const csvCell = (s: string): string => `"${s.replace(/"/g, '""')}"`;

function writeCsv(name: string, withIds: boolean): void {
  const header = withIds ? `ResponseId,plan,${QUESTION}` : `plan,${QUESTION}`;
  const rows = answers.map((a, i) => `${withIds ? `R_${String(i + 1).padStart(3, '0')},` : ''}${i % 2 ? 'pro' : 'free'},${csvCell(a.text)}`);
  rows.push(`${withIds ? 'R_999,' : ''}pro,`);
  writeFileSync(join(dir, name), [header, ...rows].join('\n') + '\n');
}

function importCsv(csv: string, workspace: string): void {
  const r = loupe('import', csv, '--workspace', workspace);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

/** The topic of an answer from its data row (1-based, the CSV's order). */
const topicOfRow = (row: number): Topic => answers[row - 1]!.topic;

beforeAll(() => {
  writeCsv('with-ids.csv', true);
  writeCsv('no-ids.csv', false);
  importCsv('with-ids.csv', 'ids.loupe');
  importCsv('no-ids.csv', 'rows.loupe');
});

describe('loupe cluster', () => {
  it('finds the three topics, labels them with topic words and names members by respondent id', () => {
    const out = clusterJson('ids.loupe', '--question', QUESTION);
    expect(out.answers).toBe(24); // the blank answer is left out
    expect(out.requestedK).toBe('auto');
    expect(out.clusters).toHaveLength(3);
    const ws = decodeWorkspace(readFileSync(join(dir, 'ids.loupe')));
    const units = new Map(ws.tables.units.map((u) => [u.id, u]));
    const topics = new Set<Topic>();
    for (const c of out.clusters) {
      expect(c.size).toBe(c.members.length);
      // Every member of a theme comes from one topic, and the label speaks of it.
      const memberTopics = new Set(c.members.map((m) => topicOfRow(units.get(m.unitId)!.row!)));
      expect(memberTopics.size).toBe(1);
      const [topic] = [...memberTopics];
      topics.add(topic!);
      expect(c.label).toMatch(TOPIC_WORDS[topic!]);
      expect(c.keywords.length).toBeGreaterThan(0);
      for (const m of c.members) {
        expect(m.sourceRow).toMatch(/^R_\d{3}$/);
        expect(m.sourceRow).toBe(`R_${String(units.get(m.unitId)!.row).padStart(3, '0')}`);
      }
    }
    expect([...topics].sort()).toEqual(['billing', 'delivery', 'login']);
    const clustered = out.clusters.reduce((n, c) => n + c.size, 0);
    expect(clustered + out.unclustered.length).toBe(24);
  });

  it('prints ids, labels, keywords, sizes and members for people', () => {
    const r = loupe('cluster', 'ids.loupe', '--question', QUESTION, '--k', '3');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^What should we improve\?: 24 answers in 3 themes \(k 3, seed 42\)/);
    expect(r.stdout).toMatch(/Saved as "What should we improve\? · \d{4}-\d\d-\d\d \d\d:\d\d" \(clustering [0-9a-f-]{36}\) in ids\.loupe/);
    expect(r.stdout).toMatch(/^cluster-1 {2}.+ {2}· \d+ answers$/m);
    expect(r.stdout).toMatch(/^ {2}keywords: .+$/m);
    expect(r.stdout).toMatch(/^ {4}R_\d{3} {2}[^ ]+:\d+ +\S/m);
  });

  it('uses the 1-based data row when the export has no respondent id', () => {
    const out = clusterJson('rows.loupe', '--question', QUESTION, '--k', '3', '--seed', '5');
    expect(out.clusters).toHaveLength(3);
    const ws = decodeWorkspace(readFileSync(join(dir, 'rows.loupe')));
    const texts = new Map(ws.tables.units.map((u) => [u.id, u.text]));
    for (const m of [...out.clusters.flatMap((c) => c.members), ...out.unclustered]) {
      expect(typeof m.sourceRow).toBe('number');
      // Row n of the data holds answer n.
      expect(texts.get(m.unitId)).toBe(answers[(m.sourceRow as number) - 1]!.text);
    }
  });

  it('stores the run as a clustering with its question, k and seed', () => {
    copyFileSync(join(dir, 'rows.loupe'), join(dir, 'stored.loupe'));
    const before = decodeWorkspace(readFileSync(join(dir, 'stored.loupe'))).tables.clusterings.length;
    const out = clusterJson('stored.loupe', '--question', QUESTION, '--k', '3', '--seed', '9', '--no-bigrams');
    const ws = decodeWorkspace(readFileSync(join(dir, 'stored.loupe')));
    expect(ws.tables.clusterings).toHaveLength(before + 1);
    const stored = ws.tables.clusterings.find((c) => c.id === out.clusteringId)!;
    expect(stored.name).toBe(out.name);
    expect(stored.name).toMatch(/^What should we improve\? · \d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(stored.params).toMatchObject({ questionId: out.question.id, k: 3, kChosen: 3, seed: 9, bigrams: false, answers: 24 });
    expect(stored.clusters.map((c) => ({ id: c.id, label: c.label, keywords: c.keywords, unitIds: c.unitIds }))).toEqual(
      out.clusters.map((c) => ({ id: c.id, label: c.label, keywords: c.keywords, unitIds: c.members.map((m) => m.unitId) })),
    );
    // `loupe inspect` lists the stored run.
    const inspected = JSON.parse(loupe('inspect', 'stored.loupe', '--json').stdout) as { totals: { clusterings: number }; clusterings: { id: string; clusters: number }[] };
    expect(inspected.totals.clusterings).toBe(before + 1);
    expect(inspected.clusterings.find((c) => c.id === out.clusteringId)?.clusters).toBe(out.clusters.length);
    expect(out.bigrams).toBe(false);
  });

  it('gives the same themes for the same input and seed', () => {
    copyFileSync(join(dir, 'ids.loupe'), join(dir, 'same-a.loupe'));
    copyFileSync(join(dir, 'ids.loupe'), join(dir, 'same-b.loupe'));
    const strip = (o: Output): unknown => ({ clusters: o.clusters, unclustered: o.unclustered, k: o.k });
    const a = clusterJson('same-a.loupe', '--question', QUESTION, '--seed', '7');
    const b = clusterJson('same-b.loupe', '--question', QUESTION, '--seed', '7');
    const again = clusterJson('same-a.loupe', '--question', QUESTION, '--seed', '7');
    expect(strip(b)).toEqual(strip(a));
    expect(strip(again)).toEqual(strip(a)); // an earlier stored run does not change the next
    expect(again.clusteringId).not.toBe(a.clusteringId);
    expect(decodeWorkspace(readFileSync(join(dir, 'same-a.loupe'))).tables.clusterings).toHaveLength(
      decodeWorkspace(readFileSync(join(dir, 'ids.loupe'))).tables.clusterings.length + 2,
    );
  });

  it('matches the question by id, then label, then text, ignoring case', () => {
    const ws = decodeWorkspace(readFileSync(join(dir, 'rows.loupe')));
    const q = ws.tables.questions.find((x) => x.type === 'open')!;
    copyFileSync(join(dir, 'rows.loupe'), join(dir, 'match.loupe'));
    expect(clusterJson('match.loupe', '--question', q.id, '--k', '3').question.id).toBe(q.id);
    expect(clusterJson('match.loupe', '-q', QUESTION.toUpperCase(), '--k', '3').question.id).toBe(q.id);
  });

  it('an unknown question fails with exit 1, lists the open questions and leaves the file alone', () => {
    const bytes = readFileSync(join(dir, 'ids.loupe'));
    const r = loupe('cluster', 'ids.loupe', '--question', 'Q42');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no question "Q42" in this workspace\. Open-text questions:/);
    expect(r.stderr).toContain(QUESTION);
    expect(r.stderr).not.toMatch(/^\s+plan\b/m);
    expect(readFileSync(join(dir, 'ids.loupe')).equals(bytes)).toBe(true);
  });

  it('refuses a closed question (exit 1) and wrong usage (exit 2)', () => {
    const closed = loupe('cluster', 'ids.loupe', '--question', 'plan');
    expect(closed.code).toBe(1);
    expect(closed.stderr).toMatch(/plan is an attribute question, not open text.*\n.*What should we improve\?/);
    expect(loupe('cluster', 'ids.loupe').code).toBe(2);
    expect(loupe('cluster', 'ids.loupe', '--question', QUESTION, '--k', '0').code).toBe(2);
    expect(loupe('cluster', 'ids.loupe', '--question', QUESTION, '--seed', 'x').code).toBe(2);
    expect(loupe('cluster', 'missing.loupe', '--question', QUESTION).code).toBe(1);
  });

  it('adds the save to the history of a file that has one, so merges still find their base', () => {
    const plain = readFileSync(join(dir, 'ids.loupe'));
    const snapshot = decodeWorkspace(plain);
    const lineage = recordSave(snapshot, { saveId: 'first' });
    writeFileSync(join(dir, 'history.loupe'), writeLineage(new Uint8Array(plain), lineage));
    const out = clusterJson('history.loupe', '--question', QUESTION, '--k', '3');
    const bytes = new Uint8Array(readFileSync(join(dir, 'history.loupe')));
    const after = readLineage(bytes);
    expect(after?.saves.map((s) => s.parentSaveIds)).toEqual([[], ['first']]);
    expect(decodeWorkspace(bytes).tables.clusterings.some((c) => c.id === out.clusteringId)).toBe(true);
  });
});
