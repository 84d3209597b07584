// Helpers for the end-to-end specs: selecting article text with the mouse, naming the analyst, importing files, axe-core.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';
import { SAMPLES } from './fixtures';

export const WARNING_ARTICLE = '004_27bf8040a9b2cbc5.txt';
export const WARNING_SENTENCE = 'Trump did not formally return to office in January 2025';

/** Answers the first-run name prompt. */
export async function setAnalystName(page: Page, name = 'Ada Analyst'): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Who is tagging?' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Your name').fill(name);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

/** Imports files through the file picker. */
export async function importThroughPicker(page: Page, files: (string | { name: string; mimeType: string; buffer: Buffer })[]): Promise<void> {
  const payloads = files.map((f) => (typeof f === 'string' ? { name: f, mimeType: 'text/plain', buffer: readFileSync(join(SAMPLES, f)) } : f));
  await page.getByTestId('import-input').setInputFiles(payloads);
  // The import is done when its summary appears.
  await expect(page.locator('.message')).toContainText(/Imported|already in the project|not|refused/, { timeout: 30_000 });
}

/**
 * Drags the mouse across `quote` in the article, as an analyst would: its first occurrence, or the one inside the
 * first occurrence of `within`.
 */
export async function selectText(page: Page, quote: string, within?: string): Promise<void> {
  const points = await page.evaluate(
    ([wanted, context]) => {
      const root = document.querySelector('.ProseMirror');
      if (!root) throw new Error('no article view');
      for (const block of Array.from(root.querySelectorAll('.pm-section > *'))) {
        const text = block.textContent ?? '';
        const contextAt = context ? text.indexOf(context) : 0;
        if (contextAt === -1) continue;
        const at = text.indexOf(wanted, contextAt);
        if (at === -1) continue;
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let offset = 0;
        let startSet = false;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent?.length ?? 0;
          if (!startSet && at < offset + length) {
            range.setStart(node, at - offset);
            startSet = true;
          }
          if (startSet && at + wanted.length <= offset + length) {
            range.setEnd(node, at + wanted.length - offset);
            break;
          }
          offset += length;
        }
        block.scrollIntoView({ block: 'center' });
        const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
        const first = rects[0];
        const last = rects[rects.length - 1];
        if (!first || !last) throw new Error(`no layout for “${wanted}”`);
        return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
      }
      throw new Error(`“${wanted}” is not in the article`);
    },
    [quote, within ?? ''] as const,
  );
  await page.mouse.move(points.x1, points.y1);
  await page.mouse.down();
  await page.mouse.move(points.x2, points.y2, { steps: 8 });
  await page.mouse.up();
}

export function tagInList(page: Page, quote: string) {
  return page.locator('.tag-list .tag-item', { hasText: `“${quote}”` });
}

/** The text the article highlights for one tag: the concatenation of its decoration spans. */
export async function highlightedText(page: Page, annotationId: string): Promise<string> {
  return page.evaluate((id) => Array.from(document.querySelectorAll(`.ProseMirror [data-annotation-id="${id}"]`)).map((el) => el.textContent).join(''), annotationId);
}

/** The id of the listed tag whose quote is `quote`. */
export async function tagId(page: Page, quote: string): Promise<string> {
  const id = await tagInList(page, quote).first().getAttribute('data-annotation-id');
  if (!id) throw new Error(`no tag “${quote}” in the list`);
  return id;
}

/** The violations of moderate, serious or critical impact, as short lines a reader can act on. */
export async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'moderate' || v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
