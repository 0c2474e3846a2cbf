// Coding in the built renderer (Chromium, real IndexedDB): select a phrase in a transcript with the mouse,
// tag it through the popover, see the mark; Ctrl+Z removes it and Shift+Ctrl+Z brings it back; rename a tag
// in the codebook; merge two tags in the codebook (every coding moves, counts add up) and undo it with Ctrl+Z. Screenshots of the reader with highlights and of the codebook, light and dark.
import { expect, test, type Page } from '@playwright/test';

const OUT = 'test-results/screenshots';

async function openTranscript(page: Page): Promise<void> {
  await page.goto('/index.html#/sources');
  await expect(page.getByRole('button', { name: /Workspace: Relay customer research/ })).toBeVisible();
  await page.getByRole('button', { name: /^Interview 1:/ }).click();
  await expect(page.getByRole('list', { name: 'Utterances' })).toBeVisible();
}

/** Drags the mouse over words 2–4 of the first long utterance; returns the words selected. */
async function dragOverPhrase(page: Page, nth = 0): Promise<string> {
  const target = await page.evaluate((skip) => {
    const texts = [...document.querySelectorAll('[data-unit-id]')].filter((p) => (p.textContent ?? '').split(' ').length > 8);
    const p = texts[skip];
    const node = p?.firstChild;
    if (!p || !node || node.nodeType !== Node.TEXT_NODE) throw new Error('no plain utterance text');
    p.scrollIntoView({ block: 'center' });
    const text = node.textContent ?? '';
    const words = text.split(' ');
    const start = (words[0] ?? '').length + 1;
    const end = start + words.slice(1, 4).join(' ').length;
    const rectAt = (i: number) => {
      const r = document.createRange();
      r.setStart(node, i);
      r.setEnd(node, i + 1);
      const box = r.getBoundingClientRect();
      return { x: box.left, y: box.top + box.height / 2, w: box.width };
    };
    const a = rectAt(start);
    const b = rectAt(end - 1);
    return { phrase: text.slice(start, end), from: { x: a.x + 1, y: a.y }, to: { x: b.x + b.w - 1, y: b.y } };
  }, nth);
  await page.mouse.move(target.from.x, target.from.y);
  await page.mouse.down();
  await page.mouse.move(target.to.x, target.to.y, { steps: 8 });
  await page.mouse.up();
  return target.phrase;
}

test('tag a phrase in a transcript, undo and redo it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openTranscript(page);
  await expect(page.getByRole('button', { name: /Coder: / })).toBeVisible();

  const phrase = await dragOverPhrase(page);
  const popover = page.getByRole('dialog', { name: 'Tag selection' });
  await expect(popover).toBeVisible();
  await popover.getByRole('combobox', { name: 'Tag selection' }).fill('speed');
  await expect(popover.getByRole('option', { name: /Speed/ }).first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(popover).toBeHidden();
  const mark = page.locator('mark.hl', { hasText: phrase });
  await expect(mark).toBeVisible();

  await page.keyboard.press('Control+z');
  await expect(mark).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: /Undone: Tag/ })).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(mark).toBeVisible();

  // The panel: click the highlight, write a memo.
  await mark.click();
  const panel = page.getByRole('complementary', { name: 'Highlight' });
  await expect(panel).toContainText(phrase);
  await panel.getByLabel('Memo').fill('Worth quoting in the readout.');
  await panel.getByRole('button', { name: 'Save memo' }).click();
  await expect(panel.getByText('Memo saved')).toBeVisible();
  expect(errors).toEqual([]);
});

test('rename a tag in the codebook', async ({ page }) => {
  await page.goto('/index.html#/codebook');
  const tree = page.getByRole('list', { name: 'Tags' });
  await tree.getByRole('button', { name: /Speed & reliability/ }).click();
  const name = page.getByRole('textbox', { name: 'Name', exact: true });
  await name.fill('Speed and reliability');
  await name.press('Enter');
  await expect(tree.getByRole('button', { name: /Speed and reliability/ })).toBeVisible();
  // Undo from the page (not the field) takes the rename back.
  await page.getByRole('heading', { level: 1, name: 'Codebook' }).click();
  await page.keyboard.press('Control+z');
  await expect(tree.getByRole('button', { name: /Speed & reliability/ })).toBeVisible();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`coding screenshots (${scheme})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    await openTranscript(page);
    // Two overlapping highlights with different tags, then the popover over a third selection.
    await dragOverPhrase(page, 1);
    await page.getByRole('combobox', { name: 'Tag selection' }).fill('speed');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Tag selection' })).toBeHidden();
    await page.evaluate(() => {
      const p = [...document.querySelectorAll('[data-unit-id]')].filter((el) => (el.textContent ?? '').split(' ').length > 8)[1];
      p?.scrollIntoView({ block: 'center' });
    });
    const second = await page.evaluate(() => {
      const p = [...document.querySelectorAll('[data-unit-id]')].filter((el) => (el.textContent ?? '').split(' ').length > 8)[1];
      if (!p) throw new Error('no utterance');
      const box = p.getBoundingClientRect();
      return { x: box.left + 4, y: box.top + 12, x2: box.left + box.width * 0.6, y2: box.top + 12 };
    });
    await page.mouse.move(second.x, second.y);
    await page.mouse.down();
    await page.mouse.move(second.x2, second.y2, { steps: 8 });
    await page.mouse.up();
    await page.getByRole('combobox', { name: 'Tag selection' }).fill('pric');
    await page.keyboard.press('Enter');
    await expect(page.locator('mark.hl-overlap').first()).toBeVisible();
    await page.locator('mark.hl-overlap').first().click();
    await expect(page.getByRole('complementary', { name: 'Highlight' })).toBeVisible();
    await page.screenshot({ path: `${OUT}/reader-${scheme}.png` });
    await page.keyboard.press('Escape');
    await expect(page.getByRole('complementary', { name: 'Highlight' })).toBeHidden();

    await dragOverPhrase(page, 2);
    await expect(page.getByRole('dialog', { name: 'Tag selection' })).toBeVisible();
    await page.screenshot({ path: `${OUT}/reader-popover-${scheme}.png` });
    await page.keyboard.press('Escape');

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /Codebook/ }).click();
    await page.getByRole('list', { name: 'Tags' }).getByRole('button').first().click();
    await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toBeVisible();
    await page.screenshot({ path: `${OUT}/codebook-edit-${scheme}.png` });
  });
}

test('merge two tags in the codebook: every coding moves to the survivor, and Ctrl+Z undoes it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/index.html#/sources');
  await expect(page.getByRole('button', { name: /Workspace: Relay customer research/ })).toBeVisible();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: /Codebook/ }).click();
  const tree = page.getByRole('list', { name: 'Tags' });
  const tagButton = (name: string) => tree.getByRole('button', { name: new RegExp(`^${name}`) });
  /** The "Codings" figure of a tag, as its editor shows it once counted. */
  const codingsOf = async (name: string): Promise<number> => {
    await tagButton(name).click();
    const figure = page.locator(`section[aria-label="Tag ${name}"] dl[aria-label="Counts"] div`, { hasText: 'Codings' }).locator('dd');
    await expect(figure).toHaveText(/^[\d,]+$/);
    return Number((await figure.textContent())?.replace(/,/g, ''));
  };
  const reporting = await codingsOf('Reporting');
  const ease = await codingsOf('Ease of use');
  expect(reporting).toBeGreaterThan(0);
  expect(ease).toBeGreaterThan(0);

  await tagButton('Reporting').click();
  await page.getByRole('group', { name: 'Tag actions' }).getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge “Reporting”' });
  await dialog.getByRole('combobox', { name: 'Merge with' }).selectOption({ label: 'Product experience › Ease of use' });
  await dialog.getByRole('radio', { name: 'Ease of use' }).check();
  await expect(dialog).toContainText(`${reporting} codings of “Reporting” move to “Ease of use”`);
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await expect(dialog).toBeHidden();
  await expect(tagButton('Reporting')).toHaveCount(0);
  expect(await codingsOf('Ease of use')).toBe(reporting + ease);

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(tagButton('Reporting')).toHaveCount(1);
  expect(await codingsOf('Reporting')).toBe(reporting);
  expect(await codingsOf('Ease of use')).toBe(ease);
  expect(errors).toEqual([]);
});
