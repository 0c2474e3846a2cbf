/** Compare two runs: for each theme of run A, its best match in run B (Jaccard), and the full overlap matrix. */
import { useMemo, useState } from 'react';
import type { Clustering } from '../../../../core/model';
import { Dialog } from '../../app/Dialog';
import { compareRuns } from './compare';

export function CompareDialog({ runs, initialA, onClose }: { runs: readonly Clustering[]; initialA: string | null; onClose: () => void }): React.JSX.Element {
  const [aId, setA] = useState(initialA ?? runs[0]?.id ?? '');
  const [bId, setB] = useState(runs.find((r) => r.id !== aId)?.id ?? '');
  const a = runs.find((r) => r.id === aId);
  const b = runs.find((r) => r.id === bId);
  const result = useMemo(() => (a === undefined || b === undefined ? null : compareRuns(a.clusters, b.clusters)), [a, b]);

  return (
    <Dialog
      title="Compare runs"
      wide
      onClose={onClose}
      footer={
        <button type="button" className="btn btn-primary" onClick={onClose}>
          Done
        </button>
      }
    >
      <div className="theme-row">
        <RunPicker label="Run A" runs={runs} value={aId} onChange={setA} />
        <RunPicker label="Run B" runs={runs} value={bId} onChange={setB} />
      </div>
      {result === null ? null : (
        <>
          <h3 className="theme-compare-title">Best match in B for each theme of A</h3>
          <div className="table-wrap">
            <table className="table" aria-label="Best matches">
              <thead>
                <tr>
                  <th>Theme in A</th>
                  <th>Best match in B</th>
                  <th className="num">Shared</th>
                  <th className="num">Jaccard</th>
                </tr>
              </thead>
              <tbody>
                {result.best.map((m) => (
                  <tr key={m.a.id}>
                    <td>{m.a.label}</td>
                    <td>{m.b === undefined ? <span className="muted">No match</span> : m.b.label}</td>
                    <td className="num">{m.overlap}</td>
                    <td className="num">{`${Math.round(m.jaccard * 100)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.columns.length > 0 && result.columns.length <= 20 && result.rows.length <= 30 ? (
            <>
              <h3 className="theme-compare-title">Shared members, every pair</h3>
              <div className="table-wrap">
                <table className="table theme-matrix" aria-label="Overlap matrix">
                  <thead>
                    <tr>
                      <th>A \ B</th>
                      {result.columns.map((c) => (
                        <th key={c.id} title={c.label}>
                          {c.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {result.rows.map((r, i) => (
                      <tr key={r.id}>
                        <th scope="row">{r.label}</th>
                        {result.columns.map((c, j) => {
                          const n = result.overlap[i]![j]!;
                          const share = n / Math.max(1, r.unitIds.length);
                          return (
                            <td key={c.id} className="num" style={{ background: n === 0 ? undefined : `color-mix(in srgb, var(--accent) ${Math.round(10 + share * 60)}%, transparent)` }}>
                              {n === 0 ? '' : n}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </>
      )}
    </Dialog>
  );
}

function RunPicker({ label, runs, value, onChange }: { label: string; runs: readonly Clustering[]; value: string; onChange: (id: string) => void }): React.JSX.Element {
  return (
    <label className="theme-field">
      <span>{label}</span>
      <select className="input" value={value} onChange={(e) => onChange(e.target.value)}>
        {runs.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name} · {new Date(r.createdAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' })}
          </option>
        ))}
      </select>
    </label>
  );
}
