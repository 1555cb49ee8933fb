// The words vim 9.0 (Debian 12's vim-tiny) uses about a file, in its two manners: started as `vi`
// it reads /etc/vim/vimrc.tiny ('compatible': long messages — `"app.ini" 9 lines, 125 bytes`, no
// mode line, no ruler); started as `vim.tiny` it reads /etc/vim/vimrc ('nocompatible': short
// messages — `"app.ini" 9L, 125B`, `-- INSERT --`, the ruler). Captured in tests/fixtures/editor/.

export interface ViManner {
  /** vimrc.tiny's 'compatible': long messages, no showmode, no ruler. */
  readonly compatible: boolean;
}

function count(manner: ViManner, lines: number, bytes: number): string {
  if (!manner.compatible) return `${lines}L, ${bytes}B`;
  return `${lines} line${lines === 1 ? '' : 's'}, ${bytes} byte${bytes === 1 ? '' : 's'}`;
}

/** After reading a file: `"name" [readonly] [noeol] 9 lines, 125 bytes`. */
export function readMessage(
  manner: ViManner,
  name: string,
  file: { lines: number; bytes: number; readonly: boolean; noEol: boolean },
): string {
  const flags = `${file.readonly ? ' [readonly]' : ''}${file.noEol ? ' [noeol]' : ''}`;
  return `"${name}"${flags} ${count(manner, file.lines, file.bytes)}`;
}

/** A name that is not a file yet. */
export function newFileMessage(manner: ViManner, name: string, folderMissing: boolean): string {
  if (folderMissing) return `"${name}" [New DIRECTORY]`;
  return `"${name}" ${manner.compatible ? '[New File]' : '[New]'}`;
}

/** After writing: `"name" [New] 9L, 125B written`. */
export function writtenMessage(
  manner: ViManner,
  name: string,
  file: { lines: number; bytes: number; isNew: boolean },
): string {
  const fresh = file.isNew ? (manner.compatible ? ' [New File]' : ' [New]') : '';
  return `"${name}"${fresh} ${count(manner, file.lines, file.bytes)} written`;
}

/** undo.c u_undo_end(): `1 line less; before #3  2 seconds ago`. */
export function undoMessage(
  linesBefore: number,
  linesAfter: number,
  direction: 'before' | 'after',
  seq: number,
  seconds: number,
): string {
  const delta = linesAfter - linesBefore;
  const what =
    delta === 1
      ? '1 more line'
      : delta > 1
        ? `${delta} more lines`
        : delta === -1
          ? '1 line less'
          : delta < -1
            ? `${-delta} fewer lines`
            : '1 change';
  return `${what}; ${direction} #${seq}  ${seconds} second${seconds === 1 ? '' : 's'} ago`;
}
