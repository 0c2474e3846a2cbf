/**
 * The report builder: title, summary, template and sections on the left, a live preview of the exact HTML
 * that is exported on the right (a sandboxed srcdoc iframe: no scripts, opaque origin; the app CSP it
 * inherits allows the report's stylesheet by hash), and the export bar.
 */
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { type AnalysisData, npsAttributeOf } from '../../../../core/analysis';
import type { Insight, Report, ReportSection } from '../../../../core/model';
import { REPORT_TEMPLATES, type TemplateId, templateSections } from '../../../../core/report';
import { AlertDialog, ConfirmDialog } from '../../app/Dialog';
import { routeHref, type Route } from '../../app/routes';
import { useAnalysisData, useInsightRecords, useReport } from '../../db/hooks';
import { deleteReport, updateReport } from '../../db/workspace-data';
import type { Platform } from '../../platform';
import { segmentAttributes } from '../insights/evidence';
import { useReadOnly } from '../sharing/viewer-mode';
import { AnonymizePreview } from './AnonymizePreview';
import { EXPORT_FORMATS, type ExportFormat, exportReport, PDF_UNAVAILABLE } from './exports';
import { reportContext, reportHtml, type ReportInputs, type ReportShape } from './report-html';
import { chartChoices, SECTION_KINDS, SectionEditor } from './SectionEditor';

export interface ReportBuilderProps {
  workspaceId: string;
  reportId: string;
  platform: Platform;
  navigate: (route: Route) => void;
}

export function ReportBuilder({ workspaceId, reportId, platform, navigate }: ReportBuilderProps): React.JSX.Element {
  const report = useReport(workspaceId, reportId);
  const data = useAnalysisData(workspaceId);
  const insights = useInsightRecords(workspaceId);
  if (report === undefined || data === undefined || insights === undefined) return <p className="loading">Loading the report…</p>;
  if (report === null) {
    return (
      <section className="section" aria-labelledby="reports-title">
        <h1 id="reports-title">Report not found</h1>
        <a href={routeHref({ section: 'reports', param: null })}>All reports</a>
      </section>
    );
  }
  return <Builder key={report.id} workspaceId={workspaceId} report={report} data={data} insights={insights} platform={platform} navigate={navigate} />;
}

interface BuilderProps {
  workspaceId: string;
  report: Report;
  data: AnalysisData;
  insights: Insight[];
  platform: Platform;
  navigate: (route: Route) => void;
}

function isTemplate(id: string): id is TemplateId {
  return REPORT_TEMPLATES.some((t) => t.id === id);
}

function Builder({ workspaceId, report, data, insights, platform, navigate }: BuilderProps): React.JSX.Element {
  const { readOnly, reason } = useReadOnly();
  const [title, setTitle] = useState(report.title);
  const [summary, setSummary] = useState(report.summary);
  const [sections, setSections] = useState<ReportSection[]>(report.sections);
  const [template, setTemplate] = useState<string>(report.template);
  const [anonymize, setAnonymize] = useState(false);
  const [showRedactions, setShowRedactions] = useState(false);
  const [confirm, setConfirm] = useState<'template' | 'delete' | null>(null);
  const [message, setMessage] = useState<{ title: string; text: string } | null>(null);
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [newKind, setNewKind] = useState<ReportSection['kind']>('insights');
  const attributes = useMemo(() => segmentAttributes(data), [data]);
  const [segment, setSegment] = useState<string>(() => attributes.find((a) => a === 'segment') ?? '');
  const charts = useMemo(() => chartChoices(attributes, npsAttributeOf(data)), [attributes, data]);

  // Sections saved by another window or an undo arrive through the live query.
  useEffect(() => setSections(report.sections), [report.sections]);

  const draft: ReportShape = useMemo(() => ({ title, summary, sections, template }), [title, summary, sections, template]);
  const inputs: ReportInputs = useMemo(() => ({ data, insights, anonymize, ...(segment !== '' ? { segmentAttribute: segment } : {}) }), [data, insights, anonymize, segment]);
  const deferred = useDeferredValue(draft);
  const deferredInputs = useDeferredValue(inputs);
  const html = useMemo(() => {
    try {
      return reportHtml(deferred, deferredInputs);
    } catch (e) {
      return `<!doctype html><p>The preview could not be drawn: ${String(e instanceof Error ? e.message : e).replace(/[<&]/g, ' ')}</p>`;
    }
  }, [deferred, deferredInputs]);

  const save = (changes: Partial<ReportShape>): void => {
    if (readOnly) return;
    void updateReport(workspaceId, report.id, changes).catch((e: unknown) => setMessage({ title: 'The report could not be saved', text: e instanceof Error ? e.message : String(e) }));
  };
  const saveSections = (next: ReportSection[]): void => {
    setSections(next);
    save({ sections: next });
  };
  const applyTemplate = (): void => {
    if (!isTemplate(template)) return;
    const next = templateSections(template, reportContext(inputs));
    setSections(next);
    save({ template, sections: next });
    setConfirm(null);
  };
  const runExport = async (format: ExportFormat): Promise<void> => {
    setBusy(format);
    try {
      save({ title, summary });
      const saved = await exportReport(format, draft, inputs, platform);
      if (saved !== null && platform.kind === 'electron') setMessage({ title: 'Exported', text: `Saved ${saved.name}.` });
    } catch (e) {
      setMessage({ title: 'The export failed', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="section report-builder" aria-labelledby="report-builder-title">
      <a className="back-link" href={routeHref({ section: 'reports', param: null })}>
        ← All reports
      </a>
      <div className="section-header">
        <div>
          <h1 id="report-builder-title">{readOnly ? 'Report' : 'Edit report'}</h1>
          <p>{readOnly ? 'Reading mode: the preview is the exported document; the report cannot be changed.' : 'Changes are saved as you go; the preview is the exported document.'}</p>
        </div>
        {readOnly ? null : (
          <button type="button" className="btn btn-ghost" onClick={() => setConfirm('delete')}>
            Delete report
          </button>
        )}
      </div>
      <div className="builder-layout">
        <div className="builder-form">
          {/* Reading mode: every editing control is disabled at once; export stays below. */}
          <fieldset className="builder-fields" disabled={readOnly} title={reason}>
            <div className="form-grid">
              <label htmlFor="report-title">Title</label>
              <input id="report-title" className="input" value={title} onChange={(e) => setTitle(e.target.value)} onBlur={() => title !== report.title && save({ title })} />
              <label htmlFor="report-template">Template</label>
              <div className="inline-field">
                <select id="report-template" className="input" value={isTemplate(template) ? template : ''} onChange={(e) => setTemplate(e.target.value)}>
                  {isTemplate(template) ? null : <option value="">{template} (custom)</option>}
                  {REPORT_TEMPLATES.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
                <button type="button" className="btn btn-sm" disabled={!isTemplate(template)} onClick={() => setConfirm('template')}>
                  Apply template
                </button>
              </div>
              <label htmlFor="report-summary">Summary</label>
              <textarea id="report-summary" className="input textarea" rows={4} value={summary} onChange={(e) => setSummary(e.target.value)} onBlur={() => summary !== report.summary && save({ summary })} />
              {attributes.length === 0 ? null : (
                <>
                  <label htmlFor="report-segment">Break down by</label>
                  <select id="report-segment" className="input" value={segment} onChange={(e) => setSegment(e.target.value)}>
                    <option value="">(nothing)</option>
                    {attributes.map((a) => (
                      <option key={a} value={a}>
                        {a}
                      </option>
                    ))}
                  </select>
                </>
              )}
            </div>
            <h2 className="builder-subhead">Sections</h2>
            <ol className="section-list" aria-label="Report sections">
              {sections.map((s, i) => (
                <SectionEditor
                  key={`${i}-${s.kind}-${s.title}`}
                  section={s}
                  index={i}
                  count={sections.length}
                  data={data}
                  insights={insights}
                  charts={charts}
                  onChange={(next) => saveSections(sections.map((x, j) => (j === i ? next : x)))}
                  onMove={(d) => {
                    const next = [...sections];
                    const [moved] = next.splice(i, 1);
                    if (moved) next.splice(i + d, 0, moved);
                    saveSections(next);
                  }}
                  onRemove={() => saveSections(sections.filter((_, j) => j !== i))}
                />
              ))}
            </ol>
            <div className="inline-field">
              <select className="input input-sm" aria-label="Kind of section to add" value={newKind} onChange={(e) => setNewKind(SECTION_KINDS.find((k) => k.kind === e.target.value)?.kind ?? 'insights')}>
                {SECTION_KINDS.map((k) => (
                  <option key={k.kind} value={k.kind}>
                    {k.label}
                  </option>
                ))}
              </select>
              <button type="button" className="btn btn-sm" onClick={() => saveSections([...sections, { kind: newKind, title: SECTION_KINDS.find((k) => k.kind === newKind)?.label ?? newKind, refIds: newKind === 'chart' ? ['tag-frequency'] : [] }])}>
                Add section
              </button>
            </div>
          </fieldset>

          <h2 className="builder-subhead">Export</h2>
          <div className="export-bar" role="group" aria-label="Export">
            <label className="tag-option">
              <input type="checkbox" checked={anonymize} onChange={(e) => setAnonymize(e.target.checked)} />
              Anonymize
            </label>
            <button type="button" className="btn btn-sm btn-ghost" onClick={() => setShowRedactions(true)}>
              Preview redactions…
            </button>
          </div>
          <div className="export-bar">
            {EXPORT_FORMATS.map((f) => (
              <button key={f.id} type="button" className="btn btn-sm" disabled={busy !== null || (f.id === 'pdf' && platform.renderPdf === undefined)} onClick={() => void runExport(f.id)}>
                {busy === f.id ? 'Exporting…' : `Export ${f.label}`}
              </button>
            ))}
          </div>
          {platform.renderPdf === undefined ? <p className="muted export-note">{PDF_UNAVAILABLE}</p> : null}
        </div>
        <div className="preview-pane">
          <iframe className="report-preview" title="Report preview" sandbox="" srcDoc={html} />
        </div>
      </div>

      {showRedactions ? <AnonymizePreview report={draft} inputs={inputs} onClose={() => setShowRedactions(false)} /> : null}
      {confirm === 'template' ? (
        <ConfirmDialog title="Replace the sections?" confirmLabel="Apply template" onCancel={() => setConfirm(null)} onConfirm={applyTemplate}>
          <p>The sections are replaced by the template’s. The title and summary stay.</p>
        </ConfirmDialog>
      ) : null}
      {confirm === 'delete' ? (
        <ConfirmDialog
          title="Delete this report?"
          confirmLabel="Delete"
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={() => void deleteReport(workspaceId, report.id).then(() => navigate({ section: 'reports', param: null }))}
        >
          <p>“{report.title}” will be removed. Insights and charts stay.</p>
        </ConfirmDialog>
      ) : null}
      {message === null ? null : <AlertDialog title={message.title} message={message.text} onClose={() => setMessage(null)} />}
    </section>
  );
}
