// The codebook over the real data layer: counts per tag, rename, merge (every coding moves, undo restores),
// delete after a confirmation that says how many codings go, and CSV import issues with line numbers.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { emptyTables, type WorkspaceSnapshot } from '../../src/core/model';
import { loadCodingState } from '../../src/renderer/src/db/coding';
import { prepareSave } from '../../src/renderer/src/db/lineage';
import { importSnapshot } from '../../src/renderer/src/db/workspace-data';
import { CodebookView } from '../../src/renderer/src/features/codebook/CodebookView';
import { CodingProvider } from '../../src/renderer/src/features/coding/CodingProvider';
import { createBrowserPlatform } from '../../src/renderer/src/platform/browser';
import { resetDatabases } from '../db/reset';
import { fakePlatform } from './fake-platform';

const WAIT = { timeout: 15_000 };
const T = '2026-03-01T10:00:00.000Z';
const WS = 'ws-codebook';

function snapshot(): WorkspaceSnapshot {
  const tagging = (id: string, tagId: string, unitId: string, coder = 'ana') => ({ id, createdAt: T, updatedAt: T, tagId, unitId, coder });
  return {
    meta: { id: WS, name: 'Codebook study', createdAt: T, updatedAt: T },
    tables: {
      ...emptyTables(),
      sources: [
        { id: 's1', createdAt: T, updatedAt: T, kind: 'transcript', title: 'Interview A', vendor: 'vtt', encoding: 'utf-8' },
        { id: 's2', createdAt: T, updatedAt: T, kind: 'transcript', title: 'Interview B', vendor: 'vtt', encoding: 'utf-8' },
      ],
      participants: [
        { id: 'p1', createdAt: T, updatedAt: T, name: 'Ana', role: 'participant', attributes: {}, sourceIds: ['s1'] },
        { id: 'p2', createdAt: T, updatedAt: T, name: 'Ben', role: 'participant', attributes: {}, sourceIds: ['s2'] },
      ],
      units: [
        { id: 's1:0', createdAt: T, updatedAt: T, sourceId: 's1', seq: 0, participantId: 'p1', text: 'Too slow to load.' },
        { id: 's1:1', createdAt: T, updatedAt: T, sourceId: 's1', seq: 1, participantId: 'p1', text: 'It costs too much.' },
        { id: 's2:0', createdAt: T, updatedAt: T, sourceId: 's2', seq: 0, participantId: 'p2', text: 'Export is slow.' },
      ],
      tags: [
        { id: 'speed', createdAt: T, updatedAt: T, name: 'Speed', color: '#d64545', order: 0 },
        { id: 'slowness', createdAt: T, updatedAt: T, name: 'Slowness', color: '#e8833a', order: 1 },
        { id: 'price', createdAt: T, updatedAt: T, name: 'Price', color: '#2fa36b', order: 2 },
      ],
      taggings: [
        tagging('g1', 'speed', 's1:0'),
        tagging('g2', 'slowness', 's1:0', 'ben'), // another coder on the same unit: kept by the merge
        tagging('g3', 'slowness', 's2:0'),
        tagging('g4', 'price', 's1:1'),
      ],
    },
  };
}

beforeEach(resetDatabases);

async function renderCodebook() {
  await importSnapshot(snapshot());
  const platform = fakePlatform({ onCommand: (listener) => createBrowserPlatform(window).onCommand(listener) });
  const user = userEvent.setup();
  render(
    <CodingProvider workspaceId={WS} platform={platform}>
      <CodebookView workspaceId={WS} platform={platform} workspaceName="Codebook study" />
    </CodingProvider>,
  );
  const tree = await screen.findByRole('list', { name: 'Tags' }, WAIT);
  return { user, tree, platform };
}

const codings = async (): Promise<string[]> =>
  [...(await loadCodingState(WS)).taggings.values()].map((t) => `${t.tagId}@${t.unitId}/${t.coder}`).sort();

describe('CodebookView', () => {
  it('shows counts per tag and renames a tag', async () => {
    const { user, tree } = await renderCodebook();
    await user.click(within(tree).getByRole('button', { name: /Slowness/ }));
    const editor = await screen.findByRole('region', { name: 'Tag Slowness' }, WAIT);
    await waitFor(() => expect(within(editor).getAllByRole('definition').map((d) => d.textContent)).toEqual(['2', '2', '2', '2']), WAIT);

    const name = within(editor).getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Slow performance{Enter}');
    await waitFor(async () => expect((await loadCodingState(WS)).tags.get('slowness')?.name).toBe('Slow performance'), WAIT);
    expect(await within(tree).findByRole('button', { name: /Slow performance/ }, WAIT)).toBeInTheDocument();
  });

  it('merges one tag into another — every coding moves — and Ctrl+Z restores it', async () => {
    const { user, tree } = await renderCodebook();
    await user.click(within(tree).getByRole('button', { name: /Slowness/ }));
    await user.click(await screen.findByRole('button', { name: 'Merge…' }, WAIT));
    const dialog = await screen.findByRole('dialog', { name: 'Merge “Slowness”' }, WAIT);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Merge with' }), 'Speed');
    await user.click(within(dialog).getByRole('radio', { name: 'Speed' }));
    expect(dialog).toHaveTextContent('2 codings of “Slowness” move to “Speed”');
    await user.click(within(dialog).getByRole('button', { name: 'Merge' }));

    await waitFor(async () => expect(await codings()).toEqual(['price@s1:1/ana', 'speed@s1:0/ana', 'speed@s1:0/ben', 'speed@s2:0/ana']), WAIT);
    await waitFor(() => expect(within(tree).queryByRole('button', { name: /Slowness/ })).not.toBeInTheDocument(), WAIT);
    // The next save records where the tag went, so another copy's codings of “Slowness” follow it in a file merge.
    const mergedAway = async () => (await prepareSave(WS, '0.0.0')).lineage.tombstones.filter((t) => t.table === 'tags' && t.id === 'slowness');
    await waitFor(async () => expect(await mergedAway()).toEqual([expect.objectContaining({ mergedInto: 'speed' })]), WAIT);

    await user.click(document.body);
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(async () => expect(await codings()).toEqual(['price@s1:1/ana', 'slowness@s1:0/ben', 'slowness@s2:0/ana', 'speed@s1:0/ana']), WAIT);
    expect(await within(tree).findByRole('button', { name: /Slowness/ }, WAIT)).toBeInTheDocument();
    expect(await mergedAway()).toEqual([]); // undone: the tag is back, so no tombstone is saved
  });

  it('asks before deleting, saying how many codings go; the delete is undoable', async () => {
    const { user, tree } = await renderCodebook();
    await user.click(within(tree).getByRole('button', { name: /Slowness/ }));
    await user.click(await screen.findByRole('button', { name: 'Delete…' }, WAIT));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete “Slowness”?' }, WAIT);
    expect(confirm).toHaveTextContent('2 codings will be removed.');
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect((await loadCodingState(WS)).tags.has('slowness')).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Delete…' }));
    await user.click(within(await screen.findByRole('alertdialog', {}, WAIT)).getByRole('button', { name: 'Delete tag' }));
    await waitFor(async () => expect((await loadCodingState(WS)).tags.has('slowness')).toBe(false), WAIT);
    expect(await codings()).toEqual(['price@s1:1/ana', 'speed@s1:0/ana']);

    await user.click(document.body);
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(async () => expect(await codings()).toHaveLength(4), WAIT);
  });

  it('moves a tag with the keyboard "Move to…" action', async () => {
    const { user, tree } = await renderCodebook();
    await user.click(within(tree).getByRole('button', { name: /Slowness/ }));
    await user.click(await screen.findByRole('button', { name: 'Move to…' }, WAIT));
    const dialog = await screen.findByRole('dialog', { name: 'Move “Slowness”' }, WAIT);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'New parent' }), 'Speed');
    await user.click(within(dialog).getByRole('button', { name: 'Move' }));
    await waitFor(async () => expect((await loadCodingState(WS)).tags.get('slowness')?.parentId).toBe('speed'), WAIT);
  });

  it('imports a CSV codebook, listing problems with their line numbers', async () => {
    const { user } = await renderCodebook();
    await user.click(screen.getByRole('button', { name: 'Import…' }));
    const input = await waitFor(() => {
      const el = document.querySelector('input[type=file]');
      if (!(el instanceof HTMLInputElement)) throw new Error('no file input yet');
      return el;
    }, WAIT);
    const csv = 'Name,Parent,Color\nOnboarding,,#4f7cff\n,,#123456\nFirst run,Onboarding,not-a-colour\n';
    await user.upload(input, new File([csv], 'codebook.csv', { type: 'text/csv' }));

    const dialog = await screen.findByRole('dialog', { name: 'Import codebook from codebook.csv' }, WAIT);
    const issues = within(dialog).getByRole('list', { name: 'Issues' });
    expect(issues).toHaveTextContent('Line 3');
    expect(issues).toHaveTextContent('no tag name');
    expect(issues).toHaveTextContent('Line 4');
    await user.click(within(dialog).getByRole('button', { name: /Import 2 tags/ }));
    await waitFor(async () => expect([...(await loadCodingState(WS)).tags.values()].map((t) => t.name).sort()).toEqual(['First run', 'Onboarding', 'Price', 'Slowness', 'Speed']), WAIT);
  });
});
