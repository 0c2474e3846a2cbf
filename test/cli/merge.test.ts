import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { readLineage, recordSave, writeLineage } from '../../src/core/merge/lineage';
import type { WorkspaceSnapshot } from '../../src/core/model';
import { decodeWorkspace, encodeWorkspace } from '../../src/core/workspace-file';
import { clone, source, T1, T2, tag, tagging, unit, workspace } from '../core/merge/helpers';

const bin = join(__dirname, '../../bin/loupe.cjs');
const dir = mkdtempSync(join(tmpdir(), 'loupe-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loupe(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function save(name: string, s: WorkspaceSnapshot, saveId: string, previous?: { snapshot: WorkspaceSnapshot; lineage: ReturnType<typeof recordSave> }): ReturnType<typeof recordSave> {
  const lineage = recordSave(s, { saveId, at: T1, ...(previous ? { previous } : {}) });
  writeFileSync(join(dir, name), writeLineage(encodeWorkspace(s, { appVersion: 'test' }), lineage));
  return lineage;
}

const base = workspace({
  sources: [source('s1')],
  units: [unit('s1', 0, 'Too pricey'), unit('s1', 1, 'Fast support'), unit('s1', 2, 'Slow app')],
  tags: [tag('price', 'Price'), tag('speed', 'Speed')],
  taggings: [tagging('a0', 'price', 's1:0', 'ana'), tagging('a1', 'speed', 's1:2', 'ana')],
});

describe('loupe merge', () => {
  const l0 = save('base.loupe', base, 'b');
  const mine = clone(base);
  mine.tables.taggings.push(tagging('a2', 'speed', 's1:1', 'ana'));
  mine.tables.tags[0] = { ...tag('price', 'Pricing'), updatedAt: T2 };
  save('mine.loupe', mine, 'm', { snapshot: base, lineage: l0 });
  const theirs = clone(base);
  theirs.tables.taggings.push(tagging('b0', 'price', 's1:0', 'ben'), tagging('b1', 'speed', 's1:1', 'ben'));
  theirs.tables.tags[0] = { ...tag('price', 'Cost'), updatedAt: T2 };
  save('theirs.loupe', theirs, 't', { snapshot: base, lineage: l0 });

  it('writes the merged file, prints what merged and lists conflicts (default mine), exit 0', () => {
    const r = loupe('merge', 'base.loupe', 'mine.loupe', 'theirs.loupe', '--out', 'merged.loupe');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/taggings\s+3 added, 0 changed, 0 deleted/);
    expect(r.stdout).toMatch(/tags\/price {2}edit-edit {2}kept mine {2}\[name\]/);
    const bytes = new Uint8Array(readFileSync(join(dir, 'merged.loupe')));
    const merged = decodeWorkspace(bytes);
    expect(merged.tables.taggings.map((t) => t.id).sort()).toEqual(['a0', 'a1', 'a2', 'b0', 'b1']);
    expect(merged.tables.tags.find((t) => t.id === 'price')?.name).toBe('Pricing');
    expect(readLineage(bytes)?.saves.at(-1)?.parentSaveIds).toEqual(['m', 't']);
    expect(Object.keys(unzipSync(bytes))).toContain('lineage.json');
  });

  it('--json gives the conflicts with both versions; --prefer theirs takes their side', () => {
    const r = loupe('merge', 'base.loupe', 'mine.loupe', 'theirs.loupe', '--out', 'merged2.loupe', '--json', '--prefer', 'theirs');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.conflicts).toEqual([expect.objectContaining({ key: 'tags/price', pick: 'theirs', mine: expect.objectContaining({ name: 'Pricing' }), theirs: expect.objectContaining({ name: 'Cost' }) })]);
    expect(out.summary.taggings.added).toBe(3);
    expect(decodeWorkspace(readFileSync(join(dir, 'merged2.loupe'))).tables.tags.find((t) => t.id === 'price')?.name).toBe('Cost');
  });

  it('refuses wrong usage with exit 2', () => {
    expect(loupe('merge', 'base.loupe', 'mine.loupe').code).toBe(2);
    expect(loupe('merge', 'base.loupe', 'mine.loupe', 'theirs.loupe').code).toBe(2);
  });
});

describe('loupe agreement', () => {
  const ws = workspace({
    sources: [source('s1')],
    units: [0, 1, 2, 3].map((i) => unit('s1', i, `answer ${i}`)),
    tags: [tag('x', 'Price')],
    taggings: [tagging('a0', 'x', 's1:0', 'ana'), tagging('a1', 'x', 's1:1', 'ana'), tagging('b0', 'x', 's1:0', 'ben'), tagging('b2', 'x', 's1:2', 'ben')],
  });
  writeFileSync(join(dir, 'coded.loupe'), encodeWorkspace(ws, { appVersion: 'test' }));

  it('prints per-tag agreement and kappa; --json gives the figures', () => {
    const r = loupe('agreement', 'coded.loupe', '--coders', 'ana,ben');
    expect(r.code).toBe(0);
    // Universe: units 0,1,2. both 1, only ana 1, only ben 1, neither 0 → 33.3%, kappa −0.5
    expect(r.stdout).toMatch(/Price\s+33\.3%\s+-0\.500/);
    const json = JSON.parse(loupe('agreement', 'coded.loupe', '--coders', 'ana,ben', '--json').stdout);
    expect(json.tags[0].units).toMatchObject({ both: 1, onlyA: 1, onlyB: 1, neither: 0 });
    expect(json.tags[0].units.kappa).toBeCloseTo(-0.5, 10);
  });

  it('names the coders it knows when one is missing', () => {
    const r = loupe('agreement', 'coded.loupe', '--coders', 'ana,zoe');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no taggings by "zoe".*ana, ben/);
    expect(loupe('agreement', 'coded.loupe', '--coders', 'ana').code).toBe(2);
  });
});

describe('loupe export', () => {
  it('writes a .qdpx and a .qdc and prints the loss report', () => {
    writeFileSync(join(dir, 'plain.loupe'), encodeWorkspace(base, { appVersion: 'test' }));
    const r = loupe('export', 'plain.loupe', '--format', 'qdpx', '--out', 'plain.qdpx');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Exported plain\.loupe to plain\.qdpx \(qdpx\)/);
    expect(Object.keys(unzipSync(new Uint8Array(readFileSync(join(dir, 'plain.qdpx')))))).toContain('project.qde');
    expect(loupe('export', 'plain.loupe', '--format', 'qdc', '--out', 'plain.qdc').code).toBe(0);
    expect(readFileSync(join(dir, 'plain.qdc'), 'utf8')).toMatch(/name="Price"/);
    expect(loupe('export', 'plain.loupe', '--format', 'pdf', '--out', 'x').code).toBe(2);
  });
});

describe('loupe import <project.qdpx>', () => {
  it('adds a REFI-QDA project to a workspace and reports what was lost; importing it again adds nothing', async () => {
    const { exportQdpx } = await import('../../src/core/refi');
    writeFileSync(join(dir, 'project.qdpx'), exportQdpx(base).bytes);
    const r = loupe('import', 'project.qdpx', '--workspace', 'fromqdpx.loupe', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).sources[0]).toMatchObject({ status: 'imported', vendor: 'refi-qda', units: 3 });
    const ws = decodeWorkspace(readFileSync(join(dir, 'fromqdpx.loupe')));
    expect(ws.tables.units.map((u) => u.text)).toEqual(['Too pricey', 'Fast support', 'Slow app']);
    expect(ws.tables.taggings).toHaveLength(2);
    const again = loupe('import', 'project.qdpx', '--workspace', 'fromqdpx.loupe', '--json');
    expect(JSON.parse(again.stdout).sources[0].status).toBe('duplicate');
    expect(decodeWorkspace(readFileSync(join(dir, 'fromqdpx.loupe'))).tables.tags).toHaveLength(2);
  });
});
