// `uwsgi-lab serve`: a real uwsgi-protocol server on a real socket, answering with the simulated
// uWSGI runtime and one of the modelled apps, so real nginx can `uwsgi_pass` to it. Runs until
// SIGINT or SIGTERM.

import { APPS } from '../../gateway/apps/index.ts';
import { CliError } from '../cli-error.ts';
import type { Command } from '../cli-io.ts';
import { parseOptions } from '../parse-options.ts';
import { parseSocketAddress } from '../uwsgi-client.ts';
import { startUwsgiServer } from '../uwsgi-server.ts';

const DEFAULT_APP = 'hello';

const APP_LIST = Object.entries(APPS)
  .map(([name, make]) => `  ${name.padEnd(13)}${make().description}`)
  .join('\n');

const HELP = `usage: uwsgi-lab serve --socket PATH|HOST:PORT [--app NAME] [--chmod-socket MODE] [--buffer-size N]

A uwsgi-protocol server on a real socket, answering with the simulated uWSGI 2.0.21 runtime (the
one behind the course's terminal) and one of its modelled Python apps, so that real nginx can
uwsgi_pass to it:

  location / { include uwsgi_params; uwsgi_pass unix:/tmp/uwsgi-lab.sock; }

Each connection is read as uWSGI reads it (the 4-byte header, datasize bytes of vars, then
CONTENT_LENGTH bytes of body) and answered with raw HTTP, as uWSGI answers. It logs on stderr as
uWSGI does, one request line per request:

  [pid: 5787|app: 0|req: 1/1] 127.0.0.1 () {32 vars in 363 bytes} [Thu Nov 26 06:38:02 2026] GET / => generated 12 bytes in 0 msecs (HTTP/1.1 200) 2 headers in 79 bytes (1 switches on core 0)

and its refusals: "invalid request block size: N (max 4096)...skip" for a vars block over
--buffer-size (plain HTTP sent to it gives 21573, "GET " read as a header), "-- unavailable
modifier requested: N --" for a modifier1 other than 0. A stale socket file at PATH is replaced,
as uWSGI replaces it; anything else there is left alone and refused. It stops on Ctrl-C (SIGINT)
or SIGTERM, and removes its socket file.

apps (--app, default ${DEFAULT_APP}):
${APP_LIST}

options:
  --socket PATH|HOST:PORT  where to listen: a unix socket path (or unix:PATH), or TCP host:port
  --app NAME               the app that answers (default ${DEFAULT_APP})
  --chmod-socket MODE      the unix socket's mode, octal (666 lets nginx's www-data workers in)
  --buffer-size N          uWSGI's buffer-size: the largest vars block accepted (default 4096)
  -h, --help               this text

exit status: 0 stopped by a signal, 1 could not listen, 2 bad options
`;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'a real uwsgi-protocol server answering with the simulated uWSGI runtime and an app',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      socket: { type: 'string' },
      app: { type: 'string' },
      'chmod-socket': { type: 'string' },
      'buffer-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help === true) {
      io.stdout(HELP);
      return 0;
    }
    if (positionals.length > 0)
      throw new CliError(`unexpected argument ${JSON.stringify(positionals[0])} (see --help)`);
    if (values.socket === undefined) throw new CliError('--socket PATH|HOST:PORT is required');
    const address = parseSocketAddress(values.socket);
    if (address === undefined)
      throw new CliError(
        `--socket ${JSON.stringify(values.socket)} is neither a unix socket path nor HOST:PORT`,
      );
    const appName = values.app ?? DEFAULT_APP;
    const makeApp = Object.hasOwn(APPS, appName) ? APPS[appName] : undefined;
    if (makeApp === undefined)
      throw new CliError(
        `--app ${JSON.stringify(appName)} is not a modelled app (apps: ${Object.keys(APPS).join(', ')})`,
      );
    const chmodText = values['chmod-socket'];
    if (chmodText !== undefined && !/^[0-7]{3,4}$/.test(chmodText))
      throw new CliError(
        `--chmod-socket must be an octal mode such as 666, not ${JSON.stringify(chmodText)}`,
      );
    if (chmodText !== undefined && address.kind !== 'unix')
      throw new CliError('--chmod-socket is for a unix socket');
    const bufferText = values['buffer-size'] ?? '4096';
    const bufferSize = Number(bufferText);
    // uWSGI reads buffer-size as a 16-bit option (uwsgi_opt_set_16bit): at most 65535
    if (!/^\d+$/.test(bufferText) || bufferSize < 1 || bufferSize > 65535)
      throw new CliError(
        `--buffer-size must be a number from 1 to 65535, not ${JSON.stringify(bufferText)}`,
      );
    const app = makeApp();
    const server = await startUwsgiServer({
      address,
      app,
      bufferSize,
      chmod: chmodText === undefined ? undefined : parseInt(chmodText, 8),
      log: (line) => io.stderr(`${line}\n`),
    });
    io.stderr(
      `uwsgi-lab serve: app ${JSON.stringify(appName)} (${app.description}) on ${server.name}, buffer-size ${bufferSize}; Ctrl-C stops it\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await server.close();
    return 0;
  },
};
