// The Question roles panel of a survey source over the real data layer (fake-indexeddb) and the import
// worker's code in-process: removing coded answers asks first and names what goes; Undo brings it back.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, expect, it } from 'vitest';
import { workspaceDb } from '../../src/renderer/src/db/connections';
import { countAnswers, listQuestions } from '../../src/renderer/src/db/workspace-data';
import { createWorkspace } from '../../src/renderer/src/db/workspaces';
import { RolesServiceProvider } from '../../src/renderer/src/features/import/ImportService';
import { QuestionRoles } from '../../src/renderer/src/features/sources/QuestionRoles';
import { CodingProvider, useCoding } from '../../src/renderer/src/features/coding/CodingProvider';
import { createTag } from '../../src/core/coding';
import { fakePlatform } from './fake-platform';
import { createInProcessImport } from '../../src/renderer/src/workers/import-client';
import { resetDatabases } from '../db/reset';

beforeEach(resetDatabases);

const T = '2026-01-01T00:00:00.000Z';
const CSV = ['Respondent ID,Plan,Comment', 'R1,Pro,Search is slow', 'R2,Free,Export keeps breaking', 'R3,Team,'].join('\n');

/** CSV imported as a survey through the import worker's code; its questions and the open "Comment" one. */
async function importedSurvey() {
  const ws = (await createWorkspace('Study')).id;
  const service = createInProcessImport({ progressMs: 0 });
  const file = new File([CSV], 'survey.csv', { type: 'text/csv' });
  const sid = (await service.run('j1', { workspaceId: ws, file }, () => undefined)).sourceId!;
  const questions = await listQuestions(ws, sid);
  return { ws, service, sid, questions, comment: questions.find((q) => q.label === 'Comment')! };
}

it('asks before deleting the coding on answers a role change removes, and Undo restores them', async () => {
  const { ws, service, sid, questions, comment } = await importedSurvey();
  expect(comment.type).toBe('open');
  await workspaceDb(ws).taggings.add({ id: 'tg1', createdAt: T, updatedAt: T, tagId: 't1', unitId: `${sid}:${comment.order}`, coder: 'me' });

  const user = userEvent.setup();
  render(
    <RolesServiceProvider service={service}>
      <QuestionRoles workspaceId={ws} sourceId={sid} questions={questions} />
    </RolesServiceProvider>,
  );
  const panel = screen.getByRole('region', { name: 'Questions' });
  expect(within(panel).queryByRole('combobox', { name: 'Role of Respondent ID' })).toBeNull();
  await user.selectOptions(within(panel).getByRole('combobox', { name: 'Role of Comment' }), 'Participant attribute');
  await user.click(within(panel).getByRole('button', { name: 'Apply change' }));

  const confirm = await screen.findByRole('alertdialog', { name: 'Delete the coding on 1 answer?' });
  expect(confirm).toHaveTextContent('Reading “Comment” as participant attribute removes 2 answers from Responses, search and themes. 1 of them is coded: 1 tagging will be deleted with them.');
  expect(confirm).toHaveTextContent('Undo right after the change');
  // Cancel changes nothing.
  await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
  expect(await countAnswers(ws, comment.id)).toBe(2);

  await user.click(within(panel).getByRole('button', { name: 'Apply change' }));
  await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Change roles' }));
  await waitFor(() => expect(within(panel).getByRole('status')).toHaveTextContent('Changed 1 question: 2 answers removed, 2 respondents’ attributes updated.'));
  expect(await countAnswers(ws, comment.id)).toBe(0);
  expect(await workspaceDb(ws).taggings.count()).toBe(0);

  await user.click(within(panel).getByRole('button', { name: 'Undo' }));
  await waitFor(() => expect(within(panel).getByRole('status')).toHaveTextContent('Undone'));
  expect(await countAnswers(ws, comment.id)).toBe(2);
  expect((await workspaceDb(ws).taggings.get('tg1'))?.unitId).toBe(`${sid}:${comment.order}`);
});

it('says why an ignored column of a survey imported before cannot be read, and changes nothing', async () => {
  const ws = (await createWorkspace('Study')).id;
  const service = createInProcessImport({ progressMs: 0 });
  const file = new File([['id,Plan,Email', 'r1,Pro,a@x.io', 'r2,Free,b@x.io'].join('\n')], 'old.csv', { type: 'text/csv' });
  const sid = (await service.run('j1', { workspaceId: ws, file }, () => undefined)).sourceId!;
  await workspaceDb(ws).surveyCells.clear(); // what a survey imported before v5 looks like
  const questions = await listQuestions(ws, sid);
  const user = userEvent.setup();
  render(
    <RolesServiceProvider service={service}>
      <QuestionRoles workspaceId={ws} sourceId={sid} questions={questions} />
    </RolesServiceProvider>,
  );
  await user.selectOptions(screen.getByRole('combobox', { name: 'Role of Email' }), 'Open text');
  await user.click(screen.getByRole('button', { name: 'Apply change' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('“Email” was ignored at import, and this survey was imported before Loupe kept ignored columns');
  expect((await listQuestions(ws, sid)).find((q) => q.label === 'Email')?.type).toBe('ignored');
});

it('a role change that removes answers clears the coding undo history (its steps could name answers that are gone), and says so', async () => {
  const { ws, service, sid, questions, comment } = await importedSurvey();

  function UndoProbe(): React.JSX.Element {
    const coding = useCoding();
    return (
      <div>
        <output aria-label="Can undo">{String(coding.canUndo)}</output>
        <button type="button" onClick={() => void coding.run((state) => createTag(state, { name: 'Speed' }))}>
          New tag
        </button>
      </div>
    );
  }
  const user = userEvent.setup();
  render(
    <RolesServiceProvider service={service}>
      <CodingProvider workspaceId={ws} platform={fakePlatform()}>
        <UndoProbe />
        <QuestionRoles workspaceId={ws} sourceId={sid} questions={questions} />
      </CodingProvider>
    </RolesServiceProvider>,
  );
  await user.click(screen.getByRole('button', { name: 'New tag' }));
  await waitFor(() => expect(screen.getByRole('status', { name: 'Can undo' })).toHaveTextContent('true'));

  const panel = screen.getByRole('region', { name: 'Questions' });
  await user.selectOptions(within(panel).getByRole('combobox', { name: 'Role of Comment' }), 'Participant attribute');
  await user.click(within(panel).getByRole('button', { name: 'Apply change' }));
  await waitFor(() => expect(within(panel).getByRole('status')).toHaveTextContent('2 answers removed'));
  expect(await countAnswers(ws, comment.id)).toBe(0);
  expect(screen.getByRole('status', { name: 'Can undo' })).toHaveTextContent('false');
  expect(screen.getByText(/Undo history of coding cleared: the role change removed answers/)).toBeInTheDocument();
});
