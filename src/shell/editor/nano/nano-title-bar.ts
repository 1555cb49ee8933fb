// nano 7.2's title bar (winio.c titlebar()) as Debian 12 shows it: Debian's /etc/nanorc has
// `set stateflags`, so the right end holds five state-flag cells (blank here: no auto-indent, mark,
// hard wrap, macro or soft wrap) and a modified buffer is marked by ` *` after the file name, not
// by the word "Modified". When the width runs short nano gives up, in order, the version, the side
// spaces, and then shows the path's tail after `...`, as Pico did.

import { stringWidth } from '../../terminal-width.ts';
import { RowCanvas, type Row } from '../screen-frame.ts';

const BRANDING = 'GNU nano 7.2';
/** With stateflags the state placeholder is "+.xxxxx": seven cells. */
const STATE_WIDTH = 7;

export type TitleBarState =
  | {
      /** The file name as given, '' for a buffer with no name ("New Buffer"). */
      readonly path: string;
      readonly modified: boolean;
    }
  /** The help viewer: its title in the middle, no version and no state. */
  | { readonly helpTitle: string };

/** The title bar, `columns` wide. */
export function titleBar(columns: number, state: TitleBarState): Row {
  const canvas = new RowCanvas(columns, 'reverse');
  const help = 'helpTitle' in state;
  const upperLeft = help ? '' : BRANDING;
  const path = help ? state.helpTitle : state.path === '' ? 'New Buffer' : state.path;
  let verlen = stringWidth(upperLeft) + 3;
  let statelen = help ? 2 : STATE_WIDTH + 2;
  const pathlen = stringWidth(path) + (statelen > 2 ? 1 : 0);
  const total = (): number => verlen + pathlen + statelen;
  if (total() <= columns) {
    canvas.put(2, upperLeft, 'reverse');
  } else {
    verlen = 2;
    if (total() > columns) {
      verlen = 0;
      statelen -= 2;
    }
  }
  const offset =
    verlen > 0 ? verlen + Math.floor((columns - (verlen + statelen) - pathlen) / 2) : 0;
  let end = offset;
  if (pathlen + statelen <= columns) {
    end = canvas.put(offset, path, 'reverse');
  } else if (5 + statelen <= columns) {
    // Dottify: "..." and as much of the path's end as fits.
    const room = columns - statelen - 3 - (pathlen - stringWidth(path));
    const chars = Array.from(path);
    let tail = '';
    while (chars.length > 0 && stringWidth(chars.at(-1)! + tail) <= room)
      tail = chars.pop()! + tail;
    end = canvas.put(offset, `...${tail}`, 'reverse');
  }
  if (!help && state.modified && columns > 1) canvas.put(end, ' *', 'reverse');
  return canvas.toRow();
}
