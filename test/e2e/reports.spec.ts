// Insights, charts and reports in the built renderer (Chromium, real IndexedDB): counts and quotes on the sample
// insight, a tag-frequency chart whose bars open the responses behind them, a new report from a template with
// its live preview, an HTML export without scripts, and screenshots (light and dark) to look at.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';

const OUT = 'test-results/screenshots';
const SAMPLE = /Workspace: Relay customer research \(sample\)/;

async function openApp(page: Page, hash = ''): Promise<void> {
  await page.goto(`/index.html${hash}`);
  await expect(page.getByRole('button', { name: SAMPLE })).toBeVisible();
}

function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: new RegExp(name) });
}

test('the sample insight shows counts computed from its quotes', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page);
  await nav(page, 'Insights').click();
  await page.getByRole('link', { name: 'Slowness on large schedules erodes trust' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Slowness on large schedules erodes trust' })).toBeVisible();
  const quotes = page.getByRole('list', { name: 'Evidence' }).getByRole('listitem');
  await expect(quotes.first()).toBeVisible();
  const n = await quotes.count();
  expect(n).toBeGreaterThan(0);
  await expect(page.getByTestId('count-units')).toHaveText(String(n));
  await expect(page.getByTestId('count-participants')).toHaveText(/^\d+$/);
  await expect(page.getByRole('table', { name: /Participants by/ })).toBeVisible();
  expect(errors).toEqual([]);
});

test('charts: a tag-frequency chart whose bars open the responses behind them', async ({ page }) => {
  await openApp(page);
  await nav(page, 'Charts').click();
  const chart = page.locator('[data-chart-kind="tag-frequency"]');
  await expect(chart).toBeVisible();
  await expect(chart.locator('canvas')).toBeVisible();
  // The first (most used) bar starts just right of the y axis, on the first category row.
  const box = await chart.boundingBox();
  if (box === null) throw new Error('chart has no box');
  const drill = page.getByRole('complementary', { name: 'Responses behind the selection' });
  await expect
    .poll(async () => {
      for (const x of [0.3, 0.45, 0.6]) {
        await page.mouse.click(box.x + box.width * x, box.y + 64 + 15);
        if (await drill.isVisible()) return true;
      }
      return false;
    }, { timeout: 20_000 })
    .toBe(true);
  await expect(drill.getByRole('status')).toContainText(/\d+ responses?/);
  await expect(drill.getByRole('list', { name: 'Responses' }).getByRole('listitem').first()).toBeVisible();
  await page.screenshot({ path: `${OUT}/charts-drill-light.png` });
  await drill.getByRole('button', { name: 'Open in Responses' }).click();
  await expect(page).toHaveURL(/#\/responses\/.*units%3D/);
  await expect(page.getByRole('heading', { level: 1, name: 'Responses' })).toBeVisible();
});

test('charts: sentiment by tag, and sentiment as a group in the tag crosstab', async ({ page }) => {
  await openApp(page);
  await nav(page, 'Charts').click();
  const sentiment = page.getByRole('region', { name: 'Sentiment by tag' });
  await expect(sentiment.locator('[data-chart-kind="sentiment"] canvas')).toBeVisible();
  await page.getByLabel('Group by').selectOption({ label: 'Sentiment' });
  const table = page.getByRole('table', { name: 'Crosstab' });
  await expect(page.getByRole('region', { name: 'Crosstab table' }).getByRole('heading')).toHaveText(/Tags by sentiment/);
  for (const cls of ['negative', 'neutral', 'positive']) await expect(table.getByRole('columnheader', { name: new RegExp(`^${cls} \\(n=\\d+\\)$`) })).toBeVisible();
  await page.setViewportSize({ width: 1380, height: 900 });
  await sentiment.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUT}/charts-sentiment-light.png`, fullPage: true });
});

test('reports: new from "Executive summary", live preview, HTML export without scripts', async ({ page }) => {
  await openApp(page);
  await nav(page, 'Reports').click();
  await page.getByRole('button', { name: 'New report' }).click();
  const dialog = page.getByRole('dialog', { name: 'New report' });
  await dialog.getByRole('radio', { name: /Executive summary/ }).check();
  await dialog.getByLabel('Title').fill('Q1 readout <for PMs>');
  await dialog.getByRole('button', { name: 'Create report' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit report' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Section 2 title' })).toHaveValue('Key findings');
  const preview = page.frameLocator('iframe[title="Report preview"]');
  await expect(preview.getByRole('heading', { level: 1, name: 'Q1 readout <for PMs>' })).toBeVisible();
  await expect(preview.locator('svg').first()).toBeVisible();
  await expect(page.getByText(/PDF export needs the Loupe desktop app/)).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export HTML' }).click();
  const file = await (await download).path();
  const html = await readFile(file, 'utf8');
  expect(html).toContain('Q1 readout &lt;for PMs&gt;');
  expect(html).not.toMatch(/<script/i);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots of insights, charts and the report preview (${scheme})`, async ({ page }) => {
    await page.setViewportSize({ width: 1380, height: 860 });
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(page, '#/insights');
    await expect(page.getByRole('heading', { name: 'Slowness on large schedules erodes trust' })).toBeVisible();
    await page.screenshot({ path: `${OUT}/insights-list-${scheme}.png` });
    await page.getByRole('link', { name: 'Slowness on large schedules erodes trust' }).click();
    await expect(page.getByTestId('count-units')).toBeVisible();
    await page.screenshot({ path: `${OUT}/insight-${scheme}.png`, fullPage: true });
    await nav(page, 'Charts').click();
    await expect(page.locator('[data-chart-kind="tag-frequency"] canvas')).toBeVisible();
    await page.screenshot({ path: `${OUT}/charts-${scheme}.png`, fullPage: true });
    await nav(page, 'Reports').click();
    await page.getByRole('link', { name: /draft readout/ }).click();
    await expect(page.frameLocator('iframe[title="Report preview"]').getByRole('heading', { level: 1 })).toBeVisible();
    await page.screenshot({ path: `${OUT}/report-preview-${scheme}.png` });
  });
}
