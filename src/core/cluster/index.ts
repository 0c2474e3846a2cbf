/** Clustering of short texts into themes: the public surface of src/core/cluster (see pipeline.ts). */

export { clusterTexts, clusterTextsSync, clusterSteps } from './pipeline';
export type { ClusterItem, ClusterOptions, ClusterResult, ClusterStats, ClusterSummary } from './pipeline';
export { ClusterAbortError, isAbortError, driveAsync, driveSync } from './steps';
export type { AbortFlag, ClusterHooks, ClusterStage, ProgressPoint } from './steps';
export { createAnalyzer, normalizeText, tokenize } from './tokenize';
export { ENGLISH_STOP_WORDS } from './stopwords';
export { clusteringAccuracy, normalizedMutualInformation } from './metrics';
