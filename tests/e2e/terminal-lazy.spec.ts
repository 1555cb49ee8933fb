// What the lab leaves out until it is used: the editors (nano, vi), bash's `help` texts and the
// manual pages are chunks of their own, fetched the first time the reader runs them — and they
// work the same once fetched.
import { test, expect } from './fixtures.ts';
import { atPrompt, openTerminal, run, screenText } from './terminal-screen.ts';

test.use({ viewport: { width: 1280, height: 900 } });

test('help, man and nano load on first use, and work', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.goto('/en/overview/');
  await openTerminal(page);
  const fetched = (name: string): boolean => scripts.some((url) => url.includes(`/${name}.`));
  expect(['bash-help-text', 'man-pages', 'nano-editor', 'vi-editor'].filter(fetched)).toEqual([]);

  await run(page, 'help -s cd');
  await expect.poll(() => screenText(page)).toContain('cd: cd [-L|[-P [-e]] [-@]] [dir]');
  expect(fetched('bash-help-text')).toBe(true);
  await run(page, 'man ls | head -4');
  await expect.poll(() => screenText(page)).toContain('ls - list directory contents');
  expect(fetched('man-pages')).toBe(true);

  await page.keyboard.type('nano /tmp/note.txt');
  await page.keyboard.press('Enter');
  await expect.poll(() => screenText(page)).toContain('GNU nano 7.2');
  expect(fetched('nano-editor')).toBe(true);
  expect(fetched('vi-editor')).toBe(false);
  await page.keyboard.press('Control+X');
  await expect.poll(() => atPrompt(page)).toBe(true);
});
