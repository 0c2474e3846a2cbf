/** Full-text search, the pure half: tokenizer, query parsing and hit ranges, and a compact inverted index. */
export * from './tokenize';
export * from './query';
export * from './text-index';
