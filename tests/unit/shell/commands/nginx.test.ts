// `nginx` on the nginx-ready machine, compared line by line with real-output-shell.md §6.2 and
// §6.3 (copied to tests/fixtures/shell/service-side/): -t, -s reload, -v, -V with a good config;
// with `uwsgi_pas` on line 12 the test fails, -s reload sends nothing, a raw SIGHUP keeps the old
// config serving and logs the [emerg] to error.log, and a fresh `nginx` refuses to start.

import { describe, expect, it } from 'vitest';
import {
  captured,
  fixture,
  masked,
  runLine,
  scenarioBench,
  statusTranscript,
} from '../programs/scenario-shell.ts';

const GOOD = fixture('init-script-good-config.txt');
const BROKEN = fixture('init-script-config-error.txt');

function breakLine12(bench: ReturnType<typeof scenarioBench>): void {
  const path = '/etc/nginx/sites-available/default';
  const text = bench.machine.fs.readText(path);
  bench.machine.fs.writeText(path, text.replace('uwsgi_pass unix', 'uwsgi_pas unix'));
}

describe('nginx with a good configuration (§6.2)', () => {
  for (const command of ['nginx -t', 'nginx -s reload', 'nginx -v', 'nginx -V']) {
    it(command, async () => {
      const { shell } = scenarioBench('nginx-ready');
      expect(masked(await statusTranscript(shell, [command]))).toBe(
        masked(captured(GOOD, command)),
      );
    });
  }

  it('-s reload reaches the master: new workers, same master', async () => {
    const { machine, shell } = scenarioBench('nginx-ready');
    const before = machine.processes.list().filter((p) => p.comm === 'nginx');
    await runLine(shell, 'nginx -s reload');
    const after = machine.processes.list().filter((p) => p.comm === 'nginx');
    expect(after[0]!.pid).toBe(before[0]!.pid);
    expect(after.slice(1).map((p) => p.pid)).not.toEqual(before.slice(1).map((p) => p.pid));
  });

  it('-T dumps every file it read after the test', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const result = await runLine(shell, 'nginx -T');
    expect(result.stderr).toBe(
      'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n',
    );
    expect(result.stdout).toMatch(
      /^# configuration file \/etc\/nginx\/nginx.conf:\nuser www-data;/,
    );
    expect(result.stdout).toContain('# configuration file /etc/nginx/sites-enabled/default:\n');
  });

  it('-q keeps only the errors', async () => {
    const { shell } = scenarioBench('nginx-ready');
    expect(await runLine(shell, 'nginx -t -q')).toEqual({ stdout: '', stderr: '', status: 0 });
  });

  it('-c and -p: another file, its includes relative to its folder (captured)', async () => {
    const { machine, shell } = scenarioBench('nginx-ready');
    machine.fs.mkdirs('/tmp/conf');
    machine.fs.writeText('/tmp/conf/nginx.conf', 'events {}\nhttp { include extra.conf; }\n');
    machine.fs.writeText('/tmp/conf/extra.conf', 'servr { }\n');
    const lines = ['nginx -t -c /tmp/conf/nginx.conf', 'nginx -t -p /tmp/conf/ -c nginx.conf'];
    expect(masked(await statusTranscript(shell, lines))).toBe(masked(fixture('nginx-c-p.txt')));
  });

  it('bad options in nginx’s words', async () => {
    const { shell } = scenarioBench('nginx-ready');
    expect(await runLine(shell, 'nginx -x')).toEqual({
      stdout: '',
      stderr: 'nginx: invalid option: "x"\n',
      status: 1,
    });
    expect((await runLine(shell, 'nginx -s restart')).stderr).toBe(
      'nginx: invalid option: "-s restart"\n',
    );
    expect((await runLine(shell, 'nginx -s')).stderr).toBe(
      'nginx: option "-s" requires parameter\n',
    );
  });
});

describe('nginx with a config error (§6.3)', () => {
  it('-t fails, -s reload sends nothing, the old config keeps serving', async () => {
    const bench = scenarioBench('nginx-ready');
    breakLine12(bench);
    const lines = [
      'nginx -t',
      'nginx -s reload',
      'curl -s -i http://localhost:8080/',
      'kill -HUP $(cat /run/nginx.pid)',
      'curl -s -o /dev/null -w "%{http_code}\\n" http://localhost:8080/',
    ];
    const expected = lines.map((line) => captured(BROKEN, line)).join('');
    expect(masked(await statusTranscript(bench.shell, lines))).toBe(masked(expected));
    // the raw SIGHUP made the master log the [emerg] (§6.3 "error.log new lines")
    expect(masked(bench.machine.fs.readText('/var/log/nginx/error.log'))).toBe(
      'DATE [emerg] PID#PID: unknown directive "uwsgi_pas" in /etc/nginx/sites-enabled/default:12\n',
    );
  });

  it('a stopped nginx does not start again: plain `nginx` prints the [emerg], curl cannot connect', async () => {
    const bench = scenarioBench('nginx-ready');
    breakLine12(bench);
    await runLine(bench.shell, 'systemctl stop nginx');
    const lines = ['nginx', 'curl http://localhost:8080/'];
    const expected = lines.map((line) => captured(BROKEN, line)).join('');
    expect(masked(await statusTranscript(bench.shell, lines))).toBe(masked(expected));
  });

  it('after fixing the line, nginx starts (by hand) and serves again', async () => {
    const bench = scenarioBench('nginx-ready');
    breakLine12(bench);
    await runLine(bench.shell, 'systemctl stop nginx');
    const path = '/etc/nginx/sites-available/default';
    bench.machine.fs.writeText(
      path,
      bench.machine.fs.readText(path).replace('uwsgi_pas ', 'uwsgi_pass '),
    );
    expect(await runLine(bench.shell, 'nginx')).toEqual({ stdout: '', stderr: '', status: 0 });
    const ps = await runLine(bench.shell, 'ps -eo user,ppid,cmd | grep "[n]ginx: master"');
    expect(ps.stdout).toBe('root         1 nginx: master process nginx\n');
    expect((await runLine(bench.shell, 'curl -s http://localhost:8080/')).stdout).toBe(
      'Hello World!',
    );
  });
});
