// The files Debian 12's uWSGI packages put on a machine, for the shell and for tests: uwsgi-core's
// binary and plugins, the `uwsgi` alternatives link, and uwsgi-plugin-python3's python311 plugin
// with its `python3` alternatives link (../shared/reference/debian-files/filelists). Plugin files
// are empty stand-ins: the model knows what each one does by its name.

import { FsError, type MachineFs } from '../fs.ts';

/** uwsgi-core 2.0.21-5.1's plugins (/usr/lib/uwsgi/plugins/NAME_plugin.so). */
export const UWSGI_CORE_PLUGINS = [
  'cache',
  'carbon',
  'cgi',
  'cheaper_backlog2',
  'cheaper_busyness',
  'clock_monotonic',
  'clock_realtime',
  'corerouter',
  'echo',
  'emperor_amqp',
  'emperor_zeromq',
  'fastrouter',
  'forkptyrouter',
  'http',
  'logcrypto',
  'logfile',
  'logpipe',
  'logsocket',
  'logzmq',
  'mongrel2',
  'msgpack',
  'nagios',
  'notfound',
  'pam',
  'ping',
  'pty',
  'rawrouter',
  'redislog',
  'router_basicauth',
  'router_cache',
  'router_expires',
  'router_hash',
  'router_http',
  'router_memcached',
  'router_metrics',
  'router_radius',
  'router_redirect',
  'router_redis',
  'router_rewrite',
  'router_static',
  'router_uwsgi',
  'router_xmldir',
  'rpc',
  'rrdtool',
  'rsyslog',
  'signal',
  'spooler',
  'ssi',
  'sslrouter',
  'stats_pusher_file',
  'stats_pusher_socket',
  'stats_pusher_statsd',
  'symcall',
  'syslog',
  'systemd_logger',
  'transformation_chunked',
  'transformation_gzip',
  'transformation_offload',
  'transformation_template',
  'transformation_tofile',
  'transformation_toupper',
  'tuntap',
  'ugreen',
  'webdav',
  'xattr',
  'zabbix',
  'zergpool',
] as const;

export interface DebianUwsgiOptions {
  /** Install uwsgi-plugin-python3 too (default true). */
  readonly python3?: boolean;
  readonly mtime?: number;
}

const PLUGIN_DIR = '/usr/lib/uwsgi/plugins';

export function installDebianUwsgi(fs: MachineFs, options: DebianUwsgiOptions = {}): void {
  const entry = { mtime: options.mtime ?? 1684503569 };
  mkdirs(fs, '/usr/bin');
  mkdirs(fs, '/etc/alternatives');
  mkdirs(fs, PLUGIN_DIR);
  put(fs, '/usr/bin/uwsgi-core', { ...entry, mode: 0o755 });
  link(fs, '/usr/bin/uwsgi-core', '/etc/alternatives/uwsgi', entry);
  link(fs, '/etc/alternatives/uwsgi', '/usr/bin/uwsgi', entry);
  for (const plugin of UWSGI_CORE_PLUGINS)
    put(fs, `${PLUGIN_DIR}/${plugin}_plugin.so`, { ...entry, mode: 0o644 });
  if (options.python3 ?? true) {
    put(fs, `${PLUGIN_DIR}/python311_plugin.so`, { ...entry, mode: 0o644 });
    link(fs, `${PLUGIN_DIR}/python311_plugin.so`, '/etc/alternatives/uwsgi-plugin-python3', entry);
    link(fs, '/etc/alternatives/uwsgi-plugin-python3', `${PLUGIN_DIR}/python3_plugin.so`, entry);
    link(fs, '/usr/bin/uwsgi-core', '/usr/bin/uwsgi_python311', entry);
  }
}

function mkdirs(fs: MachineFs, path: string): void {
  let at = '';
  for (const part of path.split('/').filter((p) => p !== '')) {
    at += `/${part}`;
    try {
      fs.mkdir(at);
    } catch (error) {
      if (!(error instanceof FsError) || error.code !== 'EEXIST') throw error;
    }
  }
}

function put(fs: MachineFs, path: string, entry: { mode: number; mtime: number }): void {
  try {
    fs.writeFile(path, new Uint8Array(0), entry);
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
  }
}

function link(fs: MachineFs, target: string, path: string, entry: { mtime: number }): void {
  try {
    fs.symlink(target, path, entry);
  } catch (error) {
    if (!(error instanceof FsError) || error.code !== 'EEXIST') throw error;
  }
}
