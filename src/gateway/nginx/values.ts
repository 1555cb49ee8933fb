// nginx's parsers for numbers, sizes and times in directives (nginx 1.22.1, src/core/ngx_string.c
// ngx_atoi, src/core/ngx_parse.c ngx_parse_size / ngx_parse_offset / ngx_parse_time). Each returns
// undefined where nginx's returns NGX_ERROR.

/** ngx_atoi: decimal digits only, no sign, no overflow. */
export function parseAtoi(text: string): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** ngx_parse_size: `1024`, `8k`, `1m` (either case). */
export function parseSize(text: string): number | undefined {
  return parseScaled(text, { k: 1024, m: 1024 * 1024 });
}

/** ngx_parse_offset: as parse_size, and `g`. */
export function parseOffset(text: string): number | undefined {
  return parseScaled(text, { k: 1024, m: 1024 * 1024, g: 1024 * 1024 * 1024 });
}

function parseScaled(text: string, units: Readonly<Record<string, number>>): number | undefined {
  const match = /^(\d+)([a-zA-Z]?)$/.exec(text);
  if (!match) return undefined;
  const unit = match[2]!.toLowerCase();
  const scale = unit === '' ? 1 : units[unit];
  if (scale === undefined) return undefined;
  const value = Number(match[1]) * scale;
  return Number.isSafeInteger(value) ? value : undefined;
}

// ngx_parse_time's units, largest first; each may appear once, in this order.
const TIME_STEPS: readonly (readonly [unit: string, seconds: number])[] = [
  ['y', 60 * 60 * 24 * 365],
  ['M', 60 * 60 * 24 * 30],
  ['w', 60 * 60 * 24 * 7],
  ['d', 60 * 60 * 24],
  ['h', 60 * 60],
  ['m', 60],
  ['s', 1],
];

/**
 * ngx_parse_time: `60`, `60s`, `1m 30s`, `1h30m`, `500ms`; a bare number is seconds. Returns
 * milliseconds (`seconds: false`, where years and months are refused) or seconds (`ms` refused).
 */
export function parseTime(text: string, seconds: boolean): number | undefined {
  // step: index into TIME_STEPS of the last unit used; 7 is `ms`, 8 a space-ended bare number
  let step = seconds ? -1 : 1;
  let value = 0;
  let total = 0;
  let valid = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch >= '0' && ch <= '9') {
      value = value * 10 + Number(ch);
      valid = true;
      i++;
      continue;
    }
    i++;
    let scale: number;
    if (ch === 'm' && text[i] === 's') {
      if (seconds || step >= 7) return undefined;
      i++;
      step = 7;
      scale = 1;
    } else if (ch === ' ') {
      if (step >= 6) return undefined;
      step = 8;
      scale = seconds ? 1 : 1000;
    } else {
      const at = TIME_STEPS.findIndex(([unit]) => unit === ch);
      if (at < 0 || step >= at) return undefined;
      step = at;
      scale = TIME_STEPS[at]![1] * (seconds ? 1 : 1000);
    }
    total += value * scale;
    value = 0;
    while (text[i] === ' ') i++;
  }
  if (!valid) return undefined;
  const result = total + value * (seconds ? 1 : 1000);
  return Number.isSafeInteger(result) ? result : undefined;
}
