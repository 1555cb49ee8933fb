// A request's path as nginx uses it for locations and $uri: percent-decoded, `.` and `..` segments
// resolved, repeated slashes merged (merge_slashes on), the query split off at `?` and a `#`
// fragment dropped. Ported from ngx_http_parse_complex_uri (nginx 1.22.1,
// src/http/ngx_http_parse.c), including its quirks: a decoded `%2F` is a real slash and a decoded
// `%2E%2E` a real `..`, but a decoded `%`, `#` or `?` is kept as a plain byte; `%00` or a `..`
// above the root makes the request invalid (400).

export type NormalizedUri =
  | {
      readonly ok: true;
      /** The decoded, normalised path ($uri, $document_uri). */
      readonly uri: string;
      /** What follows `?` ($args, $query_string), undefined without a `?`. */
      readonly args: string | undefined;
      /** The extension of the last segment ($uri's `exten`), without the dot. */
      readonly exten: string;
    }
  | { readonly ok: false };

// nginx's `usual` bitmap: bytes copied as they are in every state.
const USUAL = [
  0x00000000, 0x7fff37d6, 0xffffffff, 0x7fffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
];

function usual(ch: number): boolean {
  return ((USUAL[ch >> 5]! >>> (ch & 0x1f)) & 1) === 1;
}

type State = 'usual' | 'slash' | 'dot' | 'dot_dot' | 'quoted' | 'quoted_second';

/** `target`: the request target's path and query, from its first `/` (a byte string). */
export function normalizeUri(target: string, mergeSlashes = true): NormalizedUri {
  const out: number[] = [];
  let state: State = 'usual';
  let quotedState: State = 'usual';
  let decoded = 0;
  let ext = -1;
  let p = 0;
  let ch = target.charCodeAt(p++);
  const end = target.length;
  const backToSlash = (): boolean => {
    // u -= 4 (back over "/..", then one more), then back to the previous '/'
    let u = out.length - 4;
    for (;;) {
      if (u < 0) return false;
      if (out[u] === 0x2f) {
        out.length = u + 1;
        return true;
      }
      u--;
    }
  };
  const result = (args: string | undefined): NormalizedUri => {
    const uri = String.fromCharCode(...out);
    return { ok: true, uri, args, exten: ext >= 0 && ext <= out.length ? uri.slice(ext) : '' };
  };
  const argsFrom = (start: number): string => {
    const hash = target.indexOf('#', start);
    return target.slice(start, hash < 0 ? end : hash);
  };

  while (p <= end) {
    switch (state) {
      case 'usual':
        if (usual(ch)) {
          out.push(ch);
          ch = target.charCodeAt(p++);
          break;
        }
        if (ch === 0x2f) {
          ext = -1;
          state = 'slash';
          out.push(ch);
        } else if (ch === 0x25) {
          quotedState = state;
          state = 'quoted';
        } else if (ch === 0x3f) {
          return result(argsFrom(p));
        } else if (ch === 0x23) {
          return result(undefined);
        } else if (ch === 0x2e) {
          ext = out.length + 1;
          out.push(ch);
        } else {
          out.push(ch);
        }
        ch = target.charCodeAt(p++);
        break;

      case 'slash':
        if (usual(ch)) {
          state = 'usual';
          out.push(ch);
          ch = target.charCodeAt(p++);
          break;
        }
        if (ch === 0x2f) {
          if (!mergeSlashes) out.push(ch);
        } else if (ch === 0x2e) {
          state = 'dot';
          out.push(ch);
        } else if (ch === 0x25) {
          quotedState = state;
          state = 'quoted';
        } else if (ch === 0x3f) {
          return result(argsFrom(p));
        } else if (ch === 0x23) {
          return result(undefined);
        } else {
          state = 'usual';
          out.push(ch);
        }
        ch = target.charCodeAt(p++);
        break;

      case 'dot':
        if (usual(ch)) {
          state = 'usual';
          out.push(ch);
          ch = target.charCodeAt(p++);
          break;
        }
        if (ch === 0x2f) {
          state = 'slash';
          out.pop();
        } else if (ch === 0x2e) {
          state = 'dot_dot';
          out.push(ch);
        } else if (ch === 0x25) {
          quotedState = state;
          state = 'quoted';
        } else if (ch === 0x3f) {
          out.pop();
          return result(argsFrom(p));
        } else if (ch === 0x23) {
          out.pop();
          return result(undefined);
        } else {
          state = 'usual';
          out.push(ch);
        }
        ch = target.charCodeAt(p++);
        break;

      case 'dot_dot':
        if (usual(ch)) {
          state = 'usual';
          out.push(ch);
          ch = target.charCodeAt(p++);
          break;
        }
        if (ch === 0x2f || ch === 0x3f || ch === 0x23) {
          if (!backToSlash()) return { ok: false };
          if (ch === 0x3f) return result(argsFrom(p));
          if (ch === 0x23) return result(undefined);
          state = 'slash';
        } else if (ch === 0x25) {
          quotedState = state;
          state = 'quoted';
        } else {
          state = 'usual';
          out.push(ch);
        }
        ch = target.charCodeAt(p++);
        break;

      case 'quoted': {
        const digit = hexDigit(ch);
        if (digit === undefined) return { ok: false };
        decoded = digit;
        state = 'quoted_second';
        ch = target.charCodeAt(p++);
        break;
      }

      case 'quoted_second': {
        const digit = hexDigit(ch);
        if (digit === undefined) return { ok: false };
        ch = (decoded << 4) + digit;
        if (ch === 0x25 || ch === 0x23 || ch === 0x3f) {
          // a decoded %, # or ? is data, not syntax
          state = 'usual';
          out.push(ch);
          ch = target.charCodeAt(p++);
          break;
        }
        if (ch === 0) return { ok: false };
        // anything else is processed again as if it had been sent plain
        state = quotedState;
        break;
      }
    }
  }

  if (state === 'quoted' || state === 'quoted_second') return { ok: false };
  if (state === 'dot') out.pop();
  else if (state === 'dot_dot' && !backToSlash()) return { ok: false };
  return result(undefined);
}

function hexDigit(ch: number): number | undefined {
  if (ch >= 0x30 && ch <= 0x39) return ch - 0x30;
  const lower = ch | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return undefined;
}
