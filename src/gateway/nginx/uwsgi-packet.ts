// The packet nginx 1.22.1 sends over uwsgi_pass, built as ngx_http_uwsgi_create_request builds it
// (src/http/modules/ngx_http_uwsgi_module.c): the uwsgi_param pairs in config order (an
// `if_not_empty` one left out when empty), then every request header nginx kept as HTTP_NAME in
// the client's order — repeated headers repeated (1.22 does not join them), a header skipped when a
// uwsgi_param already names HTTP_ of it (Debian's `uwsgi_param HTTP_HOST $host;` hides the client's
// Host) — then the request body. Over 65535 bytes of vars nginx refuses: `uwsgi request is too big`.

import { encode, latin1Bytes, MAX_DATASIZE } from '../../protocol/index.ts';
import type { UwsgiHeaderRecord, UwsgiParamRecord } from './decisions.ts';
import type { RequestHeader } from './request-head.ts';
import type { SourceRef } from './config-model.ts';

export interface EvaluatedParam {
  readonly key: string;
  /** The value as written in the config (an empty one only hides a header). */
  readonly source: string;
  /** The value with variables replaced. */
  readonly value: string;
  readonly ifNotEmpty: boolean;
  readonly at: SourceRef;
}

export interface UwsgiPacketInput {
  readonly modifier1: number;
  readonly modifier2: number;
  readonly params: readonly EvaluatedParam[];
  readonly headers: readonly RequestHeader[];
  /** uwsgi_pass_request_headers (default on). */
  readonly passHeaders: boolean;
  readonly body: Uint8Array;
}

export type UwsgiPacketResult =
  | {
      readonly ok: true;
      readonly packet: Uint8Array;
      readonly datasize: number;
      readonly params: readonly UwsgiParamRecord[];
      readonly headers: readonly UwsgiHeaderRecord[];
    }
  | { readonly ok: false; readonly length: number };

/** HTTP_ + the name with a-z upper-cased and `-` as `_` (other bytes unchanged). */
export function headerVarName(name: string): string {
  let key = 'HTTP_';
  for (const ch of name) key += ch === '-' ? '_' : ch >= 'a' && ch <= 'z' ? ch.toUpperCase() : ch;
  return key;
}

/** The lookup form nginx compares params and headers in: lower case, `-` as `_`. */
function hashKey(name: string): string {
  let key = '';
  for (const ch of name) key += ch === '-' ? '_' : ch >= 'A' && ch <= 'Z' ? ch.toLowerCase() : ch;
  return key;
}

export function buildUwsgiPacket(input: UwsgiPacketInput): UwsgiPacketResult {
  const hidden = new Map<string, string>();
  const vars: (readonly [Uint8Array, Uint8Array])[] = [];
  const params: UwsgiParamRecord[] = [];
  let length = 0;
  for (const param of input.params) {
    const isHeaderParam = param.key.length > 5 && param.key.startsWith('HTTP_');
    if (isHeaderParam && !hidden.has(hashKey(param.key.slice(5)))) {
      hidden.set(hashKey(param.key.slice(5)), param.key);
    }
    // an HTTP_ param written with an empty value only hides the header (ngx_http_uwsgi_init_params)
    if (isHeaderParam && param.source === '') continue;
    const skipped = param.ifNotEmpty && param.value === '';
    params.push({ key: param.key, value: param.value, at: param.at, skipped });
    if (skipped) continue;
    vars.push([latin1Bytes(param.key), latin1Bytes(param.value)]);
    length += 4 + param.key.length + param.value.length;
  }
  const headers: UwsgiHeaderRecord[] = [];
  if (input.passHeaders) {
    for (const header of input.headers) {
      const key = headerVarName(header.name);
      const hiddenBy = hidden.get(hashKey(header.name));
      headers.push({ header: header.name, key, hiddenBy });
      if (hiddenBy !== undefined) continue;
      vars.push([latin1Bytes(key), latin1Bytes(header.value)]);
      length += 4 + key.length + header.value.length;
    }
  }
  if (length > MAX_DATASIZE) return { ok: false, length };
  // nginx writes modifiers as bytes ((u_char) cast) and will send an empty key if a config has one
  const packet = encode(
    {
      modifier1: input.modifier1 & 0xff,
      modifier2: input.modifier2 & 0xff,
      vars,
      body: input.body,
    },
    { allowEmptyKeys: true },
  );
  return { ok: true, packet, datasize: length, params, headers };
}
