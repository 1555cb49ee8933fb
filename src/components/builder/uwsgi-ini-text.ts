// uwsgi.ini as the course teaches it: the original tutorial's six lines (lesson 03, written as the
// tutorial wrote them, `key=value`), then the lines the course adds (`key = value`): the python3
// plugin Debian's packaged uWSGI needs, strict mode, and master, processes, threads, vacuum and
// die-on-term. Run by systemd (lesson 08) the socket's mode drops to 660, as uWSGI and nginx both
// run as www-data, and need-app and harakiri join the end.

import { appFolder, type BuilderInputs } from './builder-inputs.ts';
import { generatedFile, line, type FileLine, type GeneratedFile } from './generated-file.ts';

/** Lesson 08: the master kills a worker whose request runs longer (below nginx's 60 s timeout). */
export const HARAKIRI_SECONDS = 30;

/** What the socket line says: a unix path or HOST:PORT. */
export function socketAddress(inputs: BuilderInputs): string {
  return inputs.socket === 'unix' ? inputs.socketPath : inputs.tcpAddress;
}

export function uwsgiIniPath(inputs: BuilderInputs): string {
  return `${appFolder(inputs)}/uwsgi.ini`;
}

export function uwsgiIni(inputs: BuilderInputs): GeneratedFile {
  const lines: FileLine[] = [line('[uwsgi]'), line(`chdir=${appFolder(inputs)}`, 'appDir')];
  // nginx's workers (www-data) must be able to write to the socket: anyone (666) when uWSGI runs
  // as root, its own group (660) when both are www-data; a TCP port has no mode
  if (inputs.socket === 'unix') lines.push(line(`chmod-socket=${inputs.systemd ? '660' : '666'}`));
  lines.push(line(`callable=${inputs.callable}`, 'callable'));
  lines.push(
    inputs.entry === 'module'
      ? line(`module=${inputs.module}`, 'module')
      : line(`wsgi-file=${inputs.wsgiFile}`, 'wsgiFile'),
  );
  lines.push(
    line(`socket=${socketAddress(inputs)}`, inputs.socket === 'unix' ? 'socketPath' : 'tcpAddress'),
  );
  if (inputs.useVenv)
    lines.push(line(`virtualenv=${inputs.venv.replace(/(.)\/+$/, '$1')}`, 'venv'));
  lines.push(
    line('plugin = python3'),
    line('strict = true'),
    line('master = true'),
    line(`processes = ${inputs.processes.trim()}`, 'processes'),
    line(`threads = ${inputs.threads.trim()}`, 'threads'),
    line('vacuum = true'),
    line('die-on-term = true'),
  );
  if (inputs.systemd) lines.push(line('need-app = true'), line(`harakiri = ${HARAKIRI_SECONDS}`));
  return generatedFile(uwsgiIniPath(inputs), lines);
}
