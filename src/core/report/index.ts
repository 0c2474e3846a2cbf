/** Report model, chart options, SSR charts, HTML/Markdown renderers, anonymization and coded-data exports. */
export * from './anonymize';
export * from './charts';
export * from './coded-data';
export * from './document';
export * from './escape';
export * from './export-csv';
export * from './export-xlsx';
export * from './html';
export * from './markdown';
export * from './print';
export * from './render-svg';
