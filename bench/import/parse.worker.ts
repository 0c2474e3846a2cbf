/// <reference lib="webworker" />
/**
 * Baselines for the import benchmark, in a worker like the real import: papaparse's bare streaming parse of
 * the file (4 MB chunks), and the naive store (the same parse, one IndexedDB record per answer, primary key
 * only, 10,000 records per transaction).
 */
import Dexie, { type Table } from 'dexie';
import Papa from 'papaparse';
import type { BaselineRequest, BaselineResult } from './protocol';

/** Columns 4..8 of bench/gen-survey.ts are the five open questions. */
const OPEN_FIRST = 4;
const OPEN_COUNT = 5;
const BATCH = 10_000;

interface NaiveAnswer {
  id: string;
  sourceId: string;
  participantId: string;
  questionId: string;
  seq: number;
  text: string;
  row: number;
  createdAt: string;
  updatedAt: string;
}

class NaiveDb extends Dexie {
  declare answers: Table<NaiveAnswer, string>;
  constructor() {
    super('loupe-bench-naive');
    this.version(1).stores({ answers: 'id' });
  }
}

self.onmessage = (event: MessageEvent<BaselineRequest>) => {
  const { file, mode } = event.data;
  run(file, mode).then(
    (result) => self.postMessage(result),
    (e: unknown) => self.postMessage({ error: e instanceof Error ? e.message : String(e) }),
  );
};

async function run(file: File, mode: BaselineRequest['mode']): Promise<BaselineResult> {
  const db = mode === 'naive' ? new NaiveDb() : undefined;
  if (db) {
    await db.delete();
    await db.open();
  }
  const started = performance.now();
  const now = new Date().toISOString();
  let rows = 0;
  let answers = 0;
  let batch: NaiveAnswer[] = [];
  let header = true;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(file, {
      chunkSize: 4 * 1024 * 1024,
      skipEmptyLines: true,
      chunk(results, parser) {
        for (const cells of results.data) {
          if (header) {
            header = false;
            continue;
          }
          rows++;
          for (let q = 0; q < OPEN_COUNT; q++) {
            const text = cells[OPEN_FIRST + q] ?? '';
            if (text === '') continue;
            answers++;
            if (db) {
              const seq = rows * 9 + OPEN_FIRST + q;
              batch.push({ id: `bench:${seq}`, sourceId: 'bench', participantId: `bench:p${rows}`, questionId: `q${q}`, seq, text, row: rows, createdAt: now, updatedAt: now });
            }
          }
        }
        if (db && batch.length >= BATCH) {
          parser.pause();
          const writes = batch;
          batch = [];
          void writeAll(db, writes).then(() => parser.resume(), reject);
        }
      },
      complete: () => resolve(),
      error: (e) => reject(e),
    });
  });
  if (db && batch.length > 0) await writeAll(db, batch);
  const ms = performance.now() - started;
  db?.close();
  return { ms, rows, answers };
}

async function writeAll(db: NaiveDb, records: NaiveAnswer[]): Promise<void> {
  for (let i = 0; i < records.length; i += BATCH) await db.answers.bulkAdd(records.slice(i, i + BATCH));
}
