// Themes in the built renderer (Chromium, real IndexedDB, the real cluster Web Worker): cluster the sample
// survey's answers, move cards with the keyboard and by drag and drop, promote a theme to a tag and find it in
// the Codebook, compare two runs. Saves light and dark screenshots of the board, the setup and compare dialogs
// to test-results/screenshots/.
import { expect, test, type Page } from '@playwright/test';

const OUT = 'test-results/screenshots';
const QUESTION = 'Q3: What is the main reason for your score?';

async function openThemes(page: Page): Promise<void> {
  await page.goto('/index.html#/sources');
  await expect(page.getByRole('button', { name: /Workspace: Relay customer research/ })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /Themes/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Themes' })).toBeVisible();
}

test('cluster the sample answers, move cards (keyboard, drag), promote a theme to a tag, compare runs', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.setViewportSize({ width: 1440, height: 900 });
  await openThemes(page);
  await expect(page.getByRole('heading', { name: 'No themes yet' })).toBeVisible();

  await page.getByRole('button', { name: 'Find themes…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Find themes' });
  await dialog.getByRole('combobox', { name: 'Question' }).selectOption({ label: QUESTION });
  await page.screenshot({ path: `${OUT}/themes-setup-light.png` });
  await dialog.getByRole('button', { name: 'Find themes' }).click();

  const columns = page.getByRole('region', { name: /^Theme: / });
  await expect(columns.first()).toBeVisible({ timeout: 60_000 });
  await expect(dialog).toBeHidden();
  expect(await columns.count()).toBeGreaterThanOrEqual(2);
  const first = columns.first();
  const label = (await first.getByRole('heading', { level: 2 }).textContent()) ?? '';
  expect(label.trim()).not.toBe('');
  await expect(first.getByText('Representative')).toHaveCount(3);
  await expect(first.getByRole('option').first()).toContainText(/\w+ \w+/);
  await expect(page.getByRole('list', { name: 'Runs' })).toContainText(/\d+ themes/);
  await page.screenshot({ path: `${OUT}/themes-board-light.png` });

  // Keyboard: focus a card, M opens "Move to…", Enter picks the first other theme.
  const sizeBefore = Number(await columns.nth(1).locator('.badge').first().textContent());
  await first.getByRole('option').first().focus();
  await page.keyboard.press('m');
  const move = page.getByRole('dialog', { name: 'Move 1 card to…' });
  await expect(move).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(move).toBeHidden();
  await expect(page.getByText(/^Moved 1 card to /)).toBeVisible();
  await expect(columns.nth(1).locator('.badge').first()).toHaveText(String(sizeBefore + 1));

  // Drag and drop: a card of the third theme onto the fourth.
  const third = columns.nth(2);
  const fourth = columns.nth(3);
  const [thirdSize, fourthSize] = [Number(await third.locator('.badge').first().textContent()), Number(await fourth.locator('.badge').first().textContent())];
  await third.getByRole('option').nth(3).dragTo(fourth.getByRole('listbox'));
  await expect(fourth.locator('.badge').first()).toHaveText(String(fourthSize + 1));
  await expect(third.locator('.badge').first()).toHaveText(String(thirdSize - 1));

  // Promote the first theme to a tag, then find the tag in the Codebook.
  await first.getByRole('button', { name: `Actions for ${label}` }).click();
  await page.getByRole('menuitem', { name: 'Promote to tag' }).click();
  await expect(page.getByText(`as “${label}”.`, { exact: false })).toBeVisible();

  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${OUT}/themes-board-dark.png` });
  await page.getByRole('button', { name: 'Find themes…' }).first().click();
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: `${OUT}/themes-setup-dark.png` });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.emulateMedia({ colorScheme: 'light' });

  // A second run with an exact number of themes, compared with the first.
  await page.getByRole('button', { name: 'Find themes…' }).first().click();
  await dialog.getByRole('radio', { name: 'Exactly' }).check();
  await dialog.getByRole('spinbutton', { name: 'Themes' }).fill('5');
  await dialog.getByRole('spinbutton', { name: 'Seed' }).fill('2');
  await dialog.getByRole('button', { name: 'Find themes' }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(page.getByRole('list', { name: 'Runs' }).getByRole('listitem')).toHaveCount(2);
  await expect(columns.first()).toBeVisible();
  const themes = await columns.count();
  expect(themes).toBeLessThanOrEqual(5);
  await page.getByRole('button', { name: 'Compare runs' }).click();
  const compare = page.getByRole('dialog', { name: 'Compare runs' });
  // Run A is the open run: one row per theme, plus the header row.
  await expect(compare.getByRole('table', { name: 'Best matches' }).getByRole('row')).toHaveCount(themes + 1);
  await expect(compare.getByRole('table', { name: 'Best matches' })).toContainText('%');
  await page.screenshot({ path: `${OUT}/themes-compare-light.png` });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${OUT}/themes-compare-dark.png` });
  await page.emulateMedia({ colorScheme: 'light' });
  await compare.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /Codebook/ }).click();
  await expect(page.getByRole('list', { name: 'Tags' })).toContainText(label);
  expect(errors).toEqual([]);
});
