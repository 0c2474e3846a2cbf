// The import dialog over a scripted ImportWorkerApi: previews, role and encoding choices, progress, cancel,
// reports and errors — what the user sees and what reaches the worker. Generous timeouts: CI has 2 slow cores.
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ImportDialogHost } from '../../src/renderer/src/features/import/ImportDialog';
import { createImportSession } from '../../src/renderer/src/features/import/import-session';
import { fakeImportService, file, surveyPreview, transcriptPreview, type FakeImportService } from './import-fakes';

const WAIT = { timeout: 15_000 };

function setup(service: FakeImportService, files: File[]) {
  const user = userEvent.setup();
  const session = createImportSession(service);
  const onShowSource = vi.fn();
  render(<ImportDialogHost session={session} onAddFiles={vi.fn()} onShowSource={onShowSource} />);
  act(() => session.add('ws-1', files));
  return { user, session, onShowSource };
}

describe('import dialog: preview', () => {
  it('says what was detected and proposes a role per question', async () => {
    const service = fakeImportService((r) => surveyPreview(r));
    setup(service, [file('nps-q1.csv')]);
    const dialog = await screen.findByRole('dialog', { name: 'Import files' }, WAIT);
    expect(await within(dialog).findByText(/Qualtrics export: 3 header rows/, {}, WAIT)).toBeInTheDocument();
    expect(within(dialog).getByText('valid UTF-8 with accented letters')).toBeInTheDocument();

    const roles = within(dialog).getByRole('table', { name: /Questions/ });
    expect(within(roles).getAllByRole('row')).toHaveLength(5);
    expect(within(roles).getByRole('combobox', { name: 'Type of Q1' })).toHaveValue('nps');
    expect(within(roles).getByRole('combobox', { name: 'Type of segment' })).toHaveValue('attribute');
    expect(within(roles).getByText('asks how likely to recommend, answers 0–10')).toBeInTheDocument();
    expect(within(roles).getByText('Pro · Free')).toBeInTheDocument();
    expect(within(dialog).getByRole('table', { name: 'First rows' })).toHaveTextContent('More templates');
    expect(service.previews).toHaveLength(1);
    expect(service.previews[0]?.workspaceId).toBe('ws-1');
  });

  it('sends the roles as the user edited them in the plan', async () => {
    const service = fakeImportService((r) => surveyPreview(r));
    const { user } = setup(service, [file('nps-q1.csv')]);
    const dialog = await screen.findByRole('dialog', { name: 'Import files' }, WAIT);
    const segment = await within(dialog).findByRole('combobox', { name: 'Type of segment' }, WAIT);
    await user.selectOptions(segment, 'Ignore');
    expect(within(dialog).getByText(/Changed by you \(proposed: Participant attribute/)).toBeInTheDocument();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Type of Q2' }), 'Single choice');

    await user.click(within(dialog).getByRole('button', { name: 'Import 1 file' }));
    const run = await service.nextRun(0);
    expect(run.plan.workspaceId).toBe('ws-1');
    expect(run.plan.file.name).toBe('nps-q1.csv');
    expect(run.plan.roles).toEqual([
      { id: 'ResponseId', type: 'id' },
      { id: 'segment', type: 'ignored' },
      { id: 'Q1', type: 'nps' },
      { id: 'Q2', type: 'single' },
    ]);
    expect(run.plan.encoding).toBeUndefined();
  });

  it('re-runs the preview with the chosen encoding and shows the decoded text', async () => {
    const service = fakeImportService((r) => surveyPreview(r));
    const { user } = setup(service, [file('export.csv')]);
    const dialog = await screen.findByRole('dialog', { name: 'Import files' }, WAIT);
    const sample = await within(dialog).findByLabelText('Decoded text sample', {}, WAIT);
    expect(sample).toHaveTextContent('Café ’ is slow');

    // A role edit survives the re-preview: the columns are the same.
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Type of segment' }), 'Single choice');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Text encoding' }), 'windows-1252');
    expect(await within(dialog).findByText('chosen by the user', {}, WAIT)).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Decoded text sample')).toHaveTextContent('CafÃ© â€™ is slow');
    expect(service.previews.map((p) => p.encoding)).toEqual([undefined, 'windows-1252']);
    expect(within(dialog).getByRole('combobox', { name: 'Type of segment' })).toHaveValue('single');

    await user.click(within(dialog).getByRole('button', { name: 'Import 1 file' }));
    expect((await service.nextRun(0)).plan.encoding).toBe('windows-1252');
  });

  it('notes duplicates and updates of surveys already in the workspace', async () => {
    const service = fakeImportService((r) =>
      r.file.name === 'again.csv'
        ? surveyPreview(r, { duplicateOf: { sourceId: 's1', title: 'Q1 survey' } })
        : surveyPreview(r, { updates: { sourceId: 's1', title: 'Q1 survey', knownRespondents: 120 } }),
    );
    const { user } = setup(service, [file('again.csv'), file('newer.csv', 'y'.repeat(120))]);
    const dialog = await screen.findByRole('dialog', { name: 'Import files' }, WAIT);
    expect(await within(dialog).findByRole('note', {}, WAIT)).toHaveTextContent('Already imported as “Q1 survey”; nothing will be added.');
    await user.click(within(dialog).getByRole('button', { name: /^newer\.csv/ }));
    expect(await within(dialog).findByRole('note', {}, WAIT)).toHaveTextContent(/newer export of “Q1 survey”.*only new respondents will be added/);
  });

  it('lets the user say who the interviewer is in a transcript', async () => {
    const service = fakeImportService((r) => transcriptPreview(r));
    const { user } = setup(service, [file('interview.vtt')]);
    const dialog = await screen.findByRole('dialog', { name: 'Import files' }, WAIT);
    expect(await within(dialog).findByText(/WebVTT transcript.*11 utterances, 2 speakers/, {}, WAIT)).toBeInTheDocument();
    const sam = within(dialog).getByRole('checkbox', { name: 'Interviewer (Sam) is an interviewer' });
    const maria = within(dialog).getByRole('checkbox', { name: 'Maria Lopez is an interviewer' });
    expect(sam).toBeChecked();
    expect(maria).not.toBeChecked();
    await user.click(sam);
    await user.click(maria);
    await user.click(within(dialog).getByRole('button', { name: 'Import 1 file' }));
    expect((await service.nextRun(0)).plan.interviewers).toEqual(['Maria Lopez']);
  });
});

describe('import dialog: running', () => {
  it('shows progress, and cancelling leaves nothing changed', async () => {
    const service = fakeImportService((r) => surveyPreview(r));
    const { user } = setup(service, [file('big.csv', 'z'.repeat(1000))]);
    const dialog = await screen.findByRole('dialog', { name: 'Import files' }, WAIT);
    await user.click(await within(dialog).findByRole('button', { name: 'Import 1 file' }, WAIT));
    const run = await service.nextRun(0);
    act(() => run.progress({ bytesRead: 400, bytesTotal: 1000, rowsRead: 1234, rowsPerSecond: 5678.4 }));
    const bar = await within(dialog).findByRole('progressbar', { name: 'Importing big.csv' }, WAIT);
    expect(bar).toHaveAttribute('aria-valuenow', '40');
    expect(within(dialog).getByText(/1,234 rows read · 5,678 rows\/s/)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Cancel import of big.csv' }));
    expect(service.cancelled).toEqual([run.jobId]);
    expect(await within(dialog).findByRole('heading', { name: 'Cancelled — nothing was changed' }, WAIT)).toBeInTheDocument();
    expect(within(dialog).queryByRole('progressbar')).not.toBeInTheDocument();
    expect(within(dialog).queryByText(/^Imported/)).not.toBeInTheDocument();
  });

  it('reports participants, units, warnings with row numbers and rows not imported', async () => {
    const service = fakeImportService((r) => surveyPreview(r));
    const { user, onShowSource } = setup(service, [file('q1.csv')]);
    const dialog = await screen.findByRole('dialog', { name: 'Import files' }, WAIT);
    await user.click(await within(dialog).findByRole('button', { name: 'Import 1 file' }, WAIT));
    const run = await service.nextRun(0);
    act(() =>
      run.finish({
        sourceId: 'src-9',
        participants: 118,
        units: 236,
        rowsRead: 121,
        warnings: [
          { row: 14, message: 'Q1 "eleven" is not a number from 0 to 10; the answer was left out' },
          { message: 'Two columns were both called "Q5"; the second is "Q5 (2)"' },
        ],
        rowsNotImported: [
          { row: 40, reason: 'blank row' },
          { row: 77, reason: 'no respondent id' },
          { row: 98, reason: 'same respondent id as row 12' },
        ],
      }),
    );
    const report = await within(dialog).findByRole('heading', { name: 'Imported “q1”' }, WAIT);
    expect(report).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Import report')).toHaveTextContent(/Participants\s*118/);
    expect(within(dialog).getByLabelText('Import report')).toHaveTextContent(/open-text answers\s*236/);
    expect(within(dialog).getByLabelText('Import report')).toHaveTextContent(/Rows read\s*121/);
    const warnings = within(dialog).getByRole('region', { name: 'Warnings' });
    expect(within(warnings).getByText('Row 14: Q1 "eleven" is not a number from 0 to 10; the answer was left out')).toBeInTheDocument();
    expect(within(warnings).getByText(/^Two columns were both called/)).toBeInTheDocument();

    await user.click(within(dialog).getByText('3 rows not imported'));
    const skipped = within(dialog).getByRole('list', { name: 'Rows not imported' });
    expect(within(skipped).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Row 40: blank row',
      'Row 77: no respondent id',
      'Row 98: same respondent id as row 12',
    ]);
    await user.click(within(dialog).getByRole('button', { name: 'Show “q1” in Sources' }));
    expect(onShowSource).toHaveBeenCalledWith('src-9');
  });

  it('shows a failed import with its message and claims nothing was imported', async () => {
    const service = fakeImportService((r) => surveyPreview(r));
    const { user } = setup(service, [file('broken.csv')]);
    const dialog = await screen.findByRole('dialog', { name: 'Import files' }, WAIT);
    await user.click(await within(dialog).findByRole('button', { name: 'Import 1 file' }, WAIT));
    const run = await service.nextRun(0);
    act(() => run.fail('Row 812 (line 815): unterminated quote — a " opens a cell that never closes.'));
    const alert = await within(dialog).findByRole('alert', {}, WAIT);
    expect(alert).toHaveTextContent('Import failed');
    expect(alert).toHaveTextContent('Row 812 (line 815): unterminated quote');
    expect(alert).toHaveTextContent('Nothing was imported');
    expect(within(dialog).queryByRole('heading', { name: /^Imported/ })).not.toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: /^broken\.csv/ })).toHaveTextContent('Failed');
  });

  it('shows a file that cannot be previewed and imports the others', async () => {
    const service = fakeImportService((r) => (r.file.name === 'photo.csv' ? new Error('“photo.csv” is not a text file (it looks like a PNG image).') : transcriptPreview(r)));
    const { user } = setup(service, [file('photo.csv'), file('call.vtt', 'WEBVTT')]);
    const dialog = await screen.findByRole('dialog', { name: 'Import files' }, WAIT);
    expect(await within(dialog).findByRole('alert', {}, WAIT)).toHaveTextContent('is not a text file');
    await user.click(await within(dialog).findByRole('button', { name: 'Import 1 file' }, WAIT));
    const run = await service.nextRun(0);
    expect(run.plan.file.name).toBe('call.vtt');
    act(() => run.finish({ kind: 'transcript', vendor: 'vtt', participants: 2, units: 11, rowsRead: 11 }));
    await user.click(within(dialog).getByRole('button', { name: /^call\.vtt/ }));
    expect(await within(dialog).findByRole('heading', { name: 'Imported “call”' }, WAIT)).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Import report')).toHaveTextContent(/utterances\s*11/);
    expect(service.runs).toHaveLength(1);
  });
});
