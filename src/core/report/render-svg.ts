/**
 * Server-side (string) rendering of a chart option to SVG with ECharts' SVG renderer in SSR mode: no DOM, no
 * canvas, works in node, workers and the renderer. Output is deterministic for the same option and size:
 * ECharts numbers its instances and CSS classes with process-wide counters, so those names are rewritten to
 * a caller-chosen prefix (distinct per chart, or two charts inlined in one HTML page would share classes).
 */
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartOption } from './charts';

echarts.use([BarChart, HeatmapChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export interface RenderSvgOptions {
  width: number;
  height: number;
  theme?: 'light' | 'dark';
  /** Prefix for the SVG's CSS class names; letters, digits and '-' (default "chart"). */
  idPrefix?: string;
  /** Font family for every label (default: the system UI stack the report CSS uses). */
  fontFamily?: string;
}

/**
 * Single quotes on purpose: ECharts copies the family into a double-quoted style="" attribute without escaping,
 * so "Segoe UI" in double quotes ended the attribute early and every label lost its font and size.
 */
export const CHART_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

export function renderChartSvg(option: ChartOption, options: RenderSvgOptions): string {
  const prefix = (options.idPrefix ?? 'chart').replace(/[^A-Za-z0-9-]/g, '-');
  const chart = echarts.init(null, options.theme === 'dark' ? 'dark' : null, { renderer: 'svg', ssr: true, width: options.width, height: options.height });
  try {
    chart.setOption({ ...option, animation: false, textStyle: { fontFamily: options.fontFamily ?? CHART_FONT } });
    const svg = chart.renderToSVGString();
    const classes = new Map<string, string>();
    return svg.replace(/zr\d+-cls-\d+/g, (name) => {
      let renamed = classes.get(name);
      if (renamed === undefined) {
        renamed = `${prefix}-c${classes.size}`;
        classes.set(name, renamed);
      }
      return renamed;
    });
  } finally {
    // A live instance keeps an animation timer: without dispose a CLI would never exit.
    chart.dispose();
  }
}
