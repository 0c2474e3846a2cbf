/**
 * Volume over time: analysed units per day, ISO week or month. A unit's date is its participant's date
 * attribute when one is named and parses, else its source's date; units with neither are counted as undated.
 * Buckets are UTC calendar periods and empty periods between the first and last are filled with zeros, so a
 * line chart shows a quiet week as a dip rather than skipping it.
 */
import { analysisIndex } from './analysis-index';
import type { AnalysisData } from './data';
import type { FrequencyScope } from './frequency';

export type Bucket = 'day' | 'week' | 'month';

export interface VolumePoint {
  /** Bucket key: "2024-03-05" (day), "2024-W10" (ISO week), "2024-03" (month). */
  key: string;
  /** First day of the bucket, ISO date. */
  start: string;
  units: number;
  unitIds: string[];
  /** Per-tag counts when tags were asked for. */
  byTag?: Record<string, number>;
}

export interface Volume {
  bucket: Bucket;
  points: VolumePoint[];
  undated: number;
}

const DAY = 86_400_000;

/** Parses ISO dates/date-times and the common d/m/y-free forms; returns UTC midnight of that day, or undefined. */
export function parseDay(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const s = String(value).trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) {
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return new Date(t).getUTCDate() === Number(m[3]) ? t : undefined;
  }
  // Only unambiguous forms with a time zone or month name, parsed by the engine ("Tue, 05 Mar 2024 10:00:00 GMT").
  if (!/[a-z]/i.test(s)) return undefined;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return undefined;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

function isoDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

function bucketStart(t: number, bucket: Bucket): number {
  const d = new Date(t);
  if (bucket === 'day') return t;
  if (bucket === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday = 0
  return t - weekday * DAY;
}

function nextBucket(t: number, bucket: Bucket): number {
  if (bucket === 'day') return t + DAY;
  if (bucket === 'week') return t + 7 * DAY;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

function bucketKey(start: number, bucket: Bucket): string {
  if (bucket === 'day') return isoDate(start);
  if (bucket === 'month') return isoDate(start).slice(0, 7);
  // ISO week: the week belongs to the year of its Thursday.
  const thursday = new Date(start + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export interface VolumeOptions extends FrequencyScope {
  bucket: Bucket;
  /** Participant attribute holding a date (a survey's submission date column). */
  dateAttribute?: string;
  /** Also count these tags per bucket. */
  byTagIds?: readonly string[];
}

export function unitDay(data: AnalysisData, unitId: string, dateAttribute?: string): number | undefined {
  const u = data.units.get(unitId);
  if (!u) return undefined;
  if (dateAttribute !== undefined && u.participantId !== undefined) {
    const t = parseDay(data.participants.get(u.participantId)?.attributes[dateAttribute]);
    if (t !== undefined) return t;
  }
  return parseDay(data.sources.get(u.sourceId)?.date);
}

/**
 * unitDay of every analysed unit (by index position; NaN where it has none), computed once per AnalysisData
 * and date attribute: each participant's date and each source's date is parsed once, not once per unit.
 */
export function analysedUnitDays(data: AnalysisData, dateAttribute?: string): Float64Array {
  const ix = analysisIndex(data);
  return ix.unitColumn(dateAttribute === undefined ? 'day' : `day:${dateAttribute}`, () => {
    const sourceDays = new Map<string, number | undefined>();
    const participantDays = new Map<number, number | undefined>();
    const days = new Float64Array(ix.size);
    for (let pos = 0; pos < ix.size; pos++) {
      const sourceId = data.analysedUnits[pos]!.sourceId;
      const p = ix.unitParticipant[pos]!;
      let t: number | undefined;
      if (dateAttribute !== undefined && p >= 0) {
        if (!participantDays.has(p)) participantDays.set(p, parseDay(ix.participants[p]?.attributes[dateAttribute]));
        t = participantDays.get(p);
      }
      if (t === undefined) {
        if (!sourceDays.has(sourceId)) sourceDays.set(sourceId, parseDay(data.sources.get(sourceId)?.date));
        t = sourceDays.get(sourceId);
      }
      days[pos] = t ?? NaN;
    }
    return days;
  });
}

export function volumeOverTime(data: AnalysisData, options: VolumeOptions): Volume {
  const ix = analysisIndex(data);
  const days = analysedUnitDays(data, options.dateAttribute);
  const byStart = new Map<number, string[]>();
  let undated = 0;
  for (const pos of ix.scope(options).positions) {
    const id = ix.unitIds[pos]!;
    const t = days[pos]!;
    if (Number.isNaN(t)) {
      undated++;
      continue;
    }
    const start = bucketStart(t, options.bucket);
    const list = byStart.get(start) ?? [];
    list.push(id);
    byStart.set(start, list);
  }
  const starts = [...byStart.keys()].sort((a, b) => a - b);
  const points: VolumePoint[] = [];
  const first = starts[0];
  const last = starts[starts.length - 1];
  if (first !== undefined && last !== undefined) {
    for (let t = first; t <= last; t = nextBucket(t, options.bucket)) {
      const unitIds = byStart.get(t) ?? [];
      const point: VolumePoint = { key: bucketKey(t, options.bucket), start: isoDate(t), units: unitIds.length, unitIds };
      if (options.byTagIds) {
        point.byTag = Object.fromEntries(options.byTagIds.map((tagId) => [tagId, unitIds.filter((u) => data.unitTags.get(u)?.has(tagId)).length]));
      }
      points.push(point);
    }
  }
  return { bucket: options.bucket, points, undated };
}
