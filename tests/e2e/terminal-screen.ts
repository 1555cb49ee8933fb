// Reading and driving the page's terminal in e2e tests: the screen's rows as xterm.js drew them,
// whether the shell waits at a bare prompt, opening it with a click, typing a line and waiting for
// the next prompt. (terminal.spec.ts keeps its own copies of these.)
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

export const terminalOf = (page: Page): Locator => page.locator('section[data-terminal]');

/** The terminal's screen as text, one entry per row. */
export async function screenLines(page: Page): Promise<string[]> {
  return page
    .locator('.xterm-rows > div')
    .evaluateAll((rows) =>
      rows.map((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()),
    );
}

export async function screenText(page: Page): Promise<string> {
  return (await screenLines(page)).join('\n');
}

const BARE_PROMPT = /^(\^C)?(\(\.venv\) )?root@helloworld:\S*#$/;

/** Whether the shell waits at a prompt with nothing typed. */
export async function atPrompt(page: Page): Promise<boolean> {
  const last = (await screenLines(page)).filter((line) => line !== '').at(-1);
  return BARE_PROMPT.test(last ?? '');
}

/** Opens the terminal with a click on its placeholder and waits for the prompt. */
export async function openTerminal(page: Page, name = 'Start the terminal'): Promise<void> {
  await terminalOf(page).getByRole('button', { name }).click();
  await expect(terminalOf(page)).toHaveAttribute('data-bound', '');
  await expect.poll(() => atPrompt(page)).toBe(true);
}

/** Types a line into the terminal (it has the focus) and waits for the next prompt. */
export async function run(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await expect.poll(() => atPrompt(page)).toBe(false);
  await page.keyboard.press('Enter');
  await expect.poll(() => atPrompt(page)).toBe(true);
}
