/** Reports: the list of write-ups, a new report from a template, and the builder (#/reports/<id>). */
import { useState } from 'react';
import { REPORT_TEMPLATES, type TemplateId, newReport } from '../../../../core/report';
import { Dialog } from '../../app/Dialog';
import { formatCount, formatDate } from '../../app/format';
import { routeHref, type Route } from '../../app/routes';
import { useAnalysisData, useInsightRecords, useReports } from '../../db/hooks';
import { createReport } from '../../db/workspace-data';
import type { Platform } from '../../platform';
import { segmentAttributes } from '../insights/evidence';
import { useReadOnly } from '../sharing/viewer-mode';
import { ReportBuilder } from './ReportBuilder';
import { reportContext } from './report-html';
import '../cards.css';
import '../insights/insights.css';
import './reports.css';

export interface ReportsViewProps {
  workspaceId: string;
  reportId?: string | null;
  navigate?: (route: Route) => void;
  platform?: Platform;
}

const hashNavigate = (route: Route): void => {
  window.location.hash = routeHref(route);
};

export function ReportsView({ workspaceId, reportId = null, navigate = hashNavigate, platform }: ReportsViewProps): React.JSX.Element {
  const reports = useReports(workspaceId);
  const [creating, setCreating] = useState(false);
  const { readOnly } = useReadOnly();
  if (reports === undefined) return <p className="loading">Loading reports…</p>;
  if (reportId !== null && platform !== undefined) return <ReportBuilder workspaceId={workspaceId} reportId={reportId} platform={platform} navigate={navigate} />;

  return (
    <section className="section" aria-labelledby="reports-title">
      <div className="section-header">
        <div>
          <h1 id="reports-title">Reports</h1>
          <p>Insight reports to share with your team.</p>
        </div>
        {readOnly ? null : (
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            New report
          </button>
        )}
      </div>
      {reports.length === 0 ? (
        <div className="empty">
          <h2>No reports yet</h2>
          <p>A report gathers a summary, your insights, charts and quotes into one document you can export as PDF and share.</p>
        </div>
      ) : (
        <div className="stack">
          {reports.map((r) => (
            <article key={r.id} className="card" aria-labelledby={`report-${r.id}`}>
              <div className="card-title-row">
                <h2 id={`report-${r.id}`}>
                  <a className="card-link" href={routeHref({ section: 'reports', param: r.id })}>
                    {r.title}
                  </a>
                </h2>
                <span className="badge">{REPORT_TEMPLATES.find((t) => t.id === r.template)?.name ?? r.template}</span>
              </div>
              {r.summary === '' ? null : <p>{r.summary}</p>}
              <p className="muted report-meta">
                {formatCount(r.sections.length, 'section')} · updated {formatDate(r.updatedAt)}
              </p>
            </article>
          ))}
        </div>
      )}
      {creating ? <NewReportDialog workspaceId={workspaceId} onClose={() => setCreating(false)} onCreated={(id) => navigate({ section: 'reports', param: id })} /> : null}
    </section>
  );
}

function NewReportDialog({ workspaceId, onClose, onCreated }: { workspaceId: string; onClose: () => void; onCreated: (id: string) => void }): React.JSX.Element {
  const data = useAnalysisData(workspaceId);
  const insights = useInsightRecords(workspaceId);
  const [template, setTemplate] = useState<TemplateId>('executive-summary');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const chosen = REPORT_TEMPLATES.find((t) => t.id === template);

  const create = async (): Promise<void> => {
    if (data === undefined || insights === undefined) return;
    try {
      const segment = segmentAttributes(data).find((a) => a === 'segment');
      const ctx = reportContext({ data, insights, ...(segment !== undefined ? { segmentAttribute: segment } : {}) });
      const fields = newReport(template, title.trim() === '' ? (chosen?.name ?? 'Report') : title.trim(), ctx);
      const report = await createReport(workspaceId, fields);
      onCreated(report.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Dialog
      title="New report"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={data === undefined || insights === undefined} onClick={() => void create()}>
            Create report
          </button>
        </>
      }
    >
      <fieldset className="template-picker">
        <legend>Template</legend>
        {REPORT_TEMPLATES.map((t) => (
          <label key={t.id} className={t.id === template ? 'template-option selected' : 'template-option'}>
            <input type="radio" name="template" value={t.id} checked={t.id === template} onChange={() => setTemplate(t.id)} />
            <span>
              <strong>{t.name}</strong>
              <span className="muted">{t.description}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="form-grid">
        <label htmlFor="new-report-title">Title</label>
        <input id="new-report-title" className="input" value={title} placeholder={chosen?.name} onChange={(e) => setTitle(e.target.value)} />
      </div>
      {error === null ? null : (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
