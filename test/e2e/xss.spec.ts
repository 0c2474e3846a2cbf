// User text that looks like HTML or script, in every field the app displays: a workspace file whose source
// titles, tag names, memo, participant attribute, answers, insight title/statement and report title/summary are
// `<img src=x onerror=…>` and `<script>…</script>`. Opened in the built renderer, every section and the report
// preview are visited: no script ran (window.__pwned), no element was created from the text (no img[src=x]),
// and the literal text is on screen. The report's HTML/Markdown/CSV exports are checked in test/security/xss-exports.test.ts.
import { expect, test, type Page } from '@playwright/test';
import { hostileWorkspace, IMG, SCRIPT } from '../security/hostile';

const LONG = { timeout: 30_000 };

async function assertInert(page: Page, where: string): Promise<void> {
  const state = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    imgs: document.querySelectorAll('img[src="x"]').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => (s.textContent ?? '').includes('__pwned')).length,
  }));
  expect(state, where).toEqual({ pwned: undefined, imgs: 0, scripts: 0 });
}

async function section(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).click();
}

test('text that looks like HTML or script is shown as text everywhere and never runs', async ({ page }) => {
  test.setTimeout(120_000);
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/.test(m.text())) violations.push(m.text());
  });
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('/index.html#/sources');
  await expect(page.getByRole('button', { name: /Workspace: Relay customer research/ })).toBeVisible(LONG);

  const choosing = page.waitForEvent('filechooser', LONG);
  await page.getByRole('button', { name: 'Open…' }).click();
  await (await choosing).setFiles({ name: 'hostile.loupe', mimeType: 'application/octet-stream', buffer: Buffer.from(hostileWorkspace()) });
  await expect(page.getByRole('button', { name: `Workspace: Hostile ${IMG}. Switch workspace` })).toBeVisible(LONG);
  await assertInert(page, 'after opening');

  // Sources: titles in the list, then a transcript and the survey.
  await section(page, /Sources/);
  await expect(page.getByRole('button', { name: new RegExp(`^Survey ${escapeRegExp(IMG)}`) })).toBeVisible(LONG);
  await expect(page.getByText(`Interview ${SCRIPT}`, { exact: false }).first()).toBeVisible();
  await page.getByRole('button', { name: new RegExp(`^Interview ${escapeRegExp(SCRIPT)}`) }).click();
  await expect(page.getByRole('list', { name: 'Utterances' })).toBeVisible(LONG);
  await assertInert(page, 'sources');

  // Responses: answers and a participant attribute.
  await section(page, /Responses/);
  await expect(page.getByText(`Answer ${IMG}`).first()).toBeVisible(LONG);
  await expect(page.getByText(`Answer ${SCRIPT}`).first()).toBeVisible();
  await assertInert(page, 'responses');

  // Codebook: tag names.
  await section(page, /Codebook/);
  await expect(page.getByText(`Tag ${IMG}`).first()).toBeVisible(LONG);
  await expect(page.getByText(`Tag ${SCRIPT}`).first()).toBeVisible();
  await assertInert(page, 'codebook');

  await section(page, /Themes/);
  await assertInert(page, 'themes');

  // Insights: title in the list, statement in the detail.
  await section(page, /Insights/);
  await expect(page.getByText(`Insight ${IMG}`).first()).toBeVisible(LONG);
  await page.getByText(`Insight ${IMG}`).first().click();
  await expect(page.getByText(`Statement ${SCRIPT}`).first()).toBeVisible(LONG);
  await assertInert(page, 'insights');

  await section(page, /Charts/);
  await assertInert(page, 'charts');

  // Reports: title in the list; the builder's preview (a sandboxed srcdoc iframe) shows it as text too.
  await section(page, /Reports/);
  await expect(page.getByText(`Report ${SCRIPT}`).first()).toBeVisible(LONG);
  await page.getByText(`Report ${SCRIPT}`).first().click();
  const preview = page.frameLocator('iframe[title="Report preview"]');
  await expect(preview.locator('h1')).toHaveText(`Report ${SCRIPT}`, LONG);
  await expect(preview.getByText(`Summary ${IMG}`).first()).toBeVisible();
  expect(await preview.locator('img[src="x"], script').count()).toBe(0);
  await assertInert(page, 'reports');

  // Nothing even tried to run: no CSP violation was needed to stop it.
  expect(violations).toEqual([]);
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
