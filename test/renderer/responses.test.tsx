// The Responses grid over the real data layer (fake-indexeddb) and the unit index run in-process:
// attribute columns, filters (tag, untagged, attribute), Shift+click ranges, bulk tagging and its undo.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MenuCommand } from '../../src/shared/api';
import { CodingProvider } from '../../src/renderer/src/features/coding/CodingProvider';
import { ResponsesView } from '../../src/renderer/src/features/responses/ResponsesView';
import { SearchIndexProvider } from '../../src/renderer/src/features/search/SearchIndexProvider';
import { importSnapshot } from '../../src/renderer/src/db/workspace-data';
import { loadCodingState } from '../../src/renderer/src/db/coding';
import { createInProcessSearch } from '../../src/renderer/src/workers/search-client';
import { commentsOn } from '../../src/renderer/src/db/comments';
import { surveySeq, unitId } from '../../src/core/unit-id';
import { resetDatabases } from '../db/reset';
import { fakePlatform } from './fake-platform';
import { responsesSnapshot, WS_ID } from './responses-fixture';

/** Taggings of a tag as stored (bulk taggings live in blocks: read them through the repository). */
async function storedTaggingsOf(tagId: string): Promise<number> {
  return [...(await loadCodingState(WS_ID)).taggings.values()].filter((t) => t.tagId === tagId).length;
}

const WAIT = { timeout: 15_000 };

beforeEach(async () => {
  await resetDatabases();
  await importSnapshot(responsesSnapshot());
});

async function renderGrid() {
  const listeners: ((c: MenuCommand) => void)[] = [];
  const platform = fakePlatform({
    onCommand: (cb) => {
      listeners.push(cb);
      return () => undefined;
    },
  });
  const user = userEvent.setup();
  render(
    <CodingProvider workspaceId={WS_ID} platform={platform}>
      <SearchIndexProvider workspaceId={WS_ID} createClient={createInProcessSearch}>
        <ResponsesView workspaceId={WS_ID} />
      </SearchIndexProvider>
    </CodingProvider>,
  );
  const table = await screen.findByRole('table', { name: 'Answers to Q1' }, WAIT);
  await within(table).findByText('Answer 1: the export to Excel is great', {}, WAIT);
  // Filters are enabled once the index is built.
  await waitFor(() => expect(screen.getByLabelText('Filter by tag')).toBeEnabled(), WAIT);
  return { user, table, command: (c: MenuCommand) => listeners.forEach((l) => l(c)) };
}

const status = (): HTMLElement => screen.getAllByRole('status').find((s) => s.classList.contains('grid-status'))!;
const rowsOf = (table: HTMLElement): HTMLElement[] => within(table).getAllByRole('row').filter((r) => r.classList.contains('grid-row'));

describe('Responses grid', () => {
  it('shows one row per answer with participant attributes as columns', async () => {
    const { table } = await renderGrid();
    expect(within(table).getByRole('columnheader', { name: /plan/ })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: /Answer/ })).toBeInTheDocument();
    await waitFor(() => expect(status()).toHaveTextContent('30 answers'), WAIT);
    const first = rowsOf(table)[0]!;
    expect(first).toHaveTextContent('R01');
    expect(first).toHaveTextContent('Pro');
    // The tag chip of an already tagged answer.
    expect(first).toHaveTextContent('Export');
  });

  it('narrows rows by tag, by untagged and by attribute', async () => {
    const { user, table } = await renderGrid();
    await user.selectOptions(screen.getByLabelText('Filter by tag'), 'Export');
    await waitFor(() => expect(status()).toHaveTextContent('3 answers'), WAIT);
    await waitFor(() => expect(rowsOf(table)).toHaveLength(3), WAIT);
    await user.selectOptions(screen.getByLabelText('Filter by tag'), 'Untagged');
    await waitFor(() => expect(status()).toHaveTextContent('27 answers'), WAIT);
    await user.selectOptions(screen.getByLabelText('Filter by tag'), 'Any tags');
    await user.selectOptions(screen.getByLabelText('Filter by attribute'), 'plan: Pro');
    await waitFor(() => expect(status()).toHaveTextContent('10 answers'), WAIT);
    await waitFor(() => expect(rowsOf(table).every((r) => r.textContent?.includes('Pro'))).toBe(true), WAIT);
    await user.type(screen.getByLabelText('Filter answers by words'), 'export');
    await waitFor(() => expect(status()).toHaveTextContent('2 answers'), WAIT);
  });

  it('selects a range with Shift+click, bulk-tags it, and one undo removes every tagging', async () => {
    const { user, table, command } = await renderGrid();
    const rows = rowsOf(table);
    await user.click(within(rows[1]!).getByText(/Answer 2:/));
    await user.keyboard('{Shift>}');
    await user.click(within(rows[6]!).getByText(/Answer 7:/));
    await user.keyboard('{/Shift}');
    await waitFor(() => expect(status()).toHaveTextContent('6 selected'), WAIT);
    expect(rowsOf(table).filter((r) => r.getAttribute('aria-selected') === 'true')).toHaveLength(6);

    await user.click(screen.getByRole('button', { name: 'Tag 6…' }));
    const picker = await screen.findByRole('group', { name: 'Tag selected answers' }, WAIT);
    await user.type(within(picker).getByRole('combobox', { name: 'Tag selected answers' }), 'Praise{Enter}');
    await waitFor(async () => expect(await storedTaggingsOf('t-praise')).toBe(6), WAIT);
    await waitFor(() => expect(rowsOf(table).filter((r) => r.textContent?.includes('Praise'))).toHaveLength(6), WAIT);

    // The history entry is recorded once the write is on disk; the grid offers it as its undo button.
    await screen.findByRole('button', { name: 'Undo Tag 6 responses as Praise' }, WAIT);
    command('undo');
    await waitFor(async () => expect(await storedTaggingsOf('t-praise')).toBe(0), WAIT);
    await waitFor(() => expect(rowsOf(table).filter((r) => r.textContent?.includes('Praise'))).toHaveLength(0), WAIT);
    expect((await loadCodingState(WS_ID)).taggings.size).toBe(3);
  });

  it('keeps tag filters true as answers are tagged and the tagging is undone', async () => {
    const { user, table, command } = await renderGrid();
    await user.selectOptions(screen.getByLabelText('Filter by tag'), 'Untagged');
    await waitFor(() => expect(status()).toHaveTextContent('27 answers'), WAIT);
    await user.click(within(rowsOf(table)[0]!).getAllByRole('cell')[0]!);
    await user.keyboard('{Shift>}');
    await user.click(within(rowsOf(table)[1]!).getAllByRole('cell')[0]!);
    await user.keyboard('{/Shift}');
    await waitFor(() => expect(status()).toHaveTextContent('2 selected'), WAIT);
    await user.click(screen.getByRole('button', { name: 'Tag 2…' }));
    const picker = await screen.findByRole('group', { name: 'Tag selected answers' }, WAIT);
    await user.type(within(picker).getByRole('combobox', { name: 'Tag selected answers' }), 'Praise{Enter}');
    // Tagged answers leave the untagged list at once.
    await waitFor(() => expect(status()).toHaveTextContent('25 answers'), WAIT);
    await user.selectOptions(screen.getByLabelText('Filter by tag'), 'Praise');
    await waitFor(() => expect(status()).toHaveTextContent('2 answers'), WAIT);
    await waitFor(() => expect(rowsOf(table).filter((r) => r.textContent?.includes('Praise'))).toHaveLength(2), WAIT);
    await screen.findByRole('button', { name: 'Undo Tag 2 responses as Praise' }, WAIT);
    command('undo');
    await waitFor(() => expect(status()).toHaveTextContent('0 answers'), WAIT);
    await user.selectOptions(screen.getByLabelText('Filter by tag'), 'Untagged');
    await waitFor(() => expect(status()).toHaveTextContent('27 answers'), WAIT);
  });

  it('an answer picked before the index is ready stays picked, its tag picker open, when the index takes over', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowIndex = () => {
      const client = createInProcessSearch();
      return { ...client, open: async (...args: Parameters<typeof client.open>) => (await gate, client.open(...args)) };
    };
    const user = userEvent.setup();
    render(
      <CodingProvider workspaceId={WS_ID} platform={fakePlatform()}>
        <SearchIndexProvider workspaceId={WS_ID} createClient={slowIndex}>
          <ResponsesView workspaceId={WS_ID} />
        </SearchIndexProvider>
      </CodingProvider>,
    );
    const table = await screen.findByRole('table', { name: 'Answers to Q1' }, WAIT);
    await user.click(await within(table).findByText(/Answer 3:/, {}, WAIT));
    await waitFor(() => expect(status()).toHaveTextContent('1 selected'), WAIT);
    expect(screen.getByLabelText('Filter by tag')).toBeDisabled(); // still reading straight from storage
    await user.click(screen.getByRole('button', { name: 'Tag 1…' }));
    await screen.findByRole('group', { name: 'Tag selected answers' }, WAIT);

    release();
    await waitFor(() => expect(screen.getByLabelText('Filter by tag')).toBeEnabled(), WAIT);
    await waitFor(() => expect(rowsOf(table).filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => r.textContent)).toEqual([expect.stringContaining('Answer 3:')]), WAIT);
    expect(status()).toHaveTextContent('1 selected');
    const picker = screen.getByRole('group', { name: 'Tag selected answers' });
    await user.type(within(picker).getByRole('combobox', { name: 'Tag selected answers' }), 'Praise{Enter}');
    await waitFor(() => expect(rowsOf(table).find((r) => r.textContent?.includes('Answer 3:'))).toHaveTextContent('Praise'), WAIT);
  });

  it('the picked answer has its own comment thread in the detail pane: a comment is stored on that answer', async () => {
    const { user, table } = await renderGrid();
    await user.click(within(rowsOf(table)[1]!).getByText(/Answer 2:/));
    const detail = screen.getByRole('complementary', { name: 'Answer' });
    const thread = within(detail).getByRole('region', { name: /Comments on the answer by R02/ });
    await user.type(within(thread).getByRole('textbox', { name: /Comment on the answer by R02/ }), 'Worth a quote in the report');
    await user.click(within(thread).getByRole('button', { name: /Comment|Add/ }));
    await within(thread).findByText('Worth a quote in the report', {}, WAIT);
    const stored = await commentsOn(WS_ID, unitId('src-s', surveySeq(1, 3, 1)));
    expect(stored.map((c) => [c.targetTable, c.body])).toEqual([['units', 'Worth a quote in the report']]);
    // Another answer: its own (empty) thread.
    await user.click(within(rowsOf(table)[2]!).getByText(/Answer 3:/));
    expect(within(screen.getByRole('complementary', { name: 'Answer' })).queryByText('Worth a quote in the report')).toBeNull();
    // A comment half typed on one answer does not follow the pick to the next.
    await user.type(screen.getByRole('textbox', { name: /Comment on the answer by R03/ }), 'half typed');
    await user.click(within(rowsOf(table)[1]!).getByText(/Answer 2:/));
    expect(screen.getByRole('textbox', { name: /Comment on the answer by R02/ })).toHaveValue('');
  });

  it('selects every matching row with Ctrl+A', async () => {
    const { user, table } = await renderGrid();
    await user.selectOptions(screen.getByLabelText('Filter by attribute'), 'plan: Free');
    await waitFor(() => expect(status()).toHaveTextContent('20 answers'), WAIT);
    table.focus();
    await user.keyboard('{Control>}a{/Control}');
    await waitFor(() => expect(status()).toHaveTextContent('20 selected'), WAIT);
  });
});
