// The Responses grid and the workspace search in the built renderer (Chromium, real IndexedDB, the unit index
// in its worker): filter, Shift+click a range, bulk-tag it, see the chips, Ctrl+Z removes them; the top bar's
// search finds a phrase and opens it in context. Saves light/dark screenshots to test-results/screenshots/.
import { expect, test, type Page } from '@playwright/test';

const OUT = 'test-results/screenshots';

async function openResponses(page: Page): Promise<void> {
  await page.goto('/index.html#/responses');
  await expect(page.getByRole('button', { name: /Workspace: Relay customer research/ })).toBeVisible();
  await expect(page.getByRole('table', { name: /Answers to Q3/ })).toBeVisible();
  // Filters turn on once the worker has indexed the workspace.
  await expect(page.getByLabel('Filter by tag')).toBeEnabled();
}

function gridRows(page: Page) {
  return page.getByRole('table', { name: /Answers to/ }).locator('.grid-row');
}

test('filter, Shift+click a range, bulk-tag it, and undo with Ctrl+Z', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openResponses(page);
  const status = page.locator('.grid-status');
  const all = Number((await status.locator('.num').innerText()).replace(/[^\d]/g, ''));

  await page.getByLabel('Filter by attribute').selectOption({ label: 'segment: Enterprise' });
  await expect(status).not.toContainText(`${all.toLocaleString('en-US')} answers`);
  await expect(gridRows(page).first()).toContainText('Enterprise');

  await gridRows(page).nth(1).locator('.col-answer').click();
  await gridRows(page).nth(4).locator('.col-answer').click({ modifiers: ['Shift'] });
  await expect(status).toContainText('4 selected');
  await expect(page.locator('.grid-row[aria-selected="true"]')).toHaveCount(4);

  await page.getByRole('button', { name: 'Tag 4…' }).click();
  const picker = page.getByRole('combobox', { name: 'Tag selected answers' });
  await picker.fill('E2E bulk tag');
  await picker.press('Enter');
  await expect(page.locator('.grid-row .chip', { hasText: 'E2E bulk tag' })).toHaveCount(4);
  await expect(page.getByRole('button', { name: /^Undo Tag 4 responses as E2E bulk tag/ })).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${OUT}/responses-grid-${scheme}.png` });
  }

  await page.getByRole('table', { name: /Answers to/ }).focus();
  await page.keyboard.press('Control+z');
  await expect(page.locator('.grid-row .chip', { hasText: 'E2E bulk tag' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a Sentiment column labels each answer; the sentiment filter and sort narrow and order the rows', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openResponses(page);
  const grid = page.getByRole('table', { name: /Answers to/ });
  await expect(grid.getByRole('columnheader', { name: /Sentiment/ })).toBeVisible();
  const status = page.locator('.grid-status .num');
  const count = async (): Promise<number> => Number((await status.innerText()).split(' ')[0]!.replace(/[^\d]/g, ''));
  const all = await count();

  // A clearly negative answer of the sample reads as negative, with its score.
  const words = page.getByLabel('Filter answers by words');
  await words.fill('painful');
  const painful = gridRows(page).filter({ hasText: 'Setup was painful' }).first();
  await expect(painful.locator('.col-sentiment')).toHaveText(/negative\s*−0\.\d\d/);
  await words.fill('');
  await expect(status).toHaveText(`${all.toLocaleString('en-US')} answers`);

  await page.getByLabel('Filter by sentiment').selectOption({ label: 'Negative' });
  await expect(status).not.toHaveText(`${all.toLocaleString('en-US')} answers`);
  const negative = await count();
  expect(negative).toBeGreaterThan(0);
  expect(negative).toBeLessThan(all);
  const labels = await gridRows(page).locator('.col-sentiment .sentiment-label').allInnerTexts();
  expect(labels.length).toBeGreaterThan(0);
  expect(new Set(labels)).toEqual(new Set(['negative']));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${OUT}/responses-sentiment-light.png` });

  // Any sentiment again, sorted by score: the most negative answer first, the most positive first when reversed.
  await page.getByLabel('Filter by sentiment').selectOption({ label: 'Any sentiment' });
  await expect(status).toHaveText(`${all.toLocaleString('en-US')} answers`);
  await grid.getByRole('columnheader', { name: /Sentiment/ }).getByRole('button').click();
  await expect(grid.getByRole('columnheader', { name: /Sentiment/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(gridRows(page).first().locator('.sentiment-label')).toHaveText('negative');
  await grid.getByRole('columnheader', { name: /Sentiment/ }).getByRole('button').click();
  await expect(grid.getByRole('columnheader', { name: /Sentiment/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(gridRows(page).first().locator('.sentiment-label')).toHaveText('positive');
  expect(errors).toEqual([]);
});

test('the search box finds a phrase and opens it in context', async ({ page }) => {
  await openResponses(page);
  const box = page.getByRole('combobox', { name: 'Search all sources' });
  await box.fill('"jira integration"');
  const matches = page.getByRole('listbox', { name: 'Matches' });
  await expect(matches.getByRole('option').first()).toBeVisible();
  await expect(matches.locator('mark').first()).toHaveText(/jira integration/i);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${OUT}/search-${scheme}.png` });
  }

  // A survey answer opens in the grid, selected, with the phrase marked in the detail pane.
  const response = matches.getByRole('option').filter({ hasText: 'Response' }).first();
  const snippet = await response.locator('.search-snippet').innerText();
  await response.click();
  await expect(page).toHaveURL(/#\/responses/);
  await expect(page.getByLabel('Answer text')).toHaveText(snippet);
  await expect(page.getByLabel('Answer text').locator('mark').first()).toHaveText(/jira integration/i);
  await expect(page.locator('.grid-row[aria-selected="true"]')).toHaveCount(1);

  // A transcript passage opens in its context.
  await box.click();
  await box.fill('export');
  const sourceFilter = page.getByRole('combobox', { name: 'Search in source' });
  const interviews = await sourceFilter.locator('option', { hasText: 'Interview' }).evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const transcriptHit = page.getByRole('listbox', { name: 'Matches' }).getByRole('option').filter({ hasText: 'Transcript' }).first();
  for (const value of interviews) {
    await sourceFilter.selectOption(value);
    await expect(page.locator('.search-summary')).toContainText('match');
    if ((await transcriptHit.count()) > 0) break;
  }
  await transcriptHit.click();
  const passage = page.getByRole('dialog').getByRole('list', { name: 'Passage in context' });
  await expect(passage.locator('[aria-current="true"] mark').first()).toHaveText(/export/i);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${OUT}/search-context-${scheme}.png` });
  }
});

test('a filter change keeps the rows on screen, dimmed and marked updating, until the new rows replace them', async ({ page }) => {
  // Hold the grid's queries on their way to the unit index worker, to see the moment between two results.
  await page.addInitScript(() => {
    const post = Worker.prototype.postMessage;
    const held: [Worker, unknown[]][] = [];
    const w = window as unknown as { holdGrid: boolean; releaseGrid: () => void };
    w.holdGrid = false;
    w.releaseGrid = () => {
      w.holdGrid = false;
      for (const [worker, args] of held.splice(0)) post.apply(worker, args as Parameters<Worker['postMessage']>);
    };
    Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
      const m = args[0] as { type?: string; path?: string[] } | null;
      if (w.holdGrid && m?.type === 'APPLY' && m.path?.[0] === 'gridQuery') held.push([this, args]);
      else post.apply(this, args as Parameters<Worker['postMessage']>);
    };
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await openResponses(page);
  const status = page.locator('.grid-status');
  const all = (await status.locator('.num').innerText()).trim();
  const firstBefore = (await gridRows(page).first().textContent()) ?? '';
  // Every row count the grid goes through from here on.
  await page.evaluate(() => {
    const table = document.querySelector('.grid-scroll')!;
    const counts: number[] = [];
    (window as unknown as { rowCounts: number[] }).rowCounts = counts;
    new MutationObserver(() => counts.push(table.querySelectorAll('.grid-row').length)).observe(table, { childList: true, subtree: true });
  });

  await page.evaluate(() => ((window as unknown as { holdGrid: boolean }).holdGrid = true));
  await page.getByLabel('Filter by attribute').selectOption({ label: 'segment: Enterprise' });
  await expect(status).toContainText('Updating…');
  await expect(page.locator('.grid-rows')).toHaveCSS('opacity', '0.55');
  await expect(gridRows(page).first()).toHaveText(firstBefore);
  await expect(status.locator('.num')).toHaveText(all);
  await page.screenshot({ path: `${OUT}/responses-updating-light.png` });

  await page.evaluate(() => (window as unknown as { releaseGrid: () => void }).releaseGrid());
  await expect(status.locator('.num')).not.toHaveText(all);
  await expect(status).not.toContainText('Updating');
  await expect(gridRows(page).first()).toContainText('Enterprise');
  await expect(page.locator('.grid-rows')).toHaveCSS('opacity', '1');
  const counts = await page.evaluate(() => (window as unknown as { rowCounts: number[] }).rowCounts);
  expect(counts.length).toBeGreaterThan(0);
  expect(Math.min(...counts)).toBeGreaterThan(0);

  // A result with no rows says so, with no rows of the previous one left.
  await page.getByLabel('Filter answers by words').fill('zeppelinxq');
  await expect(page.getByRole('table', { name: /Answers to/ }).getByText('No answers match these filters.')).toBeVisible();
  await expect(gridRows(page)).toHaveCount(0);
  await expect(status.locator('.num')).toHaveText('0 answers');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${OUT}/responses-empty-${scheme}.png` });
  }
});

test('a new filter shows its list from the first row, wherever the grid was scrolled', async ({ page }) => {
  await openResponses(page);
  const grid = page.getByRole('table', { name: /Answers to/ });
  const status = page.locator('.grid-status');
  const all = (await status.locator('.num').innerText()).trim();
  // Scrolled well down the whole list.
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect.poll(() => grid.evaluate((el) => el.scrollTop)).toBeGreaterThan(1000);
  await expect(gridRows(page).first()).not.toHaveAttribute('aria-rowindex', '2');

  await page.getByLabel('Filter by attribute').selectOption({ label: 'segment: Enterprise' });
  await expect(status.locator('.num')).not.toHaveText(all);
  await expect(page.locator('.grid-rows.is-stale')).toHaveCount(0);
  // The new list from its top: scrolled to 0, its first row on screen.
  expect(await grid.evaluate((el) => el.scrollTop)).toBe(0);
  await expect(gridRows(page).first()).toHaveAttribute('aria-rowindex', '2');
  await expect(gridRows(page).first()).toContainText('Enterprise');
});
