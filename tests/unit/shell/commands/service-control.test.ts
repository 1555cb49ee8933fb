// /etc/init.d/nginx, service and systemctl on a Debian 12 machine where systemd is PID 1. No
// capture has systemd as PID 1 (real-output-shell.md §6.2), so the expected texts are those of
// the scripts that print them, on Debian 12: /lib/lsb/init-functions.d/40-systemd
// (systemctl_redirect: `Restarting nginx (via systemctl): nginx.service` then log_end_msg's `.` or
// ` failed!`), /lib/lsb/init-functions (log_end_msg: red on a terminal, `ESC[31m` … `ESC[0m`),
// /usr/sbin/service (init-system-helpers 1.65.2) and systemd 252's systemctl messages. What
// nginx itself does in them (the config test, the reload keeping the old config) is §6.3's.

import { describe, expect, it } from 'vitest';
import {
  masked,
  runLine,
  scenarioBench,
  statusTranscript,
  terminalTranscript,
} from '../programs/scenario-shell.ts';

const JOB_FAILED = [
  'Job for nginx.service failed because the control process exited with error code.',
  'See "systemctl status nginx.service" and "journalctl -xeu nginx.service" for details.',
].join('\n');

function breakLine12(bench: ReturnType<typeof scenarioBench>): void {
  const path = '/etc/nginx/sites-available/default';
  const text = bench.machine.fs.readText(path);
  bench.machine.fs.writeText(path, text.replace('uwsgi_pass unix', 'uwsgi_pas unix'));
}

describe('/etc/init.d/nginx hands over to systemctl', () => {
  it('start, stop, restart, reload say so; configtest runs the script; no argument: usage', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const text = await statusTranscript(shell, [
      '/etc/init.d/nginx restart',
      '/etc/init.d/nginx reload',
      '/etc/init.d/nginx configtest',
      '/etc/init.d/nginx stop',
      'curl -s -o /dev/null -w "%{http_code}\\n" http://localhost:8080/',
      '/etc/init.d/nginx start',
      'curl -s http://localhost:8080/',
      '/etc/init.d/nginx',
    ]);
    expect(text).toBe(`$ /etc/init.d/nginx restart
Restarting nginx (via systemctl): nginx.service.
[exit status 0]
$ /etc/init.d/nginx reload
Reloading nginx configuration (via systemctl): nginx.service.
[exit status 0]
$ /etc/init.d/nginx configtest
Testing nginx configuration:.
[exit status 0]
$ /etc/init.d/nginx stop
Stopping nginx (via systemctl): nginx.service.
[exit status 0]
$ curl -s -o /dev/null -w "%{http_code}\\n" http://localhost:8080/
000
[exit status 7]
$ /etc/init.d/nginx start
Starting nginx (via systemctl): nginx.service.
[exit status 0]
$ curl -s http://localhost:8080/
Hello World![exit status 0]
$ /etc/init.d/nginx
Usage: nginx {start|stop|restart|reload|force-reload|status|configtest|rotate|upgrade}
[exit status 3]
`);
  });

  it('status is systemctl status: active, then inactive with exit status 3', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const running = await runLine(shell, '/etc/init.d/nginx status');
    expect(running.status).toBe(0);
    expect(running.stdout.split('\n').slice(0, 3)).toEqual([
      '● nginx.service - A high performance web server and a reverse proxy server',
      '     Loaded: loaded (/lib/systemd/system/nginx.service; enabled; preset: enabled)',
      expect.stringMatching(
        /^ {5}Active: active \(running\) since Thu 2026-11-26 \d\d:\d\d:\d\d UTC; \d+s ago$/,
      ),
    ]);
    await runLine(shell, 'systemctl stop nginx');
    const stopped = await runLine(shell, '/etc/init.d/nginx status');
    expect(stopped.status).toBe(3);
    expect(stopped.stdout).toMatch(
      /^○ nginx.service - .*\n.*\n {5}Active: inactive \(dead\) since /,
    );
  });

  it('with a config error: configtest fails, reload fails and nginx keeps serving the old config', async () => {
    const bench = scenarioBench('nginx-ready');
    breakLine12(bench);
    const text = await statusTranscript(bench.shell, [
      '/etc/init.d/nginx configtest',
      '/etc/init.d/nginx reload',
      'curl -s http://localhost:8080/',
    ]);
    expect(text).toBe(`$ /etc/init.d/nginx configtest
Testing nginx configuration: failed!
[exit status 1]
$ /etc/init.d/nginx reload
Reloading nginx configuration (via systemctl): nginx.serviceJob for nginx.service failed.
See "systemctl status nginx.service" and "journalctl -xeu nginx.service" for details.
 failed!
[exit status 1]
$ curl -s http://localhost:8080/
Hello World![exit status 0]
`);
  });

  it('restart with a config error stops nginx and cannot start it again (red on a terminal)', async () => {
    const bench = scenarioBench('nginx-ready');
    breakLine12(bench);
    const text = await terminalTranscript(bench.shell, [
      '/etc/init.d/nginx restart',
      'curl http://localhost:8080/',
    ]);
    expect(text).toBe(
      `root@helloworld:~/helloWorld# /etc/init.d/nginx restart
Restarting nginx (via systemctl): nginx.service${JOB_FAILED}
 \x1b[31mfailed!\x1b[0m
root@helloworld:~/helloWorld# curl http://localhost:8080/
curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server
`.replaceAll('~/helloWorld', '/home/ubuntu/helloWorld'),
    );
  });
});

describe('/etc/init.d/uwsgi hands over to systemctl too', () => {
  it('start and status through the generated uwsgi.service; usage; nothing once /usr/bin/uwsgi is gone', async () => {
    const { shell } = scenarioBench('original');
    const text = await statusTranscript(shell, [
      '/etc/init.d/uwsgi start',
      'systemctl is-active uwsgi',
      '/etc/init.d/uwsgi frob',
      'mv /usr/bin/uwsgi /usr/bin/uwsgi-old',
      '/etc/init.d/uwsgi stop',
      'systemctl is-active uwsgi',
    ]);
    expect(text).toBe(`$ /etc/init.d/uwsgi start
Starting uwsgi (via systemctl): uwsgi.service.
[exit status 0]
$ systemctl is-active uwsgi
active
[exit status 0]
$ /etc/init.d/uwsgi frob
Usage: /etc/init.d/uwsgi {start|stop|status|restart|reload|force-reload}
[exit status 3]
$ mv /usr/bin/uwsgi /usr/bin/uwsgi-old
[exit status 0]
$ /etc/init.d/uwsgi stop
[exit status 0]
$ systemctl is-active uwsgi
active
[exit status 0]
`);
    // the LSB unit ran the script's own start: with no apps enabled it starts nothing
    const status = await runLine(shell, 'systemctl status uwsgi');
    expect(status.stdout).toContain('     Loaded: loaded (/etc/init.d/uwsgi; generated)\n');
    expect(status.stdout).toMatch(/ {5}Active: active \(exited\) since /);
    expect(status.stdout).toMatch(
      /uwsgi\[\d+\]: Starting app server\(s\): uwsgi \(omitted; missing conffile\(s\) in \/etc\/uwsgi\/apps-enabled\)\.\n/,
    );
  });
});

describe('service', () => {
  it('runs systemctl for the usual actions and the script for the others', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const text = await statusTranscript(shell, [
      'service nginx restart',
      'service nginx reload',
      'service nginx configtest',
      'service --status-all 2>&1 | grep nginx',
      'service nginx stop',
      'service --status-all 2>&1 | grep nginx',
      'service nope start',
      'service nope configtest',
      'service',
    ]);
    expect(text).toBe(`$ service nginx restart
[exit status 0]
$ service nginx reload
[exit status 0]
$ service nginx configtest
Testing nginx configuration:.
[exit status 0]
$ service --status-all 2>&1 | grep nginx
 [ + ]  nginx
[exit status 0]
$ service nginx stop
[exit status 0]
$ service --status-all 2>&1 | grep nginx
 [ - ]  nginx
[exit status 0]
$ service nope start
Failed to start nope.service: Unit nope.service not found.
[exit status 5]
$ service nope configtest
nope: unrecognized service
[exit status 1]
$ service
Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]
[exit status 1]
`);
  });

  it('service nginx status is systemctl status', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const out = await runLine(shell, 'service nginx status');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('CGroup: /system.slice/nginx.service\n');
  });
});

describe('systemctl', () => {
  it('stop, is-active, start; status lists the unit’s processes from the process table', async () => {
    const { machine, shell } = scenarioBench('nginx-ready');
    const text = await statusTranscript(shell, [
      'systemctl stop nginx',
      'systemctl is-active nginx',
      'systemctl start nginx',
      'systemctl is-active nginx',
    ]);
    expect(text).toBe(`$ systemctl stop nginx
[exit status 0]
$ systemctl is-active nginx
inactive
[exit status 3]
$ systemctl start nginx
[exit status 0]
$ systemctl is-active nginx
active
[exit status 0]
`);
    const status = await runLine(shell, 'systemctl status nginx');
    const nginx = machine.processes.list().filter((p) => p.comm === 'nginx');
    expect(nginx.map((p) => p.user)).toEqual(['root', 'www-data', 'www-data']);
    expect(status.stdout).toContain(`   Main PID: ${nginx[0]!.pid} (nginx)\n`);
    expect(status.stdout).toContain(
      `             ├─${nginx[0]!.pid} "nginx: master process /usr/sbin/nginx -g daemon on; master_process on;"\n`,
    );
    expect(status.stdout).toContain(`             └─${nginx[2]!.pid} "nginx: worker process"\n`);
  });

  it('restart with a config error: the job fails, status shows why from the journal', async () => {
    const bench = scenarioBench('nginx-ready');
    breakLine12(bench);
    const restart = await runLine(bench.shell, 'systemctl restart nginx');
    expect(restart).toEqual({ stdout: '', stderr: `${JOB_FAILED}\n`, status: 1 });
    const status = await runLine(bench.shell, 'systemctl status nginx');
    expect(status.status).toBe(3);
    const lines = masked(status.stdout).split('\n');
    expect(lines[0]).toBe(
      '× nginx.service - A high performance web server and a reverse proxy server',
    );
    expect(lines[2]).toMatch(/^ {5}Active: failed \(Result: exit-code\) since /);
    expect(status.stdout).toMatch(
      /nginx\[\d+\]: \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[emerg\] \d+#\d+: unknown directive "uwsgi_pas" in \/etc\/nginx\/sites-enabled\/default:12\n/,
    );
    expect(status.stdout).toContain(
      'systemd[1]: Failed to start nginx.service - A high performance web server and a reverse proxy server.\n',
    );
  });

  it('enable / disable keep the SysV links in step; unknown verbs and units are refused', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const text = await statusTranscript(shell, [
      'systemctl disable nginx',
      'systemctl is-enabled nginx',
      'systemctl enable nginx',
      'systemctl frobnicate nginx',
      'systemctl status nope',
      'systemctl stop nope',
    ]);
    expect(text).toBe(`$ systemctl disable nginx
Synchronizing state of nginx.service with SysV service script with /lib/systemd/systemd-sysv-install.
Executing: /lib/systemd/systemd-sysv-install disable nginx
Removed "/etc/systemd/system/multi-user.target.wants/nginx.service".
[exit status 0]
$ systemctl is-enabled nginx
disabled
[exit status 1]
$ systemctl enable nginx
Synchronizing state of nginx.service with SysV service script with /lib/systemd/systemd-sysv-install.
Executing: /lib/systemd/systemd-sysv-install enable nginx
Created symlink /etc/systemd/system/multi-user.target.wants/nginx.service → /lib/systemd/system/nginx.service.
[exit status 0]
$ systemctl frobnicate nginx
Unknown command verb frobnicate.
[exit status 1]
$ systemctl status nope
Unit nope.service could not be found.
[exit status 4]
$ systemctl stop nope
Failed to stop nope.service: Unit nope.service not loaded.
[exit status 5]
`);
  });

  it('nginx -s stop behind systemd’s back: the unit goes inactive and still runs its ExecStop', async () => {
    const { shell } = scenarioBench('nginx-ready');
    await runLine(shell, 'nginx -s stop');
    const status = await runLine(shell, 'systemctl status nginx');
    expect(status.status).toBe(3);
    expect(status.stdout).toMatch(
      /\n {4}Process: \d+ ExecStop=\/sbin\/start-stop-daemon --quiet --stop --retry QUIT\/5 --pidfile \/run\/nginx.pid \(code=exited, status=1\/FAILURE\)\n {3}Main PID: \d+ \(code=exited, status=0\/SUCCESS\)\n/,
    );
    expect(status.stdout).toMatch(/systemd\[1\]: nginx.service: Deactivated successfully.\n$/);
  });

  it('warns when a unit file changed on disk until daemon-reload', async () => {
    const { machine, shell } = scenarioBench('nginx-ready');
    const path = '/lib/systemd/system/nginx.service';
    machine.fs.writeText(path, `${machine.fs.readText(path)}# edited\n`);
    const before = await runLine(shell, 'systemctl restart nginx');
    expect(before.stderr).toBe(
      "Warning: The unit file, source configuration file or drop-ins of nginx.service changed on disk. Run 'systemctl daemon-reload' to reload units.\n",
    );
    await runLine(shell, 'systemctl daemon-reload');
    expect((await runLine(shell, 'systemctl restart nginx')).stderr).toBe('');
  });
});
