// The root redirect and the language switch.
import { test, expect } from './fixtures.ts';

test('/ lands on /ko/ for a Korean browser, at once', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ko-KR' });
  const page = await context.newPage();
  const started = Date.now();
  await page.goto('/');
  await page.waitForURL('**/ko/');
  expect(Date.now() - started).toBeLessThan(1500);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await context.close();
});

test('/ lands on /en/ for an English browser', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto('/');
  await page.waitForURL('**/en/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await context.close();
});

test('/ falls back to /ko/ for other languages', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto('/');
  await page.waitForURL('**/ko/');
  await context.close();
});

test('the language switch leads to the same lesson in the other language', async ({ page }) => {
  await page.goto('/ko/wsgi/');
  const heading = await page.getByRole('heading', { level: 1 }).textContent();
  await page.getByRole('link', { name: 'English로 보기' }).click();
  await expect(page).toHaveURL(/\/en\/wsgi\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toEqual(heading);
  await page.getByRole('link', { name: '한국어로 보기' }).click();
  await expect(page).toHaveURL(/\/ko\/wsgi\/$/);
});

test('lesson pages declare their language, canonical URL and alternates', async ({ page }) => {
  await page.goto('/en/overview/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('link[rel=canonical]')).toHaveAttribute('href', /\/en\/overview\/$/);
  await expect(page.locator('link[rel=alternate][hreflang=ko]')).toHaveAttribute(
    'href',
    /\/ko\/overview\/$/,
  );
  await expect(page.locator('link[rel=alternate][hreflang=x-default]')).toHaveAttribute(
    'href',
    /\/ko\/overview\/$/,
  );
});

test('an unknown address gets the bilingual 404 page', async ({ browser }) => {
  // Its own context: Chromium logs the 404 itself as a console error, which is expected here.
  const context = await browser.newContext();
  const page = await context.newPage();
  const response = await page.goto('/ko/no-such-lesson/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: '페이지를 찾을 수 없습니다' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await context.close();
});
