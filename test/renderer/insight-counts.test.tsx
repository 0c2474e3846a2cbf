// The insight page over the real data layer (fake-indexeddb): counts come from the evidence shown, and move
// live when evidence or coding changes.
import { render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildSampleWorkspace } from '../../src/core/sample';
import { workspaceDb } from '../../src/renderer/src/db/connections';
import { addInsightEvidence, importSnapshot } from '../../src/renderer/src/db/workspace-data';
import { InsightsView } from '../../src/renderer/src/features/insights/InsightsView';
import { resetDatabases } from '../db/reset';

const WAIT = { timeout: 15_000 };

beforeEach(async () => {
  await resetDatabases();
});

async function loadSample() {
  const snapshot = buildSampleWorkspace();
  const entry = await importSnapshot(snapshot);
  const insight = snapshot.tables.insights[0];
  if (insight === undefined) throw new Error('the sample has no insight');
  return { snapshot, workspaceId: entry.id, insight };
}

describe('insight counts', () => {
  it('shows counts that match the evidence and follow new evidence and new taggings', async () => {
    const { snapshot, workspaceId, insight } = await loadSample();
    render(<InsightsView workspaceId={workspaceId} insightId={insight.id} navigate={vi.fn()} />);
    await screen.findByRole('heading', { level: 1, name: insight.title }, WAIT);

    const quotes = within(screen.getByRole('list', { name: 'Evidence' })).getAllByRole('listitem');
    expect(quotes).toHaveLength(insight.evidence.length);
    const units = new Set(
      insight.evidence.map((e) => (e.kind === 'highlight' ? snapshot.tables.highlights.find((h) => h.id === e.refId)?.unitId : e.refId)),
    );
    expect(screen.getByTestId('count-units')).toHaveTextContent(String(units.size));
    const people = new Set([...units].map((id) => snapshot.tables.units.find((u) => u.id === id)?.participantId));
    expect(screen.getByTestId('count-participants')).toHaveTextContent(String(people.size));

    // A response nobody quoted yet, from someone else, not tagged with the insight's tag.
    const tagId = insight.tagIds[0]!;
    const tagged = new Set(snapshot.tables.taggings.filter((t) => t.tagId === tagId).map((t) => t.unitId));
    const interviewers = new Set(snapshot.tables.participants.filter((p) => p.role === 'interviewer').map((p) => p.id));
    const fresh = snapshot.tables.units.find((u) => u.participantId !== undefined && !interviewers.has(u.participantId) && !people.has(u.participantId) && !tagged.has(u.id) && u.text.length > 20)!;
    const before = Number(/(\d+) responses?/.exec(screen.getByTestId('count-tagged').textContent ?? '')?.[1]);

    await workspaceDb(workspaceId).taggings.add({ id: 'new-tagging', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', tagId, unitId: fresh.id, coder: 'me' });
    await vi.waitFor(() => expect(screen.getByTestId('count-tagged')).toHaveTextContent(`${before + 1} responses`), WAIT);

    await addInsightEvidence(workspaceId, insight.id, [{ kind: 'unit', refId: fresh.id }]);
    await vi.waitFor(() => expect(screen.getByTestId('count-units')).toHaveTextContent(String(units.size + 1)), WAIT);
    expect(screen.getByTestId('count-participants')).toHaveTextContent(String(people.size + 1));
    expect(within(screen.getByRole('list', { name: 'Evidence' })).getAllByRole('listitem')).toHaveLength(insight.evidence.length + 1);
  });

  it('filters the list by text and by tag', async () => {
    const { workspaceId, insight } = await loadSample();
    const { user } = await import('@testing-library/user-event').then((m) => ({ user: m.default.setup() }));
    render(<InsightsView workspaceId={workspaceId} navigate={vi.fn()} />);
    await screen.findByRole('heading', { name: insight.title }, WAIT);
    await user.type(screen.getByRole('searchbox', { name: 'Search insights' }), 'nothing like this');
    expect(screen.queryByRole('heading', { name: insight.title })).not.toBeInTheDocument();
    await user.clear(screen.getByRole('searchbox', { name: 'Search insights' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by tag' }), insight.tagIds[0]!);
    expect(screen.getByRole('heading', { name: insight.title })).toBeInTheDocument();
  });
});
