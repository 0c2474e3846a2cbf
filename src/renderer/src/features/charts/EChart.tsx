/**
 * One live ECharts chart from a core Chart (the option builders the reports use). Canvas renderer: the SVG
 * renderer writes style attributes, which the app's CSP (style-src 'self') blocks; tooltips render as rich
 * text for the same reason. A click on an item reports the units behind it (unitIdsAt).
 * Only the charts and components core/report/charts.ts produces are registered, from 'echarts/core'.
 */
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { type Chart, headerExtra, unitIdsAt } from '../../../../core/report';

echarts.use([BarChart, HeatmapChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'DejaVu Sans', sans-serif";

export interface ChartClick {
  seriesIndex: number;
  dataIndex: number;
  /** The category or series the item belongs to, for a heading. */
  label: string;
  unitIds: string[];
}

function useDarkMode(): boolean {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (query === null) return;
    const on = (): void => setDark(query.matches);
    query.addEventListener('change', on);
    return () => query.removeEventListener('change', on);
  }, [query]);
  return dark;
}

function clickLabel(params: unknown): string {
  if (typeof params !== 'object' || params === null) return '';
  const name: unknown = Reflect.get(params, 'name');
  const series: unknown = Reflect.get(params, 'seriesName');
  const parts = [name, series].filter((x): x is string => typeof x === 'string' && x !== '');
  return parts.join(' · ');
}

export function EChart({ chart, height, onItemClick }: { chart: Chart; height: number; onItemClick?: (click: ChartClick) => void }): React.JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const dark = useDarkMode();
  const onClickRef = useRef(onItemClick);
  useEffect(() => {
    onClickRef.current = onItemClick;
  }, [onItemClick]);

  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const instance = echarts.init(el, dark ? 'dark' : null, { renderer: 'canvas' });
    const tooltip = chart.option.tooltip;
    instance.setOption({
      ...chart.option,
      backgroundColor: 'transparent',
      textStyle: { fontFamily: FONT },
      tooltip: { ...(Array.isArray(tooltip) ? {} : tooltip), renderMode: 'richText' },
    });
    instance.on('click', (params) => {
      const unitIds = unitIdsAt(chart.option, params.seriesIndex ?? 0, params.dataIndex);
      if (unitIds.length > 0) onClickRef.current?.({ seriesIndex: params.seriesIndex ?? 0, dataIndex: params.dataIndex, label: clickLabel(params), unitIds });
    });
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, [chart, dark]);

  return (
    <figure className="chart-figure">
      <div ref={ref} className="chart-canvas" style={{ height }} role="img" aria-label={`${chart.title}. ${chart.subtitle}`} data-chart-kind={chart.kind} />
      <details className="chart-data">
        <summary>Show the numbers</summary>
        <table className="table compact">
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
                  <td key={j} className={typeof cell === 'number' ? 'num' : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** Heights that fit the content: one row per bar on horizontal charts, plus a wrapped title's lines (as the report's SVGs). */
export function chartHeight(chart: Chart): number {
  const yAxis = chart.option.yAxis;
  const cats = !Array.isArray(yAxis) && yAxis !== undefined && 'data' in yAxis && Array.isArray(yAxis.data) ? yAxis.data.length : 0;
  const extra = headerExtra(chart);
  if (chart.kind === 'co-occurrence') return Math.max(340, 150 + cats * 34) + extra;
  if (cats > 0) return Math.max(240, 110 + cats * 30) + extra;
  return 360 + extra;
}
