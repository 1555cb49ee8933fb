// JSON the way Python 3.11's json module reads and writes it, for the modelled Flask apps:
// json.loads keeps ints and floats apart (and accepts NaN/Infinity), and Flask 2.2's jsonify writes
// json.dumps(obj, ensure_ascii=True, sort_keys=True, separators=(",", ":")) plus "\n"
// (flask/json/provider.py, DefaultJSONProvider.response, when not in debug mode).

/** A Python int (arbitrary size). */
export class PyInt {
  readonly value: bigint;
  constructor(value: bigint) {
    this.value = value;
  }
}

/** A Python float. */
export class PyFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}

/** What json.loads returns: None, bool, int, float, str, list, dict (insertion order). */
export type PyJson = null | boolean | PyInt | PyFloat | string | PyJson[] | Map<string, PyJson>;

export class JsonDecodeError extends Error {
  override readonly name = 'JsonDecodeError';
}

/** Python's json.loads on a str; throws JsonDecodeError where Python raises. */
export function pyJsonLoads(text: string): PyJson {
  let at = 0;
  const ws = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const fail = (what: string): never => {
    throw new JsonDecodeError(`${what}: char ${at}`);
  };
  const value = (): PyJson => {
    ws();
    const char = text[at];
    if (char === '{') return object();
    if (char === '[') return array();
    if (char === '"') return string();
    for (const [word, result] of WORDS) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return result();
      }
    }
    const number = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(at));
    if (number === null) return fail('Expecting value');
    at += number[0].length;
    return number[1] === undefined && number[2] === undefined
      ? new PyInt(BigInt(number[0]))
      : new PyFloat(Number(number[0]));
  };
  const string = (): string => {
    at++;
    let out = '';
    for (;;) {
      const char = text[at];
      if (char === undefined) return fail('Unterminated string starting at');
      if (char === '"') {
        at++;
        return out;
      }
      if (char === '\\') {
        const next = text[at + 1];
        if (next === 'u') {
          const hex = text.slice(at + 2, at + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) return fail('Invalid \\uXXXX escape');
          out += String.fromCharCode(Number.parseInt(hex, 16));
          at += 6;
          continue;
        }
        const simple = next === undefined ? undefined : ESCAPES[next];
        if (simple === undefined) return fail('Invalid \\escape');
        out += simple;
        at += 2;
        continue;
      }
      if (char.charCodeAt(0) < 0x20) return fail('Invalid control character at');
      out += char;
      at++;
    }
  };
  const array = (): PyJson[] => {
    at++;
    const items: PyJson[] = [];
    ws();
    if (text[at] === ']') {
      at++;
      return items;
    }
    for (;;) {
      items.push(value());
      ws();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === ']') {
        at++;
        return items;
      }
      return fail("Expecting ',' delimiter");
    }
  };
  const object = (): Map<string, PyJson> => {
    at++;
    const map = new Map<string, PyJson>();
    ws();
    if (text[at] === '}') {
      at++;
      return map;
    }
    for (;;) {
      ws();
      if (text[at] !== '"') return fail('Expecting property name enclosed in double quotes');
      const key = string();
      ws();
      if (text[at] !== ':') return fail("Expecting ':' delimiter");
      at++;
      map.set(key, value());
      ws();
      if (text[at] === ',') {
        at++;
        continue;
      }
      if (text[at] === '}') {
        at++;
        return map;
      }
      return fail("Expecting ',' delimiter");
    }
  };
  const result = value();
  ws();
  if (at !== text.length) fail('Extra data');
  return result;
}

const WORDS: readonly (readonly [string, () => PyJson])[] = [
  ['null', () => null],
  ['true', () => true],
  ['false', () => false],
  ['NaN', () => new PyFloat(Number.NaN)],
  ['Infinity', () => new PyFloat(Number.POSITIVE_INFINITY)],
  ['-Infinity', () => new PyFloat(Number.NEGATIVE_INFINITY)],
];

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":")). */
export function pyJsonDumps(value: PyJson): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') return jsonString(value);
  if (value instanceof PyInt) return value.value.toString();
  if (value instanceof PyFloat) return floatJson(value.value);
  if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(',')}]`;
  const keys = [...value.keys()].sort(comparePyStr);
  return `{${keys.map((key) => `${jsonString(key)}:${pyJsonDumps(value.get(key)!)}`).join(',')}}`;
}

// ensure_ascii: " and \ escaped, \n \r \t \b \f by name, everything outside ' '..'~' as \uXXXX
// (lower-case hex; astral characters as their surrogate pair) — json/encoder.py py_encode_basestring_ascii.
function jsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const char = text[i]!;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (unit >= 0x20 && unit <= 0x7e) out += char;
    else out += `\\u${unit.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

function floatJson(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return pyFloatRepr(value);
}

/**
 * Python's repr(float): the shortest digits that read back as the same float (as JS finds them),
 * laid out as Python does — fixed notation when the decimal point falls within -4 < point <= 16,
 * else `d.ddde±XX` with at least two exponent digits; a whole number gets `.0`.
 */
export function pyFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa = '', exponent = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const point = Number(exponent) + 1;
  if (point > -4 && point <= 16) {
    if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
    if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  const exp = point - 1;
  const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${body}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function comparePyStr(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}
