// nginx's generic directive setters (ngx_conf_set_flag_slot, _num_slot, _size_slot, … in
// src/core/ngx_conf_file.c of 1.22.1): the value checks and `is duplicate`, for every directive
// whose table row names one. Directives the simulation uses also store their value in the block's
// settings (SLOT_SETTINGS); the rest are checked and otherwise ignored.

import { ConfigError, directiveSays } from '../config-error.ts';
import type { BlockSettings } from '../config-model.ts';
import { parseAtoi, parseOffset, parseSize, parseTime } from '../values.ts';
import { positionOf, type DirectiveCall } from './directive-call.ts';

type SlotValue = boolean | number | string | { readonly count: number; readonly size: number };

/** Which generic-slot directives the simulation reads, and where they go. */
const SLOT_SETTINGS: Readonly<Record<string, keyof BlockSettings>> = {
  client_max_body_size: 'clientMaxBodySize',
  default_type: 'defaultType',
  chunked_transfer_encoding: 'chunkedTransferEncoding',
  underscores_in_headers: 'underscoresInHeaders',
  ignore_invalid_headers: 'ignoreInvalidHeaders',
  merge_slashes: 'mergeSlashes',
  client_header_buffer_size: 'clientHeaderBufferSize',
  large_client_header_buffers: 'largeClientHeaderBuffers',
  max_headers: 'maxHeaders',
  server_tokens: 'serverTokens',
  uwsgi_modifier1: 'uwsgiModifier1',
  uwsgi_modifier2: 'uwsgiModifier2',
  uwsgi_read_timeout: 'uwsgiReadTimeout',
  uwsgi_connect_timeout: 'uwsgiConnectTimeout',
  uwsgi_buffer_size: 'uwsgiBufferSize',
  uwsgi_pass_request_headers: 'uwsgiPassRequestHeaders',
  uwsgi_pass_request_body: 'uwsgiPassRequestBody',
};

/** Applies a generic setter; returns false when the directive's setter is not a generic one. */
export function applyGenericSlot(call: DirectiveCall): boolean {
  const { node, spec, frame } = call;
  const setter = spec.setter;
  if (setter.startsWith('custom:')) return false;
  const seen = frame.block?.seen ?? frame.seen;
  const key = `${spec.module}:${spec.name}`;
  const arg = node.args[0] ?? '';
  const fail = (message: string): never => {
    throw new ConfigError('invalid-value', directiveSays(spec.name, message), positionOf(node));
  };
  const duplicateChecked = setter !== 'str-array' && setter !== 'keyval' && setter !== 'bitmask';
  if (duplicateChecked && seen.has(key)) {
    throw new ConfigError('duplicate', directiveSays(spec.name, 'is duplicate'), positionOf(node));
  }
  let value: SlotValue | undefined;
  switch (setter) {
    case 'flag': {
      const word = arg.toLowerCase();
      if (word !== 'on' && word !== 'off') {
        throw new ConfigError(
          'invalid-value',
          `invalid value "${arg}" in "${spec.name}" directive, it must be "on" or "off"`,
          positionOf(node),
        );
      }
      value = word === 'on';
      break;
    }
    case 'num':
      value = parseAtoi(arg) ?? fail('invalid number');
      break;
    case 'size':
      value = parseSize(arg) ?? fail('invalid value');
      break;
    case 'off':
      value = parseOffset(arg) ?? fail('invalid value');
      break;
    case 'msec':
      value = parseTime(arg, false) ?? fail('invalid value');
      break;
    case 'sec':
      value = parseTime(arg, true) ?? fail('invalid value');
      break;
    case 'bufs': {
      const count = parseAtoi(arg);
      const size = parseSize(node.args[1] ?? '');
      if (count === undefined || count === 0 || size === undefined || size === 0)
        fail('invalid value');
      value = { count: count!, size: size! };
      break;
    }
    case 'enum': {
      const match = spec.values.find((v) => v.toLowerCase() === arg.toLowerCase());
      if (match === undefined) {
        throw new ConfigError('invalid-value', `invalid value "${arg}"`, positionOf(node));
      }
      value = match;
      break;
    }
    case 'bitmask':
      for (const word of node.args) {
        if (!spec.values.some((v) => v.toLowerCase() === word.toLowerCase())) {
          throw new ConfigError('invalid-value', `invalid value "${word}"`, positionOf(node));
        }
      }
      break;
    case 'str':
    case 'path':
      value = arg;
      break;
    case 'str-array':
    case 'keyval':
      break;
  }
  seen.add(key);
  const setting = SLOT_SETTINGS[spec.name];
  if (setting !== undefined && frame.block !== undefined && value !== undefined) {
    (frame.block.settings as Record<string, SlotValue>)[setting] = value;
  }
  return true;
}
