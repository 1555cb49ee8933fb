// The checks ngx_conf_handler (src/core/ngx_conf_file.c) makes before a directive's own handler
// runs, driven by the directive table: is the name known at all, is it allowed in this context,
// does `;` or `{` end it as it should, and does it have an acceptable number of arguments.

import { ConfigError, type ConfigPosition } from './config-error.ts';
import {
  ARGUMENT_NUMBER,
  NGX_CONF_1MORE,
  NGX_CONF_2MORE,
  NGX_CONF_ANY,
  NGX_CONF_BLOCK,
  NGX_CONF_FLAG,
  NGX_CONF_MAX_ARGS,
  type DirectiveRow,
  type DirectiveSetter,
  type ModuleType,
} from './directive-flags.ts';
import { DEBIAN_PATCH_DIRECTIVE_ROWS } from './debian-patch-directives.ts';
import { DIRECTIVE_ROWS } from './directive-table.ts';

/** One directive as the table describes it. */
export interface DirectiveSpec {
  readonly name: string;
  /** nginx's module name without `ngx_` and `_module`: `http_core`, `http_uwsgi`, … */
  readonly module: string;
  readonly moduleType: ModuleType;
  readonly flags: number;
  readonly setter: DirectiveSetter;
  /** The accepted words of an enum or bitmask setter. */
  readonly values: readonly string[];
}

/** Where a directive is being read: the module type and the context bits (ngx_conf_t). */
export interface DirectiveContext {
  readonly moduleType: ModuleType;
  readonly cmdType: number;
}

const BY_NAME: ReadonlyMap<string, readonly DirectiveSpec[]> = (() => {
  const map = new Map<string, DirectiveSpec[]>();
  for (const row of [...DIRECTIVE_ROWS, ...DEBIAN_PATCH_DIRECTIVE_ROWS]) {
    const spec = specOf(row);
    const list = map.get(spec.name);
    if (list === undefined) map.set(spec.name, [spec]);
    else list.push(spec);
  }
  return map;
})();

function specOf(row: DirectiveRow): DirectiveSpec {
  const [name, module, moduleType, flags, setter] = row;
  return { name, module, moduleType, flags, setter, values: row[5] ?? [] };
}

/** Every table entry with this name (several modules may define one: `server`, `listen`). */
export function directiveSpecs(name: string): readonly DirectiveSpec[] {
  return BY_NAME.get(name) ?? [];
}

/**
 * The table entry nginx would run for this directive here, or the error nginx reports instead.
 * `words` counts the name too, as cf->args does.
 */
export function resolveDirective(
  name: string,
  argCount: number,
  end: ';' | '{',
  context: DirectiveContext,
  position: ConfigPosition,
): DirectiveSpec {
  let found = false;
  for (const spec of directiveSpecs(name)) {
    found = true;
    if (spec.moduleType !== 'conf' && spec.moduleType !== context.moduleType) continue;
    if ((spec.flags & context.cmdType) === 0) continue;
    const block = (spec.flags & NGX_CONF_BLOCK) !== 0;
    if (!block && end !== ';') {
      throw new ConfigError(
        'not-terminated',
        `directive "${name}" is not terminated by ";"`,
        position,
      );
    }
    if (block && end !== '{') {
      throw new ConfigError('no-opening-brace', `directive "${name}" has no opening "{"`, position);
    }
    if (!argumentsFit(spec.flags, argCount + 1)) {
      throw new ConfigError(
        'invalid-arguments',
        `invalid number of arguments in "${name}" directive`,
        position,
      );
    }
    return spec;
  }
  if (found) {
    throw new ConfigError('not-allowed-here', `"${name}" directive is not allowed here`, position);
  }
  throw new ConfigError('unknown-directive', `unknown directive "${name}"`, position);
}

// ngx_conf_handler's argument check; `nelts` includes the directive's name.
function argumentsFit(flags: number, nelts: number): boolean {
  if ((flags & NGX_CONF_ANY) !== 0) return true;
  if ((flags & NGX_CONF_FLAG) !== 0) return nelts === 2;
  if ((flags & NGX_CONF_1MORE) !== 0) return nelts >= 2;
  if ((flags & NGX_CONF_2MORE) !== 0) return nelts >= 3;
  if (nelts > NGX_CONF_MAX_ARGS) return false;
  return (flags & ARGUMENT_NUMBER[nelts - 1]!) !== 0;
}
