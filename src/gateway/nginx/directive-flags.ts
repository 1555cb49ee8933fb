// The type flags of nginx's ngx_command_t, with nginx's names and values (src/core/ngx_conf_file.h,
// src/http/ngx_http_config.h, src/event/ngx_event.h of 1.22.1): where a directive may appear and
// how many arguments it takes. directive-table.ts is written in these terms.

export const NGX_CONF_NOARGS = 0x00000001;
export const NGX_CONF_TAKE1 = 0x00000002;
export const NGX_CONF_TAKE2 = 0x00000004;
export const NGX_CONF_TAKE3 = 0x00000008;
export const NGX_CONF_TAKE4 = 0x00000010;
export const NGX_CONF_TAKE5 = 0x00000020;
export const NGX_CONF_TAKE6 = 0x00000040;
export const NGX_CONF_TAKE7 = 0x00000080;
export const NGX_CONF_TAKE12 = NGX_CONF_TAKE1 | NGX_CONF_TAKE2;
export const NGX_CONF_TAKE13 = NGX_CONF_TAKE1 | NGX_CONF_TAKE3;
export const NGX_CONF_TAKE23 = NGX_CONF_TAKE2 | NGX_CONF_TAKE3;
export const NGX_CONF_TAKE123 = NGX_CONF_TAKE1 | NGX_CONF_TAKE2 | NGX_CONF_TAKE3;
export const NGX_CONF_TAKE1234 = NGX_CONF_TAKE1 | NGX_CONF_TAKE2 | NGX_CONF_TAKE3 | NGX_CONF_TAKE4;
/** A directive takes at most 7 arguments unless it says 1MORE, 2MORE or ANY. */
export const NGX_CONF_MAX_ARGS = 8;
export const NGX_CONF_BLOCK = 0x00000100;
export const NGX_CONF_FLAG = 0x00000200;
export const NGX_CONF_ANY = 0x00000400;
export const NGX_CONF_1MORE = 0x00000800;
export const NGX_CONF_2MORE = 0x00001000;
export const NGX_DIRECT_CONF = 0x00010000;
export const NGX_MAIN_CONF = 0x01000000;
// 0xFF000000 does not fit a signed 32-bit int; `|` and `&` work on the same bits either way.
export const NGX_ANY_CONF = 0xff000000 | 0;
export const NGX_EVENT_CONF = 0x02000000;
export const NGX_HTTP_MAIN_CONF = 0x02000000;
export const NGX_HTTP_SRV_CONF = 0x04000000;
export const NGX_HTTP_LOC_CONF = 0x08000000;
export const NGX_HTTP_UPS_CONF = 0x10000000;
export const NGX_HTTP_SIF_CONF = 0x20000000;
export const NGX_HTTP_LIF_CONF = 0x40000000;
export const NGX_HTTP_LMT_CONF = 0x80000000 | 0;

/** ngx_conf_handler's argument_number[]: the TAKEn bit for n arguments. */
export const ARGUMENT_NUMBER: readonly number[] = [
  NGX_CONF_NOARGS,
  NGX_CONF_TAKE1,
  NGX_CONF_TAKE2,
  NGX_CONF_TAKE3,
  NGX_CONF_TAKE4,
  NGX_CONF_TAKE5,
  NGX_CONF_TAKE6,
  NGX_CONF_TAKE7,
];

/** The module type that owns a directive (ngx_module_t.type). */
export type ModuleType = 'core' | 'conf' | 'event' | 'http';

/**
 * How a directive stores its value when nginx uses one of its generic setters (ngx_conf_set_*_slot);
 * `custom:NAME` names nginx's own handler function (without the `ngx_` prefix).
 */
export type DirectiveSetter =
  | 'flag'
  | 'str'
  | 'str-array'
  | 'keyval'
  | 'num'
  | 'size'
  | 'off'
  | 'msec'
  | 'sec'
  | 'bufs'
  | 'enum'
  | 'bitmask'
  | 'path'
  | `custom:${string}`;

/** One ngx_command_t: name, module, module type, flags, setter, and the values of an enum/bitmask. */
export type DirectiveRow =
  | readonly [
      name: string,
      module: string,
      type: ModuleType,
      flags: number,
      setter: DirectiveSetter,
    ]
  | readonly [
      name: string,
      module: string,
      type: ModuleType,
      flags: number,
      setter: DirectiveSetter,
      values: readonly string[],
    ];
