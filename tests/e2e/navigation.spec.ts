// Course navigation: the sidebar on wide screens, the menu on phones (keyboard only), previous/next.
import { test, expect } from './fixtures.ts';

test.describe('at 375 px', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('the course menu opens and closes by keyboard', async ({ page }) => {
    await page.goto('/en/wsgi/');
    const nav = page.getByRole('navigation', { name: 'Course contents' });
    await expect(nav).toBeHidden();

    const toggle = page.getByRole('button', { name: 'Contents', exact: true });
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab');
    await expect(toggle).toBeFocused();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');

    await page.keyboard.press('Enter');
    await expect(nav).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(nav.getByRole('link', { name: /WSGI/ }).first()).toBeFocused();

    await page.keyboard.press('Escape');
    await expect(nav).toBeHidden();
    await expect(toggle).toBeFocused();

    // Space opens it too; the close button inside closes it.
    await page.keyboard.press('Space');
    await expect(nav).toBeVisible();
    await nav.getByRole('button', { name: 'Close contents' }).focus();
    await page.keyboard.press('Enter');
    await expect(nav).toBeHidden();
    await expect(toggle).toBeFocused();
  });

  test('the page does not scroll sideways', async ({ page }) => {
    for (const path of ['/ko/', '/ko/overview/', '/ko/wsgi/', '/en/overview/', '/en/wsgi/']) {
      await page.goto(path);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});

test.describe('at 1280 px', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the sidebar is always there and marks the current lesson', async ({ page }) => {
    await page.goto('/ko/wsgi/');
    const nav = page.getByRole('navigation', { name: '강좌 목차' });
    await expect(nav).toBeVisible();
    await expect(page.getByRole('button', { name: '목차', exact: true })).toBeHidden();
    await expect(nav.locator('a[aria-current="page"]')).toHaveAttribute('href', /\/ko\/wsgi\/$/);
  });

  test('previous and next lead through the course in order', async ({ page }) => {
    await page.goto('/en/overview/');
    const pager = page.getByRole('navigation', { name: 'Previous and next lessons' });
    await expect(pager.getByRole('link', { name: /Previous/ })).toHaveCount(0);
    await pager.getByRole('link', { name: /Next/ }).click();
    await expect(page).toHaveURL(/\/en\/wsgi\/$/);
    await page
      .getByRole('navigation', { name: 'Previous and next lessons' })
      .getByRole('link', { name: /Previous/ })
      .click();
    await expect(page).toHaveURL(/\/en\/overview\/$/);
  });

  test('the table of contents links to the sections', async ({ page }) => {
    await page.goto('/en/wsgi/');
    const toc = page.getByRole('navigation', { name: 'On this page' });
    const first = toc.getByRole('link').first();
    const target = (await first.getAttribute('href')) ?? '';
    await first.click();
    await expect(page).toHaveURL(new RegExp(`${target}$`));
    await expect(page.locator(target)).toBeInViewport();
  });
});

test('reading progress: opened, then finished at the end, shared by both languages', async ({
  page,
}) => {
  await page.goto('/en/overview/');
  const nav = page.getByRole('navigation', { name: 'Course contents' });
  const overview = nav.locator('a[data-lesson="overview"]');
  await expect(overview).toContainText('in progress');
  await expect(nav.locator('a[data-lesson="wsgi"]')).toContainText('not read yet');

  await page.locator('[data-lesson-end]').scrollIntoViewIfNeeded();
  await expect(overview).toContainText('finished');
  const total = await nav.locator('a[data-lesson]').count();
  await expect(nav).toContainText(`1 of ${total} finished`);

  await page.goto('/ko/wsgi/');
  const koNav = page.getByRole('navigation', { name: '강좌 목차' });
  await expect(koNav.locator('a[data-lesson="overview"]')).toContainText('다 읽음');
  await expect(koNav.locator('a[data-lesson="wsgi"]')).toContainText('읽는 중');
});

test('corrupt saved progress gives a working page with no progress', async ({ page }) => {
  await page.goto('/en/');
  await page.evaluate(() => localStorage.setItem('uwsgi-lab:progress', '{"v":1,"lessons":[oops'));
  await page.goto('/en/wsgi/');
  const nav = page.getByRole('navigation', { name: 'Course contents' });
  await expect(nav.locator('a[data-lesson="wsgi"]')).toContainText('in progress');
  await expect(nav.locator('a[data-lesson="overview"]')).toContainText('not read yet');
});
