// ngx_http_rewrite_module's `return`, `set` and `if`, and ngx_http_map_module's `map` (nginx
// 1.22.1). Only `return` acts on requests in this simulation; `set` and `map` matter to the
// configuration check because they create variables, `if` because its block is read like a location.

import { ConfigError } from '../config-error.ts';
import { NGX_HTTP_MAIN_CONF } from '../directive-flags.ts';
import { parseAtoi } from '../values.ts';
import { positionOf, type DirectiveHandler } from './directive-call.ts';
import { compileAt, ifFrame } from './http-core-directives.ts';

// ngx_http_rewrite_return: `return CODE [TEXT|URL]` or `return URL` (302)
const returnDirective: DirectiveHandler = (call) => {
  const { node, frame } = call;
  const block = frame.block!;
  const first = node.args[0]!;
  let status = parseAtoi(first);
  let text: string | undefined;
  if (status === undefined) {
    const redirect = ['http://', 'https://', '$scheme'].some((p) => first.startsWith(p));
    if (node.args.length !== 1 || !redirect) {
      throw new ConfigError('invalid-value', `invalid return code "${first}"`, positionOf(node));
    }
    status = 302;
    text = first;
  } else {
    if (status > 999)
      throw new ConfigError('invalid-value', `invalid return code "${first}"`, positionOf(node));
    text = node.args[1];
  }
  const compiled = text === undefined ? undefined : compileAt(call, text);
  // the first return in a block ends the block's rewrite processing; later ones never run
  block.settings.returnAction ??= { status, text: compiled, at: positionOf(node) };
  return undefined;
};

const set: DirectiveHandler = (call) => {
  const { node, loader } = call;
  const name = node.args[0]!;
  if (!name.startsWith('$')) {
    throw new ConfigError('invalid-value', `invalid variable name "${name}"`, positionOf(node));
  }
  loader.defineVariable(name.slice(1));
  compileAt(call, node.args[1]!);
  return undefined;
};

const ifDirective: DirectiveHandler = (call) => {
  // the condition is not evaluated by the simulation; its block is checked like nginx checks it
  for (const word of call.node.args) {
    if (word.includes('$')) compileAt(call, word.replace(/^\(|\)$/g, ''));
  }
  return { frame: ifFrame(call.frame) };
};

// `map $source $result { … }`: defines $result; the entries are not simulated
const map: DirectiveHandler = (call) => {
  const { node, loader } = call;
  const result = node.args[1]!;
  if (!result.startsWith('$')) {
    throw new ConfigError('invalid-value', `invalid variable name "${result}"`, positionOf(node));
  }
  compileAt(call, node.args[0]!);
  loader.defineVariable(result.slice(1));
  return {
    frame: {
      context: 'http',
      moduleType: 'http',
      cmdType: NGX_HTTP_MAIN_CONF,
      block: undefined,
      server: undefined,
      location: undefined,
      upstream: undefined,
      seen: new Set(),
      entries: () => undefined,
    },
  };
};

export const REWRITE_HANDLERS: Readonly<Record<string, DirectiveHandler>> = {
  'http_rewrite:return': returnDirective,
  'http_rewrite:set': set,
  'http_rewrite:if': ifDirective,
  'http_map:map': map,
};
