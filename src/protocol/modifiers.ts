// The modifier1 table of the uwsgi protocol, as data: what each packet type is, what its datasize
// counts, what modifier2 selects, and how its payload is laid out (which is how decode reads it).
// Source: uWSGI docs "The uwsgi Protocol" (unbit/uwsgi-docs Protocol.rst) and "Management Flags"
// (ManagementFlag.rst); the ping reply and echo from uWSGI 2.0.21's plugins/ping and plugins/echo.

/**
 * How the bytes after the header are read.
 * - `vars`: a vars block (u16-LE key length, key, u16-LE value length, value, repeated).
 * - `payload`: opaque bytes (a code string, a uwsgi array, a marshalled object, …).
 * - `none`: header only, datasize 0 (ping, reload requests); any datasize bytes are kept as payload
 *   (uWSGI's pong carries its warning message there: plugins/ping/ping_plugin.c).
 */
export type PayloadLayout = 'vars' | 'payload' | 'none';

export interface Modifier2Value {
  readonly value: number;
  /** Machine name; the UI's i18n gives the words. */
  readonly id: string;
}

export interface ModifierInfo {
  readonly modifier1: number;
  /** Machine name, stable, used as the i18n key. */
  readonly id: string;
  /** The name the uWSGI docs use. */
  readonly name: string;
  readonly layout: PayloadLayout;
  /** Whether the request body (CONTENT_LENGTH bytes) follows the vars block. */
  readonly body: boolean;
  /** What datasize counts, in the docs' words. */
  readonly datasize: string;
  /** What modifier2 means, in the docs' words. */
  readonly modifier2: string;
  /** What the packet is for, in the docs' words. */
  readonly meaning: string;
  /** Named modifier2 values, where the docs list them. */
  readonly modifier2Values?: readonly Modifier2Value[];
}

const MANAGEMENT_FLAGS = [
  'logging',
  'max-requests',
  'socket-timeout',
  'memory-debug',
  'master-interval',
  'harakiri',
  'cgi-mode',
  'threads',
  'reaper',
  'log-zero',
  'log-slow',
  'log-4xx',
  'log-5xx',
  'log-big',
  'log-sendfile',
  'backlog-status',
  'backlog-errors',
] as const;

/** Every modifier1 the uWSGI docs list, in numeric order; datasize, modifier2 and meaning in their words. */
export const MODIFIERS: readonly ModifierInfo[] = [
  {
    modifier1: 0,
    id: 'wsgi',
    name: 'WSGI',
    layout: 'vars',
    body: true,
    datasize: 'size of WSGI block vars (HTTP request body excluded)',
    modifier2: '0',
    meaning: 'Standard WSGI request followed by the HTTP request body',
  },
  {
    modifier1: 1,
    id: 'reserved-1',
    name: 'Reserved',
    layout: 'payload',
    body: false,
    datasize: 'reserved for UNBIT',
    modifier2: '',
    meaning: '',
  },
  {
    modifier1: 2,
    id: 'reserved-2',
    name: 'Reserved',
    layout: 'payload',
    body: false,
    datasize: 'reserved for UNBIT',
    modifier2: '',
    meaning: '',
  },
  {
    modifier1: 3,
    id: 'reserved-3',
    name: 'Reserved',
    layout: 'payload',
    body: false,
    datasize: 'reserved for UNBIT',
    modifier2: '',
    meaning: '',
  },
  {
    modifier1: 5,
    id: 'psgi',
    name: 'PSGI',
    layout: 'vars',
    body: true,
    datasize: 'size of PSGI block vars (HTTP request body excluded)',
    modifier2: '0',
    meaning: 'Standard PSGI request followed by the HTTP request body',
  },
  {
    modifier1: 6,
    id: 'lua-wsapi',
    name: 'LUA WSAPI',
    layout: 'vars',
    body: true,
    datasize: 'size of LUA WSAPI block vars (HTTP request body excluded)',
    modifier2: '0',
    meaning: 'Standard LUA/WSAPI request followed by the HTTP request body',
  },
  {
    modifier1: 7,
    id: 'rack',
    name: 'RACK',
    layout: 'vars',
    body: true,
    datasize: 'size of RACK block vars (HTTP request body excluded)',
    modifier2: '0',
    meaning: 'Standard RACK request followed by the HTTP request body',
  },
  {
    modifier1: 8,
    id: 'jwsgi',
    name: 'JWSGI/Ring',
    layout: 'vars',
    body: true,
    datasize: 'size of JWSGI/Ring block vars (HTTP request body excluded)',
    modifier2: '0',
    meaning: 'Standard JVM request for JWSGI and Ring followed by the HTTP request body',
  },
  {
    modifier1: 9,
    id: 'cgi',
    name: 'CGI',
    layout: 'vars',
    body: true,
    datasize: 'size of CGI block vars (HTTP request body excluded)',
    modifier2: '0',
    meaning: 'Standard CGI request followed by the HTTP request body',
  },
  // The docs say "size of block vars", but each management flag carries one 32-bit value
  // (ManagementFlag.rst), not a dictionary: kept as opaque payload.
  {
    modifier1: 10,
    id: 'management',
    name: 'Management interface',
    layout: 'payload',
    body: false,
    datasize: 'size of block vars',
    modifier2: '0-255',
    meaning:
      'Management interface request: setup flag specified by modifier2. For a list of management flag look at ManagementFlag',
    modifier2Values: MANAGEMENT_FLAGS.map((id, value) => ({ value, id })),
  },
  {
    modifier1: 14,
    id: 'php',
    name: 'PHP',
    layout: 'vars',
    body: true,
    datasize: 'size of CGI block vars (HTTP request body excluded)',
    modifier2: '0',
    meaning: 'Standard PHP request followed by the HTTP request body',
  },
  {
    modifier1: 15,
    id: 'mono',
    name: 'Mono ASP.NET',
    layout: 'vars',
    body: true,
    datasize: 'size of Mono ASP.NET block vars (HTTP request body excluded)',
    modifier2: '0',
    meaning: 'Standard Mono request followed by the HTTP request body',
  },
  {
    modifier1: 17,
    id: 'spooler',
    name: 'Spooler',
    layout: 'vars',
    body: false,
    datasize: 'size of Spooler block vars',
    modifier2: '0-255',
    meaning:
      'Spooler request, the block vars is converted to a dictionary/hash/table and passed to the spooler callable. The second modifier is currently ignored.',
  },
  {
    modifier1: 18,
    id: 'symcall',
    name: 'Symcall',
    layout: 'vars',
    body: true,
    datasize: 'size of CGI block vars',
    modifier2: '0-255',
    meaning: 'direct call to c-like symbols',
  },
  {
    modifier1: 22,
    id: 'eval',
    name: 'Raw code evaluation',
    layout: 'payload',
    body: false,
    datasize: 'size of code string',
    modifier2: '0-255',
    meaning:
      'Raw Code evaluation. The interpreter is chosen by the modifier2. 0 is Python, 5 is Perl. It does not return a valid uwsgi response, but a raw string (that may be an HTTP response)',
    modifier2Values: [
      { value: 0, id: 'python' },
      { value: 5, id: 'perl' },
    ],
  },
  {
    modifier1: 23,
    id: 'xslt',
    name: 'XSLT',
    layout: 'vars',
    body: true,
    datasize: 'size of CGI vars',
    modifier2: '0-255',
    meaning: 'invoke the XSLT plugin',
  },
  {
    modifier1: 24,
    id: 'v8',
    name: 'V8',
    layout: 'vars',
    body: true,
    datasize: 'size of CGI vars',
    modifier2: '0-255',
    meaning: 'invoke the V8 plugin',
  },
  {
    modifier1: 25,
    id: 'gridfs',
    name: 'GridFS',
    layout: 'vars',
    body: true,
    datasize: 'size of CGI vars',
    modifier2: '0-255',
    meaning: 'invoke the GridFS plugin',
  },
  {
    modifier1: 26,
    id: 'glusterfs',
    name: 'GlusterFS',
    layout: 'vars',
    body: true,
    datasize: 'size of CGI vars',
    modifier2: '0-255',
    meaning: 'invoke the GlusterFS plugin',
  },
  {
    modifier1: 27,
    id: 'fastfuncs',
    name: 'FastFuncs',
    layout: 'none',
    body: false,
    datasize: '0',
    modifier2: '0-255',
    meaning: 'call the FastFuncs specified by the modifier2 field',
  },
  {
    modifier1: 28,
    id: 'rados',
    name: 'Rados',
    layout: 'none',
    body: false,
    datasize: '0',
    modifier2: '0-255',
    meaning: 'invoke the Rados plugin',
  },
  {
    modifier1: 30,
    id: 'wsgi-script-name',
    name: 'WSGI (SCRIPT_NAME removed)',
    layout: 'vars',
    body: true,
    datasize: 'size of WSGI block vars (HTTP request body excluded)',
    modifier2:
      '0 (if defined the size of the block vars is 24bit le, for now none of the webserver handlers support this feature)',
    meaning:
      'Standard WSGI request followed by the HTTP request body. The PATH_INFO is automatically modified, removing the SCRIPT_NAME from it',
  },
  {
    modifier1: 31,
    id: 'message-vars',
    name: 'Generic message passing',
    layout: 'vars',
    body: false,
    datasize: 'size of block vars',
    modifier2: '0-255',
    meaning: 'Generic message passing (reserved)',
  },
  {
    modifier1: 32,
    id: 'message-chars',
    name: 'Array of char passing',
    layout: 'payload',
    body: false,
    datasize: 'size of char array',
    modifier2: '0-255',
    meaning: 'array of char passing (reserved)',
  },
  {
    modifier1: 33,
    id: 'message-marshal',
    name: 'Marshalled object passing',
    layout: 'payload',
    body: false,
    datasize: 'size of marshal object',
    modifier2: '0-255',
    meaning: 'marshalled/serialzed object passing (reserved)',
  },
  {
    modifier1: 48,
    id: 'snmp',
    name: 'SNMP',
    layout: 'payload',
    body: false,
    datasize: 'snmp specific',
    modifier2: 'snmp specific',
    meaning: 'identify a SNMP request/response (mainly via UDP)',
  },
  {
    modifier1: 72,
    id: 'http-response',
    name: 'Raw HTTP',
    layout: 'payload',
    body: false,
    datasize: 'chr(TT)',
    modifier2: 'chr(P)',
    meaning: "Corresponds to the 'HTTP' string and signals that this is a raw HTTP response.",
  },
  {
    modifier1: 73,
    id: 'announce',
    name: 'Announce',
    layout: 'payload',
    body: false,
    datasize: 'announce message size (for sanity check)',
    modifier2: 'announce type (0 = hostname)',
    meaning: 'announce message',
    modifier2Values: [{ value: 0, id: 'hostname' }],
  },
  {
    modifier1: 74,
    id: 'multicast',
    name: 'Multicast',
    layout: 'payload',
    body: false,
    datasize: 'multicast message size (for sanity check)',
    modifier2: '0',
    meaning: 'array of chars; a custom multicast message managed by uwsgi.multicast_manager',
  },
  {
    modifier1: 95,
    id: 'cluster',
    name: 'Cluster membership',
    layout: 'vars',
    body: false,
    datasize: 'cluster membership dict size',
    modifier2: 'action',
    meaning:
      'add/remove/enable/disable node from a cluster. Action may be 0 = add, 1 = remove, 2 = enable, 3 = disable. Add action requires a dict of at least 3 keys: hostname, address and workers',
    modifier2Values: [
      { value: 0, id: 'add' },
      { value: 1, id: 'remove' },
      { value: 2, id: 'enable' },
      { value: 3, id: 'disable' },
    ],
  },
  {
    modifier1: 96,
    id: 'log',
    name: 'Remote logging',
    layout: 'payload',
    body: false,
    datasize: 'log message size',
    modifier2: '0',
    meaning: 'Remote logging (clustering/multicast/unicast)',
  },
  {
    modifier1: 97,
    id: 'brutal-reload',
    name: 'Brutal reload',
    layout: 'none',
    body: false,
    datasize: '0',
    modifier2: '0, 1',
    meaning: 'brutal reload request (0 request - 1 confirmation)',
    modifier2Values: [
      { value: 0, id: 'request' },
      { value: 1, id: 'confirmation' },
    ],
  },
  {
    modifier1: 98,
    id: 'graceful-reload',
    name: 'Graceful reload',
    layout: 'none',
    body: false,
    datasize: '0',
    modifier2: '0, 1',
    meaning: 'graceful reload request (0 request - 1 confirmation)',
    modifier2Values: [
      { value: 0, id: 'request' },
      { value: 1, id: 'confirmation' },
    ],
  },
  {
    modifier1: 99,
    id: 'config',
    name: 'Configuration',
    layout: 'vars',
    body: false,
    datasize: 'size of options dictionary (if response)',
    modifier2: '0, 1',
    meaning: 'request configuration data from a uwsgi node (even via multicast)',
  },
  // uWSGI 2.0.21's ping plugin answers 64 00 00 01 (modifier2 1 = PONG), with its warning message
  // as payload when one is set (plugins/ping/ping_plugin.c, uwsgi_request_ping).
  {
    modifier1: 100,
    id: 'ping',
    name: 'Ping',
    layout: 'none',
    body: false,
    datasize: '0',
    modifier2: '0, 1',
    meaning:
      'PING-PONG if modifier2 is 0 it is a PING request otherwise it is a PONG (a response). Useful for cluster health-check',
    modifier2Values: [
      { value: 0, id: 'ping' },
      { value: 1, id: 'pong' },
    ],
  },
  // uWSGI 2.0.21's echo plugin writes the payload back alone, with no header (plugins/echo).
  {
    modifier1: 101,
    id: 'echo',
    name: 'Echo',
    layout: 'payload',
    body: false,
    datasize: 'size of packet',
    modifier2: '0',
    meaning: 'ECHO service',
  },
  {
    modifier1: 109,
    id: 'legion',
    name: 'Legion',
    layout: 'payload',
    body: false,
    datasize: 'size of clean payload',
    modifier2: '0 to 255',
    meaning: 'legion msg (UDP, the body is encrypted)',
  },
  {
    modifier1: 110,
    id: 'signal',
    name: 'Signal',
    layout: 'payload',
    body: false,
    datasize: 'size of payload',
    modifier2: '0 to 255',
    meaning: 'uwsgi_signal framework (payload is optional), modifier2 is the signal num',
  },
  {
    modifier1: 111,
    id: 'cache',
    name: 'Cache',
    layout: 'payload',
    body: false,
    datasize: 'size of packet',
    modifier2: '0, 1, 2, 3',
    meaning: 'Cache operations. 0: read, 1: write, 2: delete, 3: dict_based',
    modifier2Values: [
      { value: 0, id: 'read' },
      { value: 1, id: 'write' },
      { value: 2, id: 'delete' },
      { value: 3, id: 'dict-based' },
    ],
  },
  {
    modifier1: 123,
    id: 'corerouter-signal',
    name: 'Corerouter signal',
    layout: 'payload',
    body: false,
    datasize: 'size of packet',
    modifier2: '-',
    meaning: 'special modifier for signaling corerouters about special conditions',
  },
  // A "uwsgi array": repeated u16-LE size + item, no values (core/protocol.c, uwsgi_parse_array).
  {
    modifier1: 173,
    id: 'rpc',
    name: 'RPC',
    layout: 'payload',
    body: false,
    datasize: 'size of packet',
    modifier2: '0, 1',
    meaning:
      "RPC. The packet is an uwsgi array where the first item is the name of the function and the following are the args (if modifier2 is 1 the RPC will be 'raw' and all of the response will be returned to the app, uwsgi header included, if available.",
    modifier2Values: [
      { value: 0, id: 'rpc' },
      { value: 1, id: 'raw' },
    ],
  },
  {
    modifier1: 200,
    id: 'close',
    name: 'Close mark',
    layout: 'none',
    body: false,
    datasize: '0',
    modifier2: '0',
    meaning: 'Close mark for persistent connections',
  },
  {
    modifier1: 224,
    id: 'subscription',
    name: 'Subscription',
    layout: 'payload',
    body: false,
    datasize: 'size of packet',
    modifier2: '0',
    meaning: 'Subscription packet. see SubscriptionServer',
  },
  {
    modifier1: 255,
    id: 'response',
    name: 'Generic response',
    layout: 'none',
    body: false,
    datasize: '0',
    modifier2: '0-255',
    meaning:
      'Generic response. Request dependent. For example a spooler response set 0 for a failed spool or 1 for a successful one',
  },
];

const BY_MODIFIER1 = new Map(MODIFIERS.map((info) => [info.modifier1, info]));

/** What the docs say about a modifier1, or `undefined` for one they do not list. */
export function modifierInfo(modifier1: number): ModifierInfo | undefined {
  return BY_MODIFIER1.get(modifier1);
}

/**
 * How decode reads the payload of a modifier1. Modifiers the docs do not list are read as opaque
 * payload: guessing a vars block there would invent structure the sender never meant.
 */
export function payloadLayout(modifier1: number): PayloadLayout {
  return BY_MODIFIER1.get(modifier1)?.layout ?? 'payload';
}

/** Whether a request body (CONTENT_LENGTH bytes) follows the vars block of this modifier1. */
export function carriesBody(modifier1: number): boolean {
  return BY_MODIFIER1.get(modifier1)?.body ?? false;
}

/** The named meaning of a modifier2 value for this modifier1, where the docs give one. */
export function modifier2Id(modifier1: number, modifier2: number): string | undefined {
  return BY_MODIFIER1.get(modifier1)?.modifier2Values?.find((entry) => entry.value === modifier2)
    ?.id;
}
