// GNU's conventions the commands share: `ls -h` sizes (checked against coreutils 9.1's `ls -lh`
// of files truncated to these sizes), getopt_long's parsing and messages, chmod's modes, mode
// strings, and grep's pattern translation.

import { describe, expect, it } from 'vitest';
import { modeString, parseModeChange } from '../../../src/shell/gnu/file-mode.ts';
import { getoptLong } from '../../../src/shell/gnu/getopt-long.ts';
import { humanSize } from '../../../src/shell/gnu/human-size.ts';
import { compilePattern } from '../../../src/shell/gnu/posix-regex.ts';
import { quote, quoteFile, quoteForLs } from '../../../src/shell/gnu/quoting.ts';

describe('ls -h sizes', () => {
  it('round up as coreutils does', () => {
    const recorded: [number, string][] = [
      [0, '0'],
      [438, '438'],
      [1023, '1023'],
      [1024, '1.0K'],
      [1025, '1.1K'],
      [4096, '4.0K'],
      [10239, '10K'],
      [10240, '10K'],
      [10241, '11K'],
      [200160, '196K'],
      [917736, '897K'],
      [1048576, '1.0M'],
      [1048577, '1.1M'],
      [1264552, '1.3M'],
      [104857600, '100M'],
      [1073741824, '1.0G'],
    ];
    for (const [bytes, text] of recorded) expect(humanSize(bytes), String(bytes)).toBe(text);
  });
});

describe('getopt_long', () => {
  const specs = [
    { id: 'l', short: 'l', long: 'lines', argument: 'required' as const },
    { id: 'L', long: 'line-buffered' },
    { id: 'a', short: 'a', long: 'all' },
  ];

  it('bundles, attaches, permutes and stops at --', () => {
    const result = getoptLong('x', ['-al5', 'file', '--all', '--lines=3', '--', '-a'], specs);
    expect(result).toEqual({
      ok: true,
      options: [
        { id: 'a', value: undefined, written: '-a' },
        { id: 'l', value: '5', written: '-l' },
        { id: 'a', value: undefined, written: '--all' },
        { id: 'l', value: '3', written: '--lines' },
      ],
      operands: ['file', '-a'],
    });
    expect(getoptLong('x', ['--al'], specs)).toMatchObject({ ok: true, options: [{ id: 'a' }] });
  });

  it('words its errors as glibc does', () => {
    const message = (args: string[]): string => {
      const result = getoptLong('x', args, specs);
      return result.ok ? '' : result.message;
    };
    expect(message(['-z'])).toBe("x: invalid option -- 'z'");
    expect(message(['-l'])).toBe("x: option requires an argument -- 'l'");
    expect(message(['--nope'])).toBe("x: unrecognized option '--nope'");
    expect(message(['--lines'])).toBe("x: option '--lines' requires an argument");
    expect(message(['--all=1'])).toBe("x: option '--all' doesn't allow an argument");
    expect(message(['--li'])).toBe(
      "x: option '--li' is ambiguous; possibilities: '--lines' '--line-buffered'",
    );
  });
});

describe('modes', () => {
  it('prints type and special bits as ls does', () => {
    expect(modeString('socket', 0o666)).toBe('srw-rw-rw-');
    expect(modeString('directory', 0o1777)).toBe('drwxrwxrwt');
    expect(modeString('file', 0o4755)).toBe('-rwsr-xr-x');
    expect(modeString('file', 0o4644)).toBe('-rwSr--r--');
    expect(modeString('symlink', 0o777)).toBe('lrwxrwxrwx');
  });

  it('applies chmod’s octal and symbolic modes (+x keeps the umask’s bits off)', () => {
    const apply = (mode: string, current: number, dir = false, umask = 0o022): number | undefined =>
      parseModeChange(mode, umask)?.(current, dir);
    expect(apply('666', 0o755)).toBe(0o666);
    expect(apply('u+x,g+w', 0o600)).toBe(0o720);
    expect(apply('+x', 0o644)).toBe(0o755);
    expect(apply('+w', 0o444)).toBe(0o644);
    expect(apply('a+w', 0o444)).toBe(0o666);
    expect(apply('go-rwx', 0o755)).toBe(0o700);
    expect(apply('a=r', 0o755)).toBe(0o444);
    expect(apply('g=u', 0o740)).toBe(0o770);
    expect(apply('u+s', 0o755)).toBe(0o4755);
    expect(apply('+t', 0o777, true)).toBe(0o1777);
    expect(apply('a+X', 0o644)).toBe(0o644);
    expect(apply('a+X', 0o644, true)).toBe(0o755);
    expect(apply('755', 0o2755, true)).toBe(0o2755);
    expect(apply('zz', 0o644)).toBeUndefined();
    expect(apply('8', 0o644)).toBeUndefined();
  });
});

describe('grep patterns', () => {
  const matches = (pattern: string, text: string, extended = false): boolean => {
    const result = compilePattern(pattern, { extended, ignoreCase: false });
    if (!result.ok) throw new Error(result.message);
    return result.regex.test(text);
  };

  it('reads BRE and ERE as GNU grep does', () => {
    expect(matches('a\\(b\\|c\\)d', 'acd')).toBe(true);
    expect(matches('a(b|c)d', 'a(b|c)d')).toBe(true);
    expect(matches('a(b|c)d', 'acd', true)).toBe(true);
    expect(matches('x\\{2\\}', 'xx')).toBe(true);
    expect(matches('*a', '*a')).toBe(true);
    expect(matches('^\\$', '$')).toBe(true);
    expect(matches('[[:digit:]]\\+', '42')).toBe(true);
    expect(matches('\\<app\\>', 'the app runs')).toBe(true);
    expect(matches('\\<app\\>', 'apps')).toBe(false);
    expect(matches('한.', '한글')).toBe(true);
    expect(matches('a)', 'a)', true)).toBe(true);
  });

  it('refuses what GNU grep refuses, with its words', () => {
    const message = (pattern: string, extended = false): string => {
      const result = compilePattern(pattern, { extended, ignoreCase: false });
      return result.ok ? '' : result.message;
    };
    expect(message('a[')).toBe('Invalid regular expression');
    expect(message('a[b')).toBe('Unmatched [, [^, [:, [., or [=');
    expect(message('[[:foo:]]')).toBe('Invalid character class name');
    expect(message('a\\(')).toBe('Unmatched ( or \\(');
    expect(message('a\\)')).toBe('Unmatched ) or \\)');
    expect(message('a\\{1')).toBe('Unmatched \\{');
    expect(message('\\')).toBe('Trailing backslash');
    expect(message('(', true)).toBe('Unmatched ( or \\(');
  });
});

describe('quoting', () => {
  it('quotes file names for diagnostics and ls as gnulib does, other values with ‘ ’', () => {
    expect(quoteFile('/nope')).toBe("'/nope'");
    expect(quoteFile("it's")).toBe('"it\'s"');
    expect(quoteFile('a\nb')).toBe("'a'$'\\n''b'");
    expect(quoteForLs('app.py')).toBe('app.py');
    expect(quoteForLs('a b.txt')).toBe("'a b.txt'");
    expect(quote('zz')).toBe('‘zz’');
  });
});
