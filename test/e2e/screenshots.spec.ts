// Saves a PNG of every section in light and dark to test-results/screenshots/, for a human (or reviewer) to look at.
// Not an assertion of pixels: it fails only if a section does not render.
import { expect, test, type Page } from '@playwright/test';

const SECTIONS = ['sources', 'responses', 'codebook', 'themes', 'insights', 'reports'] as const;
const OUT = 'test-results/screenshots';

async function openApp(page: Page): Promise<void> {
  await page.goto('/index.html#/sources');
  await expect(page.getByRole('button', { name: /Workspace: Relay customer research/ })).toBeVisible();
}

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots (${scheme})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(page);
    for (const section of SECTIONS) {
      await page.getByRole('link', { name: new RegExp(`^\\S*\\s*${section}`, 'i') }).click();
      await expect(page).toHaveURL(new RegExp(`#/${section}`));
      await expect(page.getByRole('heading', { level: 1, name: new RegExp(section, 'i') })).toBeVisible();
      await page.screenshot({ path: `${OUT}/${section}-${scheme}.png` });
    }
    await page.getByRole('link', { name: /Sources/ }).click();
    await page.getByRole('button', { name: /^Interview 1:/ }).click();
    await expect(page.getByRole('list', { name: 'Utterances' })).toBeVisible();
    await page.screenshot({ path: `${OUT}/transcript-${scheme}.png` });
    await page.getByRole('button', { name: /Switch workspace/ }).click();
    await expect(page.getByRole('dialog', { name: 'Workspaces' })).toBeVisible();
    await page.screenshot({ path: `${OUT}/switcher-${scheme}.png` });
  });
}
