// The two help lines at the bottom of nano 7.2's screen: each menu's shortcuts in nano's order
// (global.c's function list, as captured from the real program at 80, 200 and 320 columns) laid out
// as winio.c's bottombars() does — ((columns + 40) / 20) * 2 of them at most, in slots of
// columns / (count / 2) cells, the last two (and a lone penultimate one) taking the slack. Key
// names are reverse video. Simplified: only the first 36 main-menu entries are listed, which is
// every one a terminal up to 339 columns shows.

import { stringWidth } from '../../terminal-width.ts';
import { RowCanvas, type Row } from '../screen-frame.ts';

export type ShortcutMenu = 'main' | 'write' | 'search' | 'goto' | 'help';

type Shortcut = readonly [key: string, tag: string];

const MENUS: Readonly<Record<ShortcutMenu, readonly Shortcut[]>> = {
  main: [
    ['^G', 'Help'],
    ['^X', 'Exit'],
    ['^O', 'Write Out'],
    ['^R', 'Read File'],
    ['^W', 'Where Is'],
    ['^\\', 'Replace'],
    ['^K', 'Cut'],
    ['^U', 'Paste'],
    ['^T', 'Execute'],
    ['^J', 'Justify'],
    ['^C', 'Location'],
    ['^/', 'Go To Line'],
    ['M-U', 'Undo'],
    ['M-E', 'Redo'],
    ['M-A', 'Set Mark'],
    ['M-6', 'Copy'],
    ['M-]', 'To Bracket'],
    ['^Q', 'Where Was'],
    ['M-Q', 'Previous'],
    ['M-W', 'Next'],
    ['^B', 'Back'],
    ['^F', 'Forward'],
    ['^◂', 'Prev Word'],
    ['^▸', 'Next Word'],
    ['^A', 'Home'],
    ['^E', 'End'],
    ['^P', 'Prev Line'],
    ['^N', 'Next Line'],
    ['M-▴', 'Scroll Up'],
    ['M-▾', 'Scroll Down'],
    ['^▴', 'Prev Block'],
    ['^▾', 'Next Block'],
    ['M-(', 'Begin of Paragr.'],
    ['M-)', 'End of Paragraph'],
    ['^Y', 'Prev Page'],
    ['^V', 'Next Page'],
  ],
  write: [
    ['^G', 'Help'],
    ['^C', 'Cancel'],
    ['M-D', 'DOS Format'],
    ['M-M', 'Mac Format'],
    ['M-A', 'Append'],
    ['M-P', 'Prepend'],
    ['M-B', 'Backup File'],
    ['^T', 'Browse'],
  ],
  search: [
    ['^G', 'Help'],
    ['^C', 'Cancel'],
    ['M-C', 'Case Sens'],
    ['M-R', 'Reg.exp.'],
    ['M-B', 'Backwards'],
    ['^R', 'Replace'],
    ['^P', 'Older'],
    ['^N', 'Newer'],
    ['^T', 'Go To Line'],
  ],
  goto: [
    ['^G', 'Help'],
    ['^C', 'Cancel'],
    ['^W', 'Begin of Paragr.'],
    ['^O', 'End of Paragraph'],
    ['^Y', 'First Line'],
    ['^V', 'Last Line'],
    ['^T', 'Go To Text'],
  ],
  help: [
    ['^L', 'Refresh'],
    ['^X', 'Close'],
    ['^W', 'Where Is'],
    ['^Q', 'Where Was'],
    ['M-Q', 'Previous'],
    ['M-W', 'Next'],
    ['^P', 'Prev Line'],
    ['^N', 'Next Line'],
    ['^Y', 'Prev Page'],
    ['^V', 'Next Page'],
    ['M-\\', 'First Line'],
    ['M-/', 'Last Line'],
  ],
};

/** winio.c post_one_key(): the key (reverse) and, if two cells remain, a space and the tag. */
function postOneKey(canvas: RowCanvas, column: number, key: string, tag: string, width: number) {
  const keyEnd = canvas.put(column, clip(key, width), 'reverse');
  const left = width - stringWidth(key);
  if (left < 2) return;
  canvas.put(keyEnd + 1, clip(tag, left - 1));
}

/** The longest start of `text` that fits in `width` columns. */
function clip(text: string, width: number): string {
  let out = '';
  for (const char of text) {
    if (stringWidth(out + char) > width) break;
    out += char;
  }
  return out;
}

/** The two help lines of `menu` at `columns` wide. */
export function shortcutRows(menu: ShortcutMenu, columns: number): [Row, Row] {
  const rows = [new RowCanvas(columns), new RowCanvas(columns)] as const;
  const items = MENUS[menu];
  const number = Math.min(items.length, Math.floor((columns + 40) / 20) * 2);
  const itemWidth = number === 0 ? 0 : Math.floor(columns / Math.floor((number + 1) / 2));
  if (itemWidth > 0) {
    items.slice(0, number).forEach(([key, tag], index) => {
      let width = itemWidth;
      // When the number is odd, the penultimate item can be double wide.
      if (number % 2 === 1 && index + 2 === number) width += itemWidth;
      // The last two items also take the remaining slack.
      if (index + 2 >= number) width += columns % itemWidth;
      postOneKey(rows[index % 2]!, Math.floor(index / 2) * itemWidth, key, tag, width);
    });
  }
  return [rows[0].toRow(), rows[1].toRow()];
}

/** prompt.c ask_user()'s lines: ` Y Yes` above, ` N No` and `^C Cancel` below, 16 cells apart. */
export function yesNoRows(columns: number): [Row, Row] {
  const width = columns < 32 ? Math.floor(columns / 2) : 16;
  const top = new RowCanvas(columns);
  const bottom = new RowCanvas(columns);
  postOneKey(top, 0, ' Y', 'Yes', width);
  postOneKey(bottom, 0, ' N', 'No', width);
  postOneKey(bottom, width, '^C', 'Cancel', width);
  return [top.toRow(), bottom.toRow()];
}
