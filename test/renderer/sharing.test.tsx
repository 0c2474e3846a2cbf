// Sharing in the app shell over the real data layer (fake-indexeddb): opening a file whose workspace is
// already here (merge / copy / cancel, three-way against the saved state), reading mode, comments, and the
// recovery prompt. Generous timeouts: CI runs on 2 slow cores.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readLineage, recordSave, writeLineage } from '../../src/core/merge/lineage';
import { buildSampleWorkspace } from '../../src/core/sample';
import { decodeWorkspace, encodeWorkspace } from '../../src/core/workspace-file';
import { App } from '../../src/renderer/src/app/App';
import { workspaceDb } from '../../src/renderer/src/db/connections';
import { recordOpened } from '../../src/renderer/src/db/lineage';
import { exportSnapshot, importSnapshot } from '../../src/renderer/src/db/workspace-data';
import { getWorkspace, listWorkspaces, markDirty } from '../../src/renderer/src/db/workspaces';
import type { PlatformFile, SaveFileRequest } from '../../src/renderer/src/platform';
import { resetDatabases } from '../db/reset';
import { fakePlatform } from './fake-platform';

const WAIT = { timeout: 15_000 };
const SAMPLE_NAME = 'Relay customer research (sample)';
const T = '2026-03-01T10:00:00.000Z';

beforeEach(async () => {
  await resetDatabases();
  window.location.hash = '#/sources';
});

async function renderLoaded(platform = fakePlatform()) {
  const user = userEvent.setup();
  render(<App platform={platform} />);
  await screen.findByRole('button', { name: `Workspace: ${SAMPLE_NAME}. Switch workspace` }, WAIT);
  return { user, platform };
}

describe('opening a workspace that is already here', () => {
  it('offers Merge, Open as a copy and Cancel; merge keeps both sides’ codings and applies the chosen side of a conflict', async () => {
    let saved: Uint8Array | null = null;
    let incoming: PlatformFile | null = null;
    const platform = fakePlatform({
      saveFile: vi.fn(async (r: SaveFileRequest) => {
        saved = r.bytes;
        return { name: 'relay.loupe', path: null };
      }),
      openFile: vi.fn(async () => incoming),
    });
    const { user } = await renderLoaded(platform);
    const id = (await listWorkspaces())[0]!.id;

    // 1. Save: the file carries its lineage.
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saved).not.toBeNull(), WAIT);
    const file = saved!;
    const fileLineage = readLineage(file);
    expect(fileLineage?.saves).toHaveLength(1);
    const base = decodeWorkspace(file);
    const tag = base.tables.tags[0]!;
    const unit = base.tables.units[0]!;

    // 2. Here: a new coding by me, and the tag renamed.
    const db = workspaceDb(id);
    await db.taggings.add({ id: 'mine-coding', createdAt: T, updatedAt: T, tagId: tag.id, unitId: unit.id, coder: 'me' });
    await db.tags.put({ ...tag, name: 'Renamed here', updatedAt: T });
    await markDirty(id);

    // 3. The other researcher's copy of the same save: their coding, and the same tag renamed differently.
    const theirs = structuredClone(base);
    theirs.tables.taggings.push({ id: 'their-coding', createdAt: T, updatedAt: T, tagId: tag.id, unitId: unit.id, coder: 'ana' });
    theirs.tables.tags = theirs.tables.tags.map((t) => (t.id === tag.id ? { ...t, name: 'Renamed there', updatedAt: T } : t));
    const theirLineage = recordSave(theirs, { previous: { snapshot: base, lineage: fileLineage } });
    incoming = { name: 'relay-ana.loupe', path: null, bytes: writeLineage(encodeWorkspace(theirs, { appVersion: 'test' }), theirLineage) };

    // 4. Open it: never overwritten silently.
    await user.click(screen.getByRole('button', { name: 'Open…' }));
    const ask = await screen.findByRole('alertdialog', { name: 'This workspace is already on this computer' }, WAIT);
    expect(within(ask).getByRole('button', { name: 'Open as a copy' })).toBeInTheDocument();
    expect(within(ask).getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
    await user.click(within(ask).getByRole('button', { name: 'Merge…' }));

    const merge = await screen.findByRole('dialog', { name: `Merge “relay-ana.loupe” into “${SAMPLE_NAME}”` }, WAIT);
    expect(merge).toHaveTextContent('Compared with the version both copies share');
    const counts = within(merge).getByRole('table', { name: 'Changes per table' });
    expect(within(counts).getByRole('row', { name: /Codings/ })).toHaveTextContent(/Codings\s*2\s*0\s*0\s*0/);
    const conflicts = within(merge).getByRole('region', { name: 'Conflicts' });
    const group = within(conflicts).getByRole('group', { name: /Tag “Renamed here” — changed differently in both copies/ });
    expect(group).toHaveTextContent('Renamed there');
    expect(within(group).getByRole('radio', { name: 'Keep mine' })).toBeChecked();
    await user.click(within(group).getByRole('radio', { name: 'Take theirs' }));
    await user.click(within(merge).getByRole('button', { name: 'Merge' }));

    const done = await screen.findByRole('dialog', { name: 'Merged' }, WAIT);
    expect(done).toHaveTextContent('1 conflict resolved as you chose');

    const merged = await exportSnapshot(id);
    const codings = merged.tables.taggings.map((t) => t.id);
    expect(codings).toContain('mine-coding');
    expect(codings).toContain('their-coding');
    expect(merged.tables.taggings).toHaveLength(base.tables.taggings.length + 2);
    expect(merged.tables.tags.find((t) => t.id === tag.id)?.name).toBe('Renamed there');
    expect((await getWorkspace(id))?.dirty).toBe(true);
    expect((await listWorkspaces()).length).toBe(1);

    // Agreement between the two coders is one click away.
    await user.click(within(done).getByRole('button', { name: 'Compare coders…' }));
    const agreement = await screen.findByRole('dialog', { name: 'Intercoder agreement' }, WAIT);
    expect(await within(agreement).findByRole('table', { name: /Agreement between/ }, WAIT)).toBeInTheDocument();
  });

  it('Cancel changes nothing; Open as a copy keeps both', async () => {
    const bytes = encodeWorkspace(buildSampleWorkspace(), { appVersion: 'test' });
    const platform = fakePlatform({ openFile: vi.fn(async () => ({ name: 'again.loupe', path: null, bytes })) });
    const { user } = await renderLoaded(platform);
    await user.click(screen.getByRole('button', { name: 'Open…' }));
    let ask = await screen.findByRole('alertdialog', { name: 'This workspace is already on this computer' }, WAIT);
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), WAIT);
    expect(await listWorkspaces()).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Open…' }));
    ask = await screen.findByRole('alertdialog', { name: 'This workspace is already on this computer' }, WAIT);
    await user.click(within(ask).getByRole('button', { name: 'Open as a copy' }));
    await screen.findByRole('button', { name: `Workspace: ${SAMPLE_NAME} (copy). Switch workspace` }, WAIT);
    expect(await listWorkspaces()).toHaveLength(2);
  });
});

describe('reading mode and comments', () => {
  it('hides an editing control but still lets a reader comment', async () => {
    const { user } = await renderLoaded();
    expect(screen.getByRole('button', { name: 'Import…' })).toBeInTheDocument();
    await user.click(screen.getByRole('switch', { name: 'Reading mode' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Import…' })).toBeNull(), WAIT);
    expect(screen.getByRole('note')).toHaveTextContent('Reading mode');

    await user.click(screen.getByRole('button', { name: '0 comments' }));
    const panel = await screen.findByRole('dialog', { name: 'Comments' }, WAIT);
    const box = await within(panel).findByRole('textbox', { name: /^Comment on insight/ }, WAIT);
    await user.type(box, 'Can we see this split by plan?');
    await user.click(within(panel).getAllByRole('button', { name: 'Comment' })[0]!);
    expect(await within(panel).findByText('Can we see this split by plan?', {}, WAIT)).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Close' }));
    expect(await screen.findByRole('button', { name: '1 comment' }, WAIT)).toBeInTheDocument();

    const id = (await listWorkspaces())[0]!.id;
    const snapshot = await exportSnapshot(id);
    expect(snapshot.tables.comments).toEqual([expect.objectContaining({ targetTable: 'insights', body: 'Can we see this split by plan?' })]);
    expect((await getWorkspace(id))?.dirty).toBe(true);
  });
});

describe('recovery on start', () => {
  it('offers to save or discard changes the file does not have', async () => {
    const sample = buildSampleWorkspace();
    const bytes = encodeWorkspace(sample, { appVersion: 'test' });
    await importSnapshot(decodeWorkspace(bytes), { file: { name: 'relay.loupe', path: null }, within: recordOpened(bytes, { ownFile: true }).within });
    const tag = sample.tables.tags[0]!;
    await workspaceDb(sample.meta.id).tags.put({ ...tag, name: 'Changed after saving' });
    await markDirty(sample.meta.id);

    const user = userEvent.setup();
    render(<App platform={fakePlatform()} />);
    const prompt = await screen.findByRole('alertdialog', { name: /^Relay customer research \(sample\) has unsaved changes since/ }, WAIT);
    expect(within(prompt).getByRole('button', { name: 'Save now…' })).toBeInTheDocument();
    expect(within(prompt).getByRole('button', { name: 'Keep working' })).toBeInTheDocument();
    await user.click(within(prompt).getByRole('button', { name: 'Discard changes…' }));
    await user.click(within(prompt).getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull(), WAIT);
    expect((await workspaceDb(sample.meta.id).tags.get(tag.id))?.name).toBe(tag.name);
    expect((await getWorkspace(sample.meta.id))?.dirty).toBe(false);
  });
});
