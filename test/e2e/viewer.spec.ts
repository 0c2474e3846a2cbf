// Reading mode in the built renderer (Chromium, real IndexedDB), as a PM uses it: editing controls are gone
// across sections, Ctrl+Z changes nothing, comments still work inline on the insight page, and each quote
// opens its context — a transcript quote in the reader at its utterance with the highlight shown, a survey
// quote in Responses filtered to that answer. Screenshots go to test-results/screenshots/.
import { expect, test, type Page } from '@playwright/test';

const OUT = 'test-results/screenshots';
const SAMPLE = /Workspace: Relay customer research \(sample\)/;
const LONG = { timeout: 30_000 };
const INSIGHT = 'Slowness on large schedules erodes trust';

async function openSampleInReadingMode(page: Page, before?: () => Promise<void>): Promise<void> {
  await page.goto('/index.html');
  await expect(page.getByRole('button', { name: SAMPLE })).toBeVisible(LONG);
  await before?.();
  const toggle = page.getByRole('switch', { name: 'Reading mode' });
  await toggle.click();
  await expect(toggle).toBeChecked();
  await expect(page.getByRole('note').filter({ hasText: 'Reading mode' })).toBeVisible();
}

async function openInsight(page: Page): Promise<void> {
  await page.getByRole('link', { name: /Insights/ }).click();
  await page.getByRole('link', { name: INSIGHT }).click();
  await expect(page.getByRole('heading', { level: 1, name: INSIGHT })).toBeVisible(LONG);
}

test('reading mode: no editing controls, nothing writable, comments inline', async ({ page }) => {
  test.setTimeout(120_000);
  const chips = page.locator('.grid-row .chip', { hasText: 'Read later' });
  // Before reading mode: a tagging, so there is something for Ctrl+Z to undo.
  await openSampleInReadingMode(page, async () => {
    await page.getByRole('link', { name: /Responses/ }).click();
    await page.getByRole('table', { name: /Answers to/ }).locator('.grid-row').nth(1).locator('.col-answer').click();
    await page.getByRole('button', { name: 'Tag 1…' }).click();
    const picker = page.getByRole('combobox', { name: 'Tag selected answers' });
    await picker.fill('Read later');
    await picker.press('Enter');
    await expect(chips).toHaveCount(1);
  });
  await expect(page.getByRole('button', { name: 'Import…' })).toHaveCount(0);

  // A stray shortcut cannot write: Ctrl+Z is refused by the storage guard, with the reason shown.
  await expect(page.getByRole('button', { name: /^Undo Tag/ })).toHaveCount(0);
  await page.getByRole('table', { name: /Answers to/ }).focus();
  await page.keyboard.press('Control+z');
  await expect(page.locator('.coding-notice')).toContainText(/Undo failed.*reading mode/, LONG);
  await expect(chips).toHaveCount(1);

  // Codebook: no new tag, no import, fields read-only and the structural actions gone.
  await page.getByRole('link', { name: /Codebook/ }).click();
  await expect(page.getByRole('heading', { name: 'Codebook' })).toBeVisible(LONG);
  await expect(page.getByRole('textbox', { name: 'New tag name' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Import…' })).toHaveCount(0);
  await page.locator('.tag-row-button').first().click();
  await expect(page.getByRole('textbox', { name: 'Name' })).not.toBeEditable();
  await expect(page.getByRole('group', { name: 'Tag actions' })).toHaveCount(0);

  // Responses: rows can be selected and read, not tagged.
  await page.getByRole('link', { name: /Responses/ }).click();
  const row = page.getByRole('table', { name: /Answers to/ }).locator('.grid-row').nth(1);
  await expect(row).toBeVisible(LONG);
  await row.locator('.col-answer').click();
  await expect(page.getByText('Reading mode: tagging is off')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Tag \d/ })).toHaveCount(0);

  // Reports: the preview is there; the builder's fields are disabled.
  await page.getByRole('link', { name: /Reports/ }).click();
  await expect(page.getByRole('button', { name: 'New report' })).toHaveCount(0);
  await page.locator('.card-link').first().click();
  await expect(page.locator('iframe[title="Report preview"]')).toBeVisible(LONG);
  await expect(page.getByRole('textbox', { name: 'Title', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Delete report' })).toHaveCount(0);

  // Insight page: no Edit/Delete/Remove; a comment on the insight and one on a quote, both stored.
  await openInsight(page);
  await expect(page.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Remove quote/ })).toHaveCount(0);
  const comments = page.getByRole('region', { name: /^Comments on insight/ });
  await comments.getByRole('textbox', { name: /^Comment on insight/ }).fill('Which plans are these teams on?');
  await comments.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(comments.locator('.comment-body', { hasText: 'Which plans are these teams on?' })).toBeVisible(LONG);
  const evidence = page.getByRole('list', { name: 'Evidence' });
  await evidence.getByRole('button', { name: /^Comment on quote/ }).first().click();
  const quoteThread = evidence.getByRole('region', { name: /^Comments on quote/ }).first();
  await quoteThread.getByRole('textbox').fill('Strong quote for the exec summary.');
  await quoteThread.getByRole('button', { name: 'Comment', exact: true }).click();
  await expect(quoteThread.locator('.comment-body', { hasText: 'Strong quote for the exec summary.' })).toBeVisible(LONG);
  await expect(page.getByRole('button', { name: '2 comments' })).toBeVisible(LONG);
  await page.screenshot({ path: `${OUT}/insight-reading-mode.png`, fullPage: true });
});

test('each quote opens its context: the utterance in the reader, the answer in Responses', async ({ page }) => {
  test.setTimeout(120_000);
  await openSampleInReadingMode(page);
  await openInsight(page);

  // A transcript quote: the reader at that utterance, scrolled into view, the highlight selected and shown.
  const evidence = page.getByRole('list', { name: 'Evidence' });
  const transcriptQuote = evidence.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Open in transcript' }) }).first();
  const quoted = ((await transcriptQuote.locator('blockquote').textContent()) ?? '').trim();
  await transcriptQuote.getByRole('link', { name: 'Open in transcript' }).click();
  const focused = page.locator('li.utterance[aria-current="location"]');
  await expect(focused).toBeVisible(LONG);
  await expect(focused).toBeInViewport();
  await expect(focused.locator('mark.hl-selected').first()).toBeVisible();
  const panel = page.getByRole('complementary', { name: 'Highlight' });
  await expect(panel.locator('blockquote')).toHaveText(quoted);
  // Reading mode: the panel shows the highlight, with comments and without editing controls.
  await expect(panel.getByRole('button', { name: 'Delete highlight' })).toHaveCount(0);
  await expect(panel.getByRole('region', { name: 'Comments on this highlight' })).toBeVisible();
  await page.screenshot({ path: `${OUT}/reader-quote-context.png` });

  // A survey quote: Responses filtered to that one answer, selected and shown whole.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: INSIGHT })).toBeVisible(LONG);
  const surveyQuote = evidence.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Open response' }) }).first();
  const answer = ((await surveyQuote.locator('blockquote').textContent()) ?? '').trim();
  await surveyQuote.getByRole('link', { name: 'Open response' }).click();
  await expect(page.getByRole('note', { name: 'Opened from a link' })).toContainText('Quoted answer');
  await expect(page.locator('.grid-status .num')).toHaveText(/^1 answer · 1 selected$/, LONG);
  await expect(page.locator('.answer-detail .answer-text')).toHaveText(answer, LONG);
  await page.screenshot({ path: `${OUT}/responses-quote-context.png` });

  // "Show all answers" leaves the link's filter.
  await page.getByRole('button', { name: 'Show all answers' }).click();
  await expect(page.locator('.grid-status .num')).toHaveText(/^\d[\d,]* answers$/, LONG);
  await expect(page.getByRole('note', { name: 'Opened from a link' })).toHaveCount(0);
});
