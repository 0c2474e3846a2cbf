/** Insight counts and statistics over a workspace: pure functions of an AnalysisData built from its tables. */
export * from './data';
export * from './insight-counts';
export * from './gamma';
export * from './frequency';
export * from './crosstab';
export * from './nps';
export * from './volume';
export * from './sentiment';
