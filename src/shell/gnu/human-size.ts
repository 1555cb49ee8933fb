// `ls -h` and `du -h` sizes (gnulib human.c with human_ceiling and powers of 1024): under 1024 the
// number itself; under 10 of a unit one decimal, rounded up (`1.3M`); otherwise a whole number,
// rounded up (`12K`).

const UNITS = ['K', 'M', 'G', 'T', 'P', 'E'];

export function humanSize(bytes: number): string {
  if (bytes < 1024) return String(bytes);
  let value = bytes;
  let unit = -1;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (value < 10) {
    const tenths = Math.ceil(value * 10 - 1e-9);
    if (tenths < 100) return `${(tenths / 10).toFixed(1)}${UNITS[unit]!}`;
    value = 10;
  }
  const whole = Math.ceil(value - 1e-9);
  if (whole >= 1024 && unit < UNITS.length - 1) return `1.0${UNITS[unit + 1]!}`;
  return `${whole}${UNITS[unit]!}`;
}
