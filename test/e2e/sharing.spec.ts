// Sharing in the built renderer (Chromium, real IndexedDB): Save downloads the workspace with its lineage; a
// local change (a comment, a tag renamed) and another researcher's copy of that file (their codings, the same
// tag renamed differently) merge three-way, keeping both. Screenshots of the merge dialog and the agreement
// view, light and dark, go to test-results/screenshots/.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { readLineage, recordSave, writeLineage } from '../../src/core/merge/lineage';
import { decodeWorkspace, encodeWorkspace } from '../../src/core/workspace-file';

const OUT = 'test-results/screenshots';
const SAMPLE = /Workspace: Relay customer research \(sample\)/;
const LONG = { timeout: 30_000 };

/** Renames a tag straight in the workspace's IndexedDB, as a codebook edit would. */
async function renameTagLocally(page: Page, workspaceId: string, tagId: string, name: string): Promise<void> {
  await page.evaluate(
    ({ db, id, name: newName }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('tags', 'readwrite');
          const store = tx.objectStore('tags');
          const get = store.get(id);
          get.onsuccess = () => store.put({ ...get.result, name: newName, updatedAt: new Date().toISOString() });
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { db: `loupe-ws-${workspaceId}`, id: tagId, name },
  );
}

test('save, change locally, open the other copy → Merge keeps both', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/index.html');
  await expect(page.getByRole('button', { name: SAMPLE })).toBeVisible(LONG);

  // 1. Save: the browser downloads the file.
  const downloading = page.waitForEvent('download', LONG);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const download = await downloading;
  const saved = new Uint8Array(await readFile((await download.path()) ?? ''));
  const base = decodeWorkspace(saved);
  const lineage = readLineage(saved);
  expect(lineage?.saves).toHaveLength(1);
  const tag = base.tables.tags.find((t) => t.parentId === undefined) ?? base.tables.tags[0]!;

  // 2. Here: a comment on an insight, and the tag renamed.
  await page.getByRole('button', { name: '0 comments' }).click();
  const panel = page.getByRole('dialog', { name: 'Comments' });
  await panel.getByRole('textbox', { name: /^Comment on insight/ }).fill('Can we split this by plan?');
  await panel.getByRole('button', { name: 'Comment', exact: true }).first().click();
  await expect(panel.getByText('Can we split this by plan?')).toBeVisible(LONG);
  await panel.getByRole('button', { name: 'Close' }).click();
  await renameTagLocally(page, base.meta.id, tag.id, `${tag.name} (here)`);

  // 3. Their copy of the saved file: a second coder re-coded the first coder's units, and renamed the tag.
  const theirs = structuredClone(base);
  const T = '2026-03-02T09:00:00.000Z';
  const sampleCoder = base.tables.taggings[0]?.coder ?? 'me';
  const recoded = base.tables.taggings.filter((g) => g.coder === sampleCoder && g.highlightId === undefined).slice(0, 40);
  recoded.forEach((g, i) => theirs.tables.taggings.push({ ...g, id: `ana-${i}`, coder: 'ana', createdAt: T, updatedAt: T, tagId: i % 4 === 0 ? tag.id : g.tagId }));
  theirs.tables.tags = theirs.tables.tags.map((t) => (t.id === tag.id ? { ...t, name: `${tag.name} (there)`, updatedAt: T } : t));
  const theirBytes = writeLineage(encodeWorkspace(theirs, { appVersion: 'e2e' }), recordSave(theirs, { previous: { snapshot: base, lineage } }));

  // 4. Open it: Merge, not overwrite.
  const choosing = page.waitForEvent('filechooser', LONG);
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await choosing).setFiles({ name: 'relay-ana.loupe', mimeType: 'application/octet-stream', buffer: Buffer.from(theirBytes) });
  const ask = page.getByRole('alertdialog', { name: 'This workspace is already on this computer' });
  await expect(ask.getByRole('button', { name: 'Open as a copy' })).toBeVisible(LONG);
  await ask.getByRole('button', { name: 'Merge…' }).click();

  const merge = page.getByRole('dialog', { name: /^Merge “relay-ana.loupe”/ });
  await expect(merge.getByRole('table', { name: 'Changes per table' })).toBeVisible(LONG);
  const conflict = merge.getByRole('group', { name: new RegExp(`Tag “${tag.name} \\(here\\)”`) });
  await expect(conflict).toContainText(`${tag.name} (there)`);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await merge.screenshot({ path: `${OUT}/merge-dialog-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await conflict.getByRole('radio', { name: 'Take theirs' }).check();
  await merge.getByRole('button', { name: 'Merge', exact: true }).click();

  const done = page.getByRole('dialog', { name: 'Merged' });
  await expect(done).toContainText('1 conflict resolved as you chose', LONG);
  await done.getByRole('button', { name: 'Compare coders…' }).click();
  const agreement = page.getByRole('dialog', { name: 'Intercoder agreement' });
  await agreement.getByLabel('Coder A').selectOption('ana');
  await agreement.getByLabel('Coder B').selectOption(sampleCoder);
  await expect(agreement.getByRole('table', { name: /Agreement between ana and/ })).toBeVisible(LONG);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await agreement.screenshot({ path: `${OUT}/agreement-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await agreement.getByRole('button', { name: 'Close' }).click();

  // Both sides are in the result: my comment, their codings, their name for the tag.
  await expect(page.getByRole('button', { name: '1 comment' })).toBeVisible(LONG);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /Codebook/ }).click();
  await expect(page.getByText(`${tag.name} (there)`).first()).toBeVisible(LONG);
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Unsaved changes');
});
