// The seam for the "try it in the terminal" button: what the lab must do with the builder's files
// to run them on the simulated Debian machine — the files to write and the commands to type, the
// same ones the page tells the reader to run (lessons 03, 05 and 08) — and the request that shows
// the setup works. The lab's machine must already hold the app (the tutorial's app.py and its
// virtualenv), as lesson 03's scenario does; this module writes nothing itself.

import { appFolder, serviceName } from './builder-inputs.ts';
import type { BuilderOutputs } from './config-builder.ts';

export interface ScenarioFile {
  readonly path: string;
  readonly text: string;
}

export interface BuilderScenario {
  /** Files to write, in order (root-owned, mode 0644). */
  readonly files: readonly ScenarioFile[];
  /** Commands to run, in order, as typed at `root@helloworld:~#`. */
  readonly commands: readonly string[];
  /** The goal check: a request through nginx whose answer carries the app's text. */
  readonly check: {
    readonly url: string;
    readonly hostHeader: string | undefined;
    readonly body: string;
  };
}

/** What the tutorial's app answers (lesson 00). */
export const APP_TEXT = 'Hello World!';

export function builderScenario(outputs: BuilderOutputs): BuilderScenario {
  const { inputs, ini, nginx, unit } = outputs;
  const port = Number(inputs.port);
  const url = port === 80 ? 'http://localhost/' : `http://localhost:${port}/`;
  // a site of its own sits beside Debian's default site, which is port 80's default server: on
  // port 80 only the Host header reaches the new block
  const hostHeader = unit !== undefined && port === 80 ? inputs.serverName : undefined;
  const curl = `curl -i${hostHeader === undefined ? '' : ` -H 'Host: ${hostHeader}'`} ${url}`;
  const files: ScenarioFile[] = [
    { path: ini.path, text: ini.text },
    { path: nginx.path, text: nginx.text },
  ];
  if (unit === undefined) {
    return {
      files,
      commands: [
        `cd ${appFolder(inputs)}`,
        'uwsgi uwsgi.ini &',
        'nginx -t',
        'systemctl reload nginx',
        curl,
      ],
      check: { url, hostHeader, body: APP_TEXT },
    };
  }
  const name = serviceName(inputs);
  return {
    files: [...files, { path: unit.path, text: unit.text }],
    commands: [
      `systemd-analyze verify ${unit.path}`,
      'systemctl daemon-reload',
      `systemctl enable --now uwsgi-${name}`,
      `ln -s ${nginx.path} /etc/nginx/sites-enabled/`,
      'nginx -t',
      'systemctl reload nginx',
      curl,
    ],
    check: { url, hostHeader, body: APP_TEXT },
  };
}

/**
 * What the "try it in the terminal" button types into the page's terminal, one command after the
 * reader's Enter: each file written with a quoted here-document (`cat > PATH <<'EOF'`, exactly its
 * text), then the commands.
 */
export function terminalCommands(scenario: BuilderScenario): string[] {
  const writes = scenario.files.map((file) => `cat > ${file.path} <<'EOF'\n${file.text}EOF`);
  return [...writes, ...scenario.commands];
}
