/** REFI-QDA 1.5 exchange: .qdpx projects in and out with a loss report, .qdc codebooks. Pure. */
export * from './common';
export * from './qdpx-import';
export * from './qdpx-export';
export * from './codebook';
export * from './into-workspace';
