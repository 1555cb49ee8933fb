// nginx 1.22.1's command line as Debian 12's build has it (src/core/nginx.c ngx_get_options): -t,
// -T, -q, -s stop|quit|reopen|reload, -v, -V, -h, -g, and plain `nginx`, which daemonizes. Every
// message goes to stderr (Debian builds with --error-log-path=stderr); `-T` dumps the files it
// read on stdout. The nginx command, systemd's ExecStartPre/ExecStart/ExecReload and the init
// script all run this. Texts captured from the real nginx (real-output-shell.md §6.2, §6.3).

import { loadConfig, DEBIAN_LAYOUT } from '../../gateway/nginx/load-config.ts';
import type { NginxLayout } from '../../gateway/nginx/directives/directive-call.ts';
import { normalizePath } from '../../gateway/fs.ts';
import { formatNginxTest } from '../../gateway/nginx/nginx-test.ts';
import { nginxSignalCommand, type NginxSignalName } from '../../gateway/nginx/nginx-signal.ts';
import type { NginxSignal } from '../../gateway/nginx/nginx-process.ts';
import { FsError } from '../../gateway/fs.ts';
import type { SignalName } from '../bash/signals.ts';
import type { Machine } from '../machine/machine.ts';
import { startNginxDaemon, type NginxDaemon } from './nginx-daemon.ts';
import { withGivenPids } from './given-pids.ts';

export const NGINX_VERSION_LINE = 'nginx version: nginx/1.22.1';

/** `nginx -V` on Debian 12 (captured: real-output-shell.md §6.2; the OpenSSL dates as printed). */
export const NGINX_V_TEXT = `${NGINX_VERSION_LINE}
built with OpenSSL 3.0.22 25 Aug 2026 (running with OpenSSL 3.0.19 27 Jan 2026)
TLS SNI support enabled
configure arguments: --with-cc-opt='-g -O2 -ffile-prefix-map=/build/reproducible-path/nginx-1.22.1=. -fstack-protector-strong -Wformat -Werror=format-security -fPIC -Wdate-time -D_FORTIFY_SOURCE=2' --with-ld-opt='-Wl,-z,relro -Wl,-z,now -fPIC' --prefix=/usr/share/nginx --conf-path=/etc/nginx/nginx.conf --http-log-path=/var/log/nginx/access.log --error-log-path=stderr --lock-path=/var/lock/nginx.lock --pid-path=/run/nginx.pid --modules-path=/usr/lib/nginx/modules --http-client-body-temp-path=/var/lib/nginx/body --http-fastcgi-temp-path=/var/lib/nginx/fastcgi --http-proxy-temp-path=/var/lib/nginx/proxy --http-scgi-temp-path=/var/lib/nginx/scgi --http-uwsgi-temp-path=/var/lib/nginx/uwsgi --with-compat --with-debug --with-pcre-jit --with-http_ssl_module --with-http_stub_status_module --with-http_realip_module --with-http_auth_request_module --with-http_v2_module --with-http_dav_module --with-http_slice_module --with-threads --with-http_addition_module --with-http_flv_module --with-http_gunzip_module --with-http_gzip_static_module --with-http_mp4_module --with-http_random_index_module --with-http_secure_link_module --with-http_sub_module --with-mail_ssl_module --with-stream_ssl_module --with-stream_ssl_preread_module --with-stream_realip_module --with-http_geoip_module=dynamic --with-http_image_filter_module=dynamic --with-http_perl_module=dynamic --with-http_xslt_module=dynamic --with-mail=dynamic --with-stream=dynamic --with-stream_geoip_module=dynamic
`;

/** `nginx -h` (captured from Debian 12's nginx 1.22.1). */
export const NGINX_HELP_TEXT = `${NGINX_VERSION_LINE}
Usage: nginx [-?hvVtTq] [-s signal] [-p prefix]
             [-e filename] [-c filename] [-g directives]

Options:
  -?,-h         : this help
  -v            : show version and exit
  -V            : show version and configure options then exit
  -t            : test configuration and exit
  -T            : test configuration, dump it and exit
  -q            : suppress non-error messages during configuration testing
  -s signal     : send signal to a master process: stop, quit, reopen, reload
  -p prefix     : set prefix path (default: /usr/share/nginx/)
  -e filename   : set error log file (default: stderr)
  -c filename   : set configuration file (default: /etc/nginx/nginx.conf)
  -g directives : set global directives out of configuration file

`;

const SIGNAL_NAMES: Readonly<Record<NginxSignal, SignalName>> = {
  HUP: 'SIGHUP',
  TERM: 'SIGTERM',
  INT: 'SIGINT',
  QUIT: 'SIGQUIT',
  USR1: 'SIGUSR1',
  KILL: 'SIGKILL',
};

export interface NginxCliResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
  /** Plain `nginx` that started: the daemon now running. */
  readonly daemon?: NginxDaemon;
}

/** What ngx_get_options says an option without its argument needs. */
const OPTION_ARGUMENT: Readonly<Record<string, string>> = {
  s: 'parameter',
  g: 'parameter',
  c: 'file name',
  e: 'file name',
  p: 'directory name',
};

interface NginxOptions {
  /** -p and -c as ngx_process_options reads them (before they are made absolute). */
  prefix: string | undefined;
  conf: string | undefined;
  help: boolean;
  version: boolean;
  configure: boolean;
  test: boolean;
  dump: boolean;
  quiet: boolean;
  signal: string | undefined;
  other: string | undefined;
}

/**
 * Runs `nginx ARGS` as process `pid` (argv[0] included, as ps shows the master's command), from
 * the working directory `cwd` (a relative -p or -c is relative to it).
 */
export function runNginxCli(
  machine: Machine,
  argv: readonly string[],
  pid: number,
  unit?: string,
  cwd = '/',
): NginxCliResult {
  const parsed = parseOptions(argv.slice(1));
  if (typeof parsed === 'string') return { stdout: '', stderr: `nginx: ${parsed}\n`, status: 1 };
  if (parsed.other !== undefined)
    return {
      stdout: '',
      stderr: `uwsgi-lab: nginx ${parsed.other} is not simulated: the machine's nginx runs Debian's layout (/etc/nginx/nginx.conf)\n`,
      status: 1,
    };
  if (parsed.help) return { stdout: '', stderr: NGINX_HELP_TEXT, status: 0 };
  if (parsed.configure) return { stdout: '', stderr: NGINX_V_TEXT, status: 0 };
  if (parsed.version) return { stdout: '', stderr: `${NGINX_VERSION_LINE}\n`, status: 0 };
  const layout = nginxLayout(parsed, cwd);
  if (parsed.test || parsed.dump) return test(machine, pid, parsed, layout);
  if (parsed.signal !== undefined) {
    const result = nginxSignalCommand(
      withGivenPids(machine, [pid]),
      parsed.signal as NginxSignalName,
      (target, signal) => machine.processes.signal(target, SIGNAL_NAMES[signal]) === 'delivered',
      layout,
    );
    return { stdout: '', stderr: lines(result.stderr), status: result.status };
  }
  const started = startNginxDaemon(machine, argv, pid, unit, layout);
  if (!started.ok) return { stdout: '', stderr: lines(started.stderr), status: started.status };
  return { stdout: '', stderr: lines(started.stderr), status: 0, daemon: started.daemon };
}

/**
 * ngx_process_options: -p sets the prefix (and the conf prefix); the conf file is relative to the
 * prefix, and its folder is where relative includes start. Paths made absolute against `cwd`.
 */
export function nginxLayout(
  options: { readonly prefix: string | undefined; readonly conf: string | undefined },
  cwd: string,
): NginxLayout {
  if (options.prefix === undefined && options.conf === undefined) return DEBIAN_LAYOUT;
  const absolute = (path: string): string =>
    normalizePath(path.startsWith('/') ? path : `${cwd}/${path}`);
  const prefix =
    options.prefix === undefined
      ? DEBIAN_LAYOUT.prefix
      : `${absolute(options.prefix)}/`.replace(/\/+$/, '/');
  // Debian's --conf-path is absolute, so -p alone leaves it where it is
  const confPath =
    options.conf === undefined
      ? DEBIAN_LAYOUT.confPath
      : options.conf.startsWith('/')
        ? normalizePath(options.conf)
        : normalizePath(`${prefix}${options.conf}`);
  return {
    ...DEBIAN_LAYOUT,
    prefix,
    confPath,
    confPrefix: confPath.slice(0, confPath.lastIndexOf('/') + 1),
  };
}

function test(
  machine: Machine,
  pid: number,
  options: NginxOptions,
  layout: NginxLayout,
): NginxCliResult {
  const loaded = loadConfig({ fs: machine.fs, users: machine.users, layout });
  const output = formatNginxTest(loaded, layout.confPath, {
    now: new Date(machine.clock.now()),
    pid,
  });
  // -q (ngx_quiet_mode): no "syntax is ok" / "test is successful"; errors and "test failed" stay
  const stderr = options.quiet
    ? output.output
        .split(/(?<=\n)/)
        .filter((line) => !/^nginx: .*(syntax is ok|test is successful)$/.test(line.trimEnd()))
        .join('')
    : output.output;
  if (!options.dump || !loaded.ok) return { stdout: '', stderr, status: output.status };
  let stdout = '';
  for (const file of loaded.config.files) {
    let text = '';
    try {
      text = machine.fs.readText(file);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
    }
    stdout += `# configuration file ${file}:\n${text}\n`;
  }
  return { stdout, stderr, status: output.status };
}

// ngx_get_options: each argument starts with `-`; letters may be bundled (`-tq`); -s, -p, -c,
// -g and -e take the rest of the argument or the next one
function parseOptions(args: readonly string[]): NginxOptions | string {
  const options: NginxOptions = {
    prefix: undefined,
    conf: undefined,
    help: false,
    version: false,
    configure: false,
    test: false,
    dump: false,
    quiet: false,
    signal: undefined,
    other: undefined,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-')) return `invalid option: "${arg}"`;
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j]!;
      switch (letter) {
        case '?':
        case 'h':
          options.help = true;
          break;
        case 'v':
          options.version = true;
          break;
        case 'V':
          options.configure = true;
          break;
        case 't':
          options.test = true;
          break;
        case 'T':
          options.test = true;
          options.dump = true;
          break;
        case 'q':
          options.quiet = true;
          break;
        case 's':
        case 'p':
        case 'c':
        case 'g':
        case 'e': {
          let value: string;
          if (j + 1 < arg.length) value = arg.slice(j + 1);
          else if (i + 1 < args.length) value = args[++i]!;
          else return `option "-${letter}" requires ${OPTION_ARGUMENT[letter]}`;
          j = arg.length;
          if (letter === 's') {
            if (!['stop', 'quit', 'reopen', 'reload'].includes(value))
              return `invalid option: "-s ${value}"`;
            options.signal = value;
          } else if (letter === 'g') {
            // systemd's `-g 'daemon on; master_process on;'` is what Debian's build does anyway
            if (value.replace(/\s+/g, ' ').trim() !== 'daemon on; master_process on;')
              options.other = `-g '${value}'`;
          } else if (letter === 'c') options.conf = value;
          else if (letter === 'p') options.prefix = value;
          else if (value !== 'stderr') options.other = `-e ${value}`;
          break;
        }
        default:
          return `invalid option: "${letter}"`;
      }
    }
  }
  return options;
}

function lines(list: readonly string[]): string {
  return list.map((line) => `${line}\n`).join('');
}
