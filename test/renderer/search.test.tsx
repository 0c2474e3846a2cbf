// The top bar's search over the sample workspace (fake-indexeddb, the unit index in-process): one query finds
// a word in a transcript and in survey answers; a transcript hit opens its passage in context, a survey hit
// opens the answer in the Responses grid, both with the hit marked.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildSampleWorkspace } from '../../src/core/sample';
import type { Route } from '../../src/renderer/src/app/routes';
import { importSnapshot } from '../../src/renderer/src/db/workspace-data';
import { CodingProvider } from '../../src/renderer/src/features/coding/CodingProvider';
import { ResponsesView } from '../../src/renderer/src/features/responses/ResponsesView';
import { SearchBox } from '../../src/renderer/src/features/search/SearchBox';
import { SearchIndexProvider } from '../../src/renderer/src/features/search/SearchIndexProvider';
import { createInProcessSearch } from '../../src/renderer/src/workers/search-client';
import { resetDatabases } from '../db/reset';
import { fakePlatform } from './fake-platform';

const WAIT = { timeout: 15_000 };
let workspaceId = '';

beforeEach(async () => {
  await resetDatabases();
  workspaceId = (await importSnapshot(buildSampleWorkspace())).id;
});

function Harness(): React.JSX.Element {
  const [route, setRoute] = useState<Route>({ section: 'sources', param: null });
  return (
    <CodingProvider workspaceId={workspaceId} platform={fakePlatform()}>
      <SearchIndexProvider workspaceId={workspaceId} createClient={createInProcessSearch}>
        <SearchBox workspaceId={workspaceId} navigate={setRoute} />
        {route.section === 'responses' ? <ResponsesView workspaceId={workspaceId} /> : <p>Section: {route.section}</p>}
      </SearchIndexProvider>
    </CodingProvider>
  );
}

async function searchFor(user: ReturnType<typeof userEvent.setup>, text: string) {
  const box = screen.getByRole('combobox', { name: 'Search all sources' });
  await user.clear(box);
  await user.type(box, text);
  const list = await screen.findByRole('listbox', { name: 'Matches' }, WAIT);
  await waitFor(() => expect(within(list).getAllByRole('option').length).toBeGreaterThan(0), WAIT);
  return list;
}

describe('search', () => {
  it('finds a word across a transcript and survey answers and opens each in context', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Search all sources' })).toHaveAttribute('placeholder', expect.stringMatching(/Search everything/)), WAIT);

    // The transcript: narrow to transcripts by picking one in the source filter.
    let list = await searchFor(user, 'export');
    const options = within(list).getAllByRole('option');
    expect(options.some((o) => o.textContent?.includes('Response'))).toBe(true);
    const sourceFilter = screen.getByRole('combobox', { name: 'Search in source' });
    const interview = within(sourceFilter).getAllByRole('option').find((o) => /Interview/.test(o.textContent ?? ''));
    expect(interview).toBeDefined();
    let transcriptHit: HTMLElement | undefined;
    for (const option of within(sourceFilter).getAllByRole('option').filter((o) => /Interview/.test(o.textContent ?? ''))) {
      await user.selectOptions(sourceFilter, option);
      await waitFor(() => expect(screen.getByText(/match/)).toBeInTheDocument(), WAIT);
      list = screen.getByRole('listbox', { name: 'Matches' });
      transcriptHit = within(list).queryAllByRole('option').find((o) => o.textContent?.includes('Transcript'));
      if (transcriptHit !== undefined) break;
    }
    expect(transcriptHit).toBeDefined();
    expect(transcriptHit!.querySelector('mark')?.textContent?.toLowerCase()).toContain('export');
    await user.click(transcriptHit!);
    const dialog = await screen.findByRole('dialog', {}, WAIT);
    const passage = await within(dialog).findByRole('list', { name: 'Passage in context' }, WAIT);
    const current = within(passage).getAllByRole('listitem').find((li) => li.getAttribute('aria-current') === 'true');
    expect(current?.querySelector('mark')?.textContent?.toLowerCase()).toContain('export');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));

    // A survey answer: opens the Responses grid with the answer selected and the hit marked.
    await user.click(screen.getByRole('combobox', { name: 'Search all sources' }));
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Search in source' }, WAIT), 'All sources');
    list = await searchFor(user, 'export');
    const responseHit = await waitFor(() => {
      const hit = within(screen.getByRole('listbox', { name: 'Matches' })).getAllByRole('option').find((o) => o.textContent?.includes('Response'));
      expect(hit).toBeDefined();
      return hit!;
    }, WAIT);
    const snippet = responseHit.querySelector('.search-snippet')?.textContent ?? '';
    await user.click(responseHit);
    await screen.findByRole('heading', { level: 1, name: 'Responses' }, WAIT);
    const answer = await screen.findByLabelText('Answer text', {}, WAIT);
    await waitFor(() => expect(answer.textContent).toBe(snippet), WAIT);
    expect(answer.querySelector('mark')?.textContent?.toLowerCase()).toContain('export');
    const selected = within(screen.getByRole('table')).getAllByRole('row').filter((r) => r.getAttribute('aria-selected') === 'true');
    expect(selected).toHaveLength(1);
  });
});
