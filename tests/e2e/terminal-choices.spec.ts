// A terminal that offers several scenarios (`<Terminal choices="…">`, lesson 07's troubleshooting
// machines): the labelled select switches the page's lab — a clean screen and a session on the
// chosen machine, its title and goal in the bar, the change announced — each scenario keeps its own
// saved machine, and a reload comes back to the chosen one, before the terminal even loads.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import { DIST_DIR } from '../support/dist-dir.ts';
import { test, expect } from './fixtures.ts';
import { atPrompt, openTerminal, run, screenLines, terminalOf } from './terminal-screen.ts';

/** The first English page whose terminal offers a choice of scenarios, from the built site. */
function pageWithChoices(): string | undefined {
  const root = join(DIST_DIR, 'en');
  if (!existsSync(root)) return undefined;
  for (const slug of readdirSync(root).sort()) {
    const file = join(root, slug, 'index.html');
    if (existsSync(file) && readFileSync(file, 'utf8').includes('data-choices='))
      return `/en/${slug}/`;
  }
  return undefined;
}

const PAGE = pageWithChoices();

test.use({ viewport: { width: 1280, height: 900 } });

test('the select switches the page’s lab; each machine is kept; a reload keeps the choice', async ({
  page,
}) => {
  // lesson 07 (troubleshooting) offers its broken machines this way
  expect(PAGE, 'a page whose terminal offers a choice of scenarios').toBeDefined();
  await page.goto(PAGE!);
  const terminal = terminalOf(page);
  const select = terminal.getByRole('combobox', { name: 'Scenario' });
  const title = terminal.locator('[data-terminal-title]');
  const goalText = terminal.locator('[data-terminal-goal-text]');
  const first = await select.inputValue();
  const firstTitle = (await title.textContent()) ?? '';
  await openTerminal(page);
  await run(page, 'touch /tmp/left-here');

  // keyboard: focus the select and choose "no app" (an option's text is the scenario's title)
  await select.focus();
  await select.selectOption('broken-no-app');
  await expect(title).toHaveText('A broken server: uWSGI cannot load the app');
  await expect(title).not.toHaveText(firstTitle);
  await expect(terminal.locator('[data-terminal-goal]')).toHaveText('Not checked yet.');
  await expect(goalText).toContainText('Goal:');
  await expect(terminal.locator('[data-terminal-announce]')).toContainText(
    'A broken server: uWSGI cannot load the app',
  );
  // a clean screen with the new machine's prompt
  await expect.poll(() => atPrompt(page)).toBe(true);
  expect((await screenLines(page)).filter((line) => line !== '')).toHaveLength(1);
  await terminal.locator('.xterm').click();
  await run(page, 'grep ^module uwsgi.ini; ls /tmp');
  const lines = await screenLines(page);
  expect(lines).toContain('module=yourapplication');
  expect(lines).not.toContain('left-here');
  const axe = await new AxeBuilder({ page }).include('section[data-terminal]').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  // the goal is this machine's: uWSGI answers 500 through nginx
  await terminal.getByRole('button', { name: 'Check the goal' }).click();
  await expect(terminal.locator('[data-terminal-goal]')).toContainText('500 Internal Server Error');

  // a reload comes back to the chosen scenario, before the terminal loads and after
  await page.reload();
  await expect(select).toHaveValue('broken-no-app');
  await expect(title).toHaveText('A broken server: uWSGI cannot load the app');
  await openTerminal(page);
  await run(page, 'grep ^module uwsgi.ini');
  expect(await screenLines(page)).toContain('module=yourapplication');

  // back to the first: its machine is as the reader left it
  await select.selectOption(first);
  await expect(title).toHaveText(firstTitle);
  await terminal.locator('.xterm').click();
  await run(page, 'ls /tmp');
  expect((await screenLines(page)).join(' ')).toContain('left-here');
});
