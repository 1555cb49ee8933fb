// Light and dark: follows the system, the toggle persists across reloads, no flash of the wrong theme.
import { test, expect } from './fixtures.ts';

test('the theme follows the system until the reader chooses', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/en/wsgi/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('the toggle persists across a reload, with no flash of the wrong theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/ko/wsgi/');
  const toggle = page.getByRole('button', { name: '어두운 테마' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');

  // Record the theme at the first animation frame, which runs before the first paint.
  await page.addInitScript(() => {
    requestAnimationFrame(() => {
      (window as unknown as { firstFrameTheme: string }).firstFrameTheme =
        document.documentElement.dataset['theme'] ?? '';
      (window as unknown as { firstFrameBg: string }).firstFrameBg = getComputedStyle(
        document.body,
      ).backgroundColor;
    });
  });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const first = await page.evaluate(
    () => (window as unknown as { firstFrameTheme: string }).firstFrameTheme,
  );
  expect(first).toBe('dark');
  const bg = await page.evaluate(
    () => (window as unknown as { firstFrameBg: string }).firstFrameBg,
  );
  expect(bg).toBe('rgb(16, 19, 23)');
  await expect(page.getByRole('button', { name: '어두운 테마' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // The choice now wins over the system setting.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
