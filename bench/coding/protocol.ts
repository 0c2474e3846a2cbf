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

export interface CodingBenchApi {
  setup(respondents: number): Promise<SetupResult>;
  run(): Promise<Figure[]>;
}
