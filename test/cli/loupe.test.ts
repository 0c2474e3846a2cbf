import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeWorkspace } from '../../src/core/workspace-file';

const root = join(__dirname, '../..');
const bin = join(root, 'bin/loupe.cjs');
const dir = mkdtempSync(join(tmpdir(), 'loupe-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loupe(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('loupe CLI', () => {
  it('prints help and version', () => {
    const help = loupe('--help');
    expect(help.code).toBe(0);
    for (const cmd of ['new', 'inspect', 'sample']) expect(help.stdout).toMatch(new RegExp(`^  ${cmd}\\s`, 'm'));
    const version = loupe('--version');
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it('creates a workspace, and inspect --json reports it', () => {
    const file = join(dir, 'study.loupe');
    const created = loupe('new', file, '--name', 'Pricing study');
    expect(created.code).toBe(0);
    expect(decodeWorkspace(readFileSync(file)).meta.name).toBe('Pricing study');
    // No temp files left behind by the atomic write.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const inspected = loupe('inspect', file, '--json');
    expect(inspected.code).toBe(0);
    const report = JSON.parse(inspected.stdout);
    expect(report.workspace.name).toBe('Pricing study');
    expect(report.totals).toEqual({ sources: 0, participants: 0, questions: 0, units: 0, tags: 0, highlights: 0, taggings: 0, insights: 0, clusterings: 0, reports: 0 });
  });

  it('refuses to overwrite an existing file unless --force', () => {
    const file = join(dir, 'keep.loupe');
    expect(loupe('new', file, '--name', 'First').code).toBe(0);
    const again = loupe('new', file, '--name', 'Second');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; pass --force/);
    expect(decodeWorkspace(readFileSync(file)).meta.name).toBe('First');
    expect(loupe('new', file, '--name', 'Second', '--force').code).toBe(0);
    expect(decodeWorkspace(readFileSync(file)).meta.name).toBe('Second');
  });

  it('writes the sample and inspects it, as text and as JSON', () => {
    const file = join(dir, 'sample.loupe');
    expect(loupe('sample', file).code).toBe(0);
    const json = JSON.parse(loupe('inspect', file, '--json').stdout);
    expect(json.totals.sources).toBe(7);
    expect(json.totals.participants).toBeGreaterThan(500);
    const text = loupe('inspect', file);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Relay customer research (sample)');
    expect(text.stdout).toMatch(/Q2\s+nps\s+How likely are you to recommend Relay/);
  });

  it('exits 1 with one clear stderr line for a missing file', () => {
    const r = loupe('inspect', join(dir, 'nope.loupe'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/nope\.loupe: no such file/);
  });

  it('exits 1 with the codec message for a corrupt or non-workspace file', () => {
    const notZip = join(dir, 'notes.loupe');
    writeFileSync(notZip, 'just some text');
    const r = loupe('inspect', notZip);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('loupe inspect: This file is not a Loupe workspace (it is not a zip archive).');

    const good = join(dir, 'cut.loupe');
    expect(loupe('sample', good).code).toBe(0);
    const bytes = readFileSync(good);
    writeFileSync(good, bytes.subarray(0, bytes.length >> 1));
    const cut = loupe('inspect', good);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/incomplete/);
    expect(cut.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('exits 2 for usage errors', () => {
    const noName = loupe('new', join(dir, 'x.loupe'));
    expect(noName.code).toBe(2);
    expect(noName.stderr).toMatch(/--name is required.*Usage: loupe new/);
    expect(existsSync(join(dir, 'x.loupe'))).toBe(false);
    expect(loupe('frobnicate').code).toBe(2);
    expect(loupe('inspect').code).toBe(2);
    const unknownFlag = loupe('inspect', 'a.loupe', '--jsn');
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toMatch(/--jsn/);
    expect(loupe().code).toBe(2);
  });
});
