import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sliceCodePoints } from '../../../src/core/coding/text';
import type { WorkspaceSnapshot } from '../../../src/core/model';
import { addQdpxToWorkspace, exportQdc, exportQdpx, importQdc, importQdpx, RefiError } from '../../../src/core/refi';
import { highlight, source, tag, tagging, unit, workspace } from '../merge/helpers';

const fixtures = join(__dirname, '../../fixtures/refi');

/** Zips a fixture folder as a .qdpx (the folder keeps the fixture readable in review). */
function qdpx(folder: string): Uint8Array {
  const root = join(fixtures, folder);
  const files: Zippable = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(root, p).split('\\').join('/')] = new Uint8Array(readFileSync(p));
    }
  };
  walk(root);
  return zipSync(files);
}

let counter = 0;
const opts = { newId: () => `new-${++counter}`, now: '2026-02-01T00:00:00.000Z' };

function textOf(s: WorkspaceSnapshot, highlightId: string): string {
  const h = s.tables.highlights.find((x) => x.id === highlightId);
  const u = s.tables.units.find((x) => x.id === h?.unitId);
  return h && u ? sliceCodePoints(u.text, h.start, h.end) : '';
}

describe('importQdpx', () => {
  const { snapshot: s, loss } = importQdpx(qdpx('trial'), opts);
  const tagId = (name: string): string | undefined => s.tables.tags.find((t) => t.name === name)?.id;

  it('finds a project XML named Trial.qde and texts in a lowercase sources/ folder', () => {
    expect(s.meta.name).toBe('Trial');
    expect(loss.notes.join('\n')).toMatch(/Trial\.qde/);
    const interview = s.tables.sources.find((x) => x.title === 'Interview Café.txt');
    expect(interview?.id).toBe('7d1b7f0a-3c44-4e0b-9a51-2b6e1c0f5a10');
    expect(s.tables.units.filter((u) => u.sourceId === interview?.id).map((u) => u.text)).toEqual([
      'Café prices are too high 😀 for us.',
      'Naïve onboarding, but support 👍 was great.',
      'Thanks!',
    ]);
  });

  it('reads the codebook with hierarchy, colors and code memos', () => {
    expect(s.tables.tags.map((t) => t.name).sort()).toEqual(['Folder', 'Gratitude', 'Price', 'Support', 'Too expensive']);
    const price = s.tables.tags.find((t) => t.name === 'Price');
    expect(price?.color.toLowerCase()).toBe('#ff0000');
    expect(price?.description).toBe('Anything about cost.\n\nMemo: Merge with Cost later?');
    expect(s.tables.tags.find((t) => t.name === 'Too expensive')?.parentId).toBe(price?.id);
  });

  it('keeps selection offsets on accented and emoji text (code points), with coders and memos', () => {
    const h1 = s.tables.highlights.find((h) => h.id === 'b0000000-0000-4000-8000-000000000001');
    expect(textOf(s, 'b0000000-0000-4000-8000-000000000001')).toBe('prices are too high 😀');
    expect(h1).toMatchObject({ coder: 'Ana', memo: 'Check the price tiers' });
    expect(textOf(s, 'b0000000-0000-4000-8000-000000000002')).toBe('support 👍 was great');
    expect(s.tables.highlights.find((h) => h.id === 'b0000000-0000-4000-8000-000000000002')?.memo).toBe('Positive about support');
    expect(textOf(s, 'b0000000-0000-4000-8000-000000000005')).toBe('✓');
    const coded = s.tables.taggings.find((t) => t.id === 'a1000000-0000-4000-8000-000000000001');
    expect(coded).toMatchObject({ tagId: tagId('Too expensive'), coder: 'Ana', highlightId: 'b0000000-0000-4000-8000-000000000001' });
  });

  it('splits a selection across lines into one highlight per line, and a whole-line selection into a unit tagging', () => {
    expect(textOf(s, 'b0000000-0000-4000-8000-000000000003')).toBe('for us.');
    expect(textOf(s, 'b0000000-0000-4000-8000-000000000003#1')).toBe('Naïve');
    expect(loss.notes.join('\n')).toMatch(/1 selection\(s\) spanning several lines/);
    const thanks = s.tables.taggings.find((t) => t.id === 'a1000000-0000-4000-8000-000000000004');
    expect(thanks).toMatchObject({ tagId: tagId('Gratitude'), coder: 'Ben', unitId: '7d1b7f0a-3c44-4e0b-9a51-2b6e1c0f5a10:2' });
    expect(thanks?.highlightId).toBeUndefined();
  });

  it('turns cases and variables into participants with attributes, and unused notes into a notes source', () => {
    expect(s.tables.participants).toEqual([
      expect.objectContaining({ name: 'Respondent 1', attributes: { Age: 34, Plan: 'Pro' }, sourceIds: ['7d1b7f0a-3c44-4e0b-9a51-2b6e1c0f5a10'] }),
    ]);
    expect(s.tables.units.find((u) => u.text === 'Thanks!')?.participantId).toBe('f0000000-0000-4000-8000-000000000001');
    const notes = s.tables.sources.filter((x) => x.kind === 'notes');
    expect(notes.map((n) => n.title)).toEqual(['Note: Project memo']);
    expect(s.tables.units.find((u) => u.sourceId === notes[0]?.id)?.text).toBe('Overall the tone was positive.');
  });

  it('reports media outside the zip, PDF/picture/video selections, links, sets and graphs as lost', () => {
    const r = importQdpx(qdpx('media'), opts);
    const kinds = r.loss.lost.map((l) => l.kind);
    expect(kinds).toEqual(expect.arrayContaining(['external-media', 'video', 'picture', 'pdf', 'link', 'set', 'graph']));
    const text = r.loss.lost.map((l) => l.message).join('\n');
    expect(text).toMatch(/Group interview.*outside the project file \(absolute:\/\/\/C:\/PROJECT\/Sources\/Group Interview\.mp4\)/);
    expect(text).toMatch(/Outside.*relative:\/\/\/interviews\/outside\.txt/);
    expect(text).toMatch(/Set “Visual material” with 2 member/);
    // The PDF's text representation and its text selection survive.
    expect(r.snapshot.tables.units.map((u) => u.text)).toEqual(['Mood was low. Mood improved.']);
    expect(r.snapshot.tables.highlights).toEqual([expect.objectContaining({ start: 0, end: 13 })]);
  });

  it('says what is wrong with a file that is not a project', () => {
    expect(() => importQdpx(new TextEncoder().encode('hello'))).toThrow(RefiError);
    expect(() => importQdpx(zipSync({ 'readme.txt': new TextEncoder().encode('x') }))).toThrow(/no project file/);
  });
});

describe('exportQdpx', () => {
  const ws = workspace({
    sources: [source('5a0e4b9c-1d2e-4f30-8a41-b52c63d74e85')],
    units: [unit('5a0e4b9c-1d2e-4f30-8a41-b52c63d74e85', 0, 'Ça coûte 💸💸 trop cher'), unit('5a0e4b9c-1d2e-4f30-8a41-b52c63d74e85', 1, 'Support 👍 rocks')],
    tags: [tag('0d7c3a52-6a7e-4a4f-9d55-1f2e3d4c5b6a', 'Price', { color: '#ff8800' }), tag('1e8d4b63-7b8f-4b50-8e66-2a3f4e5d6c7b', 'Support', { parentId: '0d7c3a52-6a7e-4a4f-9d55-1f2e3d4c5b6a' })],
    highlights: [{ ...highlight('9f1a2b3c-4d5e-4f60-8172-839405a6b7c8', '5a0e4b9c-1d2e-4f30-8a41-b52c63d74e85:0', 9, 11, 'Ana'), memo: 'Two money emoji' }],
    taggings: [
      tagging('2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f', '0d7c3a52-6a7e-4a4f-9d55-1f2e3d4c5b6a', '5a0e4b9c-1d2e-4f30-8a41-b52c63d74e85:0', 'Ana', '9f1a2b3c-4d5e-4f60-8172-839405a6b7c8'),
      tagging('3d4e5f6a-7b8c-4d9e-8f1a-2b3c4d5e6f7a', '1e8d4b63-7b8f-4b50-8e66-2a3f4e5d6c7b', '5a0e4b9c-1d2e-4f30-8a41-b52c63d74e85:1', 'Ben'),
    ],
  });

  it('writes project.qde and Sources/<guid>.txt with code-point offsets', () => {
    const { bytes } = exportQdpx(ws);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(['project.qde', 'Sources/5A0E4B9C-1D2E-4F30-8A41-B52C63D74E85.txt']);
    const xml = new TextDecoder().decode(files['project.qde']);
    // "Ça coûte " is 9 code points; the two emoji are 2 code points (4 UTF-16 units).
    expect(xml).toMatch(/startPosition="9" endPosition="11"/);
    expect(new TextDecoder().decode(files['Sources/5A0E4B9C-1D2E-4F30-8A41-B52C63D74E85.txt'])).toBe('Ça coûte 💸💸 trop cher\nSupport 👍 rocks');
  });

  it('round-trips text, codes, selections and coders through import', () => {
    const { snapshot: back } = importQdpx(exportQdpx(ws).bytes, opts);
    expect(back.tables.units.map((u) => [u.id, u.text])).toEqual(ws.tables.units.map((u) => [u.id, u.text]));
    expect(back.tables.tags.map((t) => [t.id, t.name, t.parentId, t.color.toLowerCase()])).toEqual(ws.tables.tags.map((t) => [t.id, t.name, t.parentId, t.color]));
    expect(back.tables.highlights).toEqual([expect.objectContaining({ id: '9f1a2b3c-4d5e-4f60-8172-839405a6b7c8', start: 9, end: 11, coder: 'Ana', memo: 'Two money emoji' })]);
    expect(textOf(back, '9f1a2b3c-4d5e-4f60-8172-839405a6b7c8')).toBe('💸💸');
    const strip = (t: { id: string; tagId: string; unitId: string; coder: string; highlightId?: string }): unknown => [t.id, t.tagId, t.unitId, t.coder, t.highlightId];
    expect(back.tables.taggings.map(strip)).toEqual(ws.tables.taggings.map(strip));
  });

  it('gives the same bytes for the same workspace, and lists what REFI-QDA cannot carry', () => {
    expect(exportQdpx(ws).bytes).toEqual(exportQdpx(ws).bytes);
    const withExtras = workspace({ ...ws.tables, insights: [{ id: 'i1', createdAt: 'x', updatedAt: 'x', title: 'T', statement: 'S', tagIds: [], evidence: [] }] });
    expect(exportQdpx(withExtras).loss.lost.map((l) => l.message)).toContain('1 insight(s).');
  });
});

describe('.qdc codebooks', () => {
  it('exports the workspace codebook and imports it into another workspace', () => {
    const ws = workspace({ tags: [tag('p', 'Price', { color: '#ff8800', whenToUse: 'Cost talk' }), tag('c', 'Cheap', { parentId: 'p' })] });
    const xml = exportQdc(ws);
    expect(xml).toMatch(/<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/);
    const r = importQdc(workspace({}), xml, { env: { newId: () => `n${++counter}`, now: () => '2026-02-01T00:00:00.000Z' } });
    expect(r.created).toBe(2);
    const price = r.snapshot.tables.tags.find((t) => t.name === 'Price');
    expect(price).toMatchObject({ color: '#ff8800', whenToUse: 'Cost talk' });
    expect(r.snapshot.tables.tags.find((t) => t.name === 'Cheap')?.parentId).toBe(price?.id);
  });
});

describe('a codebook-only project (as ATLAS.ti writes one: users and nested codes, no sources, no colors)', () => {
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" origin="ATLAS.ti for Windows" name="codes-only" creationDateTime="2023-08-16T15:49:36Z">
  <Users><User guid="088B08AC-D5CD-4ADB-8B71-B4F3459C177F" name="Enric" /></Users>
  <CodeBook><Codes>
    <Code guid="A182CD3A-D83C-4D8C-BC80-26D9103EC6D6" name="Commits" isCodable="true">
      <Code guid="2D2466F0-D77F-4F8C-BDF9-628966B6B74D" name="19e4dce" isCodable="true" />
      <Code guid="086AC733-7B1C-4749-A138-D7182F63A5C9" name="cdbfd92" isCodable="true" />
    </Code>
  </Codes></CodeBook>
</Project>`;
  const bytes = zipSync({ 'project.qde': new TextEncoder().encode(xml) });

  it('imports the code tree and says what came in, without notes about selections it did not have', () => {
    const target = workspace({});
    const summary = addQdpxToWorkspace(target, 'codes-only.qdpx', bytes, opts);
    const commits = target.tables.tags.find((t) => t.name === 'Commits');
    expect(target.tables.tags.filter((t) => t.parentId === commits?.id).map((t) => t.name).sort()).toEqual(['19e4dce', 'cdbfd92']);
    expect(summary.project).toEqual({ sources: 0, notes: 0, codes: 3, newTags: 3, selections: 0, codings: 0 });
    expect(summary.warnings.map((w) => w.message).join('\n')).not.toMatch(/[Ss]election offsets/);
  });

  it('exports it back without a note about selection offsets, and says so once there are selections', () => {
    const { snapshot } = importQdpx(bytes, opts);
    expect(exportQdpx(snapshot).loss.notes.join('\n')).not.toMatch(/[Ss]election offsets/);
    expect(exportQdpx(importQdpx(qdpx('trial'), opts).snapshot).loss.notes.join('\n')).toMatch(/Selection offsets are written as Unicode code points/);
  });
});
