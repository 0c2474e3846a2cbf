/// <reference lib="dom" />
/**
 * The coding benchmark page. The driver (bench/coding.ts) calls window.codingBench: setup() imports a generated
 * survey through the real import worker (so the block layout is real), run() mounts the real Responses grid
 * with the coding service and the unit-index worker and times what a user would do, through DOM events.
 */
import { createRoot } from 'react-dom/client';
import { generateSurveyCsv } from '../gen-survey';
import { nowIso } from '../../src/core/ids';
import { workspaceDb } from '../../src/renderer/src/db/connections';
import { createWorkspace } from '../../src/renderer/src/db/workspaces';
import { CodingProvider } from '../../src/renderer/src/features/coding/CodingProvider';
import { ROW_HEIGHT } from '../../src/renderer/src/features/responses/ResponsesGrid';
import { ResponsesView } from '../../src/renderer/src/features/responses/ResponsesView';
import { scrollScale, scrollTopForRow } from '../../src/renderer/src/features/responses/scroll-scale';
import { SearchBox } from '../../src/renderer/src/features/search/SearchBox';
import { SearchIndexProvider } from '../../src/renderer/src/features/search/SearchIndexProvider';
import { createBrowserPlatform } from '../../src/renderer/src/platform/browser';
import { createImportWorker } from '../../src/renderer/src/workers/import-client';
import type { CodingBenchApi, Figure } from './protocol';

declare global {
  interface Window {
    codingBench: CodingBenchApi;
  }
}

const status = document.getElementById('status')!;
const TAG_ID = 'bench-tag';
/** Rows bulk-tagged: 100,000, or half the answers of a smaller run. */
let BULK = 100_000;
let workspaceId = '';
let answers = 0;

let longest = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
}).observe({ type: 'longtask', buffered: false });

/** Resolves when `test` holds, checked every frame (a frame's granularity is the measurement's). */
function until<T>(test: () => T | null | undefined | false, timeoutMs = 120_000): Promise<T> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      const v = test();
      if (v !== null && v !== undefined && v !== false) return resolve(v);
      if (performance.now() - started > timeoutMs) return reject(new Error(`Timed out waiting (${test.toString().slice(0, 120)}); panel: ${q('.search-panel')?.textContent?.slice(0, 200) ?? 'none'}; status: ${gridStatus()}`));
      requestAnimationFrame(tick);
    };
    tick();
  });
}

function q<T extends Element = HTMLElement>(selector: string): T | null {
  return document.querySelector<T>(selector);
}
const gridStatus = (): string => q('.grid-status .num')?.textContent ?? '';
const undoButton = (): HTMLButtonElement | null => button(new RegExp(`^Undo Tag ${BULK.toLocaleString('en-US')} responses as Bench$`));
const answersShown = (n: number): string => `${n.toLocaleString('en-US')} answers`;

function click(el: Element, init: MouseEventInit = {}): void {
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init }));
}
function setValue(el: HTMLInputElement | HTMLSelectElement, value: string): void {
  const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}
function button(name: RegExp): HTMLButtonElement | null {
  return [...document.querySelectorAll('button')].find((b) => name.test(b.textContent ?? '')) ?? null;
}
function rowAt(pos: number): HTMLElement | null {
  return q(`.grid-row[aria-rowindex="${pos + 2}"]`);
}
function visibleRowsHaveText(): boolean {
  const rows = [...document.querySelectorAll('.grid-row')];
  return rows.length > 5 && rows.every((r) => (r.querySelector('.col-answer')?.textContent ?? '') !== '' || r.querySelector('.skeleton') === null);
}

async function frames(n: number, step: (i: number) => void): Promise<number[]> {
  const deltas: number[] = [];
  let last = 0;
  await new Promise<void>((resolve) => {
    let i = 0;
    const tick = (t: number): void => {
      if (last > 0) deltas.push(t - last);
      last = t;
      if (i >= n) return resolve();
      step(i++);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return deltas;
}
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? 0;

window.codingBench = {
  async setup(respondents) {
    const ws = await createWorkspace('Coding benchmark');
    workspaceId = ws.id;
    status.textContent = 'Generating…';
    const csv = generateSurveyCsv({ respondents });
    const file = new File([csv], 'survey.csv', { type: 'text/csv' });
    const client = createImportWorker();
    const started = performance.now();
    try {
      const outcome = await client.run('bench', { workspaceId, file }, (p) => {
        status.textContent = `${p.stage}: ${p.unitsWritten.toLocaleString()} answers`;
      });
      if (outcome.status !== 'imported') throw new Error(`import ended ${outcome.status}`);
      answers = outcome.units;
      BULK = Math.min(100_000, Math.floor(answers / 2));
    } finally {
      client.dispose();
    }
    const now = nowIso();
    await workspaceDb(workspaceId).tags.add({ id: TAG_ID, name: 'Bench', color: '#5753d6', order: 0, createdAt: now, updatedAt: now });
    status.textContent = 'Imported';
    return { answers, importMs: performance.now() - started };
  },

  async run() {
    const figures: Figure[] = [];
    const platform = createBrowserPlatform();
    const root = createRoot(document.getElementById('app')!);
    // 1. First render: mount → the first screen of rows with their text (offset pages, before the index).
    let t = performance.now();
    root.render(
      <CodingProvider workspaceId={workspaceId} platform={platform}>
        <SearchIndexProvider workspaceId={workspaceId}>
          <SearchBox workspaceId={workspaceId} navigate={() => undefined} />
          <ResponsesView workspaceId={workspaceId} initialQuestion="all" />
        </SearchIndexProvider>
      </CodingProvider>,
    );
    await until(() => gridStatus().startsWith(answersShown(answers)) && rowAt(0)?.querySelector('.col-answer')?.textContent);
    figures.push({ name: `grid first render (${answers.toLocaleString('en-US')} rows)`, ms: performance.now() - t, target: 500 });
    // 2. The index builds in the worker meanwhile.
    await until(() => q('.grid-status .indexing') === null && !(q<HTMLSelectElement>('select[aria-label="Filter by tag"]')?.disabled ?? true), 600_000);
    figures.push({ name: 'unit index built in the worker (background, from mount)', ms: performance.now() - t, target: null });

    {
      let mutations = 0;
      const seen: string[] = [];
      const mo = new MutationObserver((m) => {
        mutations += m.length;
        for (const r of m) if (seen.length < 12) seen.push(`${r.type} ${r.attributeName ?? ''} ${r.target instanceof Element ? r.target.className : r.target.parentElement?.className} ${r.type === 'characterData' ? r.target.textContent : ''}`);
      });
      mo.observe(document.getElementById('app')!, { subtree: true, childList: true, attributes: true, characterData: true });
      await new Promise((r) => setTimeout(r, 1000));
      mo.disconnect();
      console.log(`idle DOM mutations in 1 s: ${mutations}\n${seen.join('\n')}`);
    }
    // 3. Scrolling: rAF deltas while the scroll position moves every frame.
    const grid = q('.grid-scroll')!;
    const scale = scrollScale(answers, ROW_HEIGHT, grid.clientHeight - 34);
    {
      // The floor: main-thread CPU per frame of the page sitting still (rAF loop, timers, the worker's messages).
      const cpuBefore = (await window.benchMainThreadCpuMs?.()) ?? 0;
      const deltas = await frames(120, () => undefined);
      const cpu = ((await window.benchMainThreadCpuMs?.()) ?? 0) - cpuBefore;
      figures.push({ name: 'no scrolling (reference): main-thread CPU per frame', ms: cpu / deltas.length, target: null });
    }
    for (const [label, px] of [['scroll, steady (1,000 px/frame)', 1000], ['scroll, fling (20,000 px/frame)', 20_000]] as const) {
      grid.scrollTop = 0;
      await frames(3, () => undefined);
      longest = 0;
      const cpuBefore = (await window.benchMainThreadCpuMs?.()) ?? 0;
      const metricsBefore = (await window.benchPerfMetrics?.()) ?? {};
      const deltas = await frames(240, (i) => {
        grid.scrollTop = (i * px) % Math.max(1, scale.scrollHeight - 800);
      });
      const cpu = ((await window.benchMainThreadCpuMs?.()) ?? 0) - cpuBefore;
      const metricsAfter = (await window.benchPerfMetrics?.()) ?? {};
      const per = (k: string): string => ((1000 * ((metricsAfter[k] ?? 0) - (metricsBefore[k] ?? 0))) / deltas.length).toFixed(1);
      console.log(`${label} per frame: task ${per('TaskDuration')} script ${per('ScriptDuration')} style ${per('RecalcStyleDuration')} layout ${per('LayoutDuration')} ms; layouts ${per('LayoutCount')}/1000, styles ${per('RecalcStyleCount')}/1000`);
      figures.push({ name: `${label}: p95 frame time`, ms: p95(deltas), target: 16.7, note: `max ${Math.max(...deltas).toFixed(1)} ms, longest task ${longest.toFixed(0)} ms` });
      figures.push({ name: `${label}: main-thread CPU per frame`, ms: cpu / deltas.length, target: null, note: `${cpu.toFixed(0)} ms CPU over ${deltas.length} frames (not inflated by other jobs' load)` });
    }
    await until(() => visibleRowsHaveText());

    // 4. Bulk tag: click row 0, Shift+click row 99,999, Tag 100,000… → Bench.
    grid.scrollTop = 0;
    click(await until(() => rowAt(0)));
    grid.scrollTop = scrollTopForRow(BULK - 1, 0, scale);
    click(await until(() => rowAt(BULK - 1)), { shiftKey: true });
    await until(() => gridStatus().includes(`${BULK.toLocaleString('en-US')} selected`));
    click(await until(() => button(new RegExp(`^Tag ${BULK.toLocaleString('en-US')}…$`))));
    const input = await until(() => q<HTMLInputElement>('input[aria-label="Tag selected answers"]'));
    setValue(input, 'Bench');
    await until(() => document.querySelector('[role="option"]')?.textContent?.includes('Bench'));
    longest = 0;
    t = performance.now();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await until(() => rowAt(BULK - 1)?.querySelector('.chip')?.textContent === 'Bench');
    figures.push({ name: `bulk tag ${BULK.toLocaleString('en-US')} rows: chips on screen`, ms: performance.now() - t, target: 2000, note: `longest task ${longest.toFixed(0)} ms` });
    await until(() => undoButton());
    figures.push({ name: `bulk tag ${BULK.toLocaleString('en-US')} rows: written to IndexedDB (one undo step)`, ms: performance.now() - t, target: null });

    // 5. Filter by tag.
    const tagSelect = q<HTMLSelectElement>('select[aria-label="Filter by tag"]')!;
    longest = 0;
    t = performance.now();
    setValue(tagSelect, `tag:${TAG_ID}`);
    await until(() => gridStatus().startsWith(answersShown(BULK)) && rowAt(0)?.querySelector('.chip'));
    figures.push({ name: `filter by tag (${BULK.toLocaleString('en-US')} of all rows)`, ms: performance.now() - t, target: 250, note: `longest task ${longest.toFixed(0)} ms` });
    t = performance.now();
    setValue(tagSelect, 'untagged');
    await until(() => gridStatus().startsWith(answersShown(answers - BULK)));
    figures.push({ name: 'filter: untagged', ms: performance.now() - t, target: 250 });
    setValue(tagSelect, 'any');
    await until(() => gridStatus().startsWith(answersShown(answers)));

    // 6. Full-text search: the top bar's box (worker query + results list), and the grid's word filter.
    const box = q<HTMLInputElement>('input[aria-label="Search all sources"]')!;
    for (const query of ['slow', 'dark mode', '"smart" tagging export']) {
      box.focus();
      t = performance.now();
      setValue(box, query);
      const summary = await until(() => {
        const s = q('.search-summary')?.textContent ?? '';
        return /match/.test(s) && q('.search-result') !== null ? s : null;
      });
      figures.push({ name: `search "${query}"`, ms: performance.now() - t, target: 100, note: summary });
      setValue(box, '');
      await until(() => q('.search-panel') === null);
    }
    const words = q<HTMLInputElement>('input[aria-label="Filter answers by words"]')!;
    t = performance.now();
    setValue(words, 'excel slow');
    await until(() => !gridStatus().startsWith(answersShown(answers)) && /answers/.test(gridStatus()));
    figures.push({ name: 'grid filter by words "excel slow"', ms: performance.now() - t, target: 250, note: gridStatus() });
    setValue(words, '');
    await until(() => gridStatus().startsWith(answersShown(answers)));

    // 7. Undo the bulk tag.
    grid.scrollTop = scrollTopForRow(BULK - 1, 0, scale);
    await until(() => rowAt(BULK - 1)?.querySelector('.chip'));
    longest = 0;
    t = performance.now();
    click(undoButton()!);
    await until(() => rowAt(BULK - 1) !== null && rowAt(BULK - 1)?.querySelector('.chip') === null);
    figures.push({ name: `undo the ${BULK.toLocaleString('en-US')}-row bulk tag: chips gone`, ms: performance.now() - t, target: 2000, note: `longest task ${longest.toFixed(0)} ms` });
    const db = workspaceDb(workspaceId);
    for (;;) {
      if ((await db.taggings.count()) + (await db.taggingBlocks.count()) === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    figures.push({ name: 'undo: deletions written to IndexedDB', ms: performance.now() - t, target: null });
    root.unmount();
    return figures;
  },
};
status.textContent = 'Ready';
