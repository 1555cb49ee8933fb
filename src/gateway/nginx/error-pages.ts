// nginx's own response pages and status texts, byte for byte (nginx 1.22.1,
// src/http/ngx_http_special_response.c and ngx_http_header_filter_module.c): the short HTML page
// for each error and redirect, the tail naming the version (server_tokens), the padding sent to
// MSIE and Chrome, and which errors close the connection.

const CRLF = '\r\n';

/** The title each status's page shows (ngx_http_error_pages[]); 494–497 answer as 400. */
const PAGE_TITLES: Readonly<Record<number, string>> = {
  301: '301 Moved Permanently',
  302: '302 Found',
  303: '303 See Other',
  307: '307 Temporary Redirect',
  308: '308 Permanent Redirect',
  400: '400 Bad Request',
  401: '401 Authorization Required',
  402: '402 Payment Required',
  403: '403 Forbidden',
  404: '404 Not Found',
  405: '405 Not Allowed',
  406: '406 Not Acceptable',
  408: '408 Request Time-out',
  409: '409 Conflict',
  410: '410 Gone',
  411: '411 Length Required',
  412: '412 Precondition Failed',
  413: '413 Request Entity Too Large',
  414: '414 Request-URI Too Large',
  415: '415 Unsupported Media Type',
  416: '416 Requested Range Not Satisfiable',
  421: '421 Misdirected Request',
  429: '429 Too Many Requests',
  498: '404 Not Found',
  500: '500 Internal Server Error',
  501: '501 Not Implemented',
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
  505: '505 HTTP Version Not Supported',
  507: '507 Insufficient Storage',
};

/** nginx's statuses above 400 that mean "400, and why" (their page names the reason). */
const BAD_REQUEST_REASONS: Readonly<Record<number, string>> = {
  494: 'Request Header Or Cookie Too Large',
  495: 'The SSL certificate error',
  496: 'No required SSL certificate was sent',
  497: 'The plain HTTP request was sent to HTTPS port',
};

/** The status line texts of ngx_http_status_lines[] (the header filter). */
const STATUS_TEXTS: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  206: 'Partial Content',
  301: 'Moved Permanently',
  302: 'Moved Temporarily',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Time-out',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Large',
  415: 'Unsupported Media Type',
  416: 'Requested Range Not Satisfiable',
  421: 'Misdirected Request',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
  505: 'HTTP Version Not Supported',
  507: 'Insufficient Storage',
};

/** `HTTP/1.1 404 Not Found`'s text part; nginx prints just the number for statuses it has no text for. */
export function statusLine(status: number): string {
  const text = STATUS_TEXTS[status];
  return text === undefined ? `HTTP/1.1 ${status}` : `HTTP/1.1 ${status} ${text}`;
}

/** The status a special response goes out with (494–497 are sent as 400). */
export function wireStatus(status: number): number {
  return status in BAD_REQUEST_REASONS ? 400 : status;
}

/** server_tokens: `on` names the version, `off` only "nginx". */
export type ServerTokens = 'on' | 'off' | 'build';

/** The `Server:` header value for the tokens setting. */
export function serverHeader(tokens: ServerTokens): string {
  return tokens === 'off' ? 'nginx' : 'nginx/1.22.1';
}

const MSIE_PADDING = `${'<!-- a padding to disable MSIE and Chrome friendly error page -->\r\n'.repeat(6)}`;

/**
 * nginx's page for a status, or undefined for statuses it sends with an empty body (200, 204, …).
 * `padding`: the client is MSIE or Chrome and msie_padding is on (only for 4xx and 5xx pages).
 */
export function specialPage(
  status: number,
  tokens: ServerTokens,
  padding = false,
): string | undefined {
  const reason = BAD_REQUEST_REASONS[status];
  const title = reason === undefined ? PAGE_TITLES[status] : `400 ${reason}`;
  if (title === undefined) return undefined;
  const heading = reason === undefined ? title : '400 Bad Request';
  let page = `<html>${CRLF}<head><title>${title}</title></head>${CRLF}<body>${CRLF}<center><h1>${heading}</h1></center>${CRLF}`;
  if (reason !== undefined) page += `<center>${reason}</center>${CRLF}`;
  page += `<hr><center>${tokens === 'off' ? 'nginx' : 'nginx/1.22.1'}</center>${CRLF}</body>${CRLF}</html>${CRLF}`;
  if (padding && status >= 400) page += MSIE_PADDING;
  return page;
}

/** Errors after which nginx closes the connection (ngx_http_special_response_handler). */
export function closesConnection(status: number): boolean {
  return [400, 413, 414, 494, 495, 496, 497, 500, 501].includes(status);
}
