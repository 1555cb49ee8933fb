// `uwsgi-lab nginx-packet`: the uwsgi packet the simulated nginx 1.22.1 sends over uwsgi_pass for
// one raw HTTP request, as hex in the captured vectors' layout — or, when nginx sends nothing
// upstream, one line saying why and exit status 1.

import { isIP } from 'node:net';
import { nginxPacket } from '../../gateway/nginx/commands.ts';
import { TUTORIAL_SITE } from '../../gateway/nginx/debian-machine.ts';
import { CliError } from '../cli-error.ts';
import type { Command } from '../cli-io.ts';
import { REQUEST_CLIENT } from '../client-request.ts';
import { hexLines } from '../hex-lines.ts';
import { upstreamPacket } from '../nginx-answer.ts';
import { readOptionFile } from '../option-file.ts';
import { parseOptions } from '../parse-options.ts';

const indented = (text: string): string =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => (line === '' ? '' : `  ${line}`))
    .join('\n');

const HELP = `usage: uwsgi-lab nginx-packet --request FILE|- [--config FILE] [--remote-addr A] [--remote-port P]

Prints the uwsgi packet the simulated nginx 1.22.1 (Debian 12) sends over uwsgi_pass for one
raw HTTP request, as lower-case hex, 32 bytes a line (the layout of the captured vectors;
\`uwsgi-lab decode\` reads it back): the header, the vars in the order the config's uwsgi_param
lines and then the request's headers give them, and the body (de-chunked when the request is
chunked).

FILE holds the request as a client sends it: the request line, the header lines, an empty line,
then the body. Lines may end in CRLF or LF; a request without its empty line is incomplete.

nginx runs on Debian's layout — /etc/nginx/nginx.conf, uwsgi_params, mime.types, … as the
nginx package installs them. --config FILE takes the place of /etc/nginx/sites-enabled/default,
so \`include uwsgi_params\` finds Debian's file; without it, the site is the tutorial's:

${indented(TUTORIAL_SITE)}

The request arrives at the config's first listen port (on 127.0.0.1 when the listen has no
address) from --remote-addr, port --remote-port ($remote_addr and $remote_port).

When nginx sends nothing upstream, this says why in one line on stderr and exits with 1: nginx
answers the request itself (400 for a malformed request, a ".." above the root or a header over
large_client_header_buffers; 413 for a body over client_max_body_size; 500 for vars over 65535
bytes; a return, a try_files =404, a file try_files finds, …), the request is incomplete (nginx
would wait for more bytes), nothing listens where it arrives, or nginx does not start with the
config (\`uwsgi-lab nginx-t\` prints what nginx -t says about it).

options:
  --request FILE|-  the raw HTTP request (- reads stdin)
  --config FILE|-   the site, as /etc/nginx/sites-enabled/default (default: the tutorial's)
  --remote-addr A   the client's IP address (default ${REQUEST_CLIENT.remoteAddr})
  --remote-port P   the client's port, 1 to 65535 (default ${REQUEST_CLIENT.remotePort}, as \`request\` uses)
  -h, --help        this text

exit status: 0 a packet was printed, 1 nginx sends nothing upstream, 2 bad options or input
`;

export const nginxPacketCommand: Command = {
  name: 'nginx-packet',
  summary: 'print the uwsgi packet the simulated nginx sends upstream for a raw HTTP request',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      request: { type: 'string' },
      config: { type: 'string' },
      'remote-addr': { type: 'string' },
      'remote-port': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help === true) {
      io.stdout(HELP);
      return 0;
    }
    if (positionals.length > 0)
      throw new CliError(`unexpected argument ${JSON.stringify(positionals[0])} (see --help)`);
    if (values.request === undefined) throw new CliError('--request FILE|- is required');
    if (values.request === '-' && values.config === '-')
      throw new CliError('--request and --config cannot both read stdin');
    const remoteAddr = values['remote-addr'] ?? REQUEST_CLIENT.remoteAddr;
    if (isIP(remoteAddr) === 0)
      throw new CliError(
        `--remote-addr must be an IPv4 or IPv6 address, not ${JSON.stringify(remoteAddr)}`,
      );
    const portText = values['remote-port'];
    const remotePort = portText === undefined ? REQUEST_CLIENT.remotePort : Number(portText);
    if (
      portText !== undefined &&
      (!/^\d{1,5}$/.test(portText) || remotePort < 1 || remotePort > 65535)
    )
      throw new CliError(
        `--remote-port must be a port number from 1 to 65535, not ${JSON.stringify(portText)}`,
      );

    const request = await readOptionFile('--request', values.request, io);
    if (request.length === 0)
      throw new CliError(
        `--request: the request${values.request === '-' ? '' : ` (${values.request})`} is empty`,
      );
    const config =
      values.config === undefined ? undefined : await readOptionFile('--config', values.config, io);
    const packet = upstreamPacket(
      nginxPacket({
        request,
        ...(config === undefined ? {} : { config }),
        remoteAddr,
        remotePort,
      }),
    );
    io.stdout(hexLines(packet));
    return 0;
  },
};
