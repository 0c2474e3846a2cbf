/**
 * Intercoder agreement between two coders of this workspace: per tag, percent agreement and Cohen's kappa on
 * whole units and on highlighted characters (core/merge/agreement). Reads the whole workspace once.
 */
import { useEffect, useMemo, useState } from 'react';
import { agreement, type AgreementTable } from '../../../../core/merge/agreement';
import type { WorkspaceSnapshot } from '../../../../core/model';
import { userMessage } from '../../app/errors';
import { exportSnapshot } from '../../db/workspace-data';
import './sharing.css';

export function codersOf(snapshot: WorkspaceSnapshot): string[] {
  return [...new Set([...snapshot.tables.taggings.map((t) => t.coder), ...snapshot.tables.highlights.map((h) => h.coder)])].sort((a, b) => a.localeCompare(b));
}

function pct(t: AgreementTable): string {
  return t.percent === null ? '—' : `${t.percent.toFixed(1)}%`;
}

function kappa(k: number | null): string {
  return k === null ? '—' : k.toFixed(2);
}

export function AgreementView({ workspaceId }: { workspaceId: string }): React.JSX.Element {
  const [snapshot, setSnapshot] = useState<WorkspaceSnapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pair, setPair] = useState<[string, string] | null>(null);

  useEffect(() => {
    let live = true;
    exportSnapshot(workspaceId).then(
      (s) => {
        if (!live) return;
        setSnapshot(s);
        const coders = codersOf(s);
        setPair([coders[0] ?? '', coders[1] ?? coders[0] ?? '']);
      },
      (e: unknown) => live && setError(userMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [workspaceId]);

  const coders = useMemo(() => (snapshot === null ? [] : codersOf(snapshot)), [snapshot]);
  const report = useMemo(() => (snapshot === null || pair === null || pair[0] === '' || pair[0] === pair[1] ? null : agreement(snapshot, pair[0], pair[1])), [snapshot, pair]);

  if (error !== null) return <p role="alert">{error}</p>;
  if (snapshot === null || pair === null) return <p className="loading">Reading the codings…</p>;
  if (coders.length < 2) {
    return <p>Agreement needs codings by two coders. This workspace has {coders.length === 0 ? 'no codings yet' : `codings by ${coders[0] ?? ''} only`}; merge another researcher’s copy to compare.</p>;
  }
  return (
    <div className="agreement">
      <div className="agreement-pick">
        <label>
          Coder A
          <select value={pair[0]} onChange={(e) => setPair([e.target.value, pair[1]])}>
            {coders.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Coder B
          <select value={pair[1]} onChange={(e) => setPair([pair[0], e.target.value])}>
            {coders.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      </div>
      {report === null ? (
        <p>Pick two different coders.</p>
      ) : (
        <>
          <table className="agreement-table" aria-label={`Agreement between ${pair[0]} and ${pair[1]}`}>
            <thead>
              <tr>
                <th scope="col" rowSpan={2}>
                  Tag
                </th>
                <th scope="colgroup" colSpan={2}>
                  Units ({report.universe.unitCount})
                </th>
                <th scope="colgroup" colSpan={2}>
                  Highlighted text ({report.universe.characters.toLocaleString()} characters)
                </th>
              </tr>
              <tr>
                <th scope="col">Agreement</th>
                <th scope="col">κ</th>
                <th scope="col">Agreement</th>
                <th scope="col">κ</th>
              </tr>
            </thead>
            <tbody>
              {report.tags.map((t) => (
                <tr key={t.tagId}>
                  <th scope="row">{t.tagName}</th>
                  <td className="num">{pct(t.units)}</td>
                  <td className="num">{kappa(t.units.kappa)}</td>
                  <td className="num">{pct(t.text)}</td>
                  <td className="num">{kappa(t.text.kappa)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">All tags (pooled)</th>
                <td className="num">{pct(report.overall.units)}</td>
                <td className="num">{kappa(report.overall.units.kappa)}</td>
                <td className="num">{pct(report.overall.text)}</td>
                <td className="num">{kappa(report.overall.text.kappa)}</td>
              </tr>
            </tfoot>
          </table>
          <p className="muted">
            Cohen’s κ corrects agreement for chance: above 0.8 is strong, 0.6–0.8 substantial, below 0.4 weak. Units count every unit either coder tagged; text counts every character of units in which either coder highlighted a passage.
          </p>
        </>
      )}
    </div>
  );
}
