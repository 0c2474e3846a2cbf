// A new query in the Responses grid (a filter change, the unit index taking over from storage): the rows on
// screen stay until the new result's rows in view are there, then the grid switches to them in one go; an empty
// result says so at once; and while the old rows are shown, clicks, keys and the bulk buttons do nothing to them.
// The unit index runs in-process, with its queries and row reads held back at will to see the moment between.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodingProvider } from '../../src/renderer/src/features/coding/CodingProvider';
import { ResponsesView } from '../../src/renderer/src/features/responses/ResponsesView';
import { SearchIndexProvider } from '../../src/renderer/src/features/search/SearchIndexProvider';
import { importSnapshot } from '../../src/renderer/src/db/workspace-data';
import { loadCodingState } from '../../src/renderer/src/db/coding';
import { createInProcessSearch } from '../../src/renderer/src/workers/search-client';
import { surveySeq, unitId } from '../../src/core/unit-id';
import { resetDatabases } from '../db/reset';
import { fakePlatform } from './fake-platform';
import { responsesSnapshot, WS_ID } from './responses-fixture';

const WAIT = { timeout: 15_000 };

/** Holds calls back while held; release() lets the waiting ones (and later ones) through. */
function gate() {
  let held: Promise<void> | null = null;
  let open = (): void => undefined;
  return {
    hold(): void {
      held = new Promise((resolve) => (open = resolve));
    },
    release(): void {
      open();
      held = null;
    },
    wait: (): Promise<void> => held ?? Promise.resolve(),
  };
}

let queries = gate();
let pages = gate();
let opening = gate();
beforeEach(async () => {
  queries = gate();
  pages = gate();
  opening = gate();
  await resetDatabases();
  await importSnapshot(responsesSnapshot());
});
afterEach(() => {
  queries.release();
  pages.release();
  opening.release();
});

function heldSearch() {
  const client = createInProcessSearch();
  return {
    ...client,
    open: async (...args: Parameters<typeof client.open>) => (await opening.wait(), client.open(...args)),
    gridQuery: async (...args: Parameters<typeof client.gridQuery>) => (await queries.wait(), client.gridQuery(...args)),
    gridRows: async (...args: Parameters<typeof client.gridRows>) => (await pages.wait(), client.gridRows(...args)),
  };
}

const status = (): HTMLElement => screen.getAllByRole('status').find((s) => s.classList.contains('grid-status'))!;
const rowsOf = (table: HTMLElement): HTMLElement[] => within(table).getAllByRole('row').filter((r) => r.classList.contains('grid-row'));
const answers = (table: HTMLElement): string[] => rowsOf(table).map((r) => r.querySelector('.col-answer')?.textContent ?? '');

/** Every state of the grid's rows the DOM went through (as answer texts), from now on. */
function recordRows(table: HTMLElement): string[][] {
  const seen: string[][] = [answers(table)];
  const observer = new MutationObserver(() => seen.push(answers(table)));
  observer.observe(table, { childList: true, subtree: true, characterData: true });
  afterEachStop.push(() => observer.disconnect());
  return seen;
}
const afterEachStop: (() => void)[] = [];
afterEach(() => afterEachStop.splice(0).forEach((stop) => stop()));

async function renderGrid(opts: { waitForIndex?: boolean } = {}) {
  const user = userEvent.setup();
  render(
    <CodingProvider workspaceId={WS_ID} platform={fakePlatform()}>
      <SearchIndexProvider workspaceId={WS_ID} createClient={heldSearch}>
        <ResponsesView workspaceId={WS_ID} />
      </SearchIndexProvider>
    </CodingProvider>,
  );
  const table = await screen.findByRole('table', { name: 'Answers to Q1' }, WAIT);
  await within(table).findByText('Answer 1: the export to Excel is great', {}, WAIT);
  if (opts.waitForIndex !== false) await waitFor(() => expect(screen.getByLabelText('Filter by tag')).toBeEnabled(), WAIT);
  return { user, table };
}

/** Lets pending promises and timers (the 120 ms words debounce) run. */
const settle = (ms = 200): Promise<void> => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms)));

const OLD_FIRST = 'Answer 1: the export to Excel is great';
const OLD_SECOND = 'Answer 2: search works well';

describe('Responses grid: a new query', () => {
  it('keeps the shown rows until the new rows are read, then switches to them without an empty grid between', async () => {
    const { user, table } = await renderGrid();
    await waitFor(() => expect(status()).toHaveTextContent('30 answers'), WAIT);
    const seen = recordRows(table);

    queries.hold();
    pages.hold();
    await user.selectOptions(screen.getByLabelText('Filter by tag'), 'Export');
    await settle();
    // The query is running: the previous rows are still there, and the status says the list is updating.
    expect(answers(table)).toContain(OLD_SECOND);
    expect(status()).toHaveTextContent('30 answers');
    expect(status()).toHaveTextContent('Updating…');
    expect(table).toHaveAttribute('aria-busy', 'true');

    // Its count is known but not its rows yet: still the previous rows, not a column of empty placeholders.
    queries.release();
    await settle();
    expect(answers(table)).toContain(OLD_SECOND);
    expect(status()).toHaveTextContent('30 answers');

    pages.release();
    await waitFor(() => expect(answers(table)).toEqual(['Answer 1: the export to Excel is great', 'Answer 6: the export to Excel is great', 'Answer 11: the export to Excel is great']), WAIT);
    expect(status()).toHaveTextContent('3 answers');
    expect(status()).not.toHaveTextContent('Updating');
    expect(table).toHaveAttribute('aria-busy', 'false');

    // Every state the grid went through was the old rows in full or the new rows in full.
    expect(seen.length).toBeGreaterThan(1);
    for (const state of seen) {
      expect(state.length).toBeGreaterThan(0);
      expect(state).not.toContain('');
    }
    expect(seen.findIndex((s) => s.length === 3)).toBe(seen.findIndex((s) => !s.includes(OLD_SECOND)));
  });

  it('shows the empty state as soon as the new result is known to be empty', async () => {
    const { user, table } = await renderGrid();
    queries.hold();
    pages.hold();
    await user.type(screen.getByLabelText('Filter answers by words'), 'zeppelin');
    await settle();
    expect(answers(table)).toContain(OLD_FIRST);
    expect(screen.queryByText('No answers match these filters.')).not.toBeInTheDocument();

    // No rows to read: the empty result shows although row reads are still held back.
    queries.release();
    await waitFor(() => expect(within(table).getByText('No answers match these filters.')).toBeInTheDocument(), WAIT);
    expect(rowsOf(table)).toHaveLength(0);
    expect(status()).toHaveTextContent('0 answers');
    expect(status()).not.toHaveTextContent('Updating');

    // And rows again once the words match some.
    pages.release();
    await user.clear(screen.getByLabelText('Filter answers by words'));
    await waitFor(() => expect(answers(table)).toContain(OLD_FIRST), WAIT);
    expect(screen.queryByText('No answers match these filters.')).not.toBeInTheDocument();
  });

  it('ignores clicks, Shift+click ranges, keys and bulk tagging on the old rows; the new rows are selected and tagged by what they show', async () => {
    const { user, table } = await renderGrid();
    await user.click(within(rowsOf(table)[1]!).getByText(/Answer 2:/));
    await user.keyboard('{Shift>}');
    await user.click(within(rowsOf(table)[2]!).getByText(/Answer 3:/));
    await user.keyboard('{/Shift}');
    await waitFor(() => expect(status()).toHaveTextContent('2 selected'), WAIT);

    queries.hold();
    await user.selectOptions(screen.getByLabelText('Filter by tag'), 'Export');
    await settle();
    expect(answers(table)).toContain(OLD_SECOND);
    // The selection made in the old rows stays as it was, but nothing can be started from it.
    expect(screen.getByRole('button', { name: 'Tag 2…' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Remove tag…' })).toBeDisabled();
    // Positions 4–6 of the old list would be rows of a different list under the new filter: nothing happens.
    await user.click(within(rowsOf(table)[4]!).getByText(/Answer 5:/));
    await user.keyboard('{Shift>}');
    await user.click(within(rowsOf(table)[6]!).getByText(/Answer 7:/));
    await user.keyboard('{/Shift}');
    table.focus();
    await user.keyboard('{ArrowDown}{Shift>}{ArrowDown}{/Shift}{Control>}a{/Control}');
    expect(status()).toHaveTextContent('2 selected');
    expect(rowsOf(table).filter((r) => r.getAttribute('aria-selected') === 'true').map((r) => r.querySelector('.col-answer')?.textContent)).toEqual([OLD_SECOND, 'Answer 3: search works well']);

    queries.release();
    await waitFor(() => expect(status()).toHaveTextContent('3 answers'), WAIT);
    // The new result starts with no selection.
    expect(status()).not.toHaveTextContent('selected');
    expect(rowsOf(table).filter((r) => r.getAttribute('aria-selected') === 'true')).toHaveLength(0);

    // The same gestures now apply to the rows shown.
    await user.click(within(rowsOf(table)[1]!).getByText(/Answer 6:/));
    await user.keyboard('{Shift>}');
    await user.click(within(rowsOf(table)[2]!).getByText(/Answer 11:/));
    await user.keyboard('{/Shift}');
    await waitFor(() => expect(status()).toHaveTextContent('2 selected'), WAIT);
    await user.click(screen.getByRole('button', { name: 'Tag 2…' }));
    const picker = await screen.findByRole('group', { name: 'Tag selected answers' }, WAIT);
    await user.type(within(picker).getByRole('combobox', { name: 'Tag selected answers' }), 'Praise{Enter}');
    await waitFor(() => expect(rowsOf(table).filter((r) => r.textContent?.includes('Praise')).map((r) => r.querySelector('.col-answer')?.textContent)).toEqual(['Answer 6: the export to Excel is great', 'Answer 11: the export to Excel is great']), WAIT);
    // Respondents 5 and 10's answers to Q1 (its first open question), as stored.
    const praised = async (): Promise<string[]> => [...(await loadCodingState(WS_ID)).taggings.values()].filter((t) => t.tagId === 't-praise').map((t) => t.unitId).sort();
    await waitFor(async () => expect(await praised()).toEqual([unitId('src-s', surveySeq(5, 3, 1)), unitId('src-s', surveySeq(10, 3, 1))].sort()), WAIT);
  });

  it('a filter changed and changed back before its result came is queried again: the rows stay updating until then', async () => {
    const { user, table } = await renderGrid();
    await user.click(within(rowsOf(table)[1]!).getByText(/Answer 2:/));
    queries.hold();
    await user.selectOptions(screen.getByLabelText('Filter by tag'), 'Export');
    await user.selectOptions(screen.getByLabelText('Filter by tag'), 'Any tags');
    await settle();
    // The worker keeps only its latest query (the Export one): the rows shown cannot be read or selected.
    expect(status()).toHaveTextContent('Updating…');
    expect(screen.getByRole('button', { name: 'Tag 1…' })).toBeDisabled();
    queries.release();
    await waitFor(() => expect(status()).not.toHaveTextContent('Updating'), WAIT);
    expect(status()).toHaveTextContent('30 answers');
    await user.click(within(rowsOf(table)[2]!).getByText(/Answer 3:/));
    await user.click(screen.getByRole('button', { name: 'Tag 1…' }));
    // The selection is read from the worker's current result: no "list changed" error.
    await screen.findByRole('group', { name: 'Tag selected answers' }, WAIT);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('the unit index taking over from storage swaps the rows without an empty grid', async () => {
    opening.hold();
    const { table } = await renderGrid({ waitForIndex: false });
    expect(screen.getByLabelText('Filter by tag')).toBeDisabled();
    const seen = recordRows(table);
    pages.hold();
    opening.release();
    await settle();
    // The index is ready and its first page is being read: the rows from storage stay.
    expect(answers(table)).toContain(OLD_FIRST);
    pages.release();
    await waitFor(() => expect(screen.getByLabelText('Filter by tag')).toBeEnabled(), WAIT);
    await waitFor(() => expect(status()).not.toHaveTextContent('Updating'), WAIT);
    expect(answers(table)).toContain(OLD_FIRST);
    for (const state of seen) {
      expect(state.length).toBeGreaterThan(0);
      expect(state).not.toContain('');
    }
  });
  it('while the unit index takes over, the rows read from storage stay usable: a row picked and a tag picker opened then tag what was picked', async () => {
    opening.hold();
    const { user, table } = await renderGrid({ waitForIndex: false });
    // The index is ready, its first query's rows are being read: the storage rows are shown, updating.
    pages.hold();
    opening.release();
    await waitFor(() => expect(status()).toHaveTextContent('Updating'), WAIT);
    await user.click(within(rowsOf(table)[1]!).getByText(OLD_SECOND));
    await waitFor(() => expect(status()).toHaveTextContent('1 selected'), WAIT);
    const tag = screen.getByRole('button', { name: 'Tag 1…' });
    expect(tag).toBeEnabled();
    await user.click(tag);
    const picker = await screen.findByRole('group', { name: 'Tag selected answers' }, WAIT);
    // The index's rows replace the storage rows: the same list, the pick and the open picker stay.
    pages.release();
    await waitFor(() => expect(status()).not.toHaveTextContent('Updating'), WAIT);
    expect(status()).toHaveTextContent('1 selected');
    await user.type(within(picker).getByRole('combobox', { name: 'Tag selected answers' }), 'Praise{Enter}');
    const praised = async (): Promise<string[]> => [...(await loadCodingState(WS_ID)).taggings.values()].filter((t) => t.tagId === 't-praise').map((t) => t.unitId);
    // Respondent 1's answer to Q1, as stored.
    await waitFor(async () => expect(await praised()).toEqual([unitId('src-s', surveySeq(1, 3, 1))]), WAIT);
  });
});
