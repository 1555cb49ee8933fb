// strftime(3) in the C locale and UTC, the machine's zone: what `date +FORMAT` prints, and the
// dates the programs stamp into what they write — nginx's Date header and logs, uWSGI's banner
// and build date, Werkzeug's log, systemd's journal and status, ls, bash's prompt. The one table
// of day and month names.

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number, width = 2, fill = '0'): string => String(n).padStart(width, fill);

/** strftime(3) in the C locale, UTC. */
export function strftime(format: string, ms: number): string {
  const d = new Date(ms);
  const codes: Record<string, () => string> = {
    a: () => DAYS[d.getUTCDay()]!.slice(0, 3),
    A: () => DAYS[d.getUTCDay()]!,
    b: () => MONTHS[d.getUTCMonth()]!.slice(0, 3),
    h: () => MONTHS[d.getUTCMonth()]!.slice(0, 3),
    B: () => MONTHS[d.getUTCMonth()]!,
    c: () => strftime('%a %b %e %H:%M:%S %Y', ms),
    C: () => pad(Math.floor(d.getUTCFullYear() / 100)),
    d: () => pad(d.getUTCDate()),
    D: () => strftime('%m/%d/%y', ms),
    e: () => pad(d.getUTCDate(), 2, ' '),
    F: () => strftime('%Y-%m-%d', ms),
    H: () => pad(d.getUTCHours()),
    I: () => pad(d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12),
    j: () => pad(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 864e5) + 1, 3),
    k: () => pad(d.getUTCHours(), 2, ' '),
    m: () => pad(d.getUTCMonth() + 1),
    M: () => pad(d.getUTCMinutes()),
    n: () => '\n',
    N: () => pad((ms % 1000) * 1e6, 9),
    p: () => (d.getUTCHours() < 12 ? 'AM' : 'PM'),
    R: () => strftime('%H:%M', ms),
    s: () => String(Math.floor(ms / 1000)),
    S: () => pad(d.getUTCSeconds()),
    t: () => '\t',
    T: () => strftime('%H:%M:%S', ms),
    u: () => String(d.getUTCDay() === 0 ? 7 : d.getUTCDay()),
    w: () => String(d.getUTCDay()),
    x: () => strftime('%m/%d/%y', ms),
    X: () => strftime('%H:%M:%S', ms),
    y: () => pad(d.getUTCFullYear() % 100),
    Y: () => String(d.getUTCFullYear()),
    z: () => '+0000',
    Z: () => 'UTC',
    '%': () => '%',
  };
  return format.replace(/%([a-zA-Z%])/g, (whole, c: string) => codes[c]?.() ?? whole);
}
