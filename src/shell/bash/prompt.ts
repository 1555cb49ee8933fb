// PS1/PS2 as bash 5.2 expands them (parse.y decode_prompt_string, then promptvars): backslash
// escapes first (`\u@\h:\w\$ ` is Debian's `root@helloworld:~# `), then parameter expansion, so
// Debian's `${debian_chroot:+($debian_chroot)}` and a venv's `(.venv) ` prefix work. The values
// of `\w` and friends are quoted first, so a directory named `$x` is shown as it is.

import { parseExpansions } from './parser.ts';
import type { WordExpander } from './word-expansion.ts';
import { strftime } from '../../gateway/strftime.ts';

export interface PromptFacts {
  /** `\u`: the user's name (from the passwd entry of the shell's uid). */
  readonly user: string;
  /** `\H`; `\h` is the part before the first dot. */
  readonly hostname: string;
  /** `\$` is `#` for uid 0. */
  readonly uid: number;
  readonly cwd: string;
  /** $HOME, which `\w` shows as `~`. */
  readonly home: string | undefined;
  /** `\!`: the history number of the next command. */
  readonly historyNumber: number;
  /** `\#`: the command number. */
  readonly commandNumber: number;
  /** `\j`: the number of jobs. */
  readonly jobCount: number;
  /** `\l`: the terminal's basename (`0` for /dev/pts/0). */
  readonly terminal: string;
  /** For `\t`, `\T`, `\@`, `\A`, `\d` (the machine's clock; shown in UTC). */
  readonly now: Date;
}

/** Protects a substituted value from the parameter expansion that follows. */
function quoted(value: string): string {
  return value.replace(/[\\$`]/g, '\\$&');
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** The backslash escapes of a prompt string. */
export function decodePrompt(ps: string, facts: PromptFacts): string {
  const now = facts.now;
  const hours12 = now.getUTCHours() % 12 === 0 ? 12 : now.getUTCHours() % 12;
  let out = '';
  for (let i = 0; i < ps.length; i++) {
    const c = ps[i]!;
    if (c !== '\\' || i === ps.length - 1) {
      out += c;
      continue;
    }
    const e = ps[++i]!;
    switch (e) {
      case 'u':
        out += quoted(facts.user);
        break;
      case 'h':
        out += quoted(facts.hostname.split('.')[0]!);
        break;
      case 'H':
        out += quoted(facts.hostname);
        break;
      case 'w':
      case 'W': {
        const home = facts.home;
        let dir = facts.cwd;
        if (home !== undefined && home !== '/' && (dir === home || dir.startsWith(`${home}/`))) {
          dir = `~${dir.slice(home.length)}`;
        }
        if (e === 'W' && dir !== '~' && dir !== '/') dir = dir.slice(dir.lastIndexOf('/') + 1);
        out += quoted(dir);
        break;
      }
      case '$':
        out += facts.uid === 0 ? '#' : '\\$';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'e':
        out += '\x1b';
        break;
      case '\\':
        out += '\\\\';
        break;
      case 's':
        out += 'bash';
        break;
      case 'v':
        out += '5.2';
        break;
      case 'V':
        out += '5.2.15';
        break;
      case '!':
        out += String(facts.historyNumber);
        break;
      case '#':
        out += String(facts.commandNumber);
        break;
      case 'j':
        out += String(facts.jobCount);
        break;
      case 'l':
        out += quoted(facts.terminal);
        break;
      case 't':
        out += `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`;
        break;
      case 'T':
        out += `${two(hours12)}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`;
        break;
      case '@':
        out += `${two(hours12)}:${two(now.getUTCMinutes())} ${now.getUTCHours() < 12 ? 'AM' : 'PM'}`;
        break;
      case 'A':
        out += `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}`;
        break;
      case 'd':
        out += strftime('%a %b %d', now.getTime());
        break;
      case '[':
      case ']':
        // Readline's markers around invisible text; the line editor measures without escapes.
        break;
      default:
        if (/[0-7]/.test(e)) {
          const octal = /^[0-7]{1,3}/.exec(ps.slice(i))![0];
          out += String.fromCharCode(Number.parseInt(octal, 8) & 0xff);
          i += octal.length - 1;
        } else {
          out += `\\${e}`;
        }
    }
  }
  return out;
}

/** The prompt as the terminal shows it. A prompt whose expansion fails is shown decoded only. */
export async function expandPrompt(
  ps: string,
  facts: PromptFacts,
  expander: WordExpander,
): Promise<string> {
  const decoded = decodePrompt(ps, facts);
  try {
    return await expander.expandHereDocument(parseExpansions(decoded));
  } catch {
    return decoded;
  }
}
