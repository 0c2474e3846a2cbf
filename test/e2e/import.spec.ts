// Importing in the built renderer with the real import worker and IndexedDB: a Qualtrics-style survey
// (preview, one role changed, import, answers in Responses, source in Sources) and a WebVTT transcript
// (utterances with speakers). Screenshots of the dialog in light and dark go to test-results/screenshots/.
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const FIXTURES = 'test/fixtures/e2e';
const OUT = 'test-results/screenshots';
/** Rows in the generated export of the cancel test. */
const ROWS = 400_000;

async function freshWorkspace(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/index.html#/sources');
  await expect(page.getByRole('button', { name: /Workspace: Relay customer research/ })).toBeVisible();
  await page.getByRole('button', { name: /Switch workspace/ }).click();
  const switcher = page.getByRole('dialog', { name: 'Workspaces' });
  await switcher.getByLabel('New workspace').fill(name);
  await switcher.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('button', { name: new RegExp(`Workspace: ${name}`) })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No sources yet' })).toBeVisible();
}

async function chooseFiles(page: Page, button: string, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(files.map((f) => `${FIXTURES}/${f}`));
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `${OUT}/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('import a survey export: preview, change a role, see the answers', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await freshWorkspace(page, 'Import survey');

  await chooseFiles(page, 'Import files…', ['qualtrics-nps.csv']);
  const dialog = page.getByRole('dialog', { name: 'Import files' });
  await expect(dialog.getByText('Qualtrics export: 3 header rows', { exact: false })).toBeVisible();
  await expect(dialog.getByLabel('Decoded text sample')).toContainText('The café team loves the shared calendar, it’s fast.');
  await expect(dialog.getByRole('combobox', { name: 'Type of Q1' })).toHaveValue('nps');
  await expect(dialog.getByRole('combobox', { name: 'Type of segment' })).toHaveValue('attribute');
  await expect(dialog.getByRole('combobox', { name: 'Type of ResponseId' })).toHaveValue('id');
  await expect(dialog.getByRole('combobox', { name: 'Type of Q2' })).toHaveValue('open');

  // The second open question is not wanted in this study.
  await dialog.getByRole('combobox', { name: 'Type of Q3' }).selectOption({ label: 'Ignore' });
  await expect(dialog.getByText(/Changed by you \(proposed: Open text/)).toBeVisible();
  await shoot(page, 'import-preview');

  await dialog.getByRole('button', { name: 'Import 1 file' }).click();
  await expect(dialog.getByRole('heading', { name: 'Imported “qualtrics-nps”' })).toBeVisible();
  const report = dialog.getByLabel('Import report');
  await expect(report).toContainText(/Participants\s*6/);
  await expect(report).toContainText(/Rows read\s*6/);
  await shoot(page, 'import-report');

  await dialog.getByRole('button', { name: 'Show “qualtrics-nps” in Sources' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Sources' }).getByRole('button', { name: 'qualtrics-nps' })).toBeVisible();
  const questions = page.getByRole('region', { name: 'Questions' });
  await expect(questions).toContainText('How likely are you to recommend Beacon');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /Responses/ }).click();
  const answers = page.getByRole('table', { name: /Answers to Q2/ });
  await expect(answers).toContainText('The café team loves the shared calendar, it’s fast.');
  await expect(answers).toContainText('Pricing went up to 49 € a seat');
  await expect(answers.getByRole('columnheader', { name: 'segment' })).toBeVisible();
  await expect(answers).toContainText('Small business');
  // Q3 was ignored: its answers are nowhere.
  await expect(page.getByText('Offline mode for the mobile app')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('change question roles after import: attribute → open text, open text → ignore, ignore → open text', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await freshWorkspace(page, 'Roles after import');
  await chooseFiles(page, 'Import files…', ['qualtrics-nps.csv']);
  const dialog = page.getByRole('dialog', { name: 'Import files' });
  await dialog.getByRole('combobox', { name: 'Type of Q3' }).selectOption({ label: 'Ignore' });
  await dialog.getByRole('button', { name: 'Import 1 file' }).click();
  await dialog.getByRole('button', { name: 'Show “qualtrics-nps” in Sources' }).click();
  await expect(dialog).toBeHidden();

  // The customer segment becomes an open question: its values are answers in Responses.
  const roles = page.getByRole('region', { name: 'Questions' });
  await expect(roles.getByRole('combobox', { name: 'Role of segment' })).toHaveValue('attribute');
  await expect(roles.getByText('Respondent id')).toBeVisible();
  await roles.getByRole('combobox', { name: 'Role of segment' }).selectOption({ label: 'Open text' });
  await roles.getByRole('button', { name: 'Apply change' }).click();
  await expect(roles.getByRole('status')).toContainText('Changed 1 question: 6 answers added to Responses');
  await expect(roles.getByRole('combobox', { name: 'Role of segment' })).toHaveValue('open');
  await shoot(page, 'question-roles');

  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('link', { name: /Responses/ }).click();
  await page.getByRole('combobox', { name: 'Question', exact: true }).selectOption({ label: 'segment: Customer segment' });
  const segment = page.getByRole('table', { name: /Answers to segment/ });
  await expect(segment).toContainText('Small business');
  await expect(page.getByRole('status').filter({ hasText: /answers?$/ })).toHaveText('6 answers');

  // Q2 is left out: its answers leave Responses. Q3, ignored at import, is read as open text after all.
  await nav.getByRole('link', { name: /Sources/ }).click();
  await page.getByRole('table', { name: 'Sources' }).getByRole('button', { name: 'qualtrics-nps' }).click();
  await roles.getByRole('combobox', { name: 'Role of Q2' }).selectOption({ label: 'Ignore' });
  await roles.getByRole('combobox', { name: 'Role of Q3' }).selectOption({ label: 'Open text' });
  await roles.getByRole('button', { name: 'Apply 2 changes' }).click();
  await expect(roles.getByRole('status')).toContainText('Changed 2 questions');
  await expect(roles.getByRole('status')).toContainText('6 answers removed');

  await nav.getByRole('link', { name: /Responses/ }).click();
  await page.getByRole('combobox', { name: 'Question', exact: true }).selectOption({ label: 'Q3: What one thing should we improve next?' });
  await expect(page.getByRole('table', { name: /Answers to Q3/ })).toContainText('Offline mode for the mobile app');
  await expect(page.getByRole('combobox', { name: 'Question', exact: true }).locator('option', { hasText: 'Q2:' })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Question', exact: true }).selectOption({ label: 'All open questions' });
  await expect(page.getByText('The café team loves the shared calendar, it’s fast.')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('import a WebVTT transcript and read its utterances with speakers', async ({ page }) => {
  await freshWorkspace(page, 'Import interview');
  await chooseFiles(page, 'Import…', ['interview-zoe.vtt']);
  const dialog = page.getByRole('dialog', { name: 'Import files' });
  await expect(dialog.getByText(/WebVTT transcript/)).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: 'Interviewer is an interviewer' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'Zoë Martin is an interviewer' })).not.toBeChecked();
  await shoot(page, 'import-transcript-preview');

  await dialog.getByRole('button', { name: 'Import 1 file' }).click();
  await expect(dialog.getByRole('heading', { name: 'Imported “interview-zoe”' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Show “interview-zoe” in Sources' }).click();

  const utterances = page.getByRole('list', { name: 'Utterances' });
  await expect(utterances).toContainText('Double bookings. The calendar sync lags');
  await expect(utterances.getByText('Zoë Martin').first()).toBeVisible();
  await expect(utterances.getByText('Interviewer').first()).toBeVisible();
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('1 source');
});

test('a long import shows its progress and can be cancelled without changing anything', async ({ page }, testInfo) => {
  await freshWorkspace(page, 'Import cancel');
  // Big enough (~50 MB) to take a while even on a fast machine: generated, not committed.
  const header = readFileSync(`${FIXTURES}/qualtrics-nps.csv`, 'utf8').split('\n').slice(0, 3).join('\n');
  const rows: string[] = [];
  for (let i = 0; i < ROWS; i += 1) {
    rows.push(`2026-02-02 09:00:00,2026-02-02 09:04:10,0,100,250,1,2026-02-02 09:04:11,R_big${i},Enterprise,${i % 11},"Answer number ${i}, with some words to read",Improve ${i % 17}`);
  }
  const big = testInfo.outputPath('big-export.csv');
  writeFileSync(big, `${header}\n${rows.join('\n')}\n`);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import files…' }).click();
  await (await chooser).setFiles(big);

  const dialog = page.getByRole('dialog', { name: 'Import files' });
  await dialog.getByRole('button', { name: 'Import 1 file' }).click();
  const bar = dialog.getByRole('progressbar', { name: 'Importing big-export.csv' });
  await expect(bar).toBeVisible();
  // Wait for rows to flow before the screenshot, so it shows a moving import rather than its first instant.
  await expect(dialog.getByText(/[1-9][\d,]* rows read · [\d,]+ rows\/s/)).toBeVisible();
  await shoot(page, 'import-progress');
  await dialog.getByRole('button', { name: 'Cancel import of big-export.csv' }).click();
  await expect(dialog.getByRole('heading', { name: 'Cancelled — nothing was changed' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('heading', { name: 'No sources yet' })).toBeVisible();
});
