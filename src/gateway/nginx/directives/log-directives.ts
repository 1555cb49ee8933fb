// ngx_http_log_module's access_log and log_format (nginx 1.22.1,
// src/http/modules/ngx_http_log_module.c): which files nginx opens at start-up, and the format
// names an access_log may use.

import { ConfigError } from '../config-error.ts';
import { positionOf, type DirectiveHandler } from './directive-call.ts';

const accessLog: DirectiveHandler = (call) => {
  const { node, frame, loader } = call;
  const block = frame.block!;
  const [target = '', format, ...options] = node.args;
  const logs = (block.settings.accessLog ??= []);
  if (target === 'off') {
    if (node.args.length !== 1) {
      throw new ConfigError(
        'invalid-value',
        `invalid parameter "${node.args[1]!}"`,
        positionOf(node),
      );
    }
    logs.push({ path: 'off', level: undefined, at: positionOf(node) });
    return undefined;
  }
  if (format !== undefined && !loader.http!.logFormats.has(format)) {
    throw new ConfigError('invalid-value', `unknown log format "${format}"`, positionOf(node));
  }
  for (const option of options) {
    if (!/^(buffer|gzip|flush|if)(=|$)/.test(option)) {
      throw new ConfigError('invalid-value', `invalid parameter "${option}"`, positionOf(node));
    }
  }
  logs.push({ path: loader.fullName(target), level: undefined, at: positionOf(node) });
  return undefined;
};

const logFormat: DirectiveHandler = (call) => {
  const { node, loader } = call;
  const name = node.args[0]!;
  const formats = loader.http!.logFormats;
  if (formats.has(name)) {
    throw new ConfigError(
      'invalid-value',
      `duplicate "log_format" name "${name}"`,
      positionOf(node),
    );
  }
  formats.add(name);
  return undefined;
};

export const LOG_HANDLERS: Readonly<Record<string, DirectiveHandler>> = {
  'http_log:access_log': accessLog,
  'http_log:log_format': logFormat,
};
