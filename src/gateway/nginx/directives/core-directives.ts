// Main-context directives: user, worker_processes, pid, error_log, events{}, worker_connections
// (nginx 1.22.1: src/core/nginx.c, src/core/ngx_log.c, src/event/ngx_event.c).

import { ConfigError, LOG_LEVELS, directiveSays } from '../config-error.ts';
import type { LogSetting } from '../config-model.ts';
import { NGX_EVENT_CONF } from '../directive-flags.ts';
import { parseAtoi } from '../values.ts';
import { positionOf, type DirectiveCall, type DirectiveHandler } from './directive-call.ts';
import { applyGenericSlot } from './generic-slots.ts';

function duplicate(call: DirectiveCall): ConfigError {
  return new ConfigError(
    'duplicate',
    directiveSays(call.spec.name, 'is duplicate'),
    positionOf(call.node),
  );
}

// ngx_set_user: the group defaults to the user's name (Debian has no group "nobody": nogroup).
const user: DirectiveHandler = (call) => {
  const { node, loader } = call;
  if (loader.main.user !== undefined) throw duplicate(call);
  const name = node.args[0]!;
  const group = node.args[1] ?? name;
  const entry = loader.users.userByName(name);
  if (entry === undefined) {
    throw new ConfigError('user-lookup-failed', `getpwnam("${name}") failed`, positionOf(node));
  }
  const groupEntry = loader.users.groupByName(group);
  if (groupEntry === undefined) {
    throw new ConfigError('user-lookup-failed', `getgrnam("${group}") failed`, positionOf(node));
  }
  loader.main.user = { user: name, group, uid: entry.uid, gid: groupEntry.gid };
  return undefined;
};

const workerProcesses: DirectiveHandler = (call) => {
  const { node, loader } = call;
  if (loader.main.workerProcesses !== undefined) throw duplicate(call);
  const arg = node.args[0]!;
  if (arg === 'auto') {
    loader.main.workerProcesses = 'auto';
    return undefined;
  }
  const n = parseAtoi(arg);
  if (n === undefined) {
    throw new ConfigError(
      'invalid-value',
      directiveSays('worker_processes', 'invalid value'),
      positionOf(node),
    );
  }
  loader.main.workerProcesses = n;
  return undefined;
};

// ngx_conf_set_str_slot, the path then made absolute against the prefix (ngx_core_module_init_conf):
// the master writes its pid there, `nginx -s` reads it
const pid: DirectiveHandler = (call) => {
  applyGenericSlot(call);
  call.loader.main.pid = call.loader.fullName(call.node.args[0]!);
  return undefined;
};

/** ngx_log_set_log: `error_log FILE|stderr [LEVEL]`; the file is opened after the config is read. */
export function parseErrorLog(call: DirectiveCall): LogSetting {
  const { node, loader } = call;
  const [target = '', ...levels] = node.args;
  const seen = new Set<string>();
  for (const level of levels) {
    if (!(LOG_LEVELS as readonly string[]).includes(level) && !level.startsWith('debug_')) {
      throw new ConfigError('invalid-value', `invalid log level "${level}"`, positionOf(node));
    }
    if (seen.has(level)) {
      throw new ConfigError('invalid-value', `duplicate log level "${level}"`, positionOf(node));
    }
    seen.add(level);
  }
  const path = target === 'stderr' ? 'stderr' : loader.fullName(target);
  return { path, level: levels[0], at: positionOf(node) };
}

const errorLog: DirectiveHandler = (call) => {
  const setting = parseErrorLog(call);
  const block = call.frame.block;
  if (block === undefined) call.loader.main.errorLogs.push(setting);
  else (block.settings.errorLog ??= []).push(setting);
  return undefined;
};

const events: DirectiveHandler = (call) => {
  if (call.loader.main.eventsSeen) throw duplicate(call);
  call.loader.main.eventsSeen = true;
  return {
    frame: {
      context: 'events',
      moduleType: 'event',
      cmdType: NGX_EVENT_CONF,
      block: undefined,
      server: undefined,
      location: undefined,
      upstream: undefined,
      seen: new Set(),
    },
  };
};

const workerConnections: DirectiveHandler = (call) => {
  const { node, frame } = call;
  if (frame.seen.has('worker_connections')) throw duplicate(call);
  frame.seen.add('worker_connections');
  if (parseAtoi(node.args[0]!) === undefined) {
    throw new ConfigError('invalid-value', `invalid number "${node.args[0]!}"`, positionOf(node));
  }
  return undefined;
};

export const CORE_HANDLERS: Readonly<Record<string, DirectiveHandler>> = {
  'core:user': user,
  'core:worker_processes': workerProcesses,
  'core:pid': pid,
  'errlog:error_log': errorLog,
  'http_core:error_log': errorLog,
  'events:events': events,
  'event_core:worker_connections': workerConnections,
};
