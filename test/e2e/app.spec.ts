// The built renderer in Chromium, with real IndexedDB: first launch, every section, the workspace switcher,
// and persistence across a reload.
import { expect, test, type Page } from '@playwright/test';

const SAMPLE = /Workspace: Relay customer research \(sample\)/;

async function openApp(page: Page): Promise<void> {
  await page.goto('/index.html');
  await expect(page.getByRole('button', { name: SAMPLE })).toBeVisible();
}

function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: new RegExp(name) });
}

test('first launch loads the sample workspace', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await openApp(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Relay customer survey, Q1 2026' })).toBeVisible();
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('7 sources');
  // No CSP violations or script errors on the way.
  expect(errors).toEqual([]);
});

test('every section shows the sample data', async ({ page }) => {
  await openApp(page);

  await page.getByRole('button', { name: /^Interview 1: Priya Raman/ }).click();
  const utterances = page.getByRole('list', { name: 'Utterances' });
  await expect(utterances).toContainText('Priya Raman');
  await expect(utterances.getByRole('listitem').first()).toContainText('0:');

  await nav(page, 'Responses').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Responses' })).toBeVisible();
  await expect(page.getByRole('table', { name: /Answers to Q3/ })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'segment' })).toBeVisible();
  await expect(page.getByText(/^[\d,]+ answers$/)).toBeVisible();

  await nav(page, 'Codebook').click();
  await expect(page.getByRole('list', { name: 'Tags' })).toContainText('Speed & reliability');

  await nav(page, 'Themes').click();
  await expect(page.getByRole('heading', { name: 'No themes yet' })).toBeVisible();

  await nav(page, 'Insights').click();
  await expect(page.getByRole('heading', { name: 'Slowness on large schedules erodes trust' })).toBeVisible();

  await nav(page, 'Reports').click();
  await expect(page.getByRole('heading', { name: /draft readout/ })).toBeVisible();
});

test('create and rename a workspace; it survives a reload', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: /Switch workspace/ }).click();
  const switcher = page.getByRole('dialog', { name: 'Workspaces' });
  await switcher.getByLabel('New workspace').fill('Pricing study');
  await switcher.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('button', { name: /Workspace: Pricing study/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No sources yet' })).toBeVisible();

  await page.getByRole('button', { name: /Switch workspace/ }).click();
  await switcher.getByRole('button', { name: 'Rename Pricing study' }).click();
  await switcher.getByLabel('New name for Pricing study').fill('Pricing study, wave 2');
  await switcher.getByRole('button', { name: 'Save name' }).click();
  await expect(switcher.getByRole('button', { name: /Open Pricing study, wave 2/ })).toBeVisible();
  await switcher.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('button', { name: /Workspace: Pricing study, wave 2/ })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('button', { name: /Workspace: Pricing study, wave 2/ })).toBeVisible();
  await page.getByRole('button', { name: /Switch workspace/ }).click();
  await switcher.getByRole('button', { name: /Open Relay customer research/ }).click();
  await expect(page.getByRole('button', { name: SAMPLE })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Relay customer survey, Q1 2026' })).toBeVisible();
});
