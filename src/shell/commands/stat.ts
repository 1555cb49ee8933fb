// coreutils 9.1's `stat` on Linux: the default listing (name, size, blocks, type, device, inode,
// links, mode, owner, the times), -L to follow a link, -c/--format and --printf with the %-codes.
// The course's server is one ext4 disk (device 254,0, as /dev/vda on the capture machine).

import { absolutePath } from '../bash/shell-host.ts';
import { attempt, errnoText } from '../gnu/errno-text.ts';
import { modeString } from '../gnu/file-mode.ts';
import { getoptLong, has, last, tryHelp } from '../gnu/getopt-long.ts';
import { quoteFile, quoteForLs } from '../gnu/quoting.ts';
import { fullIsoTime } from '../gnu/time-format.ts';
import type { CommandDefinition } from '../program.ts';
import type { VfsStat } from '../vfs/vfs.ts';
import { expandEscapes } from './echo.ts';

const DEVICE = { major: 254, minor: 0 };

/** st_mode's file type bits (S_IFREG…), which %f and -t print with the permissions. */
const TYPE_BITS: Readonly<Record<VfsStat['kind'], number>> = {
  file: 0o100000,
  directory: 0o040000,
  symlink: 0o120000,
  socket: 0o140000,
  device: 0o020000,
};

function fileType(stat: VfsStat): string {
  switch (stat.kind) {
    case 'file':
      return stat.size === 0 ? 'regular empty file' : 'regular file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symbolic link';
    case 'socket':
      return 'socket';
    case 'device':
      return 'character special file';
  }
}

export const stat: CommandDefinition = {
  name: 'stat',
  options: ['-L', '-c', '-t', '--format', '--printf'],
  run: ({ argv, stdout, stderr, machine, cwd }) => {
    const parsed = getoptLong('stat', argv.slice(1), [
      { id: 'L', short: 'L', long: 'dereference' },
      { id: 'c', short: 'c', long: 'format', argument: 'required' },
      { id: 'printf', long: 'printf', argument: 'required' },
      { id: 't', short: 't', long: 'terse' },
      { id: 'f', short: 'f', long: 'file-system' },
    ]);
    if (!parsed.ok) {
      stderr.write(`${parsed.message}\n${tryHelp('stat')}`);
      return 1;
    }
    const o = parsed.options;
    if (parsed.operands.length === 0) {
      stderr.write(`stat: missing operand\n${tryHelp('stat')}`);
      return 1;
    }
    const fs = machine.fs;
    const users = machine.users;
    let status = 0;
    for (const operand of parsed.operands) {
      const path = absolutePath(cwd, operand);
      const result = attempt(() => (has(o, 'L') ? fs.stat(path) : fs.lstat(path)));
      if (!result.ok) {
        stderr.write(`stat: cannot statx ${quoteFile(operand)}: ${errnoText(result.error)}\n`);
        status = 1;
        continue;
      }
      const s = result.value;
      const user = users.userById(s.uid)?.name ?? 'UNKNOWN';
      const group = users.groupById(s.gid)?.name ?? 'UNKNOWN';
      const kind = s.kind === 'device' ? 'device' : s.kind;
      const mode = modeString(kind, s.mode);
      // the default listing quotes a name only when it must; %N always does
      const named = (always = false): string => {
        const q = always ? quoteFile : quoteForLs;
        if (s.kind !== 'symlink') return q(operand);
        return `${q(operand)} -> ${q(fs.readLink(path))}`;
      };
      const code = (c: string): string | undefined => {
        switch (c) {
          case 'a':
            return s.mode.toString(8);
          case 'A':
            return mode;
          case 'b':
            return String(s.blocks);
          case 'B':
            return '512';
          case 'd':
            return String(DEVICE.major * 256 + DEVICE.minor);
          case 'D':
            return (DEVICE.major * 256 + DEVICE.minor).toString(16);
          case 'F':
            return fileType(s);
          case 'g':
            return String(s.gid);
          case 'G':
            return group;
          case 'h':
            return String(s.nlink);
          case 'i':
            return String(s.ino);
          case 'm':
            return '/';
          case 'n':
            return operand;
          case 'N':
            return named(true);
          case 'o':
            return '4096';
          case 's':
            return String(s.size);
          case 't':
            return (s.device?.major ?? 0).toString(16);
          case 'T':
            return (s.device?.minor ?? 0).toString(16);
          case 'u':
            return String(s.uid);
          case 'U':
            return user;
          case 'f':
            return (s.mode | TYPE_BITS[s.kind]).toString(16);
          case 'w':
            return fullIsoTime(s.birthMs);
          case 'W':
            return String(Math.floor(s.birthMs / 1000));
          case 'x':
            return fullIsoTime(s.atimeMs);
          case 'X':
            return String(Math.floor(s.atimeMs / 1000));
          case 'y':
            return fullIsoTime(s.mtimeMs);
          case 'Y':
            return String(Math.floor(s.mtimeMs / 1000));
          case 'z':
            return fullIsoTime(s.ctimeMs);
          case 'Z':
            return String(Math.floor(s.ctimeMs / 1000));
          default:
            return undefined;
        }
      };
      const format = last(o, 'c')?.value;
      const printf = last(o, 'printf')?.value;
      if (format !== undefined || printf !== undefined) {
        const template = printf !== undefined ? expandEscapes(printf).text : format!;
        const text = template.replace(
          /%([-#0 +]*\d*(?:\.\d+)?)?([a-zA-Z%])/g,
          (whole, flags: string | undefined, c: string) => {
            if (c === '%') return '%';
            const value = code(c);
            if (value === undefined) return whole;
            const width = /\d+/.exec(flags ?? '')?.[0];
            if (width === undefined) return value;
            return (flags ?? '').includes('-')
              ? value.padEnd(Number(width))
              : value.padStart(Number(width));
          },
        );
        stdout.write(printf !== undefined ? text : `${text}\n`);
        continue;
      }
      if (has(o, 't')) {
        stdout.write(
          `${operand} ${s.size} ${s.blocks} ${code('f')} ${s.uid} ${s.gid} ${code('D')} ${s.ino} ${s.nlink} ${code('t')} ${code('T')} ${code('X')} ${code('Y')} ${code('Z')} ${code('W')} 4096\n`,
        );
        continue;
      }
      const deviceLine =
        s.kind === 'device'
          ? `Device: ${DEVICE.major},${DEVICE.minor}\tInode: ${String(s.ino).padEnd(10)}  Links: ${String(s.nlink).padEnd(5)} Device type: ${s.device!.major},${s.device!.minor}\n`
          : `Device: ${DEVICE.major},${DEVICE.minor}\tInode: ${String(s.ino).padEnd(10)}  Links: ${s.nlink}\n`;
      stdout.write(
        `  File: ${named()}\n` +
          `  Size: ${String(s.size).padEnd(10)}\tBlocks: ${String(s.blocks).padEnd(10)} IO Block: ${'4096'.padEnd(6)} ${fileType(s)}\n` +
          deviceLine +
          `Access: (${s.mode.toString(8).padStart(4, '0')}/${mode})  Uid: (${String(s.uid).padStart(5)}/${user.padStart(8)})   Gid: (${String(s.gid).padStart(5)}/${group.padStart(8)})\n` +
          `Access: ${fullIsoTime(s.atimeMs)}\n` +
          `Modify: ${fullIsoTime(s.mtimeMs)}\n` +
          `Change: ${fullIsoTime(s.ctimeMs)}\n` +
          ` Birth: ${fullIsoTime(s.birthMs)}\n`,
      );
    }
    return status;
  },
};
