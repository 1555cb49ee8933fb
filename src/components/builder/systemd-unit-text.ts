// The systemd unit of lesson 08: Type=notify (Debian's uWSGI tells systemd when it is ready),
// uWSGI as www-data, the socket's folder made by RuntimeDirectory= when the socket is under /run,
// and Restart=on-failure (with need-app in the ini, a broken import is a failure).

import { appFolder, serviceName, type BuilderInputs } from './builder-inputs.ts';
import { generatedFile, line, type FileLine, type GeneratedFile } from './generated-file.ts';
import { uwsgiIniPath } from './uwsgi-ini-text.ts';

/** Debian's /usr/bin/uwsgi (an alternatives link to uwsgi-core). */
export const UWSGI_BINARY = '/usr/bin/uwsgi';

export function unitName(inputs: BuilderInputs): string {
  return `uwsgi-${serviceName(inputs)}.service`;
}

/**
 * The folder under /run that systemd must make for the socket (`uwsgi/helloworld`), or undefined
 * when the socket is elsewhere (/tmp) or on TCP. /var/run is a link to /run on Debian.
 */
export function runtimeDirectory(inputs: BuilderInputs): string | undefined {
  if (inputs.socket !== 'unix') return undefined;
  const match = /^(?:\/var)?\/run\/(.+)\/[^/]+$/.exec(inputs.socketPath);
  return match?.[1]?.replace(/\/+/g, '/');
}

export function systemdUnit(inputs: BuilderInputs): GeneratedFile {
  const folder = appFolder(inputs);
  const runtime = runtimeDirectory(inputs);
  const lines: FileLine[] = [
    line('[Unit]'),
    line(`Description=uWSGI for ${folder.slice(folder.lastIndexOf('/') + 1)}`, 'appDir'),
    line('After=network.target'),
    line(''),
    line('[Service]'),
    line('Type=notify'),
    line('User=www-data'),
    line('Group=www-data'),
  ];
  if (runtime !== undefined) lines.push(line(`RuntimeDirectory=${runtime}`, 'socketPath'));
  lines.push(
    line(`ExecStart=${UWSGI_BINARY} --ini ${uwsgiIniPath(inputs)}`, 'appDir'),
    line('Restart=on-failure'),
    line(''),
    line('[Install]'),
    line('WantedBy=multi-user.target'),
  );
  return generatedFile(`/etc/systemd/system/${unitName(inputs)}`, lines);
}
