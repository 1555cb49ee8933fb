// `systemctl status UNIT` as systemd 252 prints it (src/systemctl/systemctl-show.c
// print_status_info): the dot and the description, Loaded:, Active: with the time and how long
// ago, Docs:, the control processes it ran, Main PID:, Tasks/Memory/CPU, the CGroup tree from the
// process table, then the unit's last 10 journal lines. Exit status 0 when active, 3 otherwise.
// On a terminal the dot and the state are coloured and long lines are cut with `…` (no pager).
//
// RECONSTRUCTED from systemd 252's sources: the captures had no systemd as PID 1 (§6.2).

import type { Machine } from '../machine/machine.ts';
import { journalLine } from './systemd-journal.ts';
import {
  exitStatusText,
  signalStatusText,
  TASKS_LIMIT,
  type ServiceManager,
} from './service-manager.ts';
import { unitValues } from './systemd-unit-file.ts';
import { strftime } from '../../gateway/strftime.ts';

const GREEN = '\x1b[0;1;32m';
const RED = '\x1b[0;1;31m';
const NORMAL = '\x1b[0m';

/** What Debian 12 ships as vendor preset: every service enabled (90-systemd.preset: enable *). */
const PRESET = 'enabled';

export interface StatusOutput {
  readonly text: string;
  readonly status: number;
}

export function systemctlStatus(
  machine: Machine,
  manager: ServiceManager,
  name: string,
  terminal: { readonly columns: number } | undefined,
  lines = 10,
): StatusOutput {
  const unit = manager.unit(name);
  if (unit === undefined) return { text: '', status: 4 };
  const state = manager.runtime(unit.name);
  const colour = (code: string, text: string): string =>
    terminal === undefined ? text : `${code}${text}${NORMAL}`;
  const out: string[] = [];
  const dot =
    state.active === 'active'
      ? colour(GREEN, '●')
      : state.active === 'failed'
        ? colour(RED, '×')
        : '○';
  out.push(`${dot} ${unit.name} - ${unit.description}`);
  const enablement = manager.enablement(unit.name);
  out.push(
    unit.generated
      ? `     Loaded: loaded (${unit.path}; generated)`
      : `     Loaded: loaded (${unit.path}; ${enablement}; preset: ${PRESET})`,
  );
  const now = machine.clock.now();
  const since =
    state.since === undefined ? '' : ` since ${stamp(state.since)}; ${ago(now - state.since)}`;
  const activeText =
    state.active === 'failed'
      ? colour(RED, `failed (Result: ${state.result})`)
      : state.active === 'active'
        ? colour(GREEN, `active (${state.sub})`)
        : `inactive (dead)`;
  out.push(`     Active: ${activeText}${since}`);
  if (state.active !== 'active' && state.activeSince !== undefined && state.since !== undefined)
    out.push(`   Duration: ${duration(state.since - state.activeSince)}`);
  const docs = unitValues(unit.file, 'Unit.Documentation').flatMap((d) => d.split(/\s+/));
  docs.forEach((doc, i) => out.push(`${i === 0 ? '       Docs: ' : '             '}${doc}`));
  for (const exec of state.execs) {
    out.push(
      `    Process: ${exec.pid} ${exec.kind}=${exec.shown} (code=${exec.code}, status=${exec.code === 'killed' ? signalStatusText(exec.status) : exitStatusText(exec.status)})`,
    );
  }
  const members = manager.cgroup(unit.name);
  if (state.mainPid !== undefined) {
    if (state.active === 'active' && state.sub === 'running') {
      const main = members.find((m) => m.pid === state.mainPid);
      out.push(`   Main PID: ${state.mainPid} (${main?.comm ?? 'n/a'})`);
    } else if (state.mainExit !== undefined) {
      const how = state.mainExit;
      out.push(
        `   Main PID: ${state.mainPid} (code=${how.code}, status=${how.code === 'killed' ? signalStatusText(how.status) : exitStatusText(how.status)})`,
      );
    }
  }
  if (members.length > 0) {
    out.push(`      Tasks: ${members.length} (limit: ${TASKS_LIMIT})`);
    const kib = members.reduce((sum, m) => sum + m.rssKiB, 0);
    out.push(`     Memory: ${(kib / 1024).toFixed(1)}M`);
  }
  // the machine keeps no CPU accounting: a dozen milliseconds per process it ran
  if (state.since !== undefined)
    out.push(`        CPU: ${Math.max(1, state.cpuMs + 12 * members.length)}ms`);
  if (members.length > 0) {
    // system services live in system.slice (a User= changes the credentials, not the slice)
    out.push(`     CGroup: /system.slice/${unit.name}`);
    members.forEach((member, i) => {
      const branch = i === members.length - 1 ? '└─' : '├─';
      out.push(`             ${branch}${member.pid} ${cgroupCommand(member.command, member.comm)}`);
    });
  }
  const journal = manager.journal.forUnit(unit.name).slice(-lines);
  if (journal.length > 0) {
    out.push('');
    for (const entry of journal) {
      const line = journalLine(entry, machine.hostname);
      out.push(entry.priority <= 3 ? colour(RED, line) : line);
    }
  }
  const fitted =
    terminal === undefined ? out : out.map((line) => ellipsize(line, terminal.columns));
  return {
    text: fitted.map((line) => `${line}\n`).join(''),
    status: state.active === 'active' ? 0 : 3,
  };
}

// systemd shows a process's command line with each argument quoted when it has spaces: nginx's
// rewritten title is one argument (`"nginx: worker process"`)
function cgroupCommand(command: string, comm: string): string {
  return comm === 'nginx' ? `"${command}"` : command;
}

/** `Thu 2026-11-26 07:24:42 UTC` */
export function stamp(ms: number): string {
  return strftime('%a %Y-%m-%d %H:%M:%S %Z', ms);
}

/** format_timestamp_relative (src/basic/time-util.c, systemd 252). */
export function ago(ms: number): string {
  const s = Math.floor(ms / 1000);
  const min = 60;
  const hour = 3600;
  const day = 86400;
  if (s >= 2 * day) return `${Math.floor(s / day)} days ago`;
  if (s >= 25 * hour) return `1 day ${Math.floor((s - day) / hour)}h ago`;
  if (s >= 6 * hour) return `${Math.floor(s / hour)}h ago`;
  if (s >= hour) return `${Math.floor(s / hour)}h ${Math.floor((s % hour) / min)}min ago`;
  if (s >= 5 * min) return `${Math.floor(s / min)}min ago`;
  if (s >= min) return `${Math.floor(s / min)}min ${s % min}s ago`;
  if (s >= 1) return `${s}s ago`;
  if (ms >= 1) return `${ms}ms ago`;
  return 'now';
}

/** format_timespan with millisecond accuracy: `5min 19.117s`. */
function duration(ms: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(ms));
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  if (hours > 0) parts.push(`${hours}h`);
  if (minutes > 0) parts.push(`${minutes}min`);
  const seconds = rest / 1000;
  if (rest > 0 || parts.length === 0)
    parts.push(`${Number.isInteger(seconds) ? seconds : seconds.toFixed(3).replace(/0+$/, '')}s`);
  return parts.join(' ');
}

// a line wider than the terminal is cut to fit, ending in `…` (systemd's ellipsize_mem)
function ellipsize(line: string, columns: number): string {
  // eslint-disable-next-line no-control-regex
  const visible = line.replace(/\x1b\[[0-9;]*m/g, '');
  if ([...visible].length <= columns) return line;
  if (visible !== line) return line;
  return `${[...line].slice(0, columns - 1).join('')}…`;
}
