// The builder's own checks, made before any file is written: what no model would refuse but
// would make a setup that cannot work (a relative socket path names two different files for
// nginx and uWSGI), and every character that one of the three files would read as syntax, so that
// what the reader types can never change a file's structure. What the models check themselves
// (a port out of range, a negative number of processes) is left to them, so that the reader sees
// the program's own words.

import { appFolder, serviceName, type BuilderInputs, type FieldName } from './builder-inputs.ts';
import { problem, type FieldProblem } from './field-problem.ts';

// Read as syntax by nginx (; { } # $ quotes \ and blanks end or open things), by uWSGI's ini
// (%d, %n… are magic variables) or by systemd (%h… are specifiers; blanks split ExecStart).
const SPECIAL = /[\s\p{Cc};{}"'#$%\\]/u;

/** The first character the files would read as syntax, if any. */
export function firstSpecial(value: string): string | undefined {
  return SPECIAL.exec(value)?.[0];
}

// Python 3.11's keyword.kwlist: a name can never be one of these.
const PYTHON_KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

// Python identifiers (PEP 3131): XID_Start or _, then XID_Continue.
const IDENTIFIER = /^[\p{XID_Start}_][\p{XID_Continue}]*$/u;

export function isPythonName(name: string): boolean {
  return IDENTIFIER.test(name) && !PYTHON_KEYWORDS.has(name);
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const LOCAL_HOSTS = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost)$/;

/** `HOST:PORT` split, when it has that form (the port is digits; its range is nginx's to judge). */
export function splitTcpAddress(address: string): { host: string; port: string } | undefined {
  const match = /^([^:]+):(\d+)$/.exec(address);
  if (match === null) return undefined;
  const host = match[1]!;
  const ipv4 = IPV4.exec(host);
  if (host !== 'localhost' && (ipv4 === null || ipv4.slice(1).some((part) => Number(part) > 255)))
    return undefined;
  return { host, port: match[2]! };
}

/** The file the app is in, as nginx would name it under the app's folder (for a warning). */
function appFile(inputs: BuilderInputs): string {
  if (inputs.entry === 'wsgi-file')
    return inputs.wsgiFile.slice(inputs.wsgiFile.lastIndexOf('/') + 1);
  return `${inputs.module.replace(/\./g, '/')}.py`;
}

type Check = (value: string) => FieldProblem | undefined;

function text(field: FieldName, value: string, ...checks: Check[]): FieldProblem | undefined {
  if (value.trim() === '') return problem(field, 'builder.problem.empty');
  const special = firstSpecial(value);
  if (special !== undefined) {
    if (/\s/u.test(special))
      return problem(
        field,
        field === 'serverName' ? 'builder.problem.server-name-space' : 'builder.problem.space',
      );
    const shown = /\p{Cc}/u.test(special)
      ? `U+${special.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
      : special;
    return problem(field, 'builder.problem.character', { char: shown });
  }
  for (const check of checks) {
    const found = check(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

const absolute =
  (
    field: FieldName,
    key:
      | 'builder.problem.relative-dir'
      | 'builder.problem.relative-socket'
      | 'builder.problem.relative-static',
  ): Check =>
  (value) =>
    value.startsWith('/') ? undefined : problem(field, key);

function checkModule(value: string): FieldProblem | undefined {
  if (value.endsWith('.py'))
    return problem('module', 'builder.problem.module-py', {
      module: value.slice(0, -3).replace(/\//g, '.'),
    });
  if (value.includes(':')) return problem('module', 'builder.problem.module-colon');
  const parts = value.split('.');
  const keyword = parts.find((part) => PYTHON_KEYWORDS.has(part));
  if (keyword !== undefined) return problem('module', 'builder.problem.keyword', { name: keyword });
  if (!parts.every((part) => IDENTIFIER.test(part)))
    return problem('module', 'builder.problem.module');
  return undefined;
}

function checkCallable(value: string): FieldProblem | undefined {
  if (/\(\s*\)$/.test(value))
    return problem('callable', 'builder.problem.callable-call', { name: value });
  if (PYTHON_KEYWORDS.has(value))
    return problem('callable', 'builder.problem.keyword', { name: value });
  if (!IDENTIFIER.test(value)) return problem('callable', 'builder.problem.callable');
  return undefined;
}

function checkNumber(field: 'processes' | 'threads', value: string): FieldProblem | undefined {
  // a minus sign goes through: uWSGI itself refuses a negative number, in its own words
  if (!/^-?\d+$/.test(value.trim())) return problem(field, 'builder.problem.whole-number');
  if (Number(value) === 0)
    return problem(
      field,
      field === 'processes' ? 'builder.problem.no-workers' : 'builder.problem.at-least-one',
    );
  return undefined;
}

/** Every problem the builder finds in the inputs before it writes anything. */
export function checkInputs(inputs: BuilderInputs): FieldProblem[] {
  const found: (FieldProblem | undefined)[] = [];
  const folder = appFolder(inputs);

  found.push(
    text('appDir', inputs.appDir, absolute('appDir', 'builder.problem.relative-dir'), (value) =>
      value.replace(/\/+$/, '') === '' ? problem('appDir', 'builder.problem.root-dir') : undefined,
    ),
  );
  if (inputs.entry === 'module') found.push(text('module', inputs.module, checkModule));
  else
    found.push(
      text('wsgiFile', inputs.wsgiFile, (value) =>
        value.endsWith('/') ? problem('wsgiFile', 'builder.problem.wsgi-file-folder') : undefined,
      ),
    );
  found.push(text('callable', inputs.callable, checkCallable));
  if (inputs.useVenv)
    found.push(text('venv', inputs.venv, absolute('venv', 'builder.problem.relative-dir')));

  if (inputs.socket === 'unix') {
    found.push(
      text(
        'socketPath',
        inputs.socketPath,
        absolute('socketPath', 'builder.problem.relative-socket'),
        (value) =>
          value.includes(':') ? problem('socketPath', 'builder.problem.socket-colon') : undefined,
        (value) =>
          value.endsWith('/') ? problem('socketPath', 'builder.problem.socket-folder') : undefined,
        (value) =>
          inputs.systemd && /^(\/var)?\/run\/[^/]+$/.test(value)
            ? problem('socketPath', 'builder.problem.socket-run', { name: serviceName(inputs) })
            : undefined,
      ),
    );
  } else {
    found.push(
      text('tcpAddress', inputs.tcpAddress, (value) => {
        const address = splitTcpAddress(value);
        if (address === undefined) return problem('tcpAddress', 'builder.problem.tcp-form');
        if (address.host === '0.0.0.0') return problem('tcpAddress', 'builder.problem.tcp-any');
        if (LOCAL_HOSTS.test(address.host) && Number(address.port) === Number(inputs.port))
          return problem('tcpAddress', 'builder.problem.tcp-port-clash', { port: address.port });
        return undefined;
      }),
    );
  }
  found.push(text('processes', inputs.processes, (value) => checkNumber('processes', value)));
  found.push(text('threads', inputs.threads, (value) => checkNumber('threads', value)));

  found.push(
    text('serverName', inputs.serverName, (value) => {
      // browsers send an IDN as punycode in Host; nginx compares bytes
      if (!/[^\x21-\x7e]/.test(value)) return undefined;
      let ascii = value;
      try {
        ascii = new URL(`http://${value}/`).hostname;
      } catch {
        // not a host name at all: the plain message below
      }
      return problem('serverName', 'builder.problem.server-name-ascii', { ascii });
    }),
  );
  // digits only here; whether the number is a port is nginx's to say
  found.push(
    text('port', inputs.port, (value) =>
      /^\d+$/.test(value) ? undefined : problem('port', 'builder.problem.whole-number'),
    ),
  );

  if (inputs.serveStatic) {
    found.push(
      text(
        'staticUrl',
        inputs.staticUrl,
        (value) =>
          value.startsWith('/')
            ? undefined
            : problem('staticUrl', 'builder.problem.static-url-start'),
        (value) =>
          value === '/' ? problem('staticUrl', 'builder.problem.static-url-root') : undefined,
        (value) =>
          value.endsWith('/')
            ? undefined
            : problem('staticUrl', 'builder.problem.static-url-slash'),
      ),
    );
    found.push(
      text(
        'staticDir',
        inputs.staticDir,
        absolute('staticDir', 'builder.problem.relative-static'),
        (value) =>
          value.endsWith('/')
            ? undefined
            : problem('staticDir', 'builder.problem.static-dir-slash'),
        // a folder at or above the app's hands out its source (lesson 05's callout)
        (value) =>
          `${folder}/`.startsWith(value)
            ? problem('staticDir', 'builder.problem.static-dir-app', { file: appFile(inputs) })
            : undefined,
      ),
    );
  }
  return found.filter((item): item is FieldProblem => item !== undefined);
}
