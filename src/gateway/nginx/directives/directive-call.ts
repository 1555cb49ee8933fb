// The shapes shared by the loader and the directive handlers: where a directive is being read (a
// frame, like nginx's ngx_conf_t ctx/cmd_type), what a handler receives, and what it may ask of the
// loader while it runs (fs, users, variables, other blocks).

import type { MachineFs } from '../../fs.ts';
import type { MachineUsers } from '../../users.ts';
import type { ConfigLogLine } from '../config-error.ts';
import type {
  ConfigBlock,
  HttpConf,
  LocationConf,
  MainConf,
  ServerConf,
  SourceRef,
  UpstreamBlock,
} from '../config-model.ts';
import type { DirectiveSpec } from '../directive-lookup.ts';
import type { ModuleType } from '../directive-flags.ts';
import type { ConfigDirective } from '../parser.ts';
import type { Script } from '../script.ts';

export type FrameContext =
  'main' | 'events' | 'http' | 'server' | 'location' | 'upstream' | 'if' | 'limit_except';

export interface Frame {
  readonly context: FrameContext;
  readonly moduleType: ModuleType;
  /** nginx's cf->cmd_type: which NGX_*_CONF bit a directive needs here. */
  readonly cmdType: number;
  /** The settings block of an http, server, location or if context. */
  readonly block: ConfigBlock | undefined;
  readonly server: ServerConf | undefined;
  readonly location: LocationConf | undefined;
  readonly upstream: UpstreamBlock | undefined;
  /** Directive names set here, for `is duplicate` outside http blocks (main, events, upstream). */
  readonly seen: Set<string>;
  /**
   * Set for blocks whose lines are a handler's entries rather than directives (types{}, map{}),
   * as nginx's cf->handler.
   */
  readonly entries?: (node: ConfigDirective) => void;
}

/** Where the machine keeps nginx's files (Debian: --prefix=/usr/share/nginx --conf-path=…). */
export interface NginxLayout {
  readonly confPath: string;
  /** Relative `include` paths start here (the folder of the main file, with a slash). */
  readonly confPrefix: string;
  /** Relative `root`, log and other paths start here. */
  readonly prefix: string;
  /** `$hostname`, and the name nginx resolves `server_name $hostname` to. */
  readonly hostname: string;
  /** nginx's compiled-in worker user and group, used without a `user` directive. */
  readonly defaultUser: string;
  readonly defaultGroup: string;
}

/** What handlers may use while the configuration is read. */
export interface LoaderApi {
  readonly fs: MachineFs;
  readonly users: MachineUsers;
  readonly layout: NginxLayout;
  readonly main: MainConf;
  http: HttpConf | undefined;
  /** Warnings logged so far. */
  readonly log: ConfigLogLine[];
  /** Records a `$variable` use, as ngx_http_get_variable_index does (checked after http{}). */
  useVariables(script: Script): void;
  /** Declares a variable (`set`, `map`, named captures). */
  defineVariable(name: string): void;
  /**
   * Runs once the whole http{} block has been read, before its checks (merge-time work); errors
   * then name the line of http{}'s closing brace, as nginx's do.
   */
  atHttpEnd(task: (closing: SourceRef) => void): void;
  /** A path relative to the prefix made absolute (ngx_conf_full_name with conf_prefix 0). */
  fullName(path: string): string;
}

export interface DirectiveCall {
  readonly node: ConfigDirective;
  readonly spec: DirectiveSpec;
  readonly frame: Frame;
  readonly loader: LoaderApi;
}

/** How to read a directive's block, and what to do after it. */
export interface BlockPlan {
  readonly frame: Frame;
  readonly after?: () => void;
}

export type DirectiveHandler = (call: DirectiveCall) => BlockPlan | undefined;

/** A directive's position as nginx reports it. */
export function positionOf(node: ConfigDirective): SourceRef {
  return { file: node.file, line: node.line };
}
