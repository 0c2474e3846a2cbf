/**
 * Charts: the workspace's numbers as the reports draw them (same core builders), live as coding changes.
 * Clicking a bar lists the responses behind it, with a link that opens them in Responses.
 */
import { useMemo, useState } from 'react';
import { type AnalysisData, hasSentiment, npsAttributeOf, SENTIMENT_SEGMENT, tagFrequency } from '../../../../core/analysis';
import { buildChart, type Chart, tagFrequencyChart } from '../../../../core/report';
import type { Route } from '../../app/routes';
import { useAnalysisData } from '../../db/hooks';
import { segmentAttributes } from '../insights/evidence';
import { responsesRoute, type ResponsesFilter } from '../insights/navigation';
import { DrillPanel } from './DrillPanel';
import { drillFilter } from './drill';
import { type ChartClick, chartHeight, EChart } from './EChart';
import '../insights/insights.css';
import './charts.css';

export interface Drill {
  filter: ResponsesFilter;
  label: string;
}

export function ChartsView({ workspaceId, navigate }: { workspaceId: string; navigate: (route: Route) => void }): React.JSX.Element {
  const data = useAnalysisData(workspaceId);
  if (data === undefined) return <p className="loading">Loading charts…</p>;
  return <Charts data={data} navigate={navigate} />;
}

function Charts({ data, navigate }: { data: AnalysisData; navigate: (route: Route) => void }): React.JSX.Element {
  const questions = useMemo(() => [...data.questions.values()].filter((q) => q.type === 'open').sort((a, b) => a.order - b.order), [data]);
  // Participant attributes, then sentiment (a property of each response) when the responses are scored.
  const attributes = useMemo(() => [...segmentAttributes(data), ...(hasSentiment(data) ? [SENTIMENT_SEGMENT] : [])], [data]);
  const nps = useMemo(() => npsAttributeOf(data), [data]);
  const [questionId, setQuestionId] = useState('');
  const [measure, setMeasure] = useState<'units' | 'participants'>('units');
  const [chosenAttribute, setAttribute] = useState<string | null>(null);
  const [bucket, setBucket] = useState<'day' | 'week' | 'month'>('week');
  const [drill, setDrill] = useState<Drill | null>(null);
  const attribute = chosenAttribute ?? attributes.find((a) => a === 'segment') ?? attributes[0];

  const charts = useMemo(() => {
    const ctx = { data, insights: [], ...(attribute !== undefined ? { segmentAttribute: attribute } : {}) };
    const q: Record<string, string> = questionId === '' ? {} : { question: questionId };
    const ref = (kind: string, params: Record<string, string> = {}): string => {
      const query = new URLSearchParams({ ...params, ...q }).toString();
      return query === '' ? kind : `${kind}?${query}`;
    };
    const freqRows = tagFrequency(data, questionId === '' ? {} : { questionId }).filter((r) => r.units > 0);
    const frequency = freqRows.length === 0 ? undefined : tagFrequencyChart(measure === 'participants' ? [...freqRows].sort((a, b) => b.participants - a.participants) : freqRows, { measure });
    return {
      frequency,
      coOccurrence: buildChart(ref('co-occurrence'), ctx),
      crosstab: attribute === undefined ? undefined : buildChart(ref('crosstab', { attribute }), ctx),
      npsDistribution: nps === undefined ? undefined : buildChart(ref('nps-distribution', { attribute: nps }), ctx),
      npsByTag: nps === undefined ? undefined : buildChart(ref('nps-by-tag', { attribute: nps }), ctx),
      volume: buildChart(ref('volume', { bucket }), ctx),
      sentiment: buildChart(ref('sentiment'), ctx),
    };
  }, [data, questionId, measure, attribute, nps, bucket]);

  const onClick = (chart: Chart) => (click: ChartClick) => {
    const filter = drillFilter(chart, click, { ...(attribute !== undefined ? { attribute } : {}), ...(questionId !== '' ? { questionId } : {}) });
    setDrill({ filter, label: click.label === '' ? chart.title : `${chart.title}: ${click.label}` });
  };

  const card = (title: string, chart: Chart | undefined, empty: string, extra?: React.ReactNode) => (
    <section className="card chart-card" aria-label={title}>
      {extra}
      {chart === undefined ? <p className="muted chart-empty">{empty}</p> : <EChart chart={chart} height={chartHeight(chart)} onItemClick={onClick(chart)} />}
    </section>
  );

  return (
    <section className="section charts-page" aria-labelledby="charts-title">
      <div className="section-header">
        <div>
          <h1 id="charts-title">Charts</h1>
          <p>How often tags come up, together and by group. Click a bar to see the responses behind it.</p>
        </div>
      </div>
      <div className="filters" aria-label="Chart options" role="group">
        <label className="inline-field">
          <span className="muted">Responses</span>
          <select className="input" value={questionId} onChange={(e) => setQuestionId(e.target.value)} aria-label="Which responses">
            <option value="">All sources</option>
            {questions.map((q) => (
              <option key={q.id} value={q.id}>
                Answers to {q.label}
              </option>
            ))}
          </select>
        </label>
        {attributes.length === 0 ? null : (
          <label className="inline-field">
            <span className="muted">Group by</span>
            <select className="input" value={attribute} onChange={(e) => setAttribute(e.target.value)} aria-label="Group by">
              {attributes.map((a) => (
                <option key={a} value={a}>
                  {a === SENTIMENT_SEGMENT ? 'Sentiment' : a}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="charts-layout">
        <div className="chart-grid">
          {card(
            'Tag frequency',
            charts.frequency,
            'No coded responses yet: tag some responses and they are counted here.',
            <div className="segmented" role="radiogroup" aria-label="Count">
              {(['units', 'participants'] as const).map((m) => (
                <label key={m} className={measure === m ? 'segmented-on' : undefined}>
                  <input type="radio" name="measure" value={m} checked={measure === m} onChange={() => setMeasure(m)} />
                  {m === 'units' ? 'Responses' : 'Participants'}
                </label>
              ))}
            </div>,
          )}
          {card('Tags used together', charts.coOccurrence, 'Needs at least two tags in use.')}
          {card('Tags by group', charts.crosstab, attributes.length === 0 ? 'No participant attributes to group by.' : 'No coded responses in any group.')}
          {charts.crosstab === undefined ? null : <CrosstabTable chart={charts.crosstab} />}
          {card('NPS distribution', charts.npsDistribution, 'No NPS question in this workspace.')}
          {card('NPS by tag', charts.npsByTag, 'No NPS scores for tagged participants.')}
          {card(
            'Volume over time',
            charts.volume,
            'No dated responses: sources or participants need a date.',
            <label className="inline-field chart-option">
              <span className="muted">Per</span>
              <select className="input input-sm" value={bucket} onChange={(e) => setBucket(e.target.value === 'day' ? 'day' : e.target.value === 'month' ? 'month' : 'week')} aria-label="Volume per">
                <option value="day">day</option>
                <option value="week">week</option>
                <option value="month">month</option>
              </select>
            </label>,
          )}
          {card('Sentiment by tag', charts.sentiment, hasSentiment(data) ? 'No tagged responses yet: tag some and their sentiment is shown here.' : 'No responses to score yet.')}
        </div>
        {drill === null ? null : <DrillPanel data={data} drill={drill} onClose={() => setDrill(null)} onOpen={() => navigate(responsesRoute(drill.filter))} />}
      </div>
    </section>
  );
}

/** The crosstab's counts and column percentages with the per-tag test, as a table beside the chart. */
function CrosstabTable({ chart }: { chart: Chart }): React.JSX.Element {
  return (
    <section className="card chart-card crosstab-card" aria-label="Crosstab table">
      <h2 className="chart-card-title">{chart.title}: counts and column %</h2>
      <p className="muted">{chart.subtitle}</p>
      <div className="table-wrap">
        <table className="table compact" aria-label="Crosstab">
          <thead>
            <tr>
              {chart.table.headers.map((h, j) => (
                <th key={j} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {chart.table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
