// The uWSGI model: command lines and ini files, the two builds, start-up and shutdown, requests
// and their log lines. The public API of src/gateway/uwsgi.

export { DEBIAN_BUILD, PLUGIN_MODELS, pipBuild } from './builds.ts';
export type { BuildId, PluginModel, UwsgiBuild } from './builds.ts';
export { installDebianUwsgi, UWSGI_CORE_PLUGINS } from './debian-uwsgi-files.ts';
export { GetoptLong } from './getopt.ts';
export type { GetoptResult } from './getopt.ts';
export { readIni, splitIniName } from './ini-file.ts';
export type { IniEntry, IniRead } from './ini-file.ts';
export { findOption, optionGroup } from './option-specs.ts';
export type { ArgKind, OptionGroup, OptionSpec } from './option-specs.ts';
export { comparableLogLine, requestLogLine } from './request-log.ts';
export type { ComparableLogLine, RequestLogEntry } from './request-log.ts';
export { readUwsgiCommand } from './uwsgi-command.ts';
export type { CommandContext, CommandOutcome } from './uwsgi-command.ts';
export {
  CAPTURED_HOST,
  COURSE_HOST,
  ctime,
  DEBIAN_FLASK_MODULES,
  ManualClock,
  seededRandom,
  sequentialPids,
} from './uwsgi-machine.ts';
export type { Clock, HostFacts, PidSource, RandomSource, UwsgiMachine } from './uwsgi-machine.ts';
export { startUwsgi, UwsgiProcess } from './uwsgi-process.ts';
export type { PsEntry, UwsgiSignal, UwsgiStartOptions } from './uwsgi-process.ts';
export { MAX_VAR_PAIRS, serveConnection } from './uwsgi-request.ts';
export type { UwsgiRequestResult, WorkerContext } from './uwsgi-request.ts';
export type { SocketProtocol, SocketSetting, UwsgiSettings } from './uwsgi-settings.ts';
