// How many terminal columns a character takes, wcwidth-style, with the table xterm.js uses by
// default (its Unicode 6 provider, after Markus Kuhn's wcwidth): East Asian wide characters —
// Hangul syllables (가-힣), Hangul initial Jamo (U+1100-115F), Hangul compatibility Jamo, CJK
// ideographs, kana, fullwidth forms — take two; combining marks, the Hangul vowel and final Jamo
// that join an initial one (U+1160-11FF, U+D7B0-D7FF) and format characters take none. The line
// editor moves the cursor by these widths, so a Korean line edits right in the browser terminal.

/** Whether a code point is wide (two columns), per Kuhn's wcwidth ranges. */
function isWide(cp: number): boolean {
  return (
    cp >= 0x1100 &&
    (cp <= 0x115f ||
      cp === 0x2329 ||
      cp === 0x232a ||
      (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe10 && cp <= 0xfe19) ||
      (cp >= 0xfe30 && cp <= 0xfe6f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x20000 && cp <= 0x2fffd) ||
      (cp >= 0x30000 && cp <= 0x3fffd))
  );
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

/** Columns for one code point: 0, 1 or 2 (control characters count 0: they are not shown). */
export function charWidth(char: string): 0 | 1 | 2 {
  const cp = char.codePointAt(0) ?? 0;
  if (cp === 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0x300) return 1;
  // Hangul medial vowels and final consonants combine with the initial Jamo before them.
  if ((cp >= 0x1160 && cp <= 0x11ff) || (cp >= 0xd7b0 && cp <= 0xd7ff)) return 0;
  if (cp === 0x200b || ZERO_WIDTH.test(char)) return 0;
  return isWide(cp) ? 2 : 1;
}

/**
 * Removes ANSI escape sequences (CSI `ESC [ ... final`, OSC `ESC ] ... BEL` or `ESC \\`, and
 * two-character escapes): they take no columns.
 */
export function stripAnsi(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\x1b') {
      out += text[i];
      continue;
    }
    const next = text[i + 1];
    if (next === '[') {
      let j = i + 2;
      while (j < text.length && !/[@-~]/.test(text[j]!)) j++;
      i = j;
    } else if (next === ']') {
      let j = i + 2;
      while (j < text.length && text[j] !== '\x07' && !(text[j] === '\x1b' && text[j + 1] === '\\'))
        j++;
      i = text[j] === '\x1b' ? j + 1 : j;
    } else {
      i++;
    }
  }
  return out;
}

/** Columns `text` takes on one line (escape sequences and control characters count nothing). */
export function stringWidth(text: string): number {
  let width = 0;
  for (const char of stripAnsi(text)) width += charWidth(char);
  return width;
}

/**
 * Splits text into what the cursor steps over: a character with the zero-width characters that
 * follow it (a decomposed Hangul syllable, a letter with its accent).
 */
export function clusters(text: string): string[] {
  const out: string[] = [];
  for (const char of text) {
    if (out.length > 0 && charWidth(char) === 0 && (char.codePointAt(0) ?? 0) >= 0x20) {
      out[out.length - 1] += char;
    } else {
      out.push(char);
    }
  }
  return out;
}
