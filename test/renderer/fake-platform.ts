// A Platform for component tests: the sample comes from core, files come from the test.
import { vi } from 'vitest';
import { buildSampleWorkspace } from '../../src/core/sample';
import { encodeWorkspace } from '../../src/core/workspace-file';
import type { Platform, PlatformFile } from '../../src/renderer/src/platform';

export function fakePlatform(overrides: Partial<Platform> = {}): Platform {
  return {
    kind: 'browser',
    getInfo: vi.fn(async () => ({ appVersion: '9.9.9-test', platform: 'test' })),
    openFile: vi.fn(async (): Promise<PlatformFile | null> => null),
    pickImportFiles: vi.fn(async (): Promise<File[]> => []),
    saveFile: vi.fn(async (r) => ({ name: r.suggestedName, path: null })),
    exportFile: vi.fn(async (r) => ({ name: r.suggestedName, path: null })),
    listRecent: vi.fn(async () => []),
    openRecent: vi.fn(async () => null),
    onCommand: vi.fn(() => () => undefined),
    onOpenFile: vi.fn(() => () => undefined),
    loadSample: vi.fn(async () => encodeWorkspace(buildSampleWorkspace(), { appVersion: 'test' })),
    ...overrides,
  };
}
