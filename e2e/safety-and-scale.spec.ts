// A hostile web page imports as inert text; a 1 MB article opens and scrolls.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, ROOT, test } from './fixtures';
import { importThroughPicker, setAnalystName } from './helpers';

test('a hostile HTML article imports and displays as text, with nothing executed and no network request', async ({ workbench, externalRequests }) => {
  const { page } = workbench;
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await setAnalystName(page);
  const html = readFileSync(join(ROOT, 'src-main', 'core', 'article-import', 'fixtures', 'hostile.html'));
  await importThroughPicker(page, [{ name: 'harbour-talks.html', mimeType: 'text/html', buffer: html }]);
  await expect(page.locator('.document-header h1')).toHaveText('Harbour Talks Resume After Storm Delay');
  const article = page.locator('.ProseMirror');
  await expect(article).toContainText('Negotiators from the three port authorities');
  // Give any script, handler or frame a moment to run, then prove none did.
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => Object.keys(window).filter((k) => k.startsWith('__pwned')))).toEqual([]);
  expect(await article.locator('script, iframe, img, svg, object, embed, a, form, style, link').count()).toBe(0);
  for (const attribute of ['onerror', 'onload', 'onclick', 'href', 'src']) {
    expect(await page.locator(`.ProseMirror [${attribute}]`).count()).toBe(0);
  }
  const text = (await article.textContent()) ?? '';
  for (const absent of ['alert(', 'javascript:', 'evil.example', 'display:none', 'Home | World']) expect(text).not.toContain(absent);
  expect(externalRequests).toEqual([]);
});

test('a 1 MB article of 5,000 paragraphs opens and scrolls to its end', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  const paragraphs = Array.from({ length: 5000 }, (_, i) => `Paragraph ${i + 1}: ${'the envoys met again in Davos to discuss security guarantees and reconstruction funding '.repeat(2)}`);
  const text = `A very long briefing\n\n${paragraphs.join('\n\n')}\n`;
  expect(text.length).toBeGreaterThan(900_000);
  await importThroughPicker(page, [{ name: 'long-briefing.txt', mimeType: 'text/plain', buffer: Buffer.from(text) }]);
  await expect(page.locator('.document-header h1')).toHaveText('A very long briefing', { timeout: 30_000 });
  await expect(page.locator('.ProseMirror .pm-section > *')).toHaveCount(5001);
  const last = page.locator('.ProseMirror .pm-section > *').last();
  await page.locator('.reader-scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(last).toBeInViewport();
  await expect(last).toContainText('Paragraph 5000:');
});

test('a long article draws the suggestions of the paragraphs on screen, wherever it is scrolled to, and not all of them at once', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  // A figure in every paragraph: 3,000 suggestions.
  const paragraphs = Array.from({ length: 3000 }, (_, i) => `Paragraph ${i + 1}: the envoys pledged 250 million euros for reconstruction, and they ${'met again to discuss security guarantees and funding '.repeat(2)}`);
  await importThroughPicker(page, [{ name: 'pledges.txt', mimeType: 'text/plain', buffer: Buffer.from(`Pledges made\n\n${paragraphs.join('\n\n')}\n`) }]);
  await expect(page.locator('.document-header h1')).toHaveText('Pledges made', { timeout: 30_000 });
  const article = page.locator('.ProseMirror');
  await expect(article.locator('.sg-figure').first()).toBeVisible({ timeout: 30_000 });
  const scroller = page.locator('.reader-scroll');
  /** The paragraphs in the scroller's viewport, and how many of them show their suggestion. */
  const onScreen = () =>
    scroller.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const seen = [...el.querySelectorAll('.pm-section > p')].filter((p) => {
        const r = p.getBoundingClientRect();
        return r.top >= box.top && r.bottom <= box.bottom;
      });
      return { seen: seen.length, drawn: seen.filter((p) => p.querySelector('.sg-figure') !== null).length, all: el.querySelectorAll('.sg').length };
    });
  const atOpen = await onScreen();
  expect(atOpen.seen).toBeGreaterThan(0);
  expect(atOpen.drawn).toBe(atOpen.seen);
  // Those near the screen, not the 3,000 of the article (nor a section's 64).
  expect(atOpen.all).toBeLessThan(64);
  for (const where of [0.5, 1]) {
    await scroller.evaluate((el, at) => el.scrollTo({ top: (el.scrollHeight - el.clientHeight) * at }), where);
    await expect.poll(async () => {
      const now = await onScreen();
      return now.seen > 0 && now.drawn === now.seen;
    }).toBe(true);
  }
  await expect(article.locator('.pm-section > p').last().locator('.sg-figure')).toHaveText('250 million euros');
  expect((await onScreen()).all).toBeLessThan(500);
});
