/**
 * A survey's question roles after import: how each column is read (open text, attribute, NPS, ignore…),
 * changed in place. The import worker re-derives the source (db/retype-store.ts) in one transaction with
 * progress and Cancel; removing coded answers asks first, and the last change can be undone.
 */
import { useMemo, useState } from 'react';
import type { Question, QuestionType } from '../../../../core/model';
import { ConfirmDialog } from '../../app/Dialog';
import { formatCount, formatNumber } from '../../app/format';
import { useQuestionCounts } from '../../db/hooks';
import { QUESTION_TYPES, questionTypeLabel } from '../import/labels';
import { useOptionalCoding } from '../coding/CodingProvider';
import { useRolesService } from '../import/ImportService';
import { EditOnly } from '../sharing/viewer-mode';
import type { RemovedCoding, RetypeCheck, RetypeRequest, RetypeResult, RolesProgress } from '../../workers/import-protocol';

type Phase =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'confirm'; check: RetypeCheck; request: RetypeRequest }
  | { kind: 'running'; jobId: string; progress: RolesProgress | null; undo: boolean; cancelling: boolean }
  | { kind: 'error'; message: string };

interface Done {
  message: string;
  /** The inverse of the last change and the coding it removed: what Undo runs. */
  undo?: { request: RetypeRequest; restore: RemovedCoding };
}

const CHOICES = QUESTION_TYPES.filter((t) => t.id !== 'id');

export function QuestionRoles({ workspaceId, sourceId, questions }: { workspaceId: string; sourceId: string; questions: readonly Question[] }): React.JSX.Element {
  const service = useRolesService();
  const coding = useOptionalCoding();
  const counts = useQuestionCounts(workspaceId, sourceId);
  const [draft, setDraft] = useState<ReadonlyMap<string, QuestionType>>(new Map());
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [done, setDone] = useState<Done | null>(null);
  const ordered = useMemo(() => [...questions].sort((a, b) => a.order - b.order), [questions]);
  const pending = ordered.filter((q) => (draft.get(q.id) ?? q.type) !== q.type);
  const busy = phase.kind === 'checking' || phase.kind === 'running';

  function choose(q: Question, type: QuestionType): void {
    const next = new Map(draft);
    if (type === q.type) next.delete(q.id);
    else next.set(q.id, type);
    setDraft(next);
    if (phase.kind === 'error') setPhase({ kind: 'idle' });
  }

  async function apply(): Promise<void> {
    const request: RetypeRequest = { workspaceId, sourceId, changes: pending.map((q) => ({ questionId: q.id, type: draft.get(q.id)! })) };
    setPhase({ kind: 'checking' });
    try {
      const check = await service.checkRoles(request);
      if (check.blocked !== undefined) setPhase({ kind: 'error', message: check.blocked });
      else if (check.codedUnitsRemoved > 0) setPhase({ kind: 'confirm', check, request });
      else await run(request, undefined, false);
    } catch (e) {
      setPhase({ kind: 'error', message: messageOf(e) });
    }
  }

  async function run(request: RetypeRequest, restore: RemovedCoding | undefined, undo: boolean): Promise<void> {
    const jobId = `roles-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    setPhase({ kind: 'running', jobId, progress: null, undo, cancelling: false });
    try {
      const outcome = await service.changeRoles(jobId, request, restore, (progress) =>
        setPhase((p) => (p.kind === 'running' && p.jobId === jobId ? { ...p, progress } : p)),
      );
      setPhase({ kind: 'idle' });
      if (outcome.status === 'cancelled' || outcome.result === undefined) {
        setDone({ message: 'Cancelled: the survey is unchanged.' });
        return;
      }
      setDraft(new Map());
      const result = outcome.result;
      // Older coding steps may name the answers just removed: their undo would put taggings back on nothing.
      if (!undo && result.unitsRemoved > 0) coding?.forgetHistory('Undo history of coding cleared: the role change removed answers (its own Undo is in the Questions panel).');
      setDone(
        undo
          ? { message: 'Undone: the questions are read as before.' }
          : {
              message: summary(result),
              undo: { request: { workspaceId, sourceId, changes: result.changes.map((c) => ({ questionId: c.questionId, type: c.from })) }, restore: result.removed },
            },
      );
    } catch (e) {
      setPhase({ kind: 'error', message: messageOf(e) });
    }
  }

  function cancel(): void {
    if (phase.kind !== 'running') return;
    setPhase({ ...phase, cancelling: true });
    void service.cancel(phase.jobId);
  }

  return (
    <section aria-label="Questions" className="question-roles">
      <h3 className="detail-subtitle">
        Question roles · {formatCount(questions.length, 'question')}
      </h3>
      <p className="muted roles-hint">How each column is read. Open text becomes answers to code; the others describe respondents (filters and chart segments) or are left out.</p>
      <ol className="question-list">
        {ordered.map((q) => {
          const type = draft.get(q.id) ?? q.type;
          const answers = counts?.[q.id];
          return (
            <li key={q.id} className={type !== q.type ? 'role-changed' : undefined}>
              <div className="q-main">
                <span className="q-label">{q.label}</span>
                {q.text !== '' && q.text !== q.label ? <span className="muted q-text">{q.text}</span> : null}
                {q.type === 'open' && answers !== undefined ? <span className="muted q-count">{formatCount(answers, 'answer')}</span> : null}
              </div>
              {q.type === 'id' ? (
                <span className="badge" title="Respondents are matched by this column; it cannot be changed after import.">
                  {questionTypeLabel('id')}
                </span>
              ) : (
                <RoleSelect question={q} value={type} disabled={busy} onChange={(t) => choose(q, t)} />
              )}
            </li>
          );
        })}
      </ol>

      <EditOnly>
        <div className="roles-actions">
          {phase.kind === 'running' ? (
            <RolesProgressBar phase={phase} onCancel={cancel} />
          ) : (
            <>
              <button type="button" className="btn btn-primary btn-sm" disabled={pending.length === 0 || busy} onClick={() => void apply()}>
                {pending.length <= 1 ? 'Apply change' : `Apply ${pending.length} changes`}
              </button>
              <button type="button" className="btn btn-sm" disabled={pending.length === 0 || busy} onClick={() => setDraft(new Map())}>
                Discard
              </button>
            </>
          )}
        </div>
        {phase.kind === 'error' ? (
          <p role="alert" className="roles-error">
            {phase.message}
          </p>
        ) : null}
        {done !== null && phase.kind === 'idle' ? (
          <p role="status" className="roles-done">
            {done.message}{' '}
            {done.undo === undefined ? null : (
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => void run(done.undo!.request, done.undo!.restore, true)}>
                Undo
              </button>
            )}
          </p>
        ) : null}
      </EditOnly>

      {phase.kind === 'confirm' ? (
        <ConfirmDialog
          title={`Delete the coding on ${formatCount(phase.check.codedUnitsRemoved, 'answer')}?`}
          confirmLabel="Change roles"
          danger
          onCancel={() => setPhase({ kind: 'idle' })}
          onConfirm={() => void run(phase.request, undefined, false)}
        >
          <p>{confirmText(phase.check)}</p>
          <p className="muted">Undo right after the change (in this panel) brings the answers and their coding back.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function RoleSelect({ question, value, disabled, onChange }: { question: Question; value: QuestionType; disabled: boolean; onChange: (t: QuestionType) => void }): React.JSX.Element {
  return (
    <select
      className="input input-sm"
      aria-label={`Role of ${question.label}`}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(CHOICES.find((t) => t.id === e.target.value)?.id ?? value)}
    >
      {CHOICES.map((t) => (
        <option key={t.id} value={t.id}>
          {t.label}
        </option>
      ))}
    </select>
  );
}

function RolesProgressBar({ phase, onCancel }: { phase: Extract<Phase, { kind: 'running' }>; onCancel: () => void }): React.JSX.Element {
  const p = phase.progress;
  const pct = p === null || p.total === 0 ? 0 : Math.round((p.done / p.total) * 100);
  const label = phase.undo ? 'Undoing…' : 'Re-reading answers…';
  return (
    <div className="roles-progress">
      <div className="roles-bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <span className="roles-bar-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="muted">
        {phase.cancelling ? 'Cancelling…' : p === null ? label : `${label} ${formatNumber(p.done)} of ${formatCount(p.total, 'respondent')}`}
      </span>
      <button type="button" className="btn btn-sm" onClick={onCancel} disabled={phase.cancelling}>
        Cancel
      </button>
    </div>
  );
}

function confirmText(check: RetypeCheck): string {
  const names = check.changes
    .filter((c) => c.from === 'open')
    .map((c) => `“${c.label}” as ${questionTypeLabel(c.to).toLowerCase()}`)
    .join(', ');
  const coded = check.codedUnitsRemoved === 1 ? '1 of them is' : `${formatNumber(check.codedUnitsRemoved)} of them are`;
  const what = (
    [
      [check.taggings, 'tagging'],
      [check.highlights, 'highlight'],
      [check.comments, 'comment'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, word]) => formatCount(n, word))
    .join(', ');
  return `Reading ${names} removes ${formatCount(check.unitsRemoved, 'answer')} from Responses, search and themes. ${coded} coded: ${what} will be deleted with them.`;
}

function summary(r: RetypeResult): string {
  const parts: string[] = [];
  if (r.unitsAdded > 0) parts.push(`${formatCount(r.unitsAdded, 'answer')} added to Responses`);
  if (r.unitsRemoved > 0) parts.push(`${formatCount(r.unitsRemoved, 'answer')} removed`);
  if (r.respondentsChanged > 0) parts.push(`${formatCount(r.respondentsChanged, 'respondent')}’ attributes updated`);
  const changed = formatCount(r.changes.length, 'question');
  return parts.length === 0 ? `Changed ${changed}.` : `Changed ${changed}: ${parts.join(', ')}.`;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
