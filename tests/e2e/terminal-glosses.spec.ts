// Glosses beside the programs' error lines: an error the course knows (pip refusing outside a
// venv) gets a sentence in the page's language in a polite live region under the screen — never
// in xterm's text — once per distinct error, the latest first, at most three.
import { test, expect } from './fixtures.ts';
import { openTerminal, run, screenLines, terminalOf } from './terminal-screen.ts';

test.use({ viewport: { width: 1280, height: 900 } });

test('an error line gets its gloss under the terminal, in the page’s language', async ({
  page,
}) => {
  await page.goto('/en/overview/');
  const glosses = terminalOf(page).getByRole('list', { name: 'What the error lines mean' });
  await expect(glosses).toBeHidden();
  await openTerminal(page);
  await run(page, 'ls');
  // from now on a live region (visually hidden while it has nothing to say)
  await expect(glosses).toHaveAttribute('aria-live', 'polite');
  await expect(glosses.getByRole('listitem')).toHaveCount(0);
  await expect(terminalOf(page).locator('[data-terminal-glosses]')).toHaveClass(/visually-hidden/);
  await run(page, 'pip install flask');
  // pip's error line has scrolled off the screen by now; its last line is there
  expect(await screenLines(page)).toContain('hint: See PEP 668 for the detailed specification.');
  await expect(terminalOf(page).locator('[data-terminal-glosses]')).not.toHaveClass(
    /visually-hidden/,
  );
  await expect(glosses).toBeVisible();
  await expect(glosses.getByRole('listitem')).toHaveCount(1);
  const pipGloss = (await glosses.getByRole('listitem').first().textContent()) ?? '';
  expect(pipGloss).toMatch(/venv|virtual/i);
  // the gloss is beside the terminal, not in it
  expect((await screenLines(page)).join('\n')).not.toContain(pipGloss);
  // the same error again: still one entry; others go on top, three at most
  await run(page, 'pip install flask');
  await expect(glosses.getByRole('listitem')).toHaveCount(1);
  await run(page, 'nginxx -t');
  await run(page, 'curl http://localhost:8080/');
  await run(page, 'uwsgi --module app');
  const items = glosses.getByRole('listitem');
  await expect(items).toHaveCount(3);
  const shown = await items.allTextContents();
  expect(shown).not.toContain(pipGloss);
  expect(shown[0]).toContain('--module');
});

test('Korean pages gloss in Korean', async ({ page }) => {
  await page.goto('/ko/overview/');
  await openTerminal(page, '터미널 켜기');
  await run(page, 'pip install flask');
  const glosses = terminalOf(page).getByRole('list', { name: '오류 메시지의 뜻' });
  await expect(glosses.getByRole('listitem')).toHaveCount(1);
  await expect(glosses.getByRole('listitem')).toHaveText(/[가-힣]/);
});
