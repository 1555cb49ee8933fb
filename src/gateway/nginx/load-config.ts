// Reads nginx's configuration the way nginx 1.22.1 does at start-up or `nginx -t`
// (ngx_init_cycle → ngx_conf_parse): the main file, includes (globs sorted, as glob(3) sorts them)
// read through the machine's file system, each directive checked against the directive table and
// handed to its handler at once, in file order, so the first error is the one nginx reports.
// After http{} come nginx's whole-block steps (merging, location trees, variables, server names),
// and after the files the checks nginx makes once the syntax is ok (events{}, the default user, log
// files it must open).

import { latin1Text } from '../../protocol/index.ts';
import { FsError, normalizePath, type MachineFs } from '../fs.ts';
import type { MachineUsers } from '../users.ts';
import { ConfigError, type ConfigLogLine } from './config-error.ts';
import type { HttpConf, MainConf, NginxConfig, SourceRef } from './config-model.ts';
import { resolveDirective } from './directive-lookup.ts';
import { NGX_MAIN_CONF } from './directive-flags.ts';
import type { BlockPlan, Frame, LoaderApi, NginxLayout } from './directives/directive-call.ts';
import { positionOf } from './directives/directive-call.ts';
import { HTTP_HANDLERS, finishHttp } from './directives/http-core-directives.ts';
import { CORE_HANDLERS } from './directives/core-directives.ts';
import { applyGenericSlot } from './directives/generic-slots.ts';
import { LOG_HANDLERS } from './directives/log-directives.ts';
import { REWRITE_HANDLERS } from './directives/rewrite-directives.ts';
import { UPSTREAM_HANDLERS } from './directives/upstream-directives.ts';
import { UWSGI_HANDLERS } from './directives/uwsgi-directives.ts';
import { expandGlob, hasGlob } from './include-glob.ts';
import { parseConfigFile, type ConfigDirective, type ConfigNode } from './parser.ts';
import type { Script } from './script.ts';

/** Debian 12's build: `nginx -V` says --prefix=/usr/share/nginx --conf-path=/etc/nginx/nginx.conf. */
export const DEBIAN_LAYOUT: NginxLayout = {
  confPath: '/etc/nginx/nginx.conf',
  confPrefix: '/etc/nginx/',
  prefix: '/usr/share/nginx/',
  hostname: 'helloworld',
  defaultUser: 'nobody',
  defaultGroup: 'nogroup',
};

export interface LoadOptions {
  readonly fs: MachineFs;
  readonly users: MachineUsers;
  readonly layout?: NginxLayout;
}

export type LoadResult =
  | { readonly ok: true; readonly config: NginxConfig; readonly log: readonly ConfigLogLine[] }
  | {
      readonly ok: false;
      readonly error: ConfigError;
      readonly log: readonly ConfigLogLine[];
      /** The files were read without error; a later check failed (nginx -t prints "syntax is ok"). */
      readonly syntaxOk: boolean;
    };

const HANDLERS = {
  ...CORE_HANDLERS,
  ...HTTP_HANDLERS,
  ...REWRITE_HANDLERS,
  ...UWSGI_HANDLERS,
  ...UPSTREAM_HANDLERS,
  ...LOG_HANDLERS,
};

/** Reads the configuration from the machine; never throws for a bad config (it returns the error). */
export function loadConfig(options: LoadOptions): LoadResult {
  const loader = new ConfigLoader(options.fs, options.users, options.layout ?? DEBIAN_LAYOUT);
  try {
    loader.readMain();
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, error, log: loader.log, syntaxOk: false };
    throw error;
  }
  try {
    loader.afterParse();
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, error, log: loader.log, syntaxOk: true };
    throw error;
  }
  return { ok: true, config: loader.result(), log: loader.log };
}

class ConfigLoader implements LoaderApi {
  readonly fs: MachineFs;
  readonly users: MachineUsers;
  readonly layout: NginxLayout;
  readonly log: ConfigLogLine[] = [];
  readonly main: MainConf = {
    user: undefined,
    workerProcesses: undefined,
    pid: undefined,
    errorLogs: [],
    eventsSeen: false,
  };
  http: HttpConf | undefined;
  readonly #files: string[] = [];
  // ngx_http_get_variable_index order: the first unknown one in this order is reported
  readonly #usedVariables: string[] = [];
  #httpEndTasks: ((closing: SourceRef) => void)[] = [];

  constructor(fs: MachineFs, users: MachineUsers, layout: NginxLayout) {
    this.fs = fs;
    this.users = users;
    this.layout = layout;
  }

  readMain(): void {
    const frame: Frame = {
      context: 'main',
      moduleType: 'core',
      cmdType: NGX_MAIN_CONF,
      block: undefined,
      server: undefined,
      location: undefined,
      upstream: undefined,
      seen: new Set(),
    };
    this.#readFile(this.layout.confPath, frame, undefined);
  }

  useVariables(script: Script): void {
    for (const part of script.parts) {
      if (part.kind === 'variable' && !this.#usedVariables.includes(part.name)) {
        this.#usedVariables.push(part.name);
      }
    }
  }

  defineVariable(name: string): void {
    this.http?.definedVariables.add(name.toLowerCase());
  }

  atHttpEnd(task: (closing: SourceRef) => void): void {
    this.#httpEndTasks.push(task);
  }

  fullName(path: string): string {
    return path.startsWith('/') ? path : this.layout.prefix + path;
  }

  /** Runs the whole-http{} steps; called by the http block handler after its block. */
  endHttp(http: HttpConf, closing: SourceRef): void {
    const tasks = this.#httpEndTasks;
    this.#httpEndTasks = [];
    finishHttp(this, http, closing, tasks, this.#usedVariables);
  }

  afterParse(): void {
    // ngx_core_module_init_conf: without `user`, the compiled-in nobody/nogroup (as root)
    if (this.main.user === undefined) {
      const user = this.users.userByName(this.layout.defaultUser);
      if (user === undefined) {
        throw new ConfigError(
          'user-lookup-failed',
          `getpwnam("${this.layout.defaultUser}") failed`,
          undefined,
        );
      }
      const group = this.users.groupByName(this.layout.defaultGroup);
      if (group === undefined) {
        throw new ConfigError(
          'user-lookup-failed',
          `getgrnam("${this.layout.defaultGroup}") failed`,
          undefined,
        );
      }
      this.main.user = { user: user.name, group: group.name, uid: user.uid, gid: group.gid };
    }
    // ngx_event_init_conf
    if (!this.main.eventsSeen) {
      throw new ConfigError('invalid-value', 'no "events" section in configuration', undefined);
    }
    // ngx_init_cycle opens every log file (creating it) before it commits the new configuration
    for (const path of this.#logFiles()) this.#openForAppend(path);
  }

  result(): NginxConfig {
    return { main: this.main, http: this.http, files: this.#files };
  }

  #logFiles(): string[] {
    const paths: string[] = [];
    const add = (path: string): void => {
      if (path !== 'stderr' && path !== 'off' && !paths.includes(path)) paths.push(path);
    };
    for (const log of this.main.errorLogs) add(log.path);
    if (this.http !== undefined) {
      const blocks = [this.http.block, ...this.http.servers.map((s) => s.block)];
      for (const block of blocks) {
        for (const log of block.settings.errorLog ?? []) add(log.path);
        for (const log of block.settings.accessLog ?? []) add(log.path);
      }
    }
    return paths;
  }

  #openForAppend(path: string): void {
    try {
      const stat = this.fs.stat(path);
      if (stat.type === 'directory') throw new FsError('EISDIR', path);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      if (error.code !== 'ENOENT') {
        throw new ConfigError(
          'open-failed',
          `open() "${path}" failed ${error.parenthesized}`,
          undefined,
        );
      }
      try {
        this.fs.writeFile(path, new Uint8Array(0), { mode: 0o644 });
      } catch (createError) {
        if (!(createError instanceof FsError)) throw createError;
        throw new ConfigError(
          'open-failed',
          `open() "${path}" failed ${createError.parenthesized}`,
          undefined,
        );
      }
    }
  }

  // ngx_conf_parse with a file name: open it (the error names the includer's position), then read
  // its directives in the including context.
  #readFile(path: string, frame: Frame, includer: ConfigDirective | undefined): void {
    let bytes: Uint8Array;
    try {
      const stat = this.fs.stat(path);
      if (stat.type === 'directory') {
        // open(2) succeeds on a folder; reading it fails (ngx_read_file logs at crit)
        throw new ConfigError(
          'open-failed',
          `pread() "${path}" failed (21: Is a directory)`,
          undefined,
          'crit',
        );
      }
      bytes = this.fs.readFile(path);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      throw new ConfigError(
        'open-failed',
        `open() "${path}" failed ${error.parenthesized}`,
        includer === undefined ? undefined : positionOf(includer),
      );
    }
    this.#files.push(path);
    const file = parseConfigFile(latin1Text(bytes), path);
    this.#walk(file.nodes, frame);
  }

  #walk(nodes: readonly ConfigNode[], frame: Frame): void {
    for (const node of nodes) {
      if (node.kind === 'syntax-error') throw node.error;
      if (frame.entries !== undefined) {
        this.#entry(node, frame);
        continue;
      }
      this.#directive(node, frame);
    }
  }

  // inside types{} and similar blocks every line goes to the block's handler; `include` still works
  #entry(node: ConfigDirective, frame: Frame): void {
    if (node.block !== undefined)
      throw new ConfigError('unexpected', 'unexpected "{"', positionOf(node));
    if (node.name === 'include' && node.args.length === 1) {
      this.#include(node, frame);
      return;
    }
    frame.entries!(node);
  }

  #directive(node: ConfigDirective, frame: Frame): void {
    const spec = resolveDirective(
      node.name,
      node.args.length,
      node.block === undefined ? ';' : '{',
      frame,
      positionOf(node),
    );
    if (spec.module === 'conf' && spec.name === 'include') {
      this.#include(node, frame);
      return;
    }
    const call = { node, spec, frame, loader: this };
    const handler = HANDLERS[`${spec.module}:${spec.name}`];
    let plan: BlockPlan | undefined;
    if (handler !== undefined) plan = handler(call);
    else applyGenericSlot(call);
    if (node.block === undefined) return;
    if (plan === undefined) {
      // SIMPLIFIED: a block nginx's handler reads with its own rules (map, geo, …) is skipped
      return;
    }
    this.#walk(node.block.nodes, plan.frame);
    if (plan.after !== undefined) plan.after();
    if (spec.module === 'http' && spec.name === 'http' && this.http !== undefined) {
      this.endHttp(this.http, { file: node.file, line: node.block.closeLine ?? node.line });
    }
  }

  // ngx_conf_include: relative to the config folder; a pattern with * ? [ is globbed (no match is
  // fine), each file read in turn in the current context.
  #include(node: ConfigDirective, frame: Frame): void {
    const name = node.args[0]!;
    const path = name.startsWith('/') ? name : this.layout.confPrefix + name;
    if (!hasGlob(path)) {
      this.#readFile(path, frame, node);
      return;
    }
    let matches: string[];
    try {
      matches = expandGlob(this.fs, path);
    } catch (error) {
      if (!(error instanceof FsError)) throw error;
      throw new ConfigError(
        'open-failed',
        `glob() "${path}" failed ${error.parenthesized}`,
        positionOf(node),
      );
    }
    for (const match of matches) this.#readFile(normalizeKeepingForm(match), frame, node);
  }
}

// glob(3) returns paths as the pattern spelled them; only collapse what normalising would not change
function normalizeKeepingForm(path: string): string {
  return path.includes('//') ? normalizePath(path) : path;
}
