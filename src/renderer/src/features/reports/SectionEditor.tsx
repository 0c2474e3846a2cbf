/** One section of a report in the builder: its title, order, and what it shows (insights, charts, quotes). */
import { useState } from 'react';
import type { AnalysisData } from '../../../../core/analysis';
import type { Insight, ReportSection } from '../../../../core/model';
import { resolveEvidence } from '../insights/evidence';

export const SECTION_KINDS: readonly { kind: ReportSection['kind']; label: string }[] = [
  { kind: 'summary', label: 'Summary' },
  { kind: 'insights', label: 'Insights' },
  { kind: 'chart', label: 'Charts' },
  { kind: 'quotes', label: 'Quote set' },
  { kind: 'methodology', label: 'Methodology' },
  { kind: 'codebook', label: 'Appendix: codebook' },
];

/** Chart refs a section can hold (core/report/document.ts buildChart grammar). */
export function chartChoices(attributes: readonly string[], npsAttribute: string | undefined): { ref: string; label: string }[] {
  const out = [
    { ref: 'tag-frequency', label: 'Tag frequency' },
    { ref: 'tag-frequency?limit=10', label: 'Tag frequency (top 10)' },
    { ref: 'co-occurrence', label: 'Tags used together' },
    ...attributes.map((a) => ({ ref: `crosstab?attribute=${encodeURIComponent(a)}`, label: `Tags by ${a}` })),
    { ref: 'volume?bucket=week', label: 'Volume per week' },
    { ref: 'volume?bucket=month', label: 'Volume per month' },
  ];
  if (npsAttribute !== undefined) {
    const a = encodeURIComponent(npsAttribute);
    out.push({ ref: `nps-distribution?attribute=${a}`, label: 'NPS distribution' }, { ref: `nps-by-tag?attribute=${a}`, label: 'NPS by tag' });
  }
  return out;
}

export interface SectionEditorProps {
  section: ReportSection;
  index: number;
  count: number;
  data: AnalysisData;
  insights: readonly Insight[];
  charts: readonly { ref: string; label: string }[];
  onChange: (section: ReportSection) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

export function SectionEditor({ section, index, count, data, insights, charts, onChange, onMove, onRemove }: SectionEditorProps): React.JSX.Element {
  const [title, setTitle] = useState(section.title);
  const [adding, setAdding] = useState('');
  const kindLabel = SECTION_KINDS.find((k) => k.kind === section.kind)?.label ?? section.kind;
  const toggle = (id: string, on: boolean): void => onChange({ ...section, refIds: on ? [...section.refIds, id] : section.refIds.filter((r) => r !== id) });
  const name = `Section ${index + 1}`;

  return (
    <li className="section-editor" aria-label={`${name}: ${section.title}`}>
      <div className="section-editor-head">
        <span className="badge">{kindLabel}</span>
        <input
          className="input"
          aria-label={`${name} title`}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          onBlur={() => title !== section.title && onChange({ ...section, title })}
        />
        <button type="button" className="btn btn-ghost btn-sm" aria-label={`Move ${name} up`} disabled={index === 0} onClick={() => onMove(-1)}>
          ↑
        </button>
        <button type="button" className="btn btn-ghost btn-sm" aria-label={`Move ${name} down`} disabled={index === count - 1} onClick={() => onMove(1)}>
          ↓
        </button>
        <button type="button" className="btn btn-ghost btn-sm" aria-label={`Remove ${name}`} onClick={onRemove}>
          ✕
        </button>
      </div>
      {section.kind === 'insights' ? (
        <fieldset className="section-refs">
          <legend className="muted">{section.refIds.length === 0 ? 'All insights, most supported first' : `${section.refIds.length} chosen`}</legend>
          {insights.map((i) => (
            <label key={i.id} className="tag-option">
              <input type="checkbox" checked={section.refIds.includes(i.id)} onChange={(e) => toggle(i.id, e.target.checked)} />
              {i.title}
            </label>
          ))}
        </fieldset>
      ) : null}
      {section.kind === 'chart' ? (
        <div className="section-refs">
          <ul className="ref-list">
            {section.refIds.map((ref) => (
              <li key={ref}>
                {charts.find((c) => c.ref === ref)?.label ?? ref}
                <button type="button" className="btn btn-ghost btn-sm" aria-label={`Remove chart ${ref}`} onClick={() => toggle(ref, false)}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
          <select
            className="input input-sm"
            aria-label={`Add a chart to ${name}`}
            value={adding}
            onChange={(e) => {
              setAdding('');
              if (e.target.value !== '' && !section.refIds.includes(e.target.value)) toggle(e.target.value, true);
            }}
          >
            <option value="">Add a chart…</option>
            {charts.map((c) => (
              <option key={c.ref} value={c.ref}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {section.kind === 'quotes' ? <QuotePicker section={section} data={data} insights={insights} onToggle={toggle} /> : null}
    </li>
  );
}

function QuotePicker({ section, data, insights, onToggle }: { section: ReportSection; data: AnalysisData; insights: readonly Insight[]; onToggle: (id: string, on: boolean) => void }): React.JSX.Element {
  const seen = new Set<string>();
  const options = insights.flatMap((i) =>
    resolveEvidence(i, data).filter((e) => e.unit !== undefined && !seen.has(e.link.refId) && seen.add(e.link.refId)),
  );
  for (const id of section.refIds) {
    if (seen.has(id)) continue;
    const unit = data.units.get(id) ?? data.units.get(data.highlights.get(id)?.unitId ?? '');
    if (unit) options.push({ key: id, link: { kind: 'unit', refId: id }, unit, text: unit.text, attribution: '', sourceKind: undefined, interviewer: false });
  }
  return (
    <fieldset className="section-refs">
      <legend className="muted">{section.refIds.length} quotes · pick from insights’ evidence</legend>
      {options.length === 0 ? <span className="muted">No evidence yet.</span> : null}
      {options.map((e) => (
        <label key={e.key} className="quote-option">
          <input type="checkbox" checked={section.refIds.includes(e.link.refId)} onChange={(ev) => onToggle(e.link.refId, ev.target.checked)} />
          <span>{e.text.length > 140 ? `${e.text.slice(0, 140)}…` : e.text}</span>
        </label>
      ))}
    </fieldset>
  );
}
