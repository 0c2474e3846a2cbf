/** Messages between the benchmark page and its baseline worker, and what the page hands the driver. */
export interface BaselineRequest {
  file: File;
  mode: 'parse' | 'naive';
}

export interface BaselineResult {
  ms: number;
  rows: number;
  answers: number;
}

export interface PhaseResult extends BaselineResult {
  /** Longest main-thread task seen by PerformanceObserver('longtask') during the phase (0: none over 50 ms). */
  longestTaskMs: number;
  /** Longest gap between 10 ms timer ticks on the main thread: catches stalls under 50 ms too. */
  longestStallMs: number;
  extra?: Record<string, number | string>;
}

export interface BenchApi {
  load(url: string): Promise<{ bytes: number }>;
  baseline(mode: BaselineRequest['mode']): Promise<PhaseResult>;
  loupe(): Promise<PhaseResult>;
}
