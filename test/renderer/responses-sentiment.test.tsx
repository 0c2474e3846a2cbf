// The Responses grid's Sentiment column and filter over the real data layer (fake-indexeddb) and the unit index
// in-process. In the fixture, Q1's answers are praise (positive) and Q2's are wants ("a dark mode": negative).
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { importSnapshot } from '../../src/renderer/src/db/workspace-data';
import { CodingProvider } from '../../src/renderer/src/features/coding/CodingProvider';
import { ResponsesView } from '../../src/renderer/src/features/responses/ResponsesView';
import { SearchIndexProvider } from '../../src/renderer/src/features/search/SearchIndexProvider';
import { createInProcessSearch } from '../../src/renderer/src/workers/search-client';
import { resetDatabases } from '../db/reset';
import { fakePlatform } from './fake-platform';
import { responsesSnapshot, WS_ID } from './responses-fixture';

const WAIT = { timeout: 15_000 };

beforeEach(async () => {
  await resetDatabases();
  await importSnapshot(responsesSnapshot());
});

const status = (): HTMLElement => screen.getAllByRole('status').find((s) => s.classList.contains('grid-status'))!;
const rowsOf = (table: HTMLElement): HTMLElement[] => within(table).getAllByRole('row').filter((r) => r.classList.contains('grid-row'));
const labelsOf = (table: HTMLElement): string[] => rowsOf(table).map((r) => r.querySelector('.sentiment-label')?.textContent ?? '');

describe('Responses grid: sentiment', () => {
  it('labels every answer with its sentiment and narrows the rows to one class', async () => {
    const user = userEvent.setup();
    render(
      <CodingProvider workspaceId={WS_ID} platform={fakePlatform()}>
        <SearchIndexProvider workspaceId={WS_ID} createClient={createInProcessSearch}>
          <ResponsesView workspaceId={WS_ID} initialQuestion="all" />
        </SearchIndexProvider>
      </CodingProvider>,
    );
    const table = await screen.findByRole('table', { name: 'Answers' }, WAIT);
    await waitFor(() => expect(screen.getByLabelText('Filter by sentiment')).toBeEnabled(), WAIT);
    expect(within(table).getByRole('columnheader', { name: /Sentiment/ })).toBeInTheDocument();
    await waitFor(() => expect(status()).toHaveTextContent('60 answers'), WAIT);
    await waitFor(() => expect(labelsOf(table)[0]).toBe('positive'), WAIT);
    expect(rowsOf(table)[0]).toHaveTextContent('+0.60');

    await user.selectOptions(screen.getByLabelText('Filter by sentiment'), 'Negative');
    await waitFor(() => expect(status()).toHaveTextContent('30 answers'), WAIT);
    await waitFor(() => expect(labelsOf(table).length).toBeGreaterThan(0), WAIT);
    await waitFor(() => expect(new Set(labelsOf(table))).toEqual(new Set(['negative'])), WAIT);
    expect(rowsOf(table)[0]).toHaveTextContent(/Missing \d+: a dark mode/);

    await user.selectOptions(screen.getByLabelText('Filter by sentiment'), 'Neutral');
    await waitFor(() => expect(status()).toHaveTextContent('0 answers'), WAIT);
  });
});
