// The report builder over the real data layer: a template fills the sections, the preview is the exported
// HTML, an exported memo with <script> comes out escaped, and the anonymization preview lists redactions.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildSampleWorkspace } from '../../src/core/sample';
import { workspaceDb } from '../../src/renderer/src/db/connections';
import { importSnapshot } from '../../src/renderer/src/db/workspace-data';
import { ReportsView } from '../../src/renderer/src/features/reports/ReportsView';
import { resetDatabases } from '../db/reset';
import { fakePlatform } from './fake-platform';

const WAIT = { timeout: 20_000 };

beforeEach(async () => {
  await resetDatabases();
});

async function openSampleReport() {
  const snapshot = buildSampleWorkspace();
  const report = snapshot.tables.reports[0]!;
  // A memo and a quote that must never become markup, and contact details to redact.
  const quoted = report.sections.find((s) => s.kind === 'quotes')!.refIds[0]!;
  const highlight = snapshot.tables.highlights.find((h) => h.id === quoted)!;
  highlight.memo = 'Check this <script>alert(1)</script> before the readout';
  const entry = await importSnapshot(snapshot);
  const platform = fakePlatform();
  const user = userEvent.setup();
  const navigate = vi.fn();
  const view = render(<ReportsView workspaceId={entry.id} reportId={report.id} navigate={navigate} platform={platform} />);
  await screen.findByRole('heading', { level: 1, name: 'Edit report' }, WAIT);
  return { snapshot, report, platform, user, workspaceId: entry.id, view, highlight };
}

function previewHtml(): string {
  return screen.getByTitle('Report preview').getAttribute('srcdoc') ?? '';
}

describe('report builder', () => {
  it('applies a template: its sections appear in the builder and the preview', async () => {
    const { user, workspaceId, report } = await openSampleReport();
    await user.selectOptions(screen.getByLabelText('Template'), 'executive-summary');
    await user.click(screen.getByRole('button', { name: 'Apply template' }));
    await user.click(within(await screen.findByRole('alertdialog', { name: 'Replace the sections?' })).getByRole('button', { name: 'Apply template' }));
    const list = screen.getByRole('list', { name: 'Report sections' });
    await vi.waitFor(() => expect(within(list).getByRole('textbox', { name: 'Section 2 title' })).toHaveValue('Key findings'), WAIT);
    expect(within(list).getByRole('textbox', { name: 'Section 3 title' })).toHaveValue('What people talked about');
    expect(within(list).getByRole('textbox', { name: 'Section 4 title' })).toHaveValue('Methodology');
    await vi.waitFor(() => expect(previewHtml()).toContain('<h2>Key findings</h2>'), WAIT);
    expect(previewHtml()).toContain('<svg');
    const saved = await workspaceDb(workspaceId).reports.get(report.id);
    expect(saved?.template).toBe('executive-summary');
    expect(saved?.sections.map((s) => s.kind)).toEqual(['summary', 'insights', 'chart', 'methodology']);
  });

  it('exports HTML with the memo escaped and no script element', async () => {
    const { user, platform } = await openSampleReport();
    expect(screen.getByRole('button', { name: 'Export PDF' })).toBeDisabled();
    expect(screen.getByText(/PDF export needs the Loupe desktop app/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Export HTML' }));
    await vi.waitFor(() => expect(platform.exportFile).toHaveBeenCalled(), WAIT);
    const request = vi.mocked(platform.exportFile).mock.calls[0]![0];
    expect(request.suggestedName).toMatch(/\.html$/);
    const html = new TextDecoder().decode(request.bytes);
    expect(html).toContain('Check this &lt;script&gt;alert(1)&lt;/script&gt; before the readout');
    expect(html).not.toMatch(/<script/i);
    expect(previewHtml()).not.toMatch(/<script/i);
  });

  it('lists what anonymizing will redact before exporting', async () => {
    const { user, snapshot, highlight } = await openSampleReport();
    const unit = snapshot.tables.units.find((u) => u.id === highlight.unitId)!;
    const person = snapshot.tables.participants.find((p) => p.id === unit.participantId)!;
    await user.click(screen.getByRole('button', { name: 'Preview redactions…' }));
    const dialog = await screen.findByRole('dialog', { name: 'What anonymizing will change' }, WAIT);
    const pseudonyms = within(dialog).getByRole('table', { name: 'Pseudonyms' });
    expect(within(pseudonyms).getByRole('cell', { name: person.name })).toBeInTheDocument();
    expect(within(pseudonyms).getAllByRole('cell', { name: /^P\d+$/ }).length).toBeGreaterThan(0);
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));

    await user.click(screen.getByRole('checkbox', { name: 'Anonymize' }));
    await vi.waitFor(() => expect(previewHtml()).toContain('anonymized'), WAIT);
    expect(previewHtml()).not.toContain(person.name);
  });
});
