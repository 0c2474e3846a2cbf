/** What the workspace benchmark page hands its driver (bench/workspace.ts). */
export interface SetupResult {
  units: number;
  participants: number;
  taggings: number;
  csvBytes: number;
  importMs: number;
  taggingMs: number;
}

export interface Step {
  name: string;
  ms: number;
}

export interface SaveResult {
  /** Renderer: export from IndexedDB, encode, lineage, up to the bytes handed to main. */
  prepareMs: number;
  /** Main (node): the atomic write, as measured by the driver. */
  writeMs: number;
  /** Renderer: recording the save (saved state for later merges, lineage head). */
  commitMs: number;
  bytes: number;
  /** The units were the head file's entries, copied (no unit changed since that file). */
  reusedUnits: boolean;
  /** Where prepareSave's time went, in this save. */
  steps: Step[];
}

export interface OpenResult {
  /** Renderer: decode + checks of the file bytes. */
  decodeMs: number;
  /** Renderer: the records into a fresh workspace database, lineage recorded, one transaction. */
  storeMs: number;
  /** Renderer: the first reads a section makes (questions, first page of answers). */
  firstReadMs: number;
  units: number;
  taggings: number;
}

export interface WorkspaceBenchApi {
  setup(respondents: number, taggings: number): Promise<SetupResult>;
  /** Saves the working copy through prepareSave/commitSave; the bytes go to the driver, which writes them. */
  save(label: string): Promise<SaveResult>;
  /** Drops the workspace database, then opens the file the driver serves as File > Open does. */
  open(): Promise<OpenResult>;
  /** One small edit (a tagging), so the next save is a save of a changed workspace that has a saved head. */
  edit(): Promise<void>;
  /** Imports a second, small survey (new units), so the next save must write units that changed since its head. */
  importMore(respondents: number): Promise<number>;
}
