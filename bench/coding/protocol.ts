/** What the coding benchmark page hands its driver (bench/coding.ts). */
export interface SetupResult {
  answers: number;
  importMs: number;
}

export interface Figure {
  name: string;
  ms: number;
  target: number | null;
  note?: string;
}

declare global {
  interface Window {
    /**
     * Exposed by the driver: CPU time (ms) the page's renderer main thread has used so far, read from /proc.
     * Unlike frame times it does not grow when other jobs share the cores.
     */
    benchMainThreadCpuMs?: () => Promise<number>;
    /** Exposed by the driver: Chromium's Performance.getMetrics (cumulative seconds of script, style, layout…). */
    benchPerfMetrics?: () => Promise<Record<string, number>>;
  }
}

export interface CodingBenchApi {
  setup(respondents: number): Promise<SetupResult>;
  run(): Promise<Figure[]>;
}
