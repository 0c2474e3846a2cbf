/**
 * The body of a merge: what it compares against, the counts per table, and each conflict with a choice of
 * side (default: mine). The preview is recomputed from core mergeWorkspaces as choices change, so the counts
 * always describe what Merge will store.
 */
import { useMemo } from 'react';
import type { MergeConflict, MergeResult, Side } from '../../../../core/merge/merge';
import { TABLES } from '../../../../core/model';
import type { MergePlan } from '../../db/lineage';
import { previewMerge } from '../../db/lineage';
import { formatValue, recordLabel, SINGULAR, TABLE_LABELS } from './labels';
import './sharing.css';

const KIND_TEXT: Record<MergeConflict['kind'], string> = {
  'edit-edit': 'changed differently in both copies',
  'add-add': 'added in both copies with different content',
  'delete-edit': 'deleted in one copy, changed in the other',
  'delete-reference': 'deleted in one copy, still used in the other',
};

export function useMergePreview(plan: MergePlan, resolutions: Readonly<Record<string, Side>>): MergeResult {
  return useMemo(() => previewMerge(plan, resolutions), [plan, resolutions]);
}

export interface MergeViewProps {
  plan: MergePlan;
  result: MergeResult;
  resolutions: Readonly<Record<string, Side>>;
  onPick: (key: string, side: Side) => void;
}

export function MergeView({ plan, result, resolutions, onPick }: MergeViewProps): React.JSX.Element {
  const rows = TABLES.filter((t) => {
    const s = result.summary[t];
    return s.added + s.changed + s.deleted + s.conflicts + s.remapped > 0;
  });
  return (
    <div className="merge-view">
      {plan.notes.map((note) => (
        <p key={note} className={plan.baseKnown ? 'muted' : 'merge-warning'}>
          {note}
        </p>
      ))}
      {rows.length === 0 ? (
        <p>The file holds nothing your copy does not already have.</p>
      ) : (
        <table className="merge-counts" aria-label="Changes per table">
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col">Added</th>
              <th scope="col">Changed</th>
              <th scope="col">Deleted</th>
              <th scope="col">Conflicts</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t}>
                <th scope="row">{TABLE_LABELS[t]}</th>
                <td className="num">{result.summary[t].added}</td>
                <td className="num">{result.summary[t].changed}</td>
                <td className="num">{result.summary[t].deleted}</td>
                <td className="num">{result.summary[t].conflicts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.collapsed.length > 0 ? <p className="muted">{result.collapsed.length} duplicate coding(s) are collapsed because a tag was merged into another.</p> : null}
      {result.conflicts.length === 0 ? null : (
        <section aria-label="Conflicts" className="merge-conflicts">
          <h3>
            {result.conflicts.length} conflict{result.conflicts.length === 1 ? '' : 's'} — choose the version to keep
          </h3>
          <ul>
            {result.conflicts.map((c) => (
              <ConflictRow key={c.key} conflict={c} pick={resolutions[c.key] ?? c.pick} onPick={(side) => onPick(c.key, side)} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function ConflictRow({ conflict: c, pick, onPick }: { conflict: MergeConflict; pick: Side; onPick: (side: Side) => void }): React.JSX.Element {
  const label = recordLabel(c.mine ?? c.theirs ?? c.base);
  const legend = `${SINGULAR[c.table]} “${label}”`;
  const fields = c.kind === 'edit-edit' || c.kind === 'add-add' ? c.fields : [];
  return (
    <li className="merge-conflict">
      <fieldset>
        <legend>
          {legend} <span className="muted">— {KIND_TEXT[c.kind]}</span>
        </legend>
        {fields.length === 0 ? null : (
          <table className="merge-fields" aria-label={`Differences in ${legend}`}>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Mine</th>
                <th scope="col">Theirs</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => (
                <tr key={f.field}>
                  <th scope="row">{f.field}</th>
                  <td>{formatValue(f.mine)}</td>
                  <td>{formatValue(f.theirs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {c.dependents.length > 0 ? <p className="muted">{c.dependents.length} record(s) point at it.</p> : null}
        <div className="merge-picks">
          <label>
            <input type="radio" name={`pick-${c.key}`} checked={pick === 'mine'} onChange={() => onPick('mine')} />
            {c.mine === null ? 'Mine (deleted)' : 'Keep mine'}
          </label>
          <label>
            <input type="radio" name={`pick-${c.key}`} checked={pick === 'theirs'} onChange={() => onPick('theirs')} />
            {c.theirs === null ? 'Theirs (deleted)' : 'Take theirs'}
          </label>
        </div>
      </fieldset>
    </li>
  );
}
