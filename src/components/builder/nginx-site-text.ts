// The nginx server block as the course teaches it (lesson 05: the original tutorial's block, its
// spacing kept), with lesson 08's additions when asked: a static folder served by nginx itself
// with `alias` (slashes paired), and the socket under /run. A block for a systemd setup is a site
// of its own, linked next to Debian's default one (lesson 08); otherwise it replaces the default
// site, as the tutorial did.

import { serviceName, type BuilderInputs } from './builder-inputs.ts';
import { generatedFile, line, type FileLine, type GeneratedFile } from './generated-file.ts';

const INDENT = '        ';

/** `unix:/tmp/uwsgi.sock` or `127.0.0.1:3031`. */
export function uwsgiPassTarget(inputs: BuilderInputs): string {
  return inputs.socket === 'unix' ? `unix:${inputs.socketPath}` : inputs.tcpAddress;
}

export function nginxSitePath(inputs: BuilderInputs): string {
  return `/etc/nginx/sites-available/${inputs.systemd ? serviceName(inputs) : 'default'}`;
}

export function nginxSite(inputs: BuilderInputs): GeneratedFile {
  const name = `@${serviceName(inputs)}`;
  const socketField = inputs.socket === 'unix' ? 'socketPath' : 'tcpAddress';
  const pass = (depth: string): FileLine[] => [
    line(`${depth}include uwsgi_params;`),
    line(`${depth}uwsgi_pass ${uwsgiPassTarget(inputs)};`, socketField),
  ];
  const lines: FileLine[] = [
    line('server {'),
    line(`${INDENT}listen   ${inputs.port};`, 'port'),
    line(''),
    line(`${INDENT}server_name ${inputs.serverName};`, 'serverName'),
    line(''),
  ];
  if (inputs.serveStatic) {
    lines.push(
      line(`${INDENT}location ${inputs.staticUrl} {`, 'staticUrl'),
      line(`${INDENT}${INDENT}alias ${inputs.staticDir};`, 'staticDir'),
      line(`${INDENT}}`),
      line(''),
    );
  }
  lines.push(line(`${INDENT}location / {`));
  if (inputs.tryFiles) {
    lines.push(
      line(`${INDENT}${INDENT}try_files $uri ${name};`),
      line(`${INDENT}}`),
      line(''),
      line(`${INDENT}location ${name} {`),
    );
  }
  lines.push(...pass(`${INDENT}${INDENT}`), line(`${INDENT}}`), line('}'));
  return generatedFile(nginxSitePath(inputs), lines);
}
