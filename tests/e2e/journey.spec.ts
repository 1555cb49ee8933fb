// The journey stepper in lesson 04: it loads as it comes near the screen; previous/next and the
// ←/→ keys move one step at a time; #journey-N (and a field's link) opens that step; the packet
// view inside links bytes and fields both ways; every preset re-runs the request on a copy of the
// machine and shows the changed journey; axe finds nothing in both themes and languages, at
// 375 px and 1280 px.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

const LESSON = { en: '/en/uwsgi-protocol/', ko: '/ko/uwsgi-protocol/' } as const;

const journeyOf = (page: Page): Locator => page.locator('[data-journey]');

/** Opens the lesson, scrolls to the journey and waits until the stepper has taken over. */
async function openStepper(page: Page, path: string): Promise<Locator> {
  await page.goto(path);
  const journey = journeyOf(page);
  await journey.scrollIntoViewIfNeeded();
  await expect(journey).toHaveAttribute('data-bound', '');
  await expect(journey.locator('[data-journey-controls]')).toBeVisible();
  return journey;
}

const visibleStep = (journey: Locator): Locator => journey.locator('.jr-step:not([hidden])');

for (const width of [375, 1280] as const) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('without the stepper every step is in the page, in order', async ({ browser }) => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(LESSON.en);
      const steps = journeyOf(page).locator('.jr-step');
      await expect(steps).toHaveCount(8);
      for (let i = 0; i < 8; i++) await expect(steps.nth(i)).toBeVisible();
      await expect(steps.first()).toContainText('GET / HTTP/1.1');
      await context.close();
    });

    test('previous/next and the arrow keys move one step at a time', async ({ page }) => {
      const journey = await openStepper(page, LESSON.en);
      await expect(visibleStep(journey)).toHaveCount(1);
      await expect(visibleStep(journey)).toHaveAttribute('id', 'journey-1');
      await expect(journey.locator('[data-journey-position]')).toHaveText('Step 1 of 8');
      await expect(journey.getByRole('button', { name: 'Previous' })).toBeDisabled();

      await journey.getByRole('button', { name: 'Next' }).click();
      await expect(visibleStep(journey)).toHaveAttribute('id', 'journey-2');
      await expect(visibleStep(journey)).toBeFocused();
      await expect(page).toHaveURL(/#journey-2$/);

      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect(visibleStep(journey)).toHaveAttribute('id', 'journey-4');
      await expect(visibleStep(journey)).toContainText('uWSGI reads the packet');
      // the diagram marks where the request is, in words
      const here = journey
        .getByRole('list', { name: 'Where the request is' })
        .locator('[aria-current="location"]');
      await expect(here).toHaveCount(1);
      await expect(here).toHaveText('uWSGI▲ here');
      await page.keyboard.press('ArrowLeft');
      await expect(visibleStep(journey)).toHaveAttribute('id', 'journey-3');
      await expect(here).toHaveText('nginx▲ here');
      for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
      await expect(visibleStep(journey)).toHaveAttribute('id', 'journey-8');
      await expect(journey.getByRole('button', { name: 'Next' })).toBeDisabled();
      await expect(visibleStep(journey)).toContainText('Server: nginx/1.22.1');

      // the step list jumps
      await journey.getByRole('link', { name: /The environ the app receives/ }).click();
      await expect(visibleStep(journey)).toHaveAttribute('id', 'journey-5');
      await expect(
        journey.getByRole('link', { name: /The environ the app receives/ }),
      ).toHaveAttribute('aria-current', 'step');
    });

    test('a deep link opens its step, and a field link its field', async ({ page }) => {
      await page.goto(`${LESSON.ko}#journey-4`);
      const journey = journeyOf(page);
      await expect(journey.locator('[data-journey-controls]')).toBeVisible();
      await expect(visibleStep(journey)).toHaveAttribute('id', 'journey-4');
      await expect(journey.locator('[data-journey-position]')).toHaveText('8단계 중 4단계');

      await page.goto(`${LESSON.en}#journey-5-REQUEST_METHOD`);
      await expect(journeyOf(page).locator('[data-journey-controls]')).toBeVisible();
      await expect(visibleStep(journeyOf(page))).toHaveAttribute('id', 'journey-5');
      const field = page.locator('#journey-5-REQUEST_METHOD');
      await expect(field).toBeFocused();
      await expect(field).toHaveClass(/is-target/);
      await expect(field).toHaveText("REQUEST_METHOD: 'GET'");
    });

    test('in the packet step, bytes and fields light each other up both ways', async ({ page }) => {
      const journey = await openStepper(page, `${LESSON.en}#journey-3`);
      const view = visibleStep(journey).locator('figure.pv');
      await expect(view).toHaveAttribute('data-bound', '');
      // a byte → its field: byte 1 is datasize's low byte
      await view.getByRole('gridcell').nth(1).hover();
      const tree = view.getByRole('tree');
      await expect(tree.getByRole('treeitem', { name: /^datasize: / })).toHaveClass(/is-hl/);
      // a field (focused from the keyboard) → its bytes
      await tree.getByRole('treeitem').first().focus();
      await page.keyboard.press('ArrowDown');
      await expect
        .poll(() =>
          view
            .locator('.pv-h .pv-s.is-sel [role="gridcell"], .pv-h .pv-s.is-hl [role="gridcell"]')
            .count(),
        )
        .toBeGreaterThan(0);
      // the arrow keys stayed with the tree: still the packet step
      await expect(visibleStep(journey)).toHaveAttribute('id', 'journey-3');
    });

    for (const theme of ['light', 'dark'] as const) {
      for (const lang of ['en', 'ko'] as const) {
        test(`axe finds nothing once the stepper and a preset loaded (${lang}, ${theme})`, async ({
          page,
        }) => {
          test.setTimeout(90_000);
          await page.emulateMedia({ colorScheme: theme });
          const journey = await openStepper(page, `${LESSON[lang]}#journey-3`);
          await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
          await expect(visibleStep(journey).locator('figure.pv')).toHaveAttribute('data-bound', '');
          const axe = async (): Promise<string[]> =>
            (await new AxeBuilder({ page }).include('[data-journey]').analyze()).violations.map(
              (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
            );
          expect(await axe()).toEqual([]);
          // a preset's journey: a failing step, the logs, the changed marks
          await journey.locator('[data-preset="socket-path"]').click();
          await expect(journey.locator('[data-journey-status]')).toContainText('502');
          expect(await axe()).toEqual([]);
        });
      }
    }
  });
}

test.describe('presets', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  const cases = [
    {
      id: 'no-uwsgi-params',
      status: '200 → 502',
      step: 'journey-7',
      sees: "KeyError: 'REQUEST_METHOD'",
    },
    {
      id: 'socket-path',
      status: '200 → 502',
      step: 'journey-2',
      sees: '(2: No such file or directory)',
    },
    {
      id: 'no-chmod-socket',
      status: '200 → 502',
      step: 'journey-2',
      sees: '(13: Permission denied)',
    },
    {
      id: 'http-socket',
      status: '200 → 502',
      step: 'journey-4',
      sees: 'upstream prematurely closed connection',
    },
    {
      id: 'cookie-5k',
      status: '200 → 502',
      step: 'journey-4',
      sees: 'invalid request block size',
    },
    { id: 'cookie-9k', status: '200 → 400', step: 'journey-2', sees: 'too long header line' },
    { id: 'korean-query', status: '200 → 200', step: 'journey-1', sees: 'length' },
    { id: 'post-body', status: '200 → 405', step: 'journey-1', sees: 'POST /' },
    {
      id: 'post-chunked',
      status: '200 → 405',
      step: 'journey-1',
      sees: 'Transfer-Encoding: chunked',
    },
  ] as const;

  test('every preset re-runs the request and shows the changed journey', async ({ page }) => {
    test.setTimeout(120_000);
    const journey = await openStepper(page, LESSON.en);
    const status = journey.locator('[data-journey-status]');
    for (const preset of cases) {
      const button = journey.locator(`[data-preset="${preset.id}"]`);
      await button.click();
      await expect(button).toHaveAttribute('aria-pressed', 'true');
      await expect(status).toContainText(`status ${preset.status}`);
      await expect(visibleStep(journey)).toHaveAttribute('id', preset.step);
      await expect(visibleStep(journey)).toContainText(preset.sees);
      await expect(journey.locator('.jr-badge--changed').first()).toBeVisible();
    }
    // the failing hop shows nginx's and uWSGI's log lines together
    await journey.locator('[data-preset="cookie-5k"]').click();
    const failure = visibleStep(journey).locator('.jr-failure');
    await expect(failure).toContainText('nginx error.log');
    await expect(failure).toContainText('recv() failed (104: Connection reset by peer)');
    await expect(visibleStep(journey)).toContainText('uWSGI log');
    // and back
    await journey.getByRole('button', { name: "The page's request" }).click();
    await expect(status).toHaveText("Back to the page's request.");
    await expect(journey.locator('.jr-badge--changed')).toHaveCount(0);
    await expect(visibleStep(journey)).toHaveAttribute('id', 'journey-1');
  });
});
