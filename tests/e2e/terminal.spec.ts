// The terminal in lesson 00 (both languages embed <Terminal scenario="original" />): no terminal
// code before the reader's first interaction; then a shell that answers, keeps its machine across a
// reload, starts fresh with a notice when the saved state is broken, shows Korean at double width,
// takes a snippet's command from its "type in terminal" button, works from the phone key row and
// the touch input line, and leaves axe nothing to find in either theme. Prints what the lab costs
// (gzipped bytes loaded on interaction) and the time from the first click to a working prompt.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page, Response } from '@playwright/test';
import { test as unwatchedTest } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { gzipSize } from '../budgets/page-weight.ts';

const EN = '/en/overview/';
const KO = '/ko/overview/';
const LAB_KEY = 'uwsgi-lab:lab:original';
const PROMPT = 'root@helloworld:/home/ubuntu/helloWorld#';

/**
 * What the lab may cost, gzipped, when it loads (xterm.js is about 88 kB of it; the machine, its
 * programs and their texts the rest). 352 kB when this was set: a regression fails here.
 */
const LAB_BUDGET = 400_000;

const terminalOf = (page: Page): Locator => page.locator('section[data-terminal]');

/** The terminal's screen as text, one entry per row, as xterm.js drew it. */
async function screenLines(page: Page): Promise<string[]> {
  return page
    .locator('.xterm-rows > div')
    .evaluateAll((rows) =>
      rows.map((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd()),
    );
}

async function screenText(page: Page): Promise<string> {
  return (await screenLines(page)).join('\n');
}

/** The last row with something on it. */
async function lastLine(page: Page): Promise<string | undefined> {
  return (await screenLines(page)).filter((line) => line !== '').at(-1);
}

// After uWSGI (no master) is stopped with Ctrl-C the prompt follows `^C` on the same line, as on
// Debian 12 (real-output-shell.md: uWSGI exits normally, so bash prints no newline).
const BARE_PROMPT = /^(\^C)?(\(\.venv\) )?root@helloworld:\S*#$/;

/** Whether the shell waits at a prompt with nothing typed (rows are trimmed: it ends in `#`). */
async function atPrompt(page: Page): Promise<boolean> {
  return BARE_PROMPT.test((await lastLine(page)) ?? '');
}

/** Opens the terminal with a click on its placeholder and waits for the shell's prompt. */
async function openTerminal(page: Page, locale: 'en' | 'ko' = 'en'): Promise<void> {
  const name = locale === 'en' ? 'Start the terminal' : '터미널 켜기';
  await terminalOf(page).getByRole('button', { name }).click();
  await expect(terminalOf(page)).toHaveAttribute('data-bound', '');
  await expect.poll(() => atPrompt(page)).toBe(true);
}

/** Types a line into the terminal (it has the focus) and waits for the next prompt. */
async function run(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await expect.poll(() => atPrompt(page)).toBe(false);
  await page.keyboard.press('Enter');
  await expect.poll(() => atPrompt(page)).toBe(true);
}

test.describe('before the reader touches it', () => {
  test('the page ships no terminal code, and shows the prompt in a placeholder', async ({
    page,
  }) => {
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.url());
    });
    await page.goto(EN, { waitUntil: 'networkidle' });
    const terminal = terminalOf(page);
    await expect(terminal.locator('.lab-terminal__prompt')).toHaveText(`${PROMPT} `);
    await expect(terminal.locator('.lab-terminal__prompt')).toBeVisible();
    await expect(terminal.getByRole('button', { name: 'Start the terminal' })).toBeVisible();
    await expect(page.locator('.xterm')).toHaveCount(0);
    expect(scripts.filter((url) => /terminal-island|xterm/.test(url))).toEqual([]);
    const loaderBytes = await Promise.all(
      scripts.map(async (url) => (await page.request.get(url)).body()),
    );
    // Nothing loaded with the page contains xterm.js or the shell.
    for (const body of loaderBytes) {
      expect(body.toString()).not.toContain('xterm-helper-textarea');
      expect(body.toString()).not.toContain('root@helloworld');
    }
  });
});

test.describe('the terminal', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('loads on the first click: prints its size and the time to a working prompt', async ({
    page,
  }) => {
    await page.goto(EN, { waitUntil: 'networkidle' });
    const loaded: Promise<number>[] = [];
    const listener = (response: Response): void => {
      const type = response.request().resourceType();
      if (type === 'script' || type === 'stylesheet')
        loaded.push(
          response
            .body()
            .then(gzipSize)
            .catch(() => 0),
        );
    };
    page.on('response', listener);
    const started = Date.now();
    await terminalOf(page).getByRole('button', { name: 'Start the terminal' }).click();
    await expect.poll(() => atPrompt(page), { intervals: [10] }).toBe(true);
    const elapsed = Date.now() - started;
    page.off('response', listener);
    const bytes = (await Promise.all(loaded)).reduce((a, b) => a + b, 0);
    console.log(
      `terminal: ${(bytes / 1000).toFixed(1)} kB gzipped loaded on interaction; ` +
        `first click to a working prompt: ${elapsed} ms`,
    );
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(LAB_BUDGET);
    await expect(page.locator('.xterm-helper-textarea')).toBeFocused();
    await run(page, 'echo ready');
    expect(await screenLines(page)).toContain('ready');
  });

  test('runs what the reader types, with the scenario’s title, reset and goal around it', async ({
    page,
  }) => {
    await page.goto(EN);
    const terminal = terminalOf(page);
    await expect(terminal).toContainText('The starting point: Debian 12');
    await expect(terminal.locator('[data-terminal-goal]')).toHaveText('Not checked yet.');
    await openTerminal(page);
    await run(page, 'ls');
    await run(page, 'cat app.py');
    await run(page, 'cd /etc && pwd');
    await run(page, 'ls /nope');
    const lines = await screenLines(page);
    expect(lines).toContain(`${PROMPT} ls`);
    expect(lines).toContain('from flask import Flask');
    expect(lines).toContain('/etc');
    expect(lines).toContain("ls: cannot access '/nope': No such file or directory");
    expect(lines.filter((line) => line !== '').at(-1)).toBe('root@helloworld:/etc#');
    await expect(terminal.getByRole('button', { name: 'Reset' })).toBeEnabled();
    // no nginx on this machine yet: the goal's real request fails, in curl's words
    await terminal.getByRole('button', { name: 'Check the goal' }).click();
    await expect(terminal.locator('[data-terminal-goal]')).toHaveText(/^Not yet: \S/);
  });

  test('the tutorial’s uWSGI commands: Debian’s refuses, the venv’s runs until Ctrl-C', async ({
    page,
  }) => {
    await page.goto(EN);
    await openTerminal(page);
    await run(page, 'uwsgi -s /tmp/uwsgi.sock --module app --callable app');
    expect(await screenLines(page)).toContain("uwsgi: unrecognized option '--module'");
    await run(page, 'source .venv/bin/activate');
    await run(page, 'pip install uwsgi');
    expect(await screenLines(page)).toContain('Successfully installed uwsgi-2.0.21');
    await page.keyboard.type('uwsgi -s /tmp/uwsgi.sock --module app --callable app');
    await page.keyboard.press('Enter');
    // in the foreground it holds the terminal, showing its log
    await expect.poll(() => screenText(page)).toContain('spawned uWSGI worker 1 (and the only)');
    expect(await atPrompt(page)).toBe(false);
    await page.keyboard.press('Control+C');
    await expect.poll(() => atPrompt(page)).toBe(true);
    expect(await lastLine(page)).toBe('^C(.venv) root@helloworld:/home/ubuntu/helloWorld#');
    await run(page, 'ls -l /tmp/uwsgi.sock');
    expect(
      (await screenLines(page)).filter((line) =>
        /^s\S+ 1 root root 0 .* \/tmp\/uwsgi\.sock$/.test(line),
      ),
    ).toHaveLength(1);
  });

  test('never turns terminal text into HTML', async ({ page }) => {
    await page.goto(EN);
    await openTerminal(page);
    await run(page, "echo '<img src=x onerror=alert(1)><b>bold</b>'");
    expect(await screenLines(page)).toContain('<img src=x onerror=alert(1)><b>bold</b>');
    await expect(page.locator('.xterm img, .xterm b')).toHaveCount(0);
  });

  test('after a reload the machine and the shell are as the reader left them', async ({ page }) => {
    await page.goto(EN);
    await openTerminal(page);
    await run(page, 'echo 안녕 > /tmp/note.txt');
    await run(page, 'cd /tmp');
    await expect
      .poll(() => page.evaluate((key) => localStorage.getItem(key), LAB_KEY))
      .toContain('note.txt');
    await page.reload();
    await openTerminal(page);
    await expect.poll(() => screenText(page)).toContain('root@helloworld:/tmp#');
    await run(page, 'cat note.txt');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => lastLine(page)).toBe('root@helloworld:/tmp# cd /tmp');
    expect(await screenLines(page)).toContain('안녕');
    await expect(terminalOf(page).locator('[data-terminal-notice]')).toHaveText('');
  });

  test('a corrupt saved machine gives a fresh one and a one-line notice', async ({ page }) => {
    await page.goto(EN);
    await page.evaluate((key) => localStorage.setItem(key, '{"schema":1,"scen'), LAB_KEY);
    await page.reload();
    await openTerminal(page);
    await expect(terminalOf(page).locator('[data-terminal-notice]')).toHaveText(
      'The saved machine could not be read; a fresh one was started.',
    );
    expect(await lastLine(page)).toBe(`${PROMPT}`);
    // the broken entry is kept aside, not destroyed
    expect(await page.evaluate((key) => localStorage.getItem(`${key}.broken`), LAB_KEY)).toBe(
      '{"schema":1,"scen',
    );
    await run(page, 'ls');
    expect(await screenLines(page)).toContain(`${PROMPT} ls`);
  });

  test('an outdated saved machine: a fresh one and the Korean notice', async ({ page }) => {
    await page.goto(KO);
    await page.evaluate(
      (key) => localStorage.setItem(key, JSON.stringify({ schema: 0, scenario: 'original' })),
      LAB_KEY,
    );
    await page.reload();
    await openTerminal(page, 'ko');
    await expect(terminalOf(page).locator('[data-terminal-notice]')).toHaveText(
      '이전 버전의 강좌가 저장한 머신이라 읽을 수 없어, 새 머신으로 시작했습니다.',
    );
  });

  test('a browser that refuses to save: the terminal works and says it is not saved', async ({
    page,
  }) => {
    await page.addInitScript(() => {
      Storage.prototype.setItem = () => {
        throw new DOMException('full', 'QuotaExceededError');
      };
    });
    await page.goto(EN);
    await openTerminal(page);
    await run(page, 'echo still works');
    expect(await screenLines(page)).toContain('still works');
    await expect(terminalOf(page).locator('[data-terminal-notice]')).toHaveText(
      'This browser does not let the machine be saved; what you do here is lost when you leave the page.',
    );
  });

  test('reset starts over with a fresh machine after asking', async ({ page }) => {
    await page.goto(EN);
    await openTerminal(page);
    await run(page, 'rm app.py');
    const terminal = terminalOf(page);
    await terminal.getByRole('button', { name: 'Reset' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Start over with a fresh machine?');
    await dialog.getByRole('button', { name: 'Start over' }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(async () => screenLines(page)).toEqual(expect.arrayContaining([`${PROMPT}`]));
    await page.locator('.xterm-helper-textarea').focus();
    await run(page, 'ls app.py');
    expect(await screenLines(page)).toContain('app.py');
  });

  test('Korean text is shown two columns wide', async ({ page }) => {
    await page.goto(KO);
    await openTerminal(page, 'ko');
    await run(page, "echo '안녕|'");
    await run(page, "echo 'abcd|'");
    expect(await screenLines(page)).toContain('안녕|');
    // The bar after two Hangul syllables stands where it stands after four Latin letters.
    const barX = await page.locator('.xterm-rows > div').evaluateAll((rows) => {
      const xs: Record<string, number> = {};
      for (const row of rows) {
        const text = (row.textContent ?? '').replace(/\u00a0/g, ' ').trimEnd();
        if (text !== '안녕|' && text !== 'abcd|') continue;
        const walker = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
          const at = (node.textContent ?? '').indexOf('|');
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + 1);
          xs[text] = range.getBoundingClientRect().left;
        }
      }
      return xs;
    });
    expect(barX['안녕|']).toBeDefined();
    expect(Math.abs((barX['안녕|'] ?? 0) - (barX['abcd|'] ?? -100))).toBeLessThan(1);
  });

  test('a Korean input method’s composition reaches the shell once', async ({ page }) => {
    await page.goto(KO);
    await openTerminal(page, 'ko');
    await page.keyboard.type('echo ');
    // Chromium's IME path, as a Korean keyboard composes 한 then 글 (ㅎ → 하 → 한, ㄱ → 그 → 글)
    const cdp = await page.context().newCDPSession(page);
    for (const syllable of [
      ['ㅎ', '하', '한'],
      ['ㄱ', '그', '글'],
    ]) {
      for (const text of syllable)
        await cdp.send('Input.imeSetComposition', { text, selectionStart: 1, selectionEnd: 1 });
      await cdp.send('Input.insertText', { text: syllable.at(-1) ?? '' });
    }
    await expect.poll(() => lastLine(page)).toBe(`${PROMPT} echo 한글`);
    await page.keyboard.press('Enter');
    await expect.poll(() => atPrompt(page)).toBe(true);
    expect(await screenLines(page)).toContain('한글');
  });

  test('a snippet’s “type in terminal” button types its command; Enter runs it', async ({
    page,
  }) => {
    await page.goto(EN);
    const button = page.getByRole('button', { name: 'Type in terminal' });
    await expect(button).toBeVisible();
    await button.click();
    await expect(terminalOf(page)).toHaveAttribute('data-bound', '');
    await expect.poll(() => lastLine(page)).toBe(`${PROMPT} cat app.py`);
    expect(await screenText(page)).not.toContain('from flask import Flask');
    await expect(page.locator('.xterm-helper-textarea')).toBeFocused();
    await expect(terminalOf(page).locator('[data-terminal-announce]')).toHaveText(
      'The command is in the terminal. Press Enter to run it.',
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => screenText(page)).toContain('from flask import Flask');
    // pressed again at a prompt with something typed, it replaces the line
    await page.keyboard.type('half typed');
    await button.click();
    await expect.poll(() => lastLine(page)).toBe(`${PROMPT} cat app.py`);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds nothing once the lab is loaded (${theme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(EN);
      await openTerminal(page);
      await run(page, 'ls -l');
      const results = await new AxeBuilder({ page }).include('section[data-terminal]').analyze();
      const summary = results.violations.map(
        (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
      expect(summary).toEqual([]);
    });
  }

  test('follows the page’s theme', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(EN);
    await openTerminal(page);
    const background = (): Promise<string> =>
      page
        .locator('.xterm-scrollable-element')
        .evaluate((el) => getComputedStyle(el).backgroundColor);
    const light = await background();
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await expect.poll(background).not.toBe(light);
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the key row and the plain input line drive the shell, Korean included', async ({
    page,
  }) => {
    await page.goto(KO);
    const terminal = terminalOf(page);
    await terminal.getByRole('button', { name: '터미널 켜기' }).tap();
    await expect(terminal).toHaveAttribute('data-bound', '');
    const line = terminal.getByRole('textbox', { name: '명령 입력' });
    await expect(line).toBeVisible();
    await expect(line).toBeFocused();
    const keys = terminal.getByRole('group', { name: '터미널 키' });
    await expect(keys).toBeVisible();

    const send = terminal.getByRole('button', { name: '보내기' });
    // in / the prompt is short: no line of this test wraps on a phone's narrow screen
    await line.fill('cd /');
    await send.tap();
    await expect.poll(() => lastLine(page)).toBe('root@helloworld:/#');
    await line.fill('echo 한글 입력');
    await send.tap();
    await expect.poll(() => screenLines(page)).toContain('한글 입력');
    await expect(line).toHaveValue('');

    // ↑ brings the last command back; Ctrl-C drops it
    await keys.getByRole('button', { name: '위 화살표 (이전 명령)' }).tap();
    await expect.poll(() => lastLine(page)).toBe('root@helloworld:/# echo 한글 입력');
    await keys.getByRole('button', { name: 'Ctrl-C (실행 중인 명령 중단)' }).tap();
    await expect.poll(() => lastLine(page)).toBe('root@helloworld:/#');
    expect(await screenLines(page)).toContain('root@helloworld:/# echo 한글 입력^C');

    // What is in the line goes first, then the key: Tab completes it at the prompt
    await line.fill('ls /ho');
    await keys.getByRole('button', { name: 'Tab' }).tap();
    await expect.poll(() => lastLine(page)).toBe('root@helloworld:/# ls /home/');
    await expect(line).toHaveValue('');
    await send.tap();
    await expect.poll(() => screenLines(page)).toContain('ubuntu');

    // nano from a phone: the line types the text, ^O writes the file out, ^X leaves
    await line.fill('nano /tmp/phone.txt');
    await send.tap();
    await expect.poll(() => screenText(page)).toContain('GNU nano 7.2');
    await line.fill('폰에서 쓴 줄');
    await send.tap();
    await keys.getByRole('button', { name: 'Ctrl-O (nano에서 파일 저장)' }).tap();
    await expect.poll(() => screenText(page)).toContain('File Name to Write: /tmp/phone.txt');
    await send.tap();
    await expect.poll(() => screenText(page)).toContain('Wrote');
    await keys.getByRole('button', { name: 'Ctrl-X (nano 끝내기)' }).tap();
    await expect.poll(() => lastLine(page)).toBe('root@helloworld:/#');
    await line.fill('cat /tmp/phone.txt');
    await send.tap();
    await expect.poll(() => screenLines(page)).toContain('폰에서 쓴 줄');
  });
});

// Without the watched fixture: the blocked request is itself logged as a console error.
unwatchedTest('when its code cannot be loaded, the page says so in one line', async ({ page }) => {
  await page.route(/terminal-island\.[^/]*\.js$/, (route) => route.abort());
  await page.goto(EN);
  await terminalOf(page).getByRole('button', { name: 'Start the terminal' }).click();
  await expect(terminalOf(page).locator('[data-terminal-notice]')).toHaveText(
    'The terminal could not be loaded. Try reloading the page.',
  );
  await expect(page.locator('.prose h2').first()).toBeVisible();
});
