// The layer rules in eslint.config.js are the architecture: prove that a wrong arrow is an error.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

describe('layer rules', () => {
  it('keeps src/core free of electron, react, dexie, node and the DOM', async () => {
    for (const spec of ['electron', 'react', 'dexie', 'node:fs', '../renderer/src/db/hooks']) {
      const errors = await errorsFor('src/core/probe.ts', `import x from '${spec}';\nexport const y = x;\n`);
      expect(errors, spec).toContain('no-restricted-imports');
    }
    expect(await errorsFor('src/core/probe.ts', 'export const y = window.location.href;\n')).toContain('no-restricted-globals');
    expect(await errorsFor('src/core/probe.ts', "import { z } from 'zod';\nexport const y = z;\n")).toEqual([]);
  });

  it('keeps electron and node out of the renderer, and tables out of components', async () => {
    expect(await errorsFor('src/renderer/src/platform/probe.ts', "import { ipcRenderer } from 'electron';\nexport const y = ipcRenderer;\n")).toContain('no-restricted-imports');
    expect(await errorsFor('src/renderer/src/features/probe.ts', "import { db } from '../db/schema';\nexport const y = db;\n")).toContain('no-restricted-imports');
    expect(await errorsFor('src/renderer/src/features/probe.ts', "import Dexie from 'dexie';\nexport const y = Dexie;\n")).toContain('no-restricted-imports');
  });

  it('lets the preload import only electron and the shared contract', async () => {
    expect(await errorsFor('src/preload/probe.ts', "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n")).toContain('no-restricted-imports');
    expect(await errorsFor('src/preload/probe.ts', "import { CHANNELS } from '../shared/api';\nexport const y = CHANNELS;\n")).toEqual([]);
  });
});
