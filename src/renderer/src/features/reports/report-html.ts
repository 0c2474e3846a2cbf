/**
 * Report rendering for the app: the core document and HTML/Markdown renderers with charts drawn by ECharts'
 * SSR SVG renderer, made inert for a strict CSP. The same HTML is previewed (sandboxed srcdoc iframe),
 * printed to PDF and exported, so what the user sees is what they ship.
 *
 * Why the SVG is rewritten: ECharts writes text styling as style="" attributes (blocked by the app CSP the
 * preview inherits). Style declarations become SVG presentation attributes, and the hover-only <style> blocks
 * are dropped.
 */
import type { AnalysisData } from '../../../../core/analysis';
import type { Insight, Report } from '../../../../core/model';
import { buildReportDocument, type Chart, type ReportContext, type ReportDocument, renderChartSvg, renderReportHtml, renderReportMarkdown } from '../../../../core/report';

/** CSS properties that SVG also accepts as presentation attributes (what ECharts puts in style=""). */
const PRESENTATION = new Set([
  'font-size',
  'font-family',
  'font-weight',
  'font-style',
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
  'pointer-events',
]);

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** style="a:b;c:d" → a="b" c="d" (presentation attributes only); <style> blocks removed. */
export function inertSvg(svg: string): string {
  return svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/\sstyle="([^"]*)"/g, (_m, decl: string) =>
      decl
        .split(';')
        .map((d) => {
          const i = d.indexOf(':');
          if (i < 0) return '';
          const prop = d.slice(0, i).trim().toLowerCase();
          const value = d.slice(i + 1).trim();
          return PRESENTATION.has(prop) && value !== '' ? ` ${prop}="${attr(value)}"` : '';
        })
        .join(''),
    );
}

export function reportChartSvg(chart: Chart, size: { width: number; height: number; idPrefix: string }): string {
  return inertSvg(renderChartSvg(chart.option, size));
}

export interface ReportInputs {
  data: AnalysisData;
  insights: readonly Insight[];
  segmentAttribute?: string;
  anonymize?: boolean;
}

export function reportContext(inputs: ReportInputs): ReportContext {
  return {
    data: inputs.data,
    insights: inputs.insights,
    ...(inputs.segmentAttribute !== undefined ? { segmentAttribute: inputs.segmentAttribute } : {}),
    anonymize: inputs.anonymize === true,
  };
}

export type ReportShape = Pick<Report, 'title' | 'template' | 'summary' | 'sections'>;

export function reportDocument(report: ReportShape, inputs: ReportInputs): ReportDocument {
  return buildReportDocument(report, reportContext(inputs));
}

export function reportHtml(report: ReportShape, inputs: ReportInputs): string {
  return renderReportHtml(reportDocument(report, inputs), { chartSvg: reportChartSvg });
}

export function reportMarkdown(report: ReportShape, inputs: ReportInputs): string {
  return renderReportMarkdown(reportDocument(report, inputs));
}

/** A file name from a title: letters, digits, spaces and dashes, at most 80 characters. */
export function fileBaseName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N} _-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .trim();
  return base === '' ? 'Report' : base;
}
