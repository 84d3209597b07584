// Word snapping as an analyst meets it: a precise drag over one name in a hyphenated pair, a double-click on a
// possessive, and the Alt hint in the selection toolbar.
import { expect, test } from './fixtures';
import { highlightedText, importThroughPicker, selectText, setAnalystName, tagId } from './helpers';

const ARTICLE = '003_756f07eddf996290.txt';

test('a drag over “Zelenskyy” in “Trump-Zelenskyy” tags “Zelenskyy”, and the toolbar shows Alt for exact', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  await importThroughPicker(page, [ARTICLE]);
  await selectText(page, 'Zelenskyy', 'Trump-Zelenskyy Davos');
  const toolbar = page.getByRole('toolbar', { name: 'Tag the selection' });
  await expect(toolbar).toContainText('Alt exact');
  await page.keyboard.press('2');
  const id = await tagId(page, 'Zelenskyy');
  expect(await highlightedText(page, id)).toBe('Zelenskyy');
});

test('a double-click on “Zelenskyy’s” tags “Zelenskyy”, without the possessive', async ({ workbench }) => {
  const { page } = workbench;
  await setAnalystName(page);
  await importThroughPicker(page, [ARTICLE]);
  const point = await page.evaluate(() => {
    const root = document.querySelector('.ProseMirror');
    const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf("Zelenskyy's") ?? -1;
      if (at === -1) continue;
      (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.setStart(node, at + 2);
      range.setEnd(node, at + 3);
      const rect = range.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }
    throw new Error("no “Zelenskyy's” in the article");
  });
  await page.mouse.dblclick(point.x, point.y);
  await page.keyboard.press('2');
  const id = await tagId(page, 'Zelenskyy');
  expect(await highlightedText(page, id)).toBe('Zelenskyy');
});
