// The copy button copies exactly the snippet: no prompt, no output lines, no line numbers.
import { test, expect } from './fixtures.ts';
import type { Locator, Page } from '@playwright/test';

async function copyAndRead(page: Page, block: Locator, label: string): Promise<string> {
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await block.hover();
  // By name: a `run` block also has a "type in terminal" button.
  await block.getByRole('button', { name: label }).click();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** The code as the page shows it, one entry per line. */
async function shownLines(block: Locator): Promise<string[]> {
  // An empty line is rendered as a lone newline.
  return block
    .locator('.ec-line')
    .evaluateAll((lines) => lines.map((line) => (line.textContent ?? '').replace(/\n$/, '')));
}

for (const locale of ['ko', 'en'] as const) {
  test(`copy buttons copy exactly the snippet (${locale})`, async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`/${locale}/overview/`);
    const label = locale === 'ko' ? '클립보드에 복사' : 'Copy to clipboard';
    const copied = locale === 'ko' ? '복사했습니다' : 'Copied';

    const blocks = page.locator('.expressive-code');
    const count = await blocks.count();
    expect(count).toBeGreaterThan(0);
    let consoleBlocks = 0;
    for (let i = 0; i < count; i += 1) {
      const block = blocks.nth(i);
      await expect(block.getByRole('button', { name: label })).toBeAttached();
      const lines = await shownLines(block);
      const isConsole = (await block.locator('pre[data-language="console"]').count()) > 0;
      const expected = isConsole
        ? lines
            .filter((line) => line.startsWith('$ '))
            .map((line) => line.slice(2))
            .join('\n')
        : lines.join('\n');
      const text = await copyAndRead(page, block, label);
      expect(text).toBe(expected);
      if (isConsole) {
        consoleBlocks += 1;
        expect(text).not.toMatch(/^\$ /m);
      }
      // The "copied" state is visible and announced through the live region.
      await expect(block.locator('[aria-live]')).toHaveText(copied);
    }
    expect(consoleBlocks).toBeGreaterThan(0);
  });
}
