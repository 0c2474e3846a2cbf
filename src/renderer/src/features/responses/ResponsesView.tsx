/** Responses: open-text survey answers, one question at a time, with each participant's attributes as columns. */
import { useMemo, useState } from 'react';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { formatNumber } from '../../app/format';
import { useAnswers, useQuestions, type AnswerRow } from '../../db/hooks';
import './responses.css';

/** Rows rendered at once; the note below the table says how many there are in all. */
export const RESPONSE_ROWS = 200;
const MAX_ATTRIBUTE_COLUMNS = 6;

const column = createColumnHelper<AnswerRow>();

export function ResponsesView({ workspaceId }: { workspaceId: string }): React.JSX.Element {
  const questions = useQuestions(workspaceId);
  const open = useMemo(() => (questions ?? []).filter((q) => q.type === 'open'), [questions]);
  const [chosen, setChosen] = useState<string | null>(null);
  const questionId = chosen ?? open[0]?.id ?? null;
  const page = useAnswers(workspaceId, questionId, RESPONSE_ROWS);
  const question = open.find((q) => q.id === questionId);

  const attributeKeys = useMemo(() => {
    const keys = new Set<string>();
    for (const row of page?.rows ?? []) for (const key of Object.keys(row.participant?.attributes ?? {})) keys.add(key);
    return [...keys].slice(0, MAX_ATTRIBUTE_COLUMNS);
  }, [page]);

  const columns = useMemo<ColumnDef<AnswerRow, string>[]>(
    () => [
      column.accessor((r) => r.participant?.name ?? '—', { id: 'participant', header: 'Participant' }),
      column.accessor((r) => r.unit.text, { id: 'answer', header: 'Answer' }),
      ...attributeKeys.map((key) => column.accessor((r) => String(r.participant?.attributes[key] ?? ''), { id: `attr:${key}`, header: key })),
    ],
    [attributeKeys],
  );

  const table = useReactTable({ data: page?.rows ?? [], columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.unit.id });

  if (questions === undefined) return <p className="loading">Loading responses…</p>;

  return (
    <section className="section section-wide" aria-labelledby="responses-title">
      <div className="section-header">
        <div>
          <h1 id="responses-title">Responses</h1>
          <p>Open-text answers from surveys, with who said them.</p>
        </div>
        {open.length > 1 ? (
          <label className="question-picker">
            <span className="muted">Question</span>
            <select className="input" value={questionId ?? ''} onChange={(e) => setChosen(e.target.value)}>
              {open.map((q) => (
                <option key={q.id} value={q.id}>
                  {q.label}: {q.text}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>

      {open.length === 0 ? (
        <div className="empty">
          <h2>No open-text questions</h2>
          <p>When a survey export with open-text questions is in this workspace, its answers are listed here.</p>
        </div>
      ) : (
        <>
          {question === undefined ? null : <p className="question-text">{question.text}</p>}
          <div className="table-wrap">
            <table className="table responses-table" aria-label={question === undefined ? 'Answers' : `Answers to ${question.label}`}>
              <thead>
                {table.getHeaderGroups().map((group) => (
                  <tr key={group.id}>
                    {group.headers.map((header) => (
                      <th key={header.id} scope="col" className={header.column.id === 'answer' ? 'col-answer' : undefined}>
                        {flexRender(header.column.columnDef.header, header.getContext())}
                      </th>
                    ))}
                  </tr>
                ))}
              </thead>
              <tbody>
                {table.getRowModel().rows.map((row) => (
                  <tr key={row.id}>
                    {row.getVisibleCells().map((cell) => (
                      <td key={cell.id} className={cell.column.id === 'answer' ? 'col-answer' : cell.column.id === 'participant' ? 'nowrap' : 'muted nowrap'}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {page === undefined ? null : (
            <p className="table-note muted" role="note">
              {page.total > page.rows.length
                ? `Showing the first ${formatNumber(page.rows.length)} of ${formatNumber(page.total)} answers.`
                : `${formatNumber(page.total)} ${page.total === 1 ? 'answer' : 'answers'}.`}
            </p>
          )}
        </>
      )}
    </section>
  );
}
