// nano 7.2's status bar: the message of the moment (winio.c statusline()), centred in `[ … ]`,
// reverse video for plain news and bold white on red for problems; the most important message of
// one keystroke wins, and it goes away after 20 more keystrokes (1 for an unbound key). Also the
// text of Ctrl-C's cursor report (report_cursor_position()).

import { stringWidth } from '../../terminal-width.ts';
import { RowCanvas, type Row } from '../screen-frame.ts';

/** nano's message_type, least important first (definitions.h). */
export const IMPORTANCE = {
  hush: 1,
  remark: 2,
  info: 3,
  notice: 4,
  ahem: 5,
  mild: 6,
  alert: 7,
} as const;

export type Importance = keyof typeof IMPORTANCE;

export interface StatusMessage {
  readonly text: string;
  readonly importance: Importance;
}

/** Keystrokes a message stays for (nano: 20, or 1 with --quickblank and after "Unbound key"). */
export const MESSAGE_KEYSTROKES = 20;

/** The status row showing `message`, `columns` wide. */
export function statusRow(columns: number, message: StatusMessage): Row {
  const canvas = new RowCanvas(columns);
  let text = '';
  for (const char of message.text) {
    if (stringWidth(text + char) > columns) break;
    text += char;
  }
  const start = Math.floor((columns - stringWidth(text)) / 2);
  const bracketed = start > 1;
  const style = IMPORTANCE[message.importance] > IMPORTANCE.notice ? 'error' : 'reverse';
  canvas.put(bracketed ? start - 2 : start, bracketed ? `[ ${text} ]` : text, style);
  return canvas.toRow();
}

/** nano's digits(): the width given to a count, never less than 2. */
function digits(n: number): number {
  return Math.max(2, String(n).length);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, ' ');
}

export interface CursorReport {
  /** 1-based line and the number of lines (nano counts the empty last line). */
  readonly line: number;
  readonly lines: number;
  /** 1-based display column, and the line's width plus one. */
  readonly column: number;
  readonly lineColumns: number;
  /** Characters before the cursor, and in the whole text (newlines count). */
  readonly char: number;
  readonly chars: number;
}

/** `line  3/15 (20%), col  5/24 ( 20%), char  51/452 (11%)` (the brackets come from statusRow). */
export function cursorReport(r: CursorReport): string {
  const linePct = Math.floor((100 * r.line) / r.lines);
  const colPct = Math.floor((100 * r.column) / r.lineColumns);
  const charPct = r.chars === 0 ? 0 : Math.floor((100 * r.char) / r.chars);
  return (
    `line ${pad(r.line, digits(r.lines))}/${r.lines} (${pad(linePct, 2)}%), ` +
    `col ${pad(r.column, 2)}/${pad(r.lineColumns, 2)} (${pad(colPct, 3)}%), ` +
    `char ${pad(r.char, digits(r.chars))}/${r.chars} (${pad(charPct, 2)}%)`
  );
}
