/** What the crash page (bench/crash/main.ts) and its driver (bench/crash/harness.ts) exchange. */

/** A change the page saw commit (its transaction completed) before it told the driver. */
export type Commit =
  | { kind: 'import'; sourceId: string; units: number }
  | { kind: 'tag'; tagId: string }
  | { kind: 'tagging'; tagId: string; units: number }
  | { kind: 'cluster'; clusteringId: string }
  | { kind: 'save'; saves: number };

export interface Verdict {
  /** Committed changes not found after the restart. */
  lost: string[];
  /** Half-done states: a source not ready, blocks beyond the committed range, a bulk tagging neither whole nor absent. */
  partial: string[];
  /** Reads that failed (open, answers page, full export round trip). */
  broken: string[];
  sources: number;
  units: number;
  taggings: number;
}

export interface CrashApi {
  /** Opens (or creates) the crash workspace; resolves its id. */
  init(): Promise<string>;
  /** Runs random operations until the page dies, calling window.reportCommit after each commit. */
  workload(seed: number): Promise<void>;
  /** After a restart: checks that every reported commit is there and nothing is half-done. */
  verify(commits: Commit[]): Promise<Verdict>;
}
