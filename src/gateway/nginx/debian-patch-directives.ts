// Directives Debian 12's nginx package adds with its own patches, so they are not in upstream
// 1.22.1's module tables (and not in the generated directive-table.ts).
// - max_headers (1.22.1-9+deb12u8, debian/changelog: "backport max_headers directive from upstream
//   nginx", moved into ngx_http_header_count_module): at most N accepted request header lines,
//   http or server context, a number; checked against the real nginx in
//   tests/interop/nginx/directive-table.test.ts.

import {
  NGX_CONF_TAKE1,
  NGX_HTTP_MAIN_CONF,
  NGX_HTTP_SRV_CONF,
  type DirectiveRow,
} from './directive-flags.ts';

export const DEBIAN_PATCH_DIRECTIVE_ROWS: readonly DirectiveRow[] = [
  [
    'max_headers',
    'http_header_count',
    'http',
    NGX_HTTP_MAIN_CONF | NGX_HTTP_SRV_CONF | NGX_CONF_TAKE1,
    'num',
  ],
];
