// `uwsgi-lab nginx-t`: what `nginx -t` prints on Debian 12 for Debian's layout with the given site,
// on stderr as nginx prints it, and nginx's exit status.

import { nginxTest } from '../../gateway/nginx/commands.ts';
import { CliError } from '../cli-error.ts';
import type { Command } from '../cli-io.ts';
import { readOptionFile } from '../option-file.ts';
import { parseOptions } from '../parse-options.ts';

const HELP = `usage: uwsgi-lab nginx-t [--config FILE|-]

Prints what \`nginx -t\` prints on Debian 12 (nginx 1.22.1) for Debian's layout, and exits with
its status: 0 when the test is successful, 1 when it failed. --config FILE takes the place of
/etc/nginx/sites-enabled/default (so \`include uwsgi_params\` finds Debian's file); without it,
the site is the tutorial's server block (see \`uwsgi-lab nginx-packet --help\`).

Like nginx, it prints everything on stderr (Debian builds nginx with --error-log-path=stderr);
add 2>&1 to pipe it. Messages are error-log lines stamped with the time (UTC) and this process's
id, as nginx stamps them with its own:

  2026/11/26 06:40:19 [emerg] 26512#26512: unknown directive "uwsgi_pas" in /etc/nginx/sites-enabled/default:14
  nginx: configuration file /etc/nginx/nginx.conf test failed

options:
  --config FILE|-   the site, as /etc/nginx/sites-enabled/default (- reads stdin)
  -h, --help        this text

exit status: 0 test is successful, 1 test failed, 2 bad options or an unreadable FILE
`;

export const nginxTCommand: Command = {
  name: 'nginx-t',
  summary: "print what nginx -t says about a site in Debian's nginx layout, with its exit status",
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help === true) {
      io.stdout(HELP);
      return 0;
    }
    if (positionals.length > 0)
      throw new CliError(`unexpected argument ${JSON.stringify(positionals[0])} (see --help)`);
    const config =
      values.config === undefined ? undefined : await readOptionFile('--config', values.config, io);
    const { output, status } = nginxTest({
      ...(config === undefined ? {} : { config }),
      clock: { now: new Date(), pid: process.pid },
    });
    io.stderr(output);
    return status;
  },
};
