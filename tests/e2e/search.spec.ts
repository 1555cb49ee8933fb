// Pagefind search: loaded on demand, results in the reader's language only.
import { test, expect } from './fixtures.ts';

test('a Korean word stem finds the WSGI lesson, in Korean only', async ({ page }) => {
  await page.goto('/ko/');
  await page.getByRole('button', { name: '검색' }).click();
  const dialog = page.getByRole('dialog', { name: '강좌 검색' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('searchbox').fill('환경');
  const results = dialog.getByRole('listitem');
  await expect(results.first()).toBeVisible();
  const links = await dialog
    .locator('ol a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(links).toContain('/ko/wsgi/');
  expect(links.every((href) => href?.startsWith('/ko/'))).toBe(true);
});

test('English search finds English pages only; Escape closes and returns focus', async ({
  page,
}) => {
  await page.goto('/en/overview/');
  const opener = page.getByRole('button', { name: 'Search' });
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Search the course' });
  await dialog.getByRole('searchbox').fill('environ');
  await expect(dialog.locator('ol a').first()).toBeVisible();
  const links = await dialog
    .locator('ol a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(links).toContain('/en/wsgi/');
  expect(links.every((href) => href?.startsWith('/en/'))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test('the "/" key opens search; a query with no match says so', async ({ page }) => {
  await page.goto('/en/');
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search the course' });
  await expect(dialog.getByRole('searchbox')).toBeFocused();
  await dialog.getByRole('searchbox').fill('zzqxjv');
  await expect(dialog.getByRole('status')).toHaveText('Nothing matches “zzqxjv”.');
});
