// The config builder: the default files are on the page before any script runs; its code loads
// on the first interaction; a change of socket rewrites both the ini and the nginx block; nginx's
// own message appears next to the port that caused it; the copy buttons copy exactly the files;
// markup typed in a field stays text; axe in both themes and languages, phone and laptop widths.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { screenLines, terminalOf } from './terminal-screen.ts';

import {
  DEFAULT_INPUTS,
  followDefaults,
  type BuilderInputs,
} from '../../src/components/builder/builder-inputs.ts';
import { blockViews } from '../../src/components/builder/builder-view.ts';
import {
  builderScenario,
  terminalCommands,
} from '../../src/components/builder/builder-scenario.ts';
import { buildConfigs, type BuilderOutputs } from '../../src/components/builder/config-builder.ts';

function outputsOf(inputs: BuilderInputs): BuilderOutputs {
  const result = buildConfigs(inputs);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.outputs;
}

const codeOf = (page: Page, kind: string) => page.locator(`[data-file="${kind}"] [data-file-text]`);
const ready = (page: Page) =>
  expect(page.locator('[data-builder]')).toHaveAttribute('data-ready', '');

test.use({ viewport: { width: 1280, height: 900 } });

test('the default files are on the page before any interaction, and the code loads on the first', async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.goto('/en/builder/', { waitUntil: 'networkidle' });
  const defaults = outputsOf(DEFAULT_INPUTS);
  await expect(codeOf(page, 'ini')).toHaveText(defaults.ini.text, { useInnerText: false });
  expect(await codeOf(page, 'ini').textContent()).toBe(defaults.ini.text);
  expect(await codeOf(page, 'nginx').textContent()).toBe(defaults.nginx.text);
  await expect(page.locator('[data-file="ini"] [data-file-title]')).toHaveText(
    '/home/ubuntu/helloWorld/uwsgi.ini',
  );
  await expect(page.locator('[data-file="nginx"] [data-file-title]')).toHaveText(
    '/etc/nginx/sites-available/default',
  );
  await expect(page.locator('[data-file="unit"]')).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'App folder' })).toHaveValue(
    '/home/ubuntu/helloWorld',
  );
  expect(scripts.some((path) => /\/builder\.[\w-]+\.js$/.test(path))).toBe(false);

  await page.getByRole('textbox', { name: 'server_name' }).focus();
  await ready(page);
  expect(scripts.some((path) => /\/builder\.[\w-]+\.js$/.test(path))).toBe(true);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the form and the default files are there to read', async ({ page }) => {
    await page.goto('/ko/builder/');
    const defaults = outputsOf(DEFAULT_INPUTS);
    expect(await codeOf(page, 'ini').textContent()).toBe(defaults.ini.text);
    expect(await codeOf(page, 'nginx').textContent()).toBe(defaults.nginx.text);
    await expect(
      page.getByRole('figure', { name: '/home/ubuntu/helloWorld/uwsgi.ini' }),
    ).toBeVisible();
    await expect(page.getByRole('textbox', { name: '앱 폴더' })).toHaveValue(
      '/home/ubuntu/helloWorld',
    );
    // (Playwright's switch turns scripts off, not the parser's scripting flag: <noscript> stays
    // text here, so its note is checked in the HTML)
    expect(await page.content()).toContain(
      '<noscript><p class="builder__noscript">값을 바꿔 다시 만들려면 자바스크립트가 필요합니다.',
    );
  });
});

test('a TCP socket rewrites both the ini and the nginx block', async ({ page }) => {
  await page.goto('/en/builder/');
  await page.getByRole('radio', { name: 'TCP port' }).check();
  await ready(page);
  const tcp = outputsOf({ ...DEFAULT_INPUTS, socket: 'tcp' });
  await expect(codeOf(page, 'ini')).toContainText('socket=127.0.0.1:3031');
  expect(await codeOf(page, 'ini').textContent()).toBe(tcp.ini.text);
  expect(await codeOf(page, 'ini').textContent()).not.toContain('chmod-socket');
  await expect(codeOf(page, 'nginx')).toContainText('uwsgi_pass 127.0.0.1:3031;');
  expect(await codeOf(page, 'nginx').textContent()).toBe(tcp.nginx.text);
  await expect(page.getByRole('textbox', { name: 'Address:port' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Socket path' })).toBeHidden();
  await expect(page.locator('[data-builder-status]')).toHaveText(
    'Files written again; the nginx and uWSGI models accept them.',
  );

  // systemd: the unit appears, the socket and the nginx site follow lesson 08
  await page.getByRole('radio', { name: 'Unix socket' }).check();
  await page.getByRole('checkbox', { name: /Run uWSGI as a systemd service/ }).check();
  await expect(page.locator('[data-file="unit"]')).toBeVisible();
  const service = outputsOf(followDefaults(DEFAULT_INPUTS, { ...DEFAULT_INPUTS, systemd: true }));
  await expect(page.getByRole('textbox', { name: 'Socket path' })).toHaveValue(
    '/run/uwsgi/helloworld/uwsgi.sock',
  );
  expect(await codeOf(page, 'unit').textContent()).toBe(service.unit?.text);
  await expect(page.locator('[data-file="nginx"] [data-file-title]')).toHaveText(
    '/etc/nginx/sites-available/helloworld',
  );
});

test('“Type into the terminal” types the files as the form now makes them, one Enter at a time', async ({
  page,
}) => {
  await page.goto('/en/builder/');
  await page.getByRole('radio', { name: 'TCP port' }).check();
  await ready(page);
  const button = page.getByRole('button', { name: 'Type into the terminal' });
  await expect(button).toBeVisible();
  // what it will type: the files as the form makes them now (TCP), then the commands
  const typed = terminalCommands(builderScenario(outputsOf({ ...DEFAULT_INPUTS, socket: 'tcp' })));
  expect(JSON.parse((await button.getAttribute('data-run-command')) ?? '[]')).toEqual(typed);
  await button.click();
  await expect(terminalOf(page)).toHaveAttribute('data-bound', '');
  const flat = async (): Promise<string> => (await screenLines(page)).join('');
  await expect.poll(flat).toContain('cat > /home/ubuntu/helloWorld/uwsgi.ini');
  await expect.poll(flat).toContain('socket=127.0.0.1:3031');
  // Enter runs it, and the next file appears at the next prompt
  await page.keyboard.press('Enter');
  await expect.poll(flat).toContain('uwsgi_pass 127.0.0.1:3031;');
  // (the whole list, run on the same machine, ends with curl getting Hello World!: the unit test
  // tests/unit/components/builder-terminal.test.ts)
});

for (const locale of ['en', 'ko'] as const) {
  test(`an invalid port shows nginx's own message next to the port field (${locale})`, async ({
    page,
  }) => {
    await page.goto(`/${locale}/builder/`);
    const port = page.getByRole('textbox', {
      name: locale === 'en' ? 'Port (listen)' : '포트 (listen)',
    });
    await port.fill('99999');
    const error = page.locator('#builder-port-error');
    const message =
      '[emerg] invalid port in "99999" of the "listen" directive in /etc/nginx/sites-enabled/default:2';
    await expect(error).toContainText(message);
    await expect(error).toContainText(
      locale === 'en' ? 'nginx -t stops at this value:' : 'nginx -t가 이 값에서 멈춥니다:',
    );
    await expect(error.locator('code')).toHaveAttribute('lang', 'en');
    await expect(port).toHaveAttribute('aria-invalid', 'true');
    await expect(port).toHaveAccessibleDescription(new RegExp(message.replace(/[[\]"]/g, '.')));
    await expect(page.locator('[data-builder-status]')).toContainText(
      locale === 'en' ? 'Fields to fix: 1.' : '고칠 칸: 1개.',
    );
    // the files stay as they were, and are not offered for copying
    expect(await codeOf(page, 'nginx').textContent()).toBe(outputsOf(DEFAULT_INPUTS).nginx.text);
    await expect(page.locator('[data-copy="nginx"]')).toBeDisabled();

    await port.fill('8081');
    await expect(error).toBeEmpty();
    await expect(port).not.toHaveAttribute('aria-invalid', 'true');
    await expect(codeOf(page, 'nginx')).toContainText('listen   8081;');
    await expect(page.locator('[data-copy="nginx"]')).toBeEnabled();
  });
}

test('the builder’s own checks and uWSGI’s speak next to their fields', async ({ page }) => {
  await page.goto('/en/builder/');
  await page.getByRole('textbox', { name: 'Processes' }).fill('-1');
  await expect(page.locator('#builder-processes-error')).toHaveText(
    'uWSGI refuses this value: invalid value for option "processes": must be > 0',
  );
  await page.getByRole('textbox', { name: 'Processes' }).fill('2');
  await page.getByRole('textbox', { name: 'Socket path' }).fill('tmp/uwsgi.sock');
  await expect(page.locator('#builder-socketPath-error')).toHaveText(
    'Give an absolute path, starting with /: uWSGI and nginx would look for a relative one in different folders.',
  );
  await page.getByRole('textbox', { name: 'Module' }).fill('app.py');
  await expect(page.locator('#builder-module-error')).toHaveText(
    'Leave out .py: uWSGI imports a module, not a file: app',
  );
  await expect(page.locator('#builder-processes-error')).toBeEmpty();
  await expect(page.locator('[data-builder-status]')).toContainText('Fields to fix: 2.');
});

test('the copy buttons copy exactly the text, and say so', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/en/builder/');
  // a copy button as the very first interaction: the code loads and then copies
  await page.getByRole('button', { name: 'Copy uwsgi.ini' }).click();
  await ready(page);
  const defaults = outputsOf(DEFAULT_INPUTS);
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe(defaults.ini.text);
  await expect(page.locator('[data-file="ini"] [aria-live]')).toHaveText('Copied');

  await page.getByRole('checkbox', { name: /Run uWSGI as a systemd service/ }).check();
  await page.getByRole('checkbox', { name: 'Serve static files from nginx' }).check();
  const lesson08 = outputsOf(
    followDefaults(DEFAULT_INPUTS, { ...DEFAULT_INPUTS, systemd: true, serveStatic: true }),
  );
  await expect(page.locator('[data-file="unit"]')).toBeVisible();
  for (const view of blockViews(lesson08)) {
    const block = page.locator(`[data-file="${view.kind}"]`);
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await block.getByRole('button').click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied, view.kind).toBe(view.text);
    expect(copied, view.kind).toBe(await block.locator('[data-file-text]').textContent());
    await expect(block.locator('[aria-live]')).toHaveText('Copied');
  }
  await expect(page.getByRole('button', { name: 'Copy uwsgi-helloworld.service' })).toBeVisible();
});

test('where the clipboard says no, the text is selected for the reader to copy', async ({
  page,
}) => {
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    });
  });
  await page.goto('/en/builder/');
  await page.getByRole('button', { name: 'Copy uwsgi.ini' }).click();
  await expect(page.locator('[data-file="ini"] [aria-live]')).toHaveText(
    'Could not copy: the text is selected, press Ctrl+C (⌘C).',
  );
  // (a selection's text leaves out the file's final newline, as it does in any <pre>)
  expect(await page.evaluate(() => getSelection()?.toString())).toBe(
    outputsOf(DEFAULT_INPUTS).ini.text.replace(/\n$/, ''),
  );
});

test('markup typed in a field runs nothing and shows as text', async ({ page }) => {
  await page.goto('/en/builder/');
  const payload = '<img src=x onerror="window.__pwned=1">';
  await page.getByRole('textbox', { name: 'server_name' }).fill(payload);
  await expect(page.locator('#builder-serverName-error')).toContainText('One name only');
  // no spaces: nginx reads it, warns, and the warning quotes it
  const tag = '<img/src=x/onerror=window.__pwned=2>';
  await page.getByRole('textbox', { name: 'server_name' }).fill(tag);
  await expect(page.locator('#builder-serverName-error code')).toHaveText(
    `[warn] server name "${tag}" has suspicious symbols in /etc/nginx/sites-enabled/default:4`,
  );
  // a folder name that is valid: it reaches the files themselves
  await page.getByRole('textbox', { name: 'server_name' }).fill('helloworld.haruair.com');
  await page
    .getByRole('textbox', { name: 'App folder' })
    .fill('/srv/<b>bold</b><img/src=x/onerror=window.__pwned=3>');
  await expect(codeOf(page, 'ini')).toContainText(
    'chdir=/srv/<b>bold</b><img/src=x/onerror=window.__pwned=3>',
  );
  await expect(page.locator('main img, main b, main script:not([src])')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
    undefined,
  );
});

test('found from the home page and the course navigation; the language switch keeps the page', async ({
  page,
}) => {
  await page.goto('/ko/');
  await page.getByRole('main').getByRole('link', { name: '설정 생성기' }).click();
  await expect(page).toHaveURL(/\/ko\/builder\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('설정 생성기');
  await page.getByRole('link', { name: 'English로 보기' }).click();
  await expect(page).toHaveURL(/\/en\/builder\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Config builder');
  await expect(
    page.getByRole('navigation', { name: 'Course contents' }).getByRole('link', {
      name: 'Config builder',
    }),
  ).toHaveAttribute('aria-current', 'page');
});

for (const width of [375, 1280]) {
  for (const theme of ['light', 'dark'] as const) {
    for (const locale of ['ko', 'en'] as const) {
      test(`axe: the builder with its code loaded, ${locale}, ${theme}, ${width} px`, async ({
        page,
      }) => {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(`/${locale}/builder/`);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        // every conditional field shown, one problem from the builder and one from nginx
        await page.locator('input[name="systemd"]').check();
        await page.locator('input[name="serveStatic"]').check();
        await ready(page);
        await page.locator('input[name="module"]').fill('app.py');
        await page.locator('input[name="port"]').fill('99999');
        await expect(page.locator('#builder-port-error code')).toBeVisible();
        await expect(page.locator('[data-builder-status]')).not.toBeEmpty();
        const results = await new AxeBuilder({ page }).analyze();
        const summary = results.violations.map(
          (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
        expect(summary).toEqual([]);
        // and once more with the files written again
        await page.locator('input[name="module"]').fill('app');
        await page.locator('input[name="port"]').fill('8080');
        await page.locator('[data-copy="unit"]').click();
        await expect(page.locator('[data-file="unit"] [aria-live]')).not.toBeEmpty();
        const again = await new AxeBuilder({ page }).analyze();
        expect(again.violations.map((v) => v.id)).toEqual([]);
        if (width === 375) {
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow).toBeLessThanOrEqual(0);
        }
      });
    }
  }
}
