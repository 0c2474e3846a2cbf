/** Small helpers for main-process tests: a real (empty) workspace file and a call helper for IPC. */
import { encodeWorkspace } from '../../src/core/workspace-file';
import { emptyTables } from '../../src/core/model';

export function workspaceBytes(name = 'Test workspace'): Uint8Array {
  return encodeWorkspace(
    {
      meta: { id: 'ws-test-0001', name, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' },
      tables: emptyTables(),
    },
    { appVersion: '0.1.0-test' },
  );
}
