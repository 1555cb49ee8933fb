// ngx_http_uwsgi_module's uwsgi_pass and uwsgi_param (nginx 1.22.1,
// src/http/modules/ngx_http_uwsgi_module.c); its numeric and size settings go through the generic
// setters. uwsgi_param values are compiled when nginx merges the configuration, after http{} is
// read, so their variable errors come then.

import { ConfigError, directiveSays } from '../config-error.ts';
import { countVariables } from '../script.ts';
import { positionOf, type DirectiveHandler } from './directive-call.ts';
import { compileAt } from './http-core-directives.ts';
import { addUpstream } from './upstream-directives.ts';

// ngx_http_uwsgi_pass
const uwsgiPass: DirectiveHandler = (call) => {
  const { node, frame, loader } = call;
  const block = frame.block!;
  if (block.settings.uwsgiPass !== undefined) {
    throw new ConfigError(
      'duplicate',
      directiveSays('uwsgi_pass', 'is duplicate'),
      positionOf(node),
    );
  }
  const raw = node.args[0]!;
  const location = frame.location;
  if (countVariables(raw) > 0) {
    // compiled now; the address is worked out for each request
    block.settings.uwsgiPass = {
      url: raw,
      upstream: undefined,
      script: compileAt(call, raw),
      at: positionOf(node),
    };
    return undefined;
  }
  const lower = raw.toLowerCase();
  const url = lower.startsWith('uwsgi://')
    ? raw.slice(8)
    : lower.startsWith('suwsgi://')
      ? raw.slice(9)
      : raw;
  const upstream = addUpstream(loader, url, positionOf(node));
  block.settings.uwsgiPass = { url, upstream, script: undefined, at: positionOf(node) };
  if (location !== undefined && location.name.endsWith('/')) location.autoRedirect = true;
  return undefined;
};

// ngx_http_upstream_param_set_slot: `uwsgi_param KEY VALUE [if_not_empty]`
const uwsgiParam: DirectiveHandler = (call) => {
  const { node, frame, loader } = call;
  const block = frame.block!;
  const [key = '', value = '', flag] = node.args;
  if (flag !== undefined && flag !== 'if_not_empty') {
    throw new ConfigError('invalid-value', `invalid parameter "${flag}"`, positionOf(node));
  }
  const params = (block.settings.uwsgiParams ??= []);
  const index = params.length;
  const at = positionOf(node);
  // compiled at merge time (ngx_http_uwsgi_init_params); a placeholder keeps the order
  params.push({ key, value: { source: value, parts: [] }, ifNotEmpty: flag !== undefined, at });
  loader.atHttpEnd((closing) => {
    params[index] = { ...params[index]!, value: compileAt(call, value, closing) };
  });
  return undefined;
};

export const UWSGI_HANDLERS: Readonly<Record<string, DirectiveHandler>> = {
  'http_uwsgi:uwsgi_pass': uwsgiPass,
  'http_uwsgi:uwsgi_param': uwsgiParam,
};
