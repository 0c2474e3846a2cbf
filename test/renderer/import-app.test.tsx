// The importer inside the app shell: the top-bar button and the empty Sources call to action open the picker,
// files dropped on the window open the dialog, and "Show in Sources" goes to the new source.
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/renderer/src/app/App';
import { ImportServiceProvider } from '../../src/renderer/src/features/import/ImportService';
import { resetDatabases } from '../db/reset';
import { fakePlatform } from './fake-platform';
import { fakeImportService, file, surveyPreview, transcriptPreview } from './import-fakes';

const WAIT = { timeout: 15_000 };

beforeEach(async () => {
  await resetDatabases();
  window.location.hash = '#/sources';
});

function renderApp(pick: File[]) {
  const service = fakeImportService((r) => (r.file.name.endsWith('.vtt') ? transcriptPreview(r) : surveyPreview(r)));
  const platform = fakePlatform({ pickImportFiles: vi.fn(async () => pick) });
  render(
    <ImportServiceProvider service={service}>
      <App platform={platform} />
    </ImportServiceProvider>,
  );
  return { user: userEvent.setup(), service, platform };
}

describe('import in the app shell', () => {
  it('opens the picker from the top bar and previews the chosen files', async () => {
    const { user, service, platform } = renderApp([file('q1.csv'), file('call.vtt')]);
    await user.click(await screen.findByRole('button', { name: 'Import…' }, WAIT));
    expect(platform.pickImportFiles).toHaveBeenCalledTimes(1);
    const dialog = await screen.findByRole('dialog', { name: 'Import files' }, WAIT);
    const files = within(dialog).getByRole('list', { name: 'Files to import' });
    expect(within(files).getAllByRole('listitem')).toHaveLength(2);
    expect(await within(dialog).findByText(/Qualtrics export/, {}, WAIT)).toBeInTheDocument();
    // Previews go to the workspace on screen.
    expect(new Set(service.previews.map((p) => p.workspaceId)).size).toBe(1);

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog', { name: 'Import files' })).not.toBeInTheDocument();
    expect(service.runs).toHaveLength(0);
  });

  it('opens the dialog with files dropped on the window, then shows the imported source', async () => {
    const { user, service } = renderApp([]);
    await screen.findByRole('button', { name: 'Import…' }, WAIT);
    const dropped = file('dropped.vtt');
    const dataTransfer = { types: ['Files'], files: [dropped], dropEffect: 'none' };
    fireEvent.dragEnter(window, { dataTransfer });
    fireEvent.dragOver(window, { dataTransfer });
    fireEvent.drop(window, { dataTransfer });

    const dialog = await screen.findByRole('dialog', { name: 'Import files' }, WAIT);
    await user.click(await within(dialog).findByRole('button', { name: 'Import 1 file' }, WAIT));
    const run = await service.nextRun(0);
    expect(run.plan.file).toBe(dropped);
    run.finish({ kind: 'transcript', sourceId: 'imported-1', title: 'dropped', vendor: 'vtt' });
    await user.click(await within(dialog).findByRole('button', { name: 'Show “dropped” in Sources' }, WAIT));
    expect(screen.queryByRole('dialog', { name: 'Import files' })).not.toBeInTheDocument();
    expect(window.location.hash).toBe('#/sources/imported-1');
  });
});
