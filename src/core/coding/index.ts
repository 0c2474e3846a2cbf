/**
 * Tagging (coding) qualitative data, the pure half: operations that turn (state, args) into change-sets with
 * exact inverses, an undo/redo history over them, highlight segmentation for the reader, per-tag counts,
 * and codebook exchange (CSV, REFI-QDA .qdc). Persistence and UI build on this; nothing here does I/O.
 */
export * from './changeset';
export * from './batch-id';
export * from './env';
export * from './describe';
export * from './text';
export * from './tree';
export * from './tagging';
export * from './codebook';
export * from './history';
export * from './counts';
export * from './tag-index';
export * from './exchange';
export * from './codebook-csv';
export * from './codebook-qdc';
export * from './xml';
