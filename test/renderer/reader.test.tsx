// The transcript reader over the real data layer (fake-indexeddb): selecting text and tagging it makes a
// highlight with code-point offsets, overlapping highlights both render, memos save, and Ctrl+Z / Shift+Ctrl+Z
// undo and redo the last tagging through the browser platform's shortcuts.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { emptyTables, type Unit, type WorkspaceSnapshot } from '../../src/core/model';
import { loadCodingState } from '../../src/renderer/src/db/coding';
import { importSnapshot } from '../../src/renderer/src/db/workspace-data';
import { CodingProvider } from '../../src/renderer/src/features/coding/CodingProvider';
import { TranscriptReader } from '../../src/renderer/src/features/reader/TranscriptReader';
import { createBrowserPlatform } from '../../src/renderer/src/platform/browser';
import { resetDatabases } from '../db/reset';
import { fakePlatform } from './fake-platform';

const WAIT = { timeout: 15_000 };
const T = '2026-03-01T10:00:00.000Z';
const WS = 'ws-reader';

// An emoji before the selection: 2 UTF-16 units, 1 code point — the offsets must count code points.
const UNITS: Unit[] = [
  { id: 's1:0', createdAt: T, updatedAt: T, sourceId: 's1', seq: 0, speaker: 'Zoe', startSec: 5, text: 'Honestly 👍 the export is too slow for us.' },
  { id: 's1:1', createdAt: T, updatedAt: T, sourceId: 's1', seq: 1, speaker: 'Interviewer', startSec: 12, text: 'What do you do instead?' },
  { id: 's1:2', createdAt: T, updatedAt: T, sourceId: 's1', seq: 2, speaker: 'Zoe', startSec: 20, text: 'We copy rows by hand, which is painful.' },
];

function snapshot(extra: Partial<WorkspaceSnapshot['tables']> = {}): WorkspaceSnapshot {
  return {
    meta: { id: WS, name: 'Reader study', createdAt: T, updatedAt: T },
    tables: {
      ...emptyTables(),
      sources: [{ id: 's1', createdAt: T, updatedAt: T, kind: 'transcript', title: 'Interview Zoe', vendor: 'vtt', encoding: 'utf-8' }],
      participants: [],
      questions: [],
      units: UNITS,
      tags: [
        { id: 'speed', createdAt: T, updatedAt: T, name: 'Speed', color: '#d64545', order: 0 },
        { id: 'workaround', createdAt: T, updatedAt: T, name: 'Workaround', color: '#2fa36b', order: 1 },
      ],
      highlights: [],
      taggings: [],
      clusterings: [],
      insights: [],
      reports: [],
      ...extra,
    },
  };
}

beforeEach(resetDatabases);

function renderReader(platform = fakePlatform()) {
  const user = userEvent.setup();
  const utils = render(
    <CodingProvider workspaceId={WS} platform={platform}>
      <TranscriptReader units={UNITS} kind="transcript" />
    </CodingProvider>,
  );
  return { user, ...utils };
}

/** Selects `phrase` inside one utterance the way a mouse drag would, and releases the button. */
function selectPhrase(container: HTMLElement, unitId: string, phrase: string): void {
  const p = container.querySelector(`[data-unit-id="${unitId}"]`);
  if (!(p instanceof HTMLElement)) throw new Error(`no utterance ${unitId}`);
  const text = p.firstChild;
  if (text === null) throw new Error('utterance has no text node');
  const at = (text.textContent ?? '').indexOf(phrase);
  const range = document.createRange();
  range.setStart(text, at);
  range.setEnd(text, at + phrase.length);
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  fireEvent.mouseUp(p);
}

describe('TranscriptReader', () => {
  it('tags a selected phrase: a highlight with code-point offsets, drawn as a mark', async () => {
    await importSnapshot(snapshot());
    const { user, container } = renderReader();
    await screen.findAllByText('Zoe', {}, WAIT);

    selectPhrase(container, 's1:0', 'too slow');
    const popover = await screen.findByRole('dialog', { name: 'Tag selection' }, WAIT);
    const box = within(popover).getByRole('combobox', { name: 'Tag selection' });
    await waitFor(() => expect(within(popover).getByRole('option', { name: /Speed/ })).toBeInTheDocument(), WAIT);
    await user.type(box, 'spe');
    await user.keyboard('{Enter}');

    await waitFor(async () => {
      const s = await loadCodingState(WS);
      expect([...s.highlights.values()].map((h) => [h.unitId, h.start, h.end])).toEqual([['s1:0', 25, 33]]);
    }, WAIT);
    // 'too slow' starts at UTF-16 index 26 but code point 25 (the emoji is one character).
    expect(UNITS[0]?.text.indexOf('too slow')).toBe(26);
    const mark = await waitFor(() => {
      const m = container.querySelector('mark.hl');
      expect(m).not.toBeNull();
      return m;
    }, WAIT);
    expect(mark).toHaveTextContent('too slow');
    expect(mark).toHaveAttribute('title', 'Speed');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Tag selection' })).not.toBeInTheDocument(), WAIT);
  });

  it('tags a selection across utterances part by part', async () => {
    await importSnapshot(snapshot());
    const { user, container } = renderReader();
    const first = container.querySelector('[data-unit-id="s1:0"]')?.firstChild;
    const last = container.querySelector('[data-unit-id="s1:2"]')?.firstChild;
    if (!first || !last) throw new Error('missing utterances');
    const range = document.createRange();
    range.setStart(first, (first.textContent ?? '').indexOf('for us'));
    range.setEnd(last, 'We copy rows'.length);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
    fireEvent.mouseUp(container.querySelector('[data-unit-id="s1:2"]') as HTMLElement);

    const popover = await screen.findByRole('dialog', { name: 'Tag selection' }, WAIT);
    await waitFor(() => expect(within(popover).getByRole('option', { name: /Workaround/ })).toBeInTheDocument(), WAIT);
    await user.click(within(popover).getByRole('option', { name: /Workaround/ }));
    await waitFor(async () => {
      const s = await loadCodingState(WS);
      const parts = [...s.highlights.values()].map((h) => `${h.unitId}:${h.start}-${h.end}`).sort();
      expect(parts).toEqual(['s1:0:34-41', 's1:1:0-23', 's1:2:0-12']);
      expect(s.taggings.size).toBe(3);
    }, WAIT);
  });

  it('renders overlapping highlights both, and saves a memo from the panel', async () => {
    const hl = (id: string, start: number, end: number) => ({ id, createdAt: T, updatedAt: T, unitId: 's1:2', start, end, coder: 'me' });
    await importSnapshot(
      snapshot({
        highlights: [hl('h-outer', 0, 22), hl('h-inner', 8, 12)],
        taggings: [
          { id: 'g1', createdAt: T, updatedAt: T, tagId: 'workaround', unitId: 's1:2', highlightId: 'h-outer', coder: 'me' },
          { id: 'g2', createdAt: T, updatedAt: T, tagId: 'speed', unitId: 's1:2', highlightId: 'h-inner', coder: 'me' },
        ],
      }),
    );
    const { user, container } = renderReader();
    await waitFor(() => expect(container.querySelectorAll('mark.hl').length).toBe(3), WAIT);
    const marks = [...container.querySelectorAll('mark.hl')];
    expect(marks.map((m) => m.textContent)).toEqual(['We copy ', 'rows', ' by hand, ']);
    // The middle segment carries both highlights (outer first) and both tag names.
    expect(marks[1]).toHaveAttribute('data-highlight-ids', 'h-outer h-inner');
    expect(marks[1]).toHaveAttribute('title', 'Workaround · Speed');

    // Clicking the overlap opens the innermost highlight.
    await user.click(marks[1] as HTMLElement);
    const panel = await screen.findByRole('complementary', { name: 'Highlight' }, WAIT);
    expect(within(panel).getByText('rows')).toBeInTheDocument();
    expect(within(panel).getByRole('list', { name: 'Tags on this highlight' })).toHaveTextContent('Speed');
    await user.type(within(panel).getByLabelText('Memo'), 'Manual copying: a workaround for speed.');
    await user.click(within(panel).getByRole('button', { name: 'Save memo' }));
    await waitFor(async () => expect((await loadCodingState(WS)).highlights.get('h-inner')?.memo).toBe('Manual copying: a workaround for speed.'), WAIT);

    // J/K step through highlights in reading order.
    await user.click(within(panel).getByRole('button', { name: 'Close highlight' }));
    await user.keyboard('j');
    await waitFor(() => expect(screen.getByRole('toolbar', { name: 'Reader' })).toHaveTextContent('1 of 2'), WAIT);
    await user.keyboard('j');
    await waitFor(() => expect(screen.getByRole('toolbar', { name: 'Reader' })).toHaveTextContent('2 of 2'), WAIT);

    // Filter to one tag: only utterances carrying it stay.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Show passages tagged' }), 'Speed');
    await waitFor(() => expect(screen.getByRole('list', { name: 'Utterances' }).querySelectorAll('li.utterance').length).toBe(1), WAIT);
  });

  it('Ctrl+Z undoes the last tagging and Shift+Ctrl+Z redoes it', async () => {
    await importSnapshot(snapshot());
    const platform = fakePlatform({ onCommand: (listener) => createBrowserPlatform(window).onCommand(listener) });
    const { user, container } = renderReader(platform);
    selectPhrase(container, 's1:2', 'painful');
    const popover = await screen.findByRole('dialog', { name: 'Tag selection' }, WAIT);
    await waitFor(() => expect(within(popover).getByRole('option', { name: /Speed/ })).toBeInTheDocument(), WAIT);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(container.querySelector('mark.hl')).toHaveTextContent('painful'), WAIT);

    // Focus back on the page (not a text field): the workspace history handles the shortcut.
    act(() => (document.activeElement as HTMLElement | null)?.blur());
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(container.querySelector('mark.hl')).toBeNull(), WAIT);
    await waitFor(async () => expect((await loadCodingState(WS)).taggings.size).toBe(0), WAIT);
    expect(await screen.findByText(/Undone: Tag “painful” as Speed/, {}, WAIT)).toBeInTheDocument();

    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(() => expect(container.querySelector('mark.hl')).toHaveTextContent('painful'), WAIT);
    await waitFor(async () => expect((await loadCodingState(WS)).taggings.size).toBe(1), WAIT);
  });
});
