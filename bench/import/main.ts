/// <reference lib="dom" />
/**
 * The benchmark page. The driver (bench/import.ts) calls window.loupeBench: load the generated CSV once,
 * then run each phase while this thread only renders progress, as the app's UI would.
 */
import { createWorkspace } from '../../src/renderer/src/db/workspaces';
import { countAnswers, getUnits, listQuestions, listSourceUnits } from '../../src/renderer/src/db/workspace-data';
import { createImportWorker } from '../../src/renderer/src/workers/import-client';
import type { BaselineRequest, BaselineResult, BenchApi, PhaseResult } from './protocol';

declare global {
  interface Window {
    loupeBench: BenchApi;
  }
}

const status = document.getElementById('status')!;
let file: File | undefined;

let longest = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
}).observe({ type: 'longtask', buffered: false });

/** Watches the main thread: the longest gap between 10 ms ticks while `during` runs. */
async function watched<T extends BaselineResult>(during: () => Promise<T>): Promise<PhaseResult & T> {
  longest = 0;
  let stall = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const t = performance.now();
    stall = Math.max(stall, t - last - 10);
    last = t;
  }, 10);
  try {
    const result = await during();
    return { ...result, longestTaskMs: longest, longestStallMs: Math.max(0, stall) };
  } finally {
    clearInterval(timer);
  }
}

function need(): File {
  if (file === undefined) throw new Error('load() first');
  return file;
}

window.loupeBench = {
  async load(url) {
    const blob = await (await fetch(url)).blob();
    file = new File([blob], 'survey-export.csv', { type: 'text/csv', lastModified: Date.now() });
    status.textContent = `Loaded ${file.size} bytes`;
    return { bytes: file.size };
  },

  baseline(mode) {
    return watched(
      () =>
        new Promise<BaselineResult>((resolve, reject) => {
          const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
          worker.onmessage = (e: MessageEvent<BaselineResult | { error: string }>) => {
            worker.terminate();
            if ('error' in e.data) reject(new Error(e.data.error));
            else resolve(e.data);
          };
          status.textContent = `Running ${mode}…`;
          worker.postMessage({ file: need(), mode } satisfies BaselineRequest);
        }),
    );
  },

  async loupe() {
    const ws = await createWorkspace('Benchmark');
    const client = createImportWorker();
    try {
      const result = await watched(async () => {
        const started = performance.now();
        const outcome = await client.run('bench', { workspaceId: ws.id, file: need() }, (p) => {
          status.textContent = `${p.stage}: ${p.rowsRead.toLocaleString()} rows, ${p.unitsWritten.toLocaleString()} answers, ${p.rowsPerSecond.toLocaleString()} rows/s`;
        });
        if (outcome.status !== 'imported' || outcome.sourceId === undefined) throw new Error(`import ended ${outcome.status}`);
        return { ms: performance.now() - started, rows: outcome.rowsRead, answers: outcome.units, sourceId: outcome.sourceId };
      });
      // Reads the sections do after an import, on the stored layout.
      const sourceId = result.sourceId;
      let t = performance.now();
      const deep = await listSourceUnits(ws.id, sourceId, { offset: Math.floor(result.answers / 2), limit: 100 });
      const offsetMs = performance.now() - t;
      const questions = (await listQuestions(ws.id, sourceId)).filter((q) => q.type === 'open');
      t = performance.now();
      const total = await countAnswers(ws.id, questions[0]?.id ?? '');
      const countMs = performance.now() - t;
      const ids = Array.from({ length: 100 }, (_, i) => `${sourceId}:${Math.floor(((i * 7919) % 100) / 100 * result.rows) * 9 + 4}`);
      t = performance.now();
      const found = await getUnits(ws.id, ids);
      const getMs = performance.now() - t;
      // A role changed after import (Sources › Question roles): the plan attribute read as open text, and back.
      const plan = (await listQuestions(ws.id, sourceId)).find((q) => q.label === 'Plan');
      if (plan === undefined) throw new Error('no Plan question');
      const change = async (type: 'open' | 'attribute'): Promise<{ ms: number; units: number }> => {
        const started = performance.now();
        const out = await client.changeRoles(`bench-${type}`, { workspaceId: ws.id, sourceId, changes: [{ questionId: plan.id, type }] }, undefined, (p) => {
          status.textContent = `Changing the role of Plan: ${p.done.toLocaleString()} of ${p.total.toLocaleString()} respondents`;
        });
        if (out.result === undefined) throw new Error(`role change ended ${out.status}`);
        return { ms: performance.now() - started, units: out.result.unitsAdded + out.result.unitsRemoved };
      };
      const toOpen = await change('open');
      const back = await change('attribute');
      status.textContent = 'Done';
      const { sourceId: _s, ...rest } = result;
      return {
        ...rest,
        extra: {
          offsetPageMs: offsetMs,
          offsetPageItems: deep.items.length,
          countAnswersMs: countMs,
          countAnswers: total,
          getUnits100Ms: getMs,
          getUnitsFound: found.size,
          roleToOpenMs: Math.round(toOpen.ms),
          roleToOpenAnswersAdded: toOpen.units,
          roleBackMs: Math.round(back.ms),
          roleBackAnswersRemoved: back.units,
        },
      };
    } finally {
      client.dispose();
    }
  },
};
status.textContent = 'Ready';
