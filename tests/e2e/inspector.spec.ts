// The packet inspector: a server-rendered form whose code loads on the first interaction; pasted
// hexdump -C and tcpdump -X dumps decoded; examples; a broken packet's offset marked; the JSON the
// CLI prints; uWSGI's HTTP answer; pasted markup stays text; axe in both themes and languages.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { packetJson } from '../../src/cli/packet-json.ts';
import { decode } from '../../src/protocol/decode.ts';

const HEXDUMPS = 'tests/fixtures/hexdumps/';
const dump = (file: string): string => readFileSync(`${HEXDUMPS}${file}`, 'utf8');
const vector = (name: string): Uint8Array =>
  Uint8Array.from(
    Buffer.from(
      readFileSync(`tests/fixtures/vectors/${name}.hex`, 'utf8').replace(/\s+/g, ''),
      'hex',
    ),
  );

async function paste(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Hex dump' }).fill(text);
  await page.getByRole('button', { name: 'Decode' }).click();
}

test.use({ viewport: { width: 1280, height: 900 } });

test('the inspector’s code loads only when the reader interacts', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.goto('/en/inspector/', { waitUntil: 'networkidle' });
  expect(scripts.some((path) => /\/inspector\.[\w-]+\.js$/.test(path))).toBe(false);
  await page.getByRole('textbox', { name: 'Hex dump' }).focus();
  await expect(page.locator('[data-inspector]')).toHaveAttribute('data-ready', '');
  expect(scripts.some((path) => /\/inspector\.[\w-]+\.js$/.test(path))).toBe(true);
});

test('decodes a pasted hexdump -C: packet view, vars, body and the CLI’s JSON', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/en/inspector/');
  await paste(page, dump('post-form.hexdump-C'));
  await expect(page.getByRole('status').first()).toHaveText('Read as hexdump -C: 514 bytes.');
  const view = page.locator('figure.pv');
  await expect(view.getByRole('gridcell')).toHaveCount(514);
  const vars = page.locator('.inspector__section').filter({
    has: page.getByRole('heading', { name: 'Vars (18 pairs)' }),
  });
  const method = vars.getByRole('row').filter({ hasText: 'REQUEST_METHOD' });
  await expect(method).toContainText('20');
  await expect(method).toContainText('POST');
  await expect(page.getByRole('heading', { name: 'Body (20 bytes)' })).toBeVisible();
  await expect(page.locator('.inspector__section').last()).toContainText('name=haruair&lang=ko');

  await page.getByRole('button', { name: 'Copy as JSON' }).click();
  await expect(vars.getByRole('status')).toHaveText('Copied.');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(packetJson(decode(vector('post-form'))));

  // the view is the same linked view as in the lessons
  await view.getByRole('gridcell').nth(2).hover();
  await expect(view.locator('.pv__details')).toContainText('0x01ea = 1 × 256 + 234 = 490');
});

test('decodes a pasted tcpdump -X capture: the uwsgi packet inside the TCP stream', async ({
  page,
}) => {
  await page.goto('/en/inspector/');
  await paste(page, dump('get-query-tcp8001.tcpdump-X'));
  const status = page.getByRole('status').first();
  await expect(status).toContainText('Read as tcpdump: 408 bytes.');
  await expect(status).toContainText('→ 127.0.0.1:8001');
  await expect(page.getByRole('row').filter({ hasText: 'REMOTE_PORT' })).toContainText('53748');
  await expect(page.getByRole('row').filter({ hasText: 'QUERY_STRING' })).toContainText(
    'x=1&y=%ED%95%9C',
  );
});

test('a broken packet says what and where, and marks the byte', async ({ page }) => {
  await page.goto('/en/inspector/');
  await page.getByRole('button', { name: /A cut-off packet/ }).click();
  await expect(page.getByRole('status').first()).toContainText('It breaks at byte 4');
  const view = page.locator('figure.pv');
  await expect(view.locator('.pv__error')).toContainText('Broken at byte 4');
  await expect(view.locator('.pv__error')).toContainText(
    'datasize says 363 bytes follow the header, but only 96 do.',
  );
  await expect(view.locator('.pv__error')).toContainText('Code datasize-mismatch, byte 4');
  await expect(view.getByRole('gridcell').nth(4)).toHaveClass(/pv-err/);
  await expect(view.locator('.pv-err')).toHaveCount(1);
  await expect(page.getByText('The packet is broken, so there is no JSON')).toBeVisible();

  // a dump with half a byte is refused with its line when only dumps are wanted
  await page.getByRole('radio', { name: 'A hex dump only' }).check();
  await paste(page, '00 6b 01 00\n0c 0');
  await expect(page.getByRole('status').first()).toContainText('cannot be read as a hex dump');
  await expect(page.locator('figure.pv')).toHaveCount(0);
});

test('examples: uWSGI’s HTTP answer and the ping reply', async ({ page }) => {
  await page.goto('/en/inspector/');
  await page.getByRole('button', { name: /uWSGI's answer/ }).click();
  const http = page.locator('.inspector__section').filter({
    has: page.getByRole('heading', { name: 'HTTP response', exact: true }),
  });
  await expect(http).toContainText('HTTP/1.1 200 OK');
  await expect(http.getByRole('row').filter({ hasText: 'Content-Length' })).toContainText('12');
  await expect(http).toContainText('Hello World!');
  await expect(
    page.locator('figure.pv').getByRole('treeitem', { name: /^status line:/ }),
  ).toBeVisible();

  await page.getByRole('button', { name: /The answer to a ping/ }).click();
  await expect(page.getByRole('status').first()).toHaveText('Read as hexdump -C: 4 bytes.');
  const tree = page.locator('figure.pv').getByRole('tree');
  await expect(tree.getByRole('treeitem', { name: /^modifier1: 100 · Ping,/ })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: /^modifier2: 1 · pong,/ })).toBeVisible();
  await expect(page.locator('.inspector__details pre')).toContainText('"modifier1": 100');
});

test('a raw file, chosen or dropped, is read as bytes', async ({ page }) => {
  await page.goto('/en/inspector/');
  await page.getByLabel('Choose a file').setInputFiles({
    name: 'get-root.bin',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(vector('get-root')),
  });
  await expect(page.getByRole('status').first()).toHaveText(
    'Read the bytes of the file get-root.bin as they are: 367 bytes.',
  );
  await expect(page.getByRole('textbox', { name: 'Hex dump' })).toHaveValue(
    /^00000000 {2}00 6b 01 00/,
  );

  const transfer = await page.evaluateHandle((hex) => {
    const data = new DataTransfer();
    const bytes = new Uint8Array(hex.match(/../g)?.map((byte) => parseInt(byte, 16)) ?? []);
    data.items.add(new File([bytes], 'pong.bin'));
    return data;
  }, '64000001');
  await page.locator('[data-inspector]').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByRole('status').first()).toHaveText(
    'Read the bytes of the file pong.bin as they are: 4 bytes.',
  );
});

test('pasted markup runs nothing and shows as text', async ({ page }) => {
  await page.goto('/en/inspector/');
  const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  await paste(page, payload);
  await expect(page.getByRole('status').first()).toContainText('Not a hex dump (line 1)');
  const view = page.locator('figure.pv');
  await expect(view.getByRole('gridcell')).toHaveCount(new TextEncoder().encode(payload).length);
  const text = await view
    .locator('.pv-a')
    .evaluateAll((parts) => parts.map((part) => part.textContent).join(''));
  expect(text).toContain('<img src=x onerror="window.__pwned=1">');
  await expect(page.locator('main img, main script:not([src])')).toHaveCount(0);
  await view.getByRole('gridcell').nth(5).hover();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
    undefined,
  );
});

test('the language switch leads to the other language’s inspector, found from the home page', async ({
  page,
}) => {
  await page.goto('/ko/');
  await page.getByRole('main').getByRole('link', { name: '패킷 검사기' }).click();
  await expect(page).toHaveURL(/\/ko\/inspector\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('패킷 검사기');
  await page.getByRole('link', { name: 'English로 보기' }).click();
  await expect(page).toHaveURL(/\/en\/inspector\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Packet inspector');
  await expect(
    page.getByRole('navigation', { name: 'Course contents' }).getByRole('link', {
      name: 'Packet inspector',
    }),
  ).toHaveAttribute('aria-current', 'page');
});

for (const width of [375, 1280]) {
  for (const theme of ['light', 'dark'] as const) {
    for (const locale of ['ko', 'en'] as const) {
      test(`axe: the inspector with a packet, ${locale}, ${theme}, ${width} px`, async ({
        page,
      }) => {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(`/${locale}/inspector/`);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await page.locator('[data-example-hex]').nth(1).click();
        const view = page.locator('figure.pv');
        await expect(view.getByRole('gridcell')).toHaveCount(514);
        await view.locator('[role="gridcell"][tabindex="0"]').focus();
        await page.keyboard.press('ArrowRight');
        await page.locator('.inspector__details summary').click();
        const results = await new AxeBuilder({ page }).analyze();
        const summary = results.violations.map(
          (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
        expect(summary).toEqual([]);
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
