// Expressive Code setup: build-time highlighting, file-name title bars, and copy buttons whose
// labels come from the site's i18n files and which copy only what a reader should paste.
import { definePlugin, pluginFramesTexts } from 'astro-expressive-code';
import { addClassName, h } from 'astro-expressive-code/hast';
import type { AstroExpressiveCodeOptions } from 'astro-expressive-code';
import ko from '../i18n/ko.json' with { type: 'json' };
import en from '../i18n/en.json' with { type: 'json' };
import { splitConsoleSnippet } from './console-snippet.ts';

for (const [locale, strings] of [
  ['ko', ko],
  ['en', en],
] as const) {
  pluginFramesTexts.addLocale(locale, {
    terminalWindowFallbackTitle: strings['code.terminal'],
    copyButtonTooltip: strings['code.copy'],
    copyButtonCopied: strings['code.copied'],
  });
}

const CONSOLE_LANGUAGES = new Set(['console', 'shellsession', 'shell-session']);

const regionLabel: Record<string, string> = { ko: ko['code.region'], en: en['code.region'] };
const runLabel: Record<string, string> = { ko: ko['terminal.run'], en: en['terminal.run'] };
const realOnlyNote: Record<string, string> = { ko: ko['code.realOnly'], en: en['code.realOnly'] };
const realOnlyLink: Record<string, string> = {
  ko: ko['code.realOnly.link'],
  en: en['code.realOnly.link'],
};

/**
 * Names every code block and makes it focusable, so that keyboards can scroll a block that is
 * wider than the page; Expressive Code makes such a block a role="region", and regions need
 * distinct accessible names.
 */
function pluginCodeBlockNames() {
  return definePlugin({
    name: 'uwsgi-lab code block names',
    hooks: {
      postprocessRenderedBlock: ({ codeBlock, renderData, locale }) => {
        const firstLine = codeBlock.code.split('\n').find((line) => line.trim() !== '') ?? '';
        const name = codeBlock.props.title ?? firstLine.trim().slice(0, 60);
        // The block's number in its page keeps two blocks with the same first line apart.
        const index = codeBlock.parentDocument?.positionInDocument?.groupIndex;
        const number = index === undefined ? '' : ` ${index + 1}`;
        const label = `${regionLabel[locale] ?? regionLabel['ko']}${number}: ${name}`;
        visit(renderData.blockAst, (node) => {
          if (node.tagName !== 'pre') return;
          node.properties['ariaLabel'] = label;
          // Focusable from the start: Expressive Code's script adds this only once it has measured
          // that the block scrolls, and a keyboard (or axe) may come first.
          node.properties['tabIndex'] = 0;
        });
      },
    },
  });
}

/** For `console` blocks: marks output lines, and makes the copy button copy the commands only. */
function pluginConsoleSnippets() {
  return definePlugin({
    name: 'uwsgi-lab console snippets',
    hooks: {
      postprocessRenderedLine: ({ codeBlock, lineIndex, renderData }) => {
        if (!CONSOLE_LANGUAGES.has(codeBlock.language)) return;
        const line = splitConsoleSnippet(codeBlock.code).lines[lineIndex];
        if (line) addClassName(renderData.lineAst, `console-${line.kind}`);
      },
      postprocessRenderedBlock: ({ codeBlock, renderData }) => {
        if (!CONSOLE_LANGUAGES.has(codeBlock.language)) return;
        const { commands } = splitConsoleSnippet(codeBlock.code);
        // The frames plugin put the whole block in data-code; newlines are stored as U+007F there.
        const copy = commands.join('\n').replace(/\n/g, '\u007f');
        visit(renderData.blockAst, (node) => {
          if (node.tagName === 'button' && node.properties['dataCode'] !== undefined) {
            node.properties['dataCode'] = copy;
          }
        });
      },
    },
  });
}

/**
 * ```console run: a "type in terminal" button under the block that types its commands into the
 * page's terminal (the reader still presses Enter). It is rendered hidden: the terminal's loader
 * shows it on a page that has a terminal, so a page without one (or without JavaScript) has no
 * button that does nothing.
 */
function pluginRunInTerminal() {
  return definePlugin({
    name: 'uwsgi-lab run in terminal',
    hooks: {
      postprocessRenderedBlock: ({ codeBlock, renderData, locale }) => {
        if (codeBlock.metaOptions.getBoolean('run') !== true) return;
        if (!CONSOLE_LANGUAGES.has(codeBlock.language)) {
          throw new Error(
            `a \`run\` code block must be a console block, not ${codeBlock.language}`,
          );
        }
        const { commands } = splitConsoleSnippet(codeBlock.code);
        if (commands.length === 0) throw new Error('a `run` console block has no `$ ` command');
        const button = h(
          'button',
          {
            type: 'button',
            className: ['button', 'run-in-terminal'],
            dataRunCommand: JSON.stringify(commands),
            hidden: true,
          },
          runLabel[locale] ?? runLabel['ko'] ?? '',
        );
        renderData.blockAst.children.push(button);
      },
    },
  });
}

/**
 * ```console real-only: output the simulator does not make (another machine, a Python program
 * outside the subset it reads, timings, a program it does not have), captured on the real programs.
 * A note under the block says so and links to the page that lists them.
 */
function pluginRealOnly(base: string) {
  return definePlugin({
    name: 'uwsgi-lab real-only output',
    hooks: {
      postprocessRenderedBlock: ({ codeBlock, renderData, locale }) => {
        if (!codeBlock.meta.split(/\s+/).includes('real-only')) return;
        if (!CONSOLE_LANGUAGES.has(codeBlock.language)) {
          throw new Error(
            `a \`real-only\` code block must be a console block, not ${codeBlock.language}`,
          );
        }
        const lang = locale === 'en' ? 'en' : 'ko';
        const note = h('p', { className: ['code-note'] }, [
          `${realOnlyNote[lang] ?? ''} `,
          h(
            'a',
            { href: `${base}${lang}/simplifications/#lessons-real-only` },
            realOnlyLink[lang] ?? '',
          ),
        ]);
        renderData.blockAst.children.push(note);
      },
    },
  });
}

interface HastElementLike {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastElementLike[];
}

function visit(
  node: HastElementLike,
  fn: (element: { tagName: string; properties: Record<string, unknown> }) => void,
): void {
  if (node.type === 'element' && node.tagName && node.properties) {
    fn({ tagName: node.tagName, properties: node.properties });
  }
  for (const child of node.children ?? []) visit(child, fn);
}

/** The options, for a site served under `base` (`/` or `/uwsgi-lab/`). */
export const expressiveCodeOptions = (base: string): AstroExpressiveCodeOptions => ({
  themes: ['github-light', 'github-dark'],
  // The site's own theme switch sets data-theme on <html>; the system setting applies before it.
  useDarkModeMediaQuery: false,
  themeCssSelector: (theme) => `[data-theme='${theme.type}']`,
  defaultLocale: 'ko',
  getBlockLocale: ({ file }) => (/[/\\]en[/\\]/.test(file.path) ? 'en' : 'ko'),
  minSyntaxHighlightingColorContrast: 5.5,
  plugins: [
    pluginConsoleSnippets(),
    pluginCodeBlockNames(),
    pluginRunInTerminal(),
    pluginRealOnly(base.endsWith('/') ? base : `${base}/`),
  ],
  styleOverrides: {
    borderRadius: '0.4rem',
    codeFontFamily: 'var(--font-mono)',
    uiFontFamily: 'var(--font-sans)',
    codeFontSize: '0.875rem',
  },
});
