/** Merging workspaces (lineage, tombstones, three-way record merge) and intercoder agreement. Pure. */
export * from './lineage';
export * from './records';
export * from './entries';
export * from './merge';
export * from './agreement';
