// The Themes section over the real data layer (fake-indexeddb) and the in-process cluster service: a run on
// three obvious topics, cancel, moving cards (keyboard), promoting a theme to a tag (and undo) or an insight
// draft, and comparing two runs. Generous timeouts: CI runs on 2 slow cores.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClusterResult } from '../../src/core/cluster';
import { loadCodingState } from '../../src/renderer/src/db/coding';
import { workspaceDb } from '../../src/renderer/src/db/connections';
import { getExtraStopWords, saveClusterRun } from '../../src/renderer/src/db/clusterings';
import { importSnapshot, listClusterings, listInsights } from '../../src/renderer/src/db/workspace-data';
import { setReadingMode } from '../../src/renderer/src/db/workspaces';
import { CodingProvider } from '../../src/renderer/src/features/coding/CodingProvider';
import { ClusterServiceProvider } from '../../src/renderer/src/features/themes/ClusterService';
import { ThemesView } from '../../src/renderer/src/features/themes/ThemesView';
import { createInProcessCluster } from '../../src/renderer/src/workers/cluster-client';
import type { ClusterRunOutcome, ClusterWorkerApi } from '../../src/renderer/src/workers/cluster-protocol';
import { resetDatabases } from '../db/reset';
import { threeTopicsSnapshot, TOPIC_OF, WS_ID } from '../fixtures/themes/three-topics';
import { createBrowserPlatform } from '../../src/renderer/src/platform/browser';
import { fakePlatform } from './fake-platform';

/** Taggings of a tag as stored (bulk taggings live in blocks: read them through the repository). */
async function storedTaggingsOf(tagId: string) {
  return [...(await loadCodingState(WS_ID)).taggings.values()].filter((t) => t.tagId === tagId);
}

const WAIT = { timeout: 15_000 };

beforeEach(async () => {
  await resetDatabases();
  await importSnapshot(threeTopicsSnapshot());
});

function renderThemes(service: ClusterWorkerApi = createInProcessCluster(), platform = fakePlatform()) {
  const user = userEvent.setup();
  render(
    <CodingProvider workspaceId={WS_ID} platform={platform}>
      <ClusterServiceProvider service={service}>
        <ThemesView workspaceId={WS_ID} />
      </ClusterServiceProvider>
    </CodingProvider>,
  );
  return { user };
}

async function runClustering(user: ReturnType<typeof userEvent.setup>): Promise<HTMLElement[]> {
  const [start] = await screen.findAllByRole('button', { name: 'Find themes…' }, WAIT);
  await user.click(start!);
  const dialog = await screen.findByRole('dialog', { name: 'Find themes' }, WAIT);
  await waitFor(() => expect(within(dialog).getByRole('combobox', { name: 'Question' })).toHaveDisplayValue(/Why did you give that score/), WAIT);
  await user.click(within(dialog).getByRole('button', { name: 'Find themes' }));
  await waitFor(() => expect(screen.getAllByRole('region', { name: /^Theme: / })).toHaveLength(3), WAIT);
  return screen.getAllByRole('region', { name: /^Theme: / });
}

/** Unit ids of the cards a column shows. */
async function cardsOf(column: HTMLElement): Promise<HTMLElement[]> {
  return within(column).findAllByRole('option', {}, WAIT);
}

describe('Themes', () => {
  it('clusters the answers to a question in-process: three labelled columns with representative quotes', async () => {
    const { user } = renderThemes();
    expect(await screen.findByRole('heading', { name: 'No themes yet' }, WAIT)).toBeInTheDocument();
    const columns = await runClustering(user);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Find themes' })).not.toBeInTheDocument(), WAIT);
    const labels = columns.map((c) => within(c).getByRole('heading', { level: 2 }).textContent ?? '');
    expect(labels.every((l) => l.length > 0)).toBe(true);
    expect(labels.join(' ')).toMatch(/price|expensive/i);
    expect(labels.join(' ')).toMatch(/slow|load/i);
    expect(labels.join(' ')).toMatch(/support|helpful/i);
    for (const column of columns) expect(within(column).getAllByText('Representative')).toHaveLength(3);
    const [firstCard] = await cardsOf(columns[0]!);
    await waitFor(() => expect(firstCard).toHaveTextContent(/\w+ \w+ \w+/), WAIT);
    expect(screen.getByRole('list', { name: 'Runs' })).toHaveTextContent('3 themes');
    const [run] = await listClusterings(WS_ID);
    expect(run?.params).toMatchObject({ scope: 'question', k: 'auto', seed: 1, bigrams: true, items: 36 });

    await user.click(screen.getByRole('button', { name: 'Rename run' }));
    const name = screen.getByRole('textbox', { name: 'Run name' });
    await user.clear(name);
    await user.type(name, 'Why people score us{Enter}');
    await waitFor(async () => expect((await listClusterings(WS_ID))[0]?.name).toBe('Why people score us'), WAIT);
    expect(await screen.findByRole('heading', { name: 'Why people score us' }, WAIT)).toBeInTheDocument();
  });

  it('clusters responses filtered by an attribute, with an exact k and extra stop words saved for the workspace', async () => {
    const { user } = renderThemes();
    const [start] = await screen.findAllByRole('button', { name: 'Find themes…' }, WAIT);
    await user.click(start!);
    const dialog = await screen.findByRole('dialog', { name: 'Find themes' }, WAIT);
    await user.click(within(dialog).getByRole('radio', { name: 'Responses with an attribute' }));
    const attribute = await within(dialog).findByRole('combobox', { name: 'Attribute' }, WAIT);
    expect(attribute).toHaveDisplayValue('plan');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Value' }), 'Team');
    await user.click(within(dialog).getByRole('radio', { name: 'Exactly' }));
    const k = within(dialog).getByRole('spinbutton', { name: 'Themes' });
    await user.clear(k);
    await user.type(k, '3');
    await user.type(within(dialog).getByRole('textbox', { name: /Extra words to ignore/ }), 'team, really');
    await user.click(within(dialog).getByRole('button', { name: 'Find themes' }));
    await waitFor(async () => expect(await listClusterings(WS_ID)).toHaveLength(1), WAIT);
    const [run] = await listClusterings(WS_ID);
    expect(run?.params).toMatchObject({ scope: 'filtered', filterKey: 'plan', filterValue: 'Team', k: 3, items: 18, extraStopWords: 'team,really' });
    expect(run?.clusters.flatMap((c) => c.unitIds)).toHaveLength(18);
    expect(await getExtraStopWords(WS_ID)).toEqual(['team', 'really']);
  });

  it('cancel stops the run and stores nothing', async () => {
    let cancelled: () => void = () => undefined;
    const never: ClusterWorkerApi = {
      run: (_job, _request, onProgress) =>
        new Promise<ClusterRunOutcome>((resolve) => {
          onProgress({ stage: 'svd', fraction: 0.5, overall: 0.3, items: 36 });
          cancelled = () => resolve({ status: 'cancelled' });
        }),
      cancel: async () => cancelled(),
    };
    const { user } = renderThemes(never);
    const [start] = await screen.findAllByRole('button', { name: 'Find themes…' }, WAIT);
    await user.click(start!);
    const dialog = await screen.findByRole('dialog', { name: 'Find themes' }, WAIT);
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Find themes' })).toBeEnabled(), WAIT);
    await user.click(within(dialog).getByRole('button', { name: 'Find themes' }));
    const bar = await within(dialog).findByRole('progressbar', { name: 'Clustering progress' }, WAIT);
    expect(bar).toHaveAttribute('aria-valuenow', '30');
    expect(dialog).toHaveTextContent('Finding topics');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(within(dialog).queryByRole('progressbar')).not.toBeInTheDocument(), WAIT);
    expect(await listClusterings(WS_ID)).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.getByRole('heading', { name: 'No themes yet' })).toBeInTheDocument();
  });

  it('in reading mode the board is browsed, not changed: cards cannot be dragged or moved', async () => {
    const { user } = renderThemes();
    const columns = await runClustering(user);
    const cards = await cardsOf(columns[0]!);
    expect(cards[0]).toHaveAttribute('draggable', 'true');
    await setReadingMode(WS_ID, true);
    expect(await screen.findByText('Reading mode: browse the themes; they cannot be changed.', {}, WAIT)).toBeInTheDocument();
    await waitFor(() => expect(cards[0]).toHaveAttribute('draggable', 'false'), WAIT);
    for (const card of await cardsOf(columns[1]!)) expect(card).toHaveAttribute('draggable', 'false');
    cards[0]!.focus();
    await user.keyboard('m');
    expect(screen.queryByRole('dialog', { name: /^Move 1 card/ })).toBeNull();
  });

  it('moves cards with the keyboard (M, Shift+→) and stores the move', async () => {
    const { user } = renderThemes();
    const columns = await runClustering(user);
    const before = (await listClusterings(WS_ID))[0]!;
    const [first] = await cardsOf(columns[0]!);
    first!.focus();
    await user.keyboard('m');
    const move = await screen.findByRole('dialog', { name: 'Move 1 card to…' }, WAIT);
    const target = before.clusters[2]!;
    await user.click(within(move).getByRole('button', { name: new RegExp(`^${escape(target.label)}`) }));
    await waitFor(async () => expect((await listClusterings(WS_ID))[0]!.clusters[2]!.unitIds).toHaveLength(target.unitIds.length + 1), WAIT);
    const movedId = (await listClusterings(WS_ID))[0]!.clusters[2]!.unitIds.at(-1)!;
    expect(before.clusters[0]!.unitIds).toContain(movedId);
    expect(await screen.findByText(`Moved 1 card to ${target.label}.`, {}, WAIT)).toBeInTheDocument();

    // Shift+→ moves the focused card one column to the right.
    const [second] = await cardsOf(screen.getAllByRole('region', { name: /^Theme: / })[1]!);
    second!.focus();
    await user.keyboard('{Shift>}{ArrowRight}{/Shift}');
    await waitFor(async () => expect((await listClusterings(WS_ID))[0]!.clusters[2]!.unitIds).toHaveLength(target.unitIds.length + 2), WAIT);
  });

  it('Ctrl+Z on the board takes back its last edit (as its Undo button does)', async () => {
    const platform = fakePlatform({ onCommand: (listener) => createBrowserPlatform(window).onCommand(listener) });
    const { user } = renderThemes(createInProcessCluster(), platform);
    const columns = await runClustering(user);
    const before = (await listClusterings(WS_ID))[0]!;
    const [first] = await cardsOf(columns[0]!);
    first!.focus();
    await user.keyboard('{Shift>}{ArrowRight}{/Shift}');
    await waitFor(async () => expect((await listClusterings(WS_ID))[0]!.clusters[1]!.unitIds).toHaveLength(before.clusters[1]!.unitIds.length + 1), WAIT);
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(async () => expect((await listClusterings(WS_ID))[0]!.clusters.map((c) => c.unitIds.length)).toEqual(before.clusters.map((c) => c.unitIds.length)), WAIT);
    expect(screen.getByRole('toolbar', { name: 'Board' })).toHaveTextContent('Undone.');
  });

  it('splits selected cards into a new named theme, merges and deletes themes; every edit is stored', async () => {
    const { user } = renderThemes();
    const columns = await runClustering(user);
    const before = (await listClusterings(WS_ID))[0]!;
    const cards = await cardsOf(columns[0]!);
    await user.click(cards[0]!);
    await user.click(cards[1]!);
    expect(cards[0]).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('toolbar', { name: 'Board' })).toHaveTextContent('2 cards selected');
    // Shift+click selects a range; clicking a selected card again deselects it.
    await user.keyboard('{Shift>}');
    await user.click(cards[4]!);
    await user.keyboard('{/Shift}');
    expect(screen.getByRole('toolbar', { name: 'Board' })).toHaveTextContent('5 cards selected');
    for (const i of [2, 3, 4]) await user.click(cards[i]!);
    expect(screen.getByRole('toolbar', { name: 'Board' })).toHaveTextContent('2 cards selected');
    await user.click(screen.getByRole('button', { name: 'Split into new theme' }));
    const name = await screen.findByRole('textbox', { name: 'Theme name' }, WAIT);
    await user.clear(name);
    await user.type(name, 'Seat pricing{Enter}');
    await waitFor(async () => expect((await listClusterings(WS_ID))[0]!.clusters.map((c) => c.label)).toContain('Seat pricing'), WAIT);
    let stored = (await listClusterings(WS_ID))[0]!;
    const split = stored.clusters.find((c) => c.label === 'Seat pricing')!;
    expect(split.unitIds).toHaveLength(2);
    expect(stored.clusters[0]!.unitIds).toHaveLength(before.clusters[0]!.unitIds.length - 2);

    // Merge the new theme back into the first one.
    await user.click(screen.getByRole('button', { name: 'Actions for Seat pricing' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Merge into…' }, WAIT));
    const merge = await screen.findByRole('dialog', { name: 'Merge “Seat pricing” into…' }, WAIT);
    await user.selectOptions(within(merge).getByRole('combobox', { name: 'Theme to keep' }), before.clusters[0]!.id);
    await user.click(within(merge).getByRole('button', { name: 'Merge' }));
    await waitFor(async () => expect((await listClusterings(WS_ID))[0]!.clusters.map((c) => c.label)).not.toContain('Seat pricing'), WAIT);
    stored = (await listClusterings(WS_ID))[0]!;
    expect([...stored.clusters[0]!.unitIds].sort()).toEqual([...before.clusters[0]!.unitIds].sort());

    // Delete a theme: after confirmation its cards go to Unclustered.
    const victim = stored.clusters[1]!;
    await user.click(screen.getByRole('button', { name: `Actions for ${victim.label}` }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete theme' }, WAIT));
    const confirm = await screen.findByRole('alertdialog', { name: `Delete “${victim.label}”?` }, WAIT);
    await user.click(within(confirm).getByRole('button', { name: 'Delete theme' }));
    await waitFor(async () => expect((await listClusterings(WS_ID))[0]!.clusters).toHaveLength(3), WAIT);
    stored = (await listClusterings(WS_ID))[0]!;
    expect(stored.clusters.at(-1)!.unitIds).toEqual(expect.arrayContaining(victim.unitIds));
    expect(screen.getAllByRole('region', { name: /^Theme: / })).toHaveLength(2);

    // The notice's Undo takes the last board edit back.
    expect(screen.getByText(`Deleted “${victim.label}”; its cards are in Unclustered.`)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect((await listClusterings(WS_ID))[0]!.clusters).toHaveLength(4), WAIT);
    expect((await listClusterings(WS_ID))[0]!.clusters[1]).toMatchObject({ id: victim.id, unitIds: victim.unitIds });
  });

  it('promotes a theme to a tag in one undoable step, and to an insight draft', async () => {
    const { user } = renderThemes();
    const columns = await runClustering(user);
    const run = (await listClusterings(WS_ID))[0]!;
    const theme = run.clusters[0]!;
    await user.click(within(columns[0]!).getByRole('button', { name: `Actions for ${theme.label}` }));
    await user.click(await screen.findByRole('menuitem', { name: 'Promote to tag' }, WAIT));
    expect(await screen.findByText(`Tagged ${theme.unitIds.length} responses as “${theme.label}”.`, { exact: false }, WAIT)).toBeInTheDocument();
    const db = workspaceDb(WS_ID);
    const tag = (await db.tags.toArray()).find((t) => t.name === theme.label);
    expect(tag).toBeDefined();
    expect((await storedTaggingsOf(tag!.id)).map((t) => t.unitId).sort()).toEqual([...theme.unitIds].sort());

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(async () => expect(await storedTaggingsOf(tag!.id)).toHaveLength(0), WAIT);
    expect(await db.tags.get(tag!.id)).toBeUndefined();

    await user.click(within(columns[0]!).getByRole('button', { name: `Actions for ${theme.label}` }));
    await user.click(await screen.findByRole('menuitem', { name: 'Promote to insight draft' }, WAIT));
    await waitFor(async () => expect(await listInsights(WS_ID)).toHaveLength(1), WAIT);
    const [insight] = await listInsights(WS_ID);
    expect(insight?.title).toBe(theme.label);
    expect(insight?.evidence).toHaveLength(3);
    for (const e of insight!.evidence) expect(e).toMatchObject({ kind: 'cluster-member', clusteringId: run.id });
  });

  it('renders only a window of cards for a theme of thousands (virtualized)', async () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `s-survey:${i}`);
    await saveClusterRun(WS_ID, {
      name: 'Big run',
      result: { clusters: [{ id: 'cluster-1', label: 'Everything', keywords: [], unitIds: ids, representativeIds: ids.slice(0, 3), size: ids.length }], unclustered: [], params: {}, stats: { k: 1, ms: 1, vocabulary: 1, dims: 1 } },
      scopeParams: {},
    });
    // jsdom lays nothing out: give every card a height so the virtualizer has something to measure.
    const offsetHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight');
    Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 90 });
    try {
      renderThemes();
      const column = await screen.findByRole('region', { name: 'Theme: Everything' }, WAIT);
      const cards = await cardsOf(column);
      expect(cards.length).toBeGreaterThan(3);
      expect(cards.length).toBeLessThan(60);
      expect(cards[0]).toHaveAttribute('aria-setsize', '5000');
      expect(within(column).getByLabelText('5,000 cards')).toBeInTheDocument();
    } finally {
      if (offsetHeight !== undefined) Object.defineProperty(HTMLElement.prototype, 'offsetHeight', offsetHeight);
    }
  });

  it('compares two runs: each theme of A with its best match in B', async () => {
    const ids = [...TOPIC_OF.keys()];
    const byTopic = (topic: string): string[] => ids.filter((id) => TOPIC_OF.get(id) === topic);
    const result = (order: string[]): ClusterResult => ({
      clusters: order.map((topic, i) => ({ id: `cluster-${i + 1}`, label: `${topic} theme`, keywords: [topic], unitIds: byTopic(topic), representativeIds: byTopic(topic).slice(0, 3), size: 12 })),
      unclustered: [],
      params: { seed: 1 },
      stats: { k: 3, ms: 1, vocabulary: 10, dims: 2 },
    });
    await saveClusterRun(WS_ID, { name: 'Run A', result: result(['price', 'speed', 'support']), scopeParams: {} });
    await saveClusterRun(WS_ID, { name: 'Run B', result: result(['support', 'price', 'speed']), scopeParams: {} });
    const { user } = renderThemes();
    await user.click(await screen.findByRole('button', { name: 'Compare runs' }, WAIT));
    const dialog = await screen.findByRole('dialog', { name: 'Compare runs' }, WAIT);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Run A' }), within(dialog).getAllByRole('option', { name: /^Run A/ })[0]!);
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Run B' }), within(dialog).getAllByRole('option', { name: /^Run B/ })[1]!);
    const table = within(dialog).getByRole('table', { name: 'Best matches' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['price theme', 'price theme', '12', '100%'],
      ['speed theme', 'speed theme', '12', '100%'],
      ['support theme', 'support theme', '12', '100%'],
    ]);
    expect(within(dialog).getByRole('table', { name: 'Overlap matrix' })).toBeInTheDocument();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
