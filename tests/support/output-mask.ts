// Masks what differs between two runs of the same program and nothing else: clock times, pids,
// the sub-second digits of durations, addresses chosen by ASLR and the mtime half of an ETag.
// Byte counts, sizes, status codes, line numbers and paths stay as printed, so a quote that gets
// any of them wrong still fails to match. Used on both sides of a comparison (lesson quote and
// captured truth).

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';

interface Mask {
  readonly what: string;
  readonly pattern: RegExp;
  readonly replacement: string;
}

// Order matters: the longer date forms first, so `ls -l`'s shorter form cannot eat part of them.
const MASKS: readonly Mask[] = [
  {
    what: "HTTP date (Date:, Last-Modified:): 'Thu, 26 Nov 2026 08:18:20 GMT'",
    pattern: new RegExp(`\\b${DAY}, \\d\\d ${MONTH} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT\\b`, 'g'),
    replacement: '<http-date>',
  },
  {
    what: "uWSGI's date (banner, request log): 'Thu Nov 26 07:20:00 2026'",
    pattern: new RegExp(`\\b${DAY} ${MONTH} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}\\b`, 'g'),
    replacement: '<uwsgi-date>',
  },
  {
    what: "nginx's log time: '2026/11/26 09:56:02'",
    pattern: /\b\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\b/g,
    replacement: '<nginx-date>',
  },
  {
    what: "nginx's access log time: '[26/Nov/2026:10:14:25 +0000]'",
    pattern: new RegExp(`\\[\\d\\d/${MONTH}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4}\\]`, 'g'),
    replacement: '[<access-date>]',
  },
  {
    what: "ls -l's modification time: 'Nov 26 07:20', 'Nov  6  2025'",
    pattern: new RegExp(`\\b${MONTH} [ \\d]\\d (?:\\d\\d:\\d\\d| \\d{4})\\b`, 'g'),
    replacement: '<ls-date>',
  },
  {
    what: "the start time (epoch seconds) in uWSGI's harakiri report: 'since 1795688065'",
    pattern: /^(.* - HARAKIRI \[core \d+\] .* since )\d+$/g,
    replacement: '$1<epoch>',
  },
  {
    what: "nginx's pid#tid in log lines: '5711#5711:'",
    pattern: /\b\d+#\d+:/g,
    replacement: '<pid>#<tid>:',
  },
  {
    what: "uWSGI's 'pid: 10086', ss's 'pid=17893'",
    pattern: /\bpid([:=]) ?\d+/g,
    replacement: 'pid$1 <pid>',
  },
  {
    what: "bash's job start: '[1] 10086'",
    pattern: /^(\[\d+\]) \d+$/g,
    replacement: '$1 <pid>',
  },
  {
    what: 'ps aux: pid, %cpu, %mem, vsz, rss, start and time columns',
    pattern: /^([a-z][\w-]*) +\d+ +\d+\.\d +\d+\.\d +\d+ +\d+ +(\S+) +(\S+) +\S+ +\d+:\d\d (.*)$/g,
    replacement: '$1 <ps> $2 $3 <ps> $4',
  },
  {
    what: 'ps -eo user,pid,ppid,cmd: pid and ppid columns',
    pattern: /^([a-z][\w-]*) +\d+ +\d+ (\S.*)$/g,
    replacement: '$1 <pid> <pid> $2',
  },
  {
    what: "the Python interpreter's address (ASLR): 'interpreter 0x7f85e2f60018'",
    pattern: /\b(interpreter|initialized at) 0x[0-9a-f]+\b/g,
    replacement: '$1 <address>',
  },
  {
    what: 'the mtime half of an nginx ETag (the size half stays): \'"6b08067d-22"\'',
    pattern: /^(ETag: (?:W\/)?")[0-9a-f]+-([0-9a-f]+")$/g,
    replacement: '$1<mtime>-$2',
  },
  {
    what: "bash's time: the milliseconds of 'real\t0m4.021s'",
    pattern: /^(real|user|sys)\t(\d+m\d+)\.\d{3}s$/g,
    replacement: '$1\t$2.<ms>s',
  },
  {
    what: "the time pip's uWSGI build was compiled: 'compiled with version: 12.2.0 on 26 November 2026 07:14:53'",
    pattern: /^(compiled with version: \S+ on \d+ [A-Z][a-z]+ \d{4}) \d\d:\d\d:\d\d$/g,
    replacement: '$1 <time>',
  },
  {
    what: "curl -w '%{http_code} %{time_total}': the microseconds of '502 30.450122'",
    pattern: /^(\d{3} \d+)\.\d{6}$/g,
    replacement: '$1.<us>',
  },
];

/** One line with its varying parts masked. */
export function maskLine(line: string): string {
  let masked = line.replace(/\s+$/, '');
  for (const mask of MASKS) masked = masked.replace(mask.pattern, mask.replacement);
  return masked;
}
