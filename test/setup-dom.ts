// DOM test setup: a real (in-memory) IndexedDB for Dexie, and layout numbers jsdom does not compute,
// so virtualized lists render rows.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
