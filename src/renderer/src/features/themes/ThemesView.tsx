/**
 * Themes: clustering runs over the workspace's feedback. "Find themes" starts a run in the cluster worker;
 * each run is kept with its parameters and date; the open run shows as an affinity board; two runs can be
 * compared. Runs list on top, the board of the chosen run below.
 */
import { useState } from 'react';
import type { Clustering } from '../../../../core/model';
import { ConfirmDialog } from '../../app/Dialog';
import { formatCount, formatRelative } from '../../app/format';
import { deleteClustering, isUnclustered, renameClustering } from '../../db/clusterings';
import { useClusteringRuns } from '../../db/hooks';
import { useReadOnly } from '../sharing/viewer-mode';
import { AffinityBoard } from './AffinityBoard';
import { CompareDialog } from './CompareDialog';
import { NewRunDialog } from './NewRunDialog';
import '../cards.css';
import './themes.css';

type ViewDialog = 'new' | 'compare' | 'delete' | null;

export function ThemesView({ workspaceId }: { workspaceId: string }): React.JSX.Element {
  const runs = useClusteringRuns(workspaceId);
  const [chosen, setChosen] = useState<string | null>(null);
  const [dialog, setDialog] = useState<ViewDialog>(null);
  const [renamingRun, setRenamingRun] = useState(false);
  const { readOnly } = useReadOnly();
  if (runs === undefined) return <p className="loading">Loading themes…</p>;
  const open = runs.find((r) => r.id === chosen) ?? runs[0];

  return (
    <section className="section themes-section" aria-labelledby="themes-title">
      <div className="section-header">
        <div>
          <h1 id="themes-title">Themes</h1>
          <p>Groups of similar feedback, found on this computer and shaped by you.</p>
        </div>
        <div className="themes-actions">
          {runs.length > 1 ? (
            <button type="button" className="btn" onClick={() => setDialog('compare')}>
              Compare runs
            </button>
          ) : null}
          {readOnly ? null : (
            <button type="button" className="btn btn-primary" onClick={() => setDialog('new')}>
              Find themes…
            </button>
          )}
        </div>
      </div>
      {open === undefined ? (
        <div className="empty">
          <h2>No themes yet</h2>
          <p>
            Clustering reads the answers you choose, groups the ones that talk about the same thing, and suggests a name and keywords for each group.
            Then move cards between themes, rename and merge them, and turn the ones you keep into tags or insights.
          </p>
          {readOnly ? null : (
            <button type="button" className="btn btn-primary" onClick={() => setDialog('new')}>
              Find themes…
            </button>
          )}
        </div>
      ) : (
        <>
          <ul className="theme-runs" aria-label="Runs">
            {runs.map((run) => (
              <li key={run.id}>
                <button
                  type="button"
                  className="theme-run"
                  aria-current={run.id === open.id ? 'true' : undefined}
                  onClick={() => {
                    setChosen(run.id);
                    setRenamingRun(false);
                  }}
                >
                  <span className="theme-run-name">{run.name}</span>
                  <span className="muted num">
                    {formatCount(themeCount(run), 'theme')} · {formatRelative(run.createdAt)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <div className="theme-run-header">
            <div className="theme-run-title">
              {renamingRun ? (
                <input
                  className="input"
                  aria-label="Run name"
                  autoFocus
                  defaultValue={open.name}
                  onBlur={(e) => {
                    setRenamingRun(false);
                    void renameClustering(workspaceId, open.id, e.currentTarget.value);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') e.currentTarget.blur();
                    else if (e.key === 'Escape') {
                      e.stopPropagation();
                      e.currentTarget.value = open.name;
                      e.currentTarget.blur();
                    }
                  }}
                />
              ) : (
                <h2>{open.name}</h2>
              )}
              <p className="muted">{describeParams(open)}</p>
            </div>
            {readOnly ? null : (
              <div className="themes-actions">
                <button type="button" className="btn btn-sm btn-ghost" onClick={() => setRenamingRun(true)}>
                  Rename run
                </button>
                <button type="button" className="btn btn-sm btn-ghost" onClick={() => setDialog('delete')}>
                  Delete run
                </button>
              </div>
            )}
          </div>
          <AffinityBoard key={open.id} workspaceId={workspaceId} clustering={open} />
        </>
      )}
      {dialog === 'new' ? (
        <NewRunDialog
          workspaceId={workspaceId}
          onClose={() => setDialog(null)}
          onDone={(id) => {
            setChosen(id);
            setDialog(null);
          }}
        />
      ) : null}
      {dialog === 'compare' ? <CompareDialog runs={runs} initialA={open?.id ?? null} onClose={() => setDialog(null)} /> : null}
      {dialog === 'delete' && open !== undefined ? (
        <ConfirmDialog
          title={`Delete “${open.name}”?`}
          confirmLabel="Delete run"
          danger
          onCancel={() => setDialog(null)}
          onConfirm={() => {
            setDialog(null);
            setChosen(null);
            void deleteClustering(workspaceId, open.id);
          }}
        >
          <p>The run and the edits made on its board go. Tags and insights made from its themes stay.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function themeCount(run: Clustering): number {
  return run.clusters.filter((c) => !isUnclustered(c)).length;
}

/** "Dec 3, 2026, 9:41 AM · Q3: What is…? · 412 texts · 30 unclustered · k auto in 2-12 → 5 · seed 1 · word pairs · ignoring relay" */
function describeParams(run: Clustering): string {
  const p = run.params;
  const parts: string[] = [new Date(run.createdAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })];
  if (typeof p.scopeLabel === 'string') parts.push(p.scopeLabel);
  if (typeof p.items === 'number') parts.push(formatCount(p.items, 'text'));
  const unclustered = run.clusters.find(isUnclustered)?.unitIds.length ?? 0;
  parts.push(`${unclustered.toLocaleString()} unclustered`);
  if (p.k === 'auto') parts.push(`k auto in ${String(p.kRange ?? '')}${p.kUsed === undefined ? '' : ` → ${p.kUsed}`}`);
  else if (p.k !== undefined) parts.push(`k ${p.k}`);
  if (p.seed !== undefined) parts.push(`seed ${p.seed}`);
  if (p.bigrams === true) parts.push('word pairs');
  if (typeof p.extraStopWords === 'string' && p.extraStopWords !== '') parts.push(`ignoring ${p.extraStopWords.split(',').join(', ')}`);
  return parts.join(' · ');
}
