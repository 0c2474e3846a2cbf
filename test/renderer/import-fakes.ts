// A scriptable ImportWorkerApi for the import UI tests: previews come from the test, each run() waits until the
// test resolves, fails or cancels it, and every call is recorded.
import type { QuestionRole, SurveyLayout } from '../../src/core/import';
import type { ImportOutcome, ImportPlan, ImportPreview, ImportProgress, ImportWorkerApi, PreviewRequest } from '../../src/renderer/src/workers/import-protocol';

export interface PendingRun {
  jobId: string;
  plan: ImportPlan;
  progress(p: Partial<ImportProgress>): void;
  finish(outcome: Partial<ImportOutcome>): void;
  fail(message: string): void;
}

export interface FakeImportService extends ImportWorkerApi {
  previews: PreviewRequest[];
  runs: PendingRun[];
  cancelled: string[];
  /** Resolves with the n-th run once it has started. */
  nextRun(n: number): Promise<PendingRun>;
}

export function fakeImportService(previewFor: (request: PreviewRequest) => ImportPreview | Error): FakeImportService {
  const previews: PreviewRequest[] = [];
  const runs: PendingRun[] = [];
  const cancelled: string[] = [];
  const waiters: { n: number; resolve: (run: PendingRun) => void }[] = [];

  return {
    previews,
    runs,
    cancelled,
    async preview(request) {
      previews.push(request);
      const result = previewFor(request);
      if (result instanceof Error) throw result;
      return result;
    },
    run(jobId, plan, onProgress) {
      return new Promise<ImportOutcome>((resolve, reject) => {
        const run: PendingRun = {
          jobId,
          plan,
          progress: (p) => onProgress({ stage: 'parsing', bytesRead: 0, bytesTotal: plan.file.size, rowsRead: 0, unitsWritten: 0, rowsPerSecond: 0, ...p }),
          finish: (o) => resolve(outcome(plan, o)),
          fail: (message) => reject(new Error(message)),
        };
        runs.push(run);
        for (const w of waiters.filter((w) => w.n === runs.length - 1)) w.resolve(run);
      });
    },
    async cancel(jobId) {
      cancelled.push(jobId);
      const run = runs.find((r) => r.jobId === jobId);
      run?.finish({ status: 'cancelled', participants: 0, units: 0 });
    },
    nextRun(n) {
      const existing = runs[n];
      if (existing) return Promise.resolve(existing);
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
  };
}

function outcome(plan: ImportPlan, o: Partial<ImportOutcome>): ImportOutcome {
  return {
    status: 'imported',
    sourceId: 'src-1',
    kind: 'survey',
    title: plan.title ?? plan.file.name.replace(/\.[^.]+$/, ''),
    vendor: 'qualtrics',
    encoding: plan.encoding ?? 'utf-8',
    rowsRead: 3,
    participants: 3,
    units: 6,
    alreadyImported: 0,
    warnings: [],
    rowsNotImported: [],
    ms: 420,
    ...o,
  };
}

const LAYOUT: SurveyLayout = {
  vendor: 'qualtrics',
  headerRowCount: 3,
  explanation: 'Qualtrics export: 3 header rows (tags, question text, ImportId JSON)',
  warnings: [],
  columns: [
    { index: 0, key: 'ResponseId', label: 'ResponseId', text: 'Response ID' },
    { index: 1, key: 'segment', label: 'segment', text: 'Segment' },
    { index: 2, key: 'Q1', label: 'Q1', text: 'How likely are you to recommend us?' },
    { index: 3, key: 'Q2', label: 'Q2', text: 'What should we improve?' },
  ],
};

const ROLES: QuestionRole[] = [
  { id: 'ResponseId', label: 'ResponseId', text: 'Response ID', columns: [0], type: 'id', reason: 'respondent id column' },
  { id: 'segment', label: 'segment', text: 'Segment', columns: [1], type: 'attribute', reason: '"segment" describes the respondent' },
  { id: 'Q1', label: 'Q1', text: 'How likely are you to recommend us?', columns: [2], type: 'nps', reason: 'asks how likely to recommend, answers 0–10' },
  { id: 'Q2', label: 'Q2', text: 'What should we improve?', columns: [3], type: 'open', reason: 'long, varied text answers' },
];

/** A Qualtrics survey preview; decoded as Windows-1252 it shows the mojibake a wrong guess would. */
export function surveyPreview(request: PreviewRequest, extra: Partial<Extract<ImportPreview, { kind: 'survey' }>> = {}): ImportPreview {
  const wrong = request.encoding === 'windows-1252';
  const cafe = wrong ? 'CafÃ© â€™' : 'Café ’';
  return {
    kind: 'survey',
    fileName: request.file.name,
    bytes: request.file.size,
    encoding: request.encoding
      ? { encoding: request.encoding, confidence: 1, bom: false, reason: 'chosen by the user' }
      : { encoding: 'utf-8', confidence: 0.99, bom: false, reason: 'valid UTF-8 with accented letters' },
    textSample: `ResponseId,segment,Q1,Q2\nR_1,Pro,9,${cafe} is slow`,
    layout: LAYOUT,
    roles: ROLES.map((r) => ({ ...r })),
    sampleRows: [
      ['R_1', 'Pro', '9', `${cafe} is slow`],
      ['R_2', 'Free', '3', 'More templates'],
    ],
    ...extra,
  };
}

export function transcriptPreview(request: PreviewRequest): ImportPreview {
  return {
    kind: 'transcript',
    fileName: request.file.name,
    bytes: request.file.size,
    encoding: { encoding: 'utf-8', confidence: 1, bom: false, reason: 'plain ASCII' },
    textSample: 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Interviewer (Sam)>Thanks for joining.',
    vendor: 'vtt',
    speakers: [
      { name: 'Interviewer (Sam)', isInterviewerGuess: true, utterances: 4 },
      { name: 'Maria Lopez', isInterviewerGuess: false, utterances: 7 },
    ],
    units: 11,
    warnings: [],
  };
}

export function file(name: string, content = 'x'.repeat(100)): File {
  return new File([content], name, { type: 'text/plain', lastModified: 1 });
}
