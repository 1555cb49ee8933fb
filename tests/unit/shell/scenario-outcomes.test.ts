// Each scenario's machine, with the programs it names started by the gateway's own process models
// (what the program layer will do), answers the goal's request as the scenario promises: the whole
// chain curl → nginx → uWSGI → app works on nginx-ready, and each broken one fails the way real
// nginx and uWSGI fail (real-output-shell.md §4.3, §5; real-output.md).

import { describe, expect, it } from 'vitest';
import { sendClientRequest } from '../../../src/gateway/net/index.ts';
import { startNginx } from '../../../src/gateway/nginx/nginx-process.ts';
import { DEBIAN_BUILD, startUwsgi } from '../../../src/gateway/uwsgi/index.ts';
import type { Machine } from '../../../src/shell/machine/machine.ts';
import { SCENARIOS, type Scenario, type ScenarioName } from '../../../src/shell/scenarios/index.ts';

interface Outcome {
  readonly status: string;
  readonly body: string;
  readonly errorLog: string;
}

function startPrograms(machine: Machine, scenario: Scenario): void {
  for (const program of scenario.programs) {
    if (program.program === 'nginx') {
      const started = startNginx(machine);
      if (!started.ok) throw new Error(started.stderr.join('\n'));
    } else {
      startUwsgi(machine, {
        argv: program.argv,
        cwd: program.cwd,
        build: DEBIAN_BUILD,
        parentPid: 1,
      });
    }
  }
}

function goalRequest(name: ScenarioName): Outcome {
  const scenario = SCENARIOS[name];
  const machine = scenario.build(1);
  startPrograms(machine, scenario);
  const headers = (scenario.goal?.request.headers ?? []).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  const request = `GET / HTTP/1.1\r\nHost: localhost:8080\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n${headers}\r\n`;
  const outcome = sendClientRequest(
    machine.net,
    { kind: 'inet', host: '127.0.0.1', port: 8080 },
    new TextEncoder().encode(request),
  );
  if (outcome.kind !== 'response') throw new Error(`no answer: ${outcome.error.text}`);
  const text = new TextDecoder().decode(outcome.bytes);
  return {
    status: text.split('\r\n')[0]!,
    body: text.slice(text.indexOf('\r\n\r\n') + 4),
    errorLog: machine.fs.readText('/var/log/nginx/error.log'),
  };
}

describe('the scenarios’ goal request, with their programs running', () => {
  it('nginx-ready: Hello World! through nginx', () => {
    expect(goalRequest('nginx-ready')).toEqual({
      status: 'HTTP/1.1 200 OK',
      body: 'Hello World!',
      errorLog: '',
    });
  });

  it('broken-502-socket: 502, connect() … (111: Connection refused)', () => {
    const outcome = goalRequest('broken-502-socket');
    expect(outcome.status).toBe('HTTP/1.1 502 Bad Gateway');
    expect(outcome.errorLog).toContain(
      'connect() to unix:/tmp/uwsgi.sock failed (111: Connection refused)',
    );
  });

  it('broken-502-permission: 502, [crit] … (13: Permission denied)', () => {
    const outcome = goalRequest('broken-502-permission');
    expect(outcome.status).toBe('HTTP/1.1 502 Bad Gateway');
    expect(outcome.errorLog).toContain('[crit]');
    expect(outcome.errorLog).toContain('(13: Permission denied)');
  });

  it('broken-block-size: 502, the connection reset by uWSGI', () => {
    const outcome = goalRequest('broken-block-size');
    expect(outcome.status).toBe('HTTP/1.1 502 Bad Gateway');
    expect(outcome.errorLog).toContain('(104: Connection reset by peer)');
  });

  it('broken-http-socket: 502, upstream prematurely closed connection', () => {
    const outcome = goalRequest('broken-http-socket');
    expect(outcome.status).toBe('HTTP/1.1 502 Bad Gateway');
    expect(outcome.errorLog).toContain('upstream prematurely closed connection');
  });

  it('broken-no-app: uWSGI’s own 500', () => {
    const outcome = goalRequest('broken-no-app');
    expect(outcome.status).toBe('HTTP/1.1 500 Internal Server Error');
    expect(outcome.errorLog).toBe('');
  });
});
