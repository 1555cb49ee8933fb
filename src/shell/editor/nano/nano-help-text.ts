// The text of nano 7.2's help viewer for the edit window (Ctrl-G): its introduction and the list
// of keystrokes, as the real program shows them (help.c; captured at 40, 80 and 200 columns in
// tests/fixtures/editor/nano-help-text-*.txt), wrapped as wrap_help_text_into_buffer() does. The list names
// every key nano has; this simulation does the ones its status bar does not call "not part of the
// simulation" (see nano-editor.ts).

import { charWidth } from '../../terminal-width.ts';

export const HELP_TITLE = 'Main nano help text';

const INTRO: readonly string[] = [
  ' The nano editor is designed to emulate the functionality and ease-of-use of the UW Pico text ' +
    'editor.  There are four main sections of the editor.  The top line shows the program ' +
    'version, the current filename being edited, and whether or not the file has been modified.  ' +
    'Next is the main editor window showing the file being edited.  The status line is the third ' +
    'line from the bottom and shows important messages.  The bottom two lines show the most ' +
    'commonly used shortcuts in the editor.',
  " Shortcuts are written as follows: Control-key sequences are notated with a '^' and can be " +
    'entered either by using the Ctrl key or pressing the Esc key twice.  Meta-key sequences are ' +
    "notated with 'M-' and can be entered using either the Alt, Cmd, or Esc key, depending on " +
    'your keyboard setup.  Also, pressing Esc twice and then typing a three-digit decimal number ' +
    'from 000 to 255 will enter the character with the corresponding value.  The following ' +
    'keystrokes are available in the main editor window.  Alternative keys are shown in ' +
    'parentheses:',
];

/** The keystroke list: 17 columns of keys, then the description; '' between groups. */
const SHORTCUT_LINES: readonly string[] = [
  '^G     (F1)      Display this help text',
  '^X     (F2)      Close the current buffer / Exit from nano',
  '^O     (F3)      Write the current buffer (or the marked region) to disk',
  '^R     (Ins)     Insert another file into current buffer (or into new buffer)',
  '',
  '^W     (F6)      Search forward for a string or a regular expression',
  '^\\     (M-R)     Replace a string or a regular expression',
  '^K     (F9)      Cut current line (or marked region) and store it in cutbuffer',
  '^U     (F10)     Paste the contents of cutbuffer at current cursor position',
  '',
  '^T               Execute a function or an external command',
  '^J     (F4)      Justify the current paragraph',
  '',
  '^C     (F11)     Display the position of the cursor',
  '^/     (M-G)     Go to line and column number',
  '',
  'M-U              Undo the last operation',
  'M-E              Redo the last undone operation',
  '',
  'M-A    (^6)      Mark text starting from the cursor position',
  'M-6    (M-^)     Copy current line (or marked region) and store it in cutbuffer',
  '',
  'M-]              Go to the matching bracket',
  '',
  '^Q               Search backward for a string or a regular expression',
  'M-Q              Search next occurrence backward',
  'M-W              Search next occurrence forward',
  '',
  '^B     (◂)       Go back one character',
  '^F     (▸)       Go forward one character',
  '^◂     (M-Space) Go back one word',
  '^▸     (^Space)  Go forward one word',
  '^A     (Home)    Go to beginning of current line',
  '^E     (End)     Go to end of current line',
  '',
  '^P     (▴)       Go to previous line',
  '^N     (▾)       Go to next line',
  'M-▴    (M--)     Scroll up one line without moving the cursor textually',
  'M-▾    (M-+)     Scroll down one line without moving the cursor textually',
  '',
  '^▴     (M-7)     Go to previous block of text',
  '^▾     (M-8)     Go to next block of text',
  'M-(    (M-9)     Go to beginning of paragraph; then of previous paragraph',
  'M-)    (M-0)     Go just beyond end of paragraph; then of next paragraph',
  '',
  '^Y     (PgUp)    Go one screenful up',
  '^V     (PgDn)    Go one screenful down',
  'M-\\    (^Home)   Go to the first line of the file',
  'M-/    (^End)    Go to the last line of the file',
  '',
  'M-◂    (M-,)     Switch to the previous file buffer',
  'M-▸    (M-.)     Switch to the next file buffer',
  '',
  '^I     (Tab)     Insert a tab at the cursor position (or indent marked lines)',
  '^M     (Enter)   Insert a newline at the cursor position',
  '',
  '^H     (Bsp)     Delete the character to the left of the cursor',
  '^D     (Del)     Delete the character under the cursor',
  '',
  'M-Bsp  (Sh-^Del) Delete backward from cursor to word start',
  '^Del             Delete forward from cursor to next word start',
  'M-T              Cut from the cursor position to the end of the file',
  '',
  'M-J              Justify the entire file',
  'M-D              Count the number of lines, words, and characters',
  'M-V              Insert the next keystroke verbatim',
  '',
  'M-}              Indent the current line (or marked lines)',
  'M-{    (Sh-Tab)  Unindent the current line (or marked lines)',
  '',
  'M-3              Comment/uncomment the current line (or marked lines)',
  '^]               Try and complete the current word',
  '',
  'M-:              Start/stop recording a macro',
  'M-;              Run the last recorded macro',
  '',
  'M-Del            Throw away the current line (or marked region)',
  '',
  'M-Ins            Place or remove an anchor at the current line',
  'M-PgUp           Jump backward to the nearest anchor',
  'M-PgDn           Jump forward to the nearest anchor',
  '',
  'F12              Invoke the spell checker, if available',
  'M-B              Invoke the linter, if available',
  'M-F              Invoke a program to format/arrange/manipulate the buffer',
  '',
  '                 Suspend the editor (return to the shell)',
  '^L               Refresh (redraw) the current screen',
  '^L               Center the line where the cursor is',
  '',
  '^S               Save file without prompting',
  '',
  'M-Z              Hidden interface enable/disable',
  'M-X              Help mode enable/disable',
  'M-C              Constant cursor position display enable/disable',
  'M-S              Soft wrapping of overlong lines enable/disable',
  'M-N              Line numbering enable/disable',
  'M-P              Whitespace display enable/disable',
  'M-Y              Color syntax highlighting enable/disable',
  '',
  'M-H              Smart home key enable/disable',
  'M-I              Auto indent enable/disable',
  'M-K              Cut to end enable/disable',
  'M-L              Hard wrapping of overlong lines enable/disable',
  'M-O              Conversion of typed tabs to spaces enable/disable',
  'M-M              Mouse support enable/disable',
];

/** Spaces and tabs: where text.c's break_line() may break a line. */
function isBlank(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

/**
 * text.c break_line() with snap_at_nl, as the help viewer uses it: how much of `text` from
 * `start` goes on one line of `goal` columns — up to a newline, or up to the last blank that does
 * not overshoot the goal (never one in the 17 columns of keys when the goal is 40 or more), or,
 * with no blank, as much as fits.
 */
function breakLine(text: string, start: number, goal: number): number {
  let at = start;
  let column = 0;
  let lastBlank = -1;
  while (at < text.length && isBlank(text[at])) {
    column += 1;
    at++;
  }
  let previous = at;
  while (at < text.length && column <= goal) {
    if (isBlank(text[at]) && (column > 17 || goal < 40)) {
      lastBlank = at;
    } else if (text[at] === '\n') {
      lastBlank = at;
      break;
    }
    const char = String.fromCodePoint(text.codePointAt(at) ?? 0);
    column += Math.max(1, charWidth(char));
    previous = at;
    at += char.length;
  }
  if (column <= goal) return at - start;
  if (lastBlank < 0) return previous - start;
  // Consecutive blanks after the last one that fits go with it.
  while (isBlank(text[lastBlank + 1])) lastBlank++;
  return lastBlank - start;
}

/** The help text as one string, and where the keystroke list begins. */
function helpText(): { readonly text: string; readonly endOfIntro: number } {
  const intro = `${INTRO.join('\n\n')}\n\n`;
  return {
    text: intro + SHORTCUT_LINES.map((line) => `${line}\n`).join(''),
    endOfIntro: intro.length,
  };
}

/**
 * The help viewer's lines at `columns` wide, as help.c wrap_help_text_into_buffer() makes them:
 * the introduction wrapped at 74 columns at most (40 at least), each keystroke's first line at the
 * screen's width and its continuation lines 18 columns less, indented by two tabs and two spaces.
 * The blank a line was broken at starts the next one. The first line is blank, as nano shows it.
 */
export function helpLines(columns: number): string[] {
  const { text, endOfIntro } = helpText();
  const lines: string[] = [''];
  let goal = columns < 40 ? 40 : Math.min(columns, 74);
  let at = 0;
  while (at < text.length) {
    if (at === endOfIntro) goal = Math.max(40, columns);
    let length: number;
    if (at < endOfIntro || text[at - 1] === '\n') {
      length = breakLine(text, at, goal);
      const shim = text[at + length - 1] === ' ' ? 0 : 1;
      lines.push(text.slice(at, at + length - 1 + shim));
    } else {
      length = breakLine(text, at, columns < 40 ? 22 : columns - 18);
      lines.push(`\t\t  ${text.slice(at, at + length)}`);
    }
    at += length;
    // One line per newline beyond the first; a blank the line broke at starts the next line.
    if (text[at] === '\n') {
      at++;
      while (text[at] === '\n') {
        lines.push('');
        at++;
      }
    }
  }
  return lines;
}
