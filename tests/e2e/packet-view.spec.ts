// The packet view in a lesson (lesson 01 embeds get-root): its code loads on the first pointer or
// focus; bytes and fields light each other up both ways; the byte grid and the field tree are one
// tab stop each with roving focus; 16 bytes a row on a wide page, 8 on a phone; axe finds nothing.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

/** Lesson 01's whole get-root packet (the lesson shows other packets' parts too). */
const viewOf = (page: Page): Locator =>
  page
    .locator('figure.pv', { has: page.locator('figcaption', { hasText: 'get-root.hex' }) })
    .first();

/** The hex of the grid cells whose run carries `cls`, in order. */
async function markedHex(view: Locator, cls: string): Promise<string> {
  return view
    .locator(`.pv-h .pv-s.${cls} [role="gridcell"]`)
    .evaluateAll((cells) => cells.map((cell) => cell.textContent).join(' '));
}

/** Focuses the grid (its one tab stop, the first byte), waits for the code, arrows to a byte. */
async function focusByte(page: Page, view: Locator, index: number): Promise<void> {
  await view.locator('[role="gridcell"][tabindex="0"]').focus();
  await expect(view).toHaveAttribute('data-bound', '');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowRight');
  await expect(view.getByRole('gridcell').nth(index)).toBeFocused();
}

test.describe('at 1280 px', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('lesson 01 shows get-root in both languages, its length from the codec', async ({
    page,
  }) => {
    for (const [path, sentence] of [
      ['/en/wsgi/', 'all 367 bytes'],
      ['/ko/wsgi/', '367바이트 전체'],
    ] as const) {
      await page.goto(path);
      const view = viewOf(page);
      await expect(view.getByRole('gridcell')).toHaveCount(367);
      await expect(page.locator('.prose')).toContainText(sentence);
      await expect(view.locator('figcaption')).toContainText('get-root.hex');
    }
  });

  test('pointing at a byte lights up its field and the tree item, and explains it', async ({
    page,
  }) => {
    await page.goto('/en/wsgi/');
    const view = viewOf(page);
    await view.getByRole('gridcell').nth(1).hover();
    await expect(view).toHaveAttribute('data-bound', '');
    // datasize is both bytes, 6b 01
    await expect.poll(() => markedHex(view, 'is-hl')).toBe('6b 01');
    const tree = view.getByRole('tree', { name: 'Fields' });
    await expect(tree.getByRole('treeitem', { name: /^datasize: 363,/ })).toHaveClass(/is-hl/);
    await expect(view.locator('.pv__details')).toContainText('0x016b = 1 × 256 + 107 = 363');
    await expect(view.locator('.pv__details')).toContainText('Why little-endian');

    // a byte of a key lights up the var that holds it, its closest item in the tree
    await view.getByRole('gridcell').nth(24).hover();
    await expect(tree.getByRole('treeitem', { name: /^var 2: REQUEST_METHOD = GET,/ })).toHaveClass(
      /is-hl/,
    );
  });

  test('pointing at a field lights up its bytes, in hex and in the text column', async ({
    page,
  }) => {
    await page.goto('/en/wsgi/');
    const view = viewOf(page);
    const item = view.getByRole('treeitem', { name: /^var 2: REQUEST_METHOD = GET,/ });
    await item.locator('.pv-n__t').hover();
    await expect(view).toHaveAttribute('data-bound', '');
    await expect
      .poll(() => markedHex(view, 'is-hl'))
      .toBe('0e 00 52 45 51 55 45 53 54 5f 4d 45 54 48 4f 44 03 00 47 45 54');
    const text = await view
      .locator('.pv-a .pv-s.is-hl')
      .evaluateAll((runs) => runs.map((run) => run.textContent).join(''));
    expect(text).toBe('..REQUEST_METHOD..GET');
    await expect(view.locator('.pv__details')).toContainText(
      'var 2: key length 2 bytes + key 14 bytes + value length 2 bytes + value 3 bytes = 21 bytes.',
    );
  });

  test('the byte grid is one tab stop; arrows, Home/End move through it', async ({ page }) => {
    await page.goto('/en/wsgi/');
    const view = viewOf(page);
    const cells = view.getByRole('gridcell');
    await focusByte(page, view, 0);
    await expect(view.locator('.pv__details')).toContainText('modifier1 = 0: WSGI');
    await page.keyboard.press('ArrowRight');
    await expect(cells.nth(1)).toBeFocused();
    await expect(view.locator('.pv__details')).toContainText('0x016b = 1 × 256 + 107 = 363');
    await expect.poll(() => markedHex(view, 'is-sel')).toBe('6b 01');
    await page.keyboard.press('ArrowDown');
    await expect(cells.nth(17)).toBeFocused(); // 16 a row on a wide page
    await page.keyboard.press('End');
    await expect(cells.nth(31)).toBeFocused();
    await page.keyboard.press('Home');
    await expect(cells.nth(16)).toBeFocused();
    await page.keyboard.press('Control+End');
    await expect(cells.nth(366)).toBeFocused();
    await expect(view.locator('[role="gridcell"][tabindex="0"]')).toHaveCount(1);

    // Tab leaves the grid for the tree, which now stands on the field of that byte
    await page.keyboard.press('Tab');
    const current = view.getByRole('treeitem', { name: /^value: \*\/\*,/ });
    await expect(current).toBeFocused();
    await expect(view.locator('[role="treeitem"][tabindex="0"]')).toHaveCount(1);
    // and back: the grid's stop followed the tree to the first byte of that field
    await page.keyboard.press('Shift+Tab');
    await expect(cells.nth(364)).toBeFocused();
  });

  test('the tree is one tab stop; arrows move, open and close', async ({ page }) => {
    await page.goto('/en/wsgi/');
    const view = viewOf(page);
    const tree = view.getByRole('tree', { name: 'Fields' });
    const item = (name: RegExp): Locator => tree.getByRole('treeitem', { name });
    await item(/^header:/).focus();
    await expect(view).toHaveAttribute('data-bound', '');
    await expect.poll(() => markedHex(view, 'is-sel')).toBe('00 6b 01 00');
    for (const name of [/^modifier1:/, /^datasize:/, /^datasize, low byte:/]) {
      await page.keyboard.press('ArrowDown');
      await expect(item(name)).toBeFocused();
    }
    await expect.poll(() => markedHex(view, 'is-sel')).toBe('6b');
    await page.keyboard.press('ArrowLeft'); // to the parent
    await expect(item(/^datasize:/)).toBeFocused();
    await page.keyboard.press('ArrowLeft'); // close it
    await expect(item(/^datasize:/)).toHaveAttribute('aria-expanded', 'false');
    await expect(item(/^datasize, low byte:/)).toBeHidden();
    await page.keyboard.press('ArrowRight'); // open it
    await expect(item(/^datasize, low byte:/)).toBeVisible();

    const first = item(/^var 1: QUERY_STRING/);
    await first.focus();
    await expect(first).toHaveAttribute('aria-expanded', 'false');
    await expect
      .poll(() => markedHex(view, 'is-sel'))
      .toBe('0c 00 51 55 45 52 59 5f 53 54 52 49 4e 47 00 00');
    await page.keyboard.press('ArrowRight');
    await expect(first).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(item(/^key length: 12, bytes 4–5/)).toBeFocused();
    await expect(view.locator('.pv__details')).toContainText(
      'the number of bytes (not characters)',
    );
    await page.keyboard.press('ArrowDown');
    await expect(item(/^key: QUERY_STRING/)).toBeFocused();
    await page.keyboard.press('End');
    await expect(item(/^body: \(empty\)/)).toBeFocused();
    await page.keyboard.press('Home');
    await expect(item(/^header:/)).toBeFocused();
    await expect(view.locator('[role="treeitem"][tabindex="0"]')).toHaveCount(1);
  });
});

test.describe('at 375 px', () => {
  test.use({ viewport: { width: 375, height: 800 } });

  test('8 bytes a row, and the page does not scroll sideways', async ({ page }) => {
    await page.goto('/ko/wsgi/');
    const view = viewOf(page);
    const cells = view.getByRole('gridcell');
    const top = async (i: number): Promise<number> =>
      (await cells.nth(i).boundingBox())?.y ?? Number.NaN;
    expect(await top(7)).toBe(await top(0));
    expect(await top(8)).toBeGreaterThan(await top(0));
    await focusByte(page, view, 0);
    await page.keyboard.press('ArrowDown');
    await expect(cells.nth(8)).toBeFocused();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

for (const width of [375, 1280]) {
  for (const theme of ['light', 'dark'] as const) {
    for (const locale of ['ko', 'en'] as const) {
      test(`axe: the loaded packet view, ${locale}, ${theme}, ${width} px`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(`/${locale}/wsgi/`);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        const view = viewOf(page);
        await focusByte(page, view, 1);
        const firstVar = view.getByRole('treeitem').filter({ hasText: 'QUERY_STRING' }).first();
        await firstVar.focus();
        await page.keyboard.press('ArrowRight');
        await expect(firstVar).toHaveAttribute('aria-expanded', 'true');
        await view.getByRole('gridcell').nth(30).hover();
        const results = await new AxeBuilder({ page }).analyze();
        const summary = results.violations.map(
          (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
        expect(summary).toEqual([]);
      });
    }
  }
}
