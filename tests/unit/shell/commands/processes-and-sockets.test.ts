// ps, kill, ss and netstat on the machine while nginx and uWSGI run, compared with
// real-output-shell.md §8.2 (uWSGI started as `uwsgi uwsgi.ini --master --processes 2`) and with
// the real programs' answers to bad arguments (tests/fixtures/shell/service-side/).

import { describe, expect, it } from 'vitest';
import { installPackage } from '../../../../src/shell/machine/install-package.ts';
import { catalogPackage } from '../../../../src/shell/machine/package-catalog.ts';
import { uwsgiInstances } from '../../../../src/shell/programs/uwsgi-instance.ts';
import {
  captured,
  fixture,
  masked,
  runLine,
  scenarioBench,
  statusTranscript,
} from '../programs/scenario-shell.ts';

const LOOKING = fixture('looking-around.txt');

/** nginx-ready with its uWSGI replaced by §8.2's `uwsgi uwsgi.ini --master --processes 2 &`. */
async function section82(): Promise<ReturnType<typeof scenarioBench>> {
  const bench = scenarioBench('nginx-ready');
  for (const instance of uwsgiInstances(bench.machine)) instance.signal('SIGINT');
  await runLine(bench.shell, 'uwsgi uwsgi.ini --master --processes 2 > /tmp/uwsgi.log 2>&1 &');
  // the background job starts once the shell is back at its prompt
  await runLine(bench.shell, 'sleep 1');
  return bench;
}

// pids and sizes have other widths here (4 digits, not 5): numbers of 4-5 digits become N, with
// the spaces before them; START times go too
const numbersMasked = (text: string): string =>
  masked(text)
    .replace(/ *\b\d{4,6}\b/g, ' N')
    .replace(/ \d\d:\d\d /g, ' HH:MM ')
    // %CPU: CPU time over time alive, which the capture's long-running processes had more of
    .replace(/^(\S+ N) +\d+\.\d /gm, '$1 C ');

describe('ps (§8.2)', () => {
  it('ps aux: nginx’s master (root, PPID 1) and its www-data workers, uWSGI’s master and workers', async () => {
    const { shell } = await section82();
    const ours = (await runLine(shell, "ps aux | grep -E 'nginx|uwsgi'")).stdout.split('\n');
    const real = captured(LOOKING, "ps aux | grep -E 'nginx|uwsgi'").split('\n').slice(1, -2);
    // Debian's systemd unit starts nginx with -g (the capture's init script did not)
    const unit = ' -g daemon on; master_process on;';
    expect(numbersMasked(ours[0]!.replace(unit, ''))).toBe(numbersMasked(real[0]!));
    expect(ours.slice(1, 3).map(numbersMasked)).toEqual(real.slice(1, 3).map(numbersMasked));
    // started from this shell: on its terminal (the capture's harness had none)
    expect(numbersMasked(ours[3]!.replace('pts/0   ', '?       '))).toBe(numbersMasked(real[3]!));
  });

  it('ps -eo user,pid,ppid,cmd', async () => {
    const { shell } = await section82();
    const command = "ps -eo user,pid,ppid,cmd | grep -E '[n]ginx|[u]wsgi'";
    const ours = (await runLine(shell, command)).stdout.replace(
      ' -g daemon on; master_process on;',
      '',
    );
    const real = captured(LOOKING, command).split('\n').slice(1, -2).join('\n');
    expect(numbersMasked(ours)).toBe(`${numbersMasked(real)}\n`);
  });

  it('plain ps: this terminal’s processes; -p; -ef', async () => {
    const { machine, shell } = scenarioBench('nginx-ready');
    const plain = await runLine(shell, 'ps');
    expect(plain.stdout).toMatch(
      /^ {2}PID TTY {10}TIME CMD\n {1}\d{4} pts\/0 {4}00:00:00 bash\n {1}\d{4} pts\/0 {4}00:00:00 ps\n$/,
    );
    const master = machine.processes.list().find((p) => p.comm === 'nginx')!;
    expect((await runLine(shell, `ps -p ${master.pid}`)).stdout).toBe(
      `  PID TTY          TIME CMD\n ${master.pid} ?        00:00:00 nginx\n`,
    );
    const ef = (await runLine(shell, 'ps -ef')).stdout.split('\n');
    expect(ef[0]).toBe('UID        PID  PPID  C STIME TTY          TIME CMD');
    expect(ef[1]).toMatch(/^root {9}1 {5}0 {2}0 \d\d:\d\d \? {8}00:00:\d\d \/sbin\/init$/);
  });

  it('ps auxf / ps -ef --forest: each child under its parent, ` \\_ ` four spaces deeper a level', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const aux = (await runLine(shell, 'ps auxf | grep -E "nginx|bash|ps|grep"')).stdout;
    expect(aux).toMatch(
      / 0:00 nginx: master process [^\n]*\n[^\n]* 0:00 {2}\\_ nginx: worker process\n/,
    );
    expect(aux).toMatch(
      / 0:00 bash\n[^\n]* 0:00 {2}\\_ ps auxf\n[^\n]* 0:00 {2}\\_ grep -E nginx\|bash\|ps\|grep\n/,
    );
    const ef = (await runLine(shell, 'ps -ef --forest')).stdout.split('\n');
    expect(ef[3]).toMatch(/^root {9}3 {5}2 {2}0 \d\d:\d\d \? {8}00:00:00 {2}\\_ \[rcu_gp\]$/);
  });

  it('a process list cut to the terminal’s width', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const out = await new Promise<string>((resolve) => {
      let text = '';
      const terminal = { write: (t: string) => (text += t), terminal: { columns: 40 } };
      void shell.session
        .submit('ps aux', {
          stdin: { read: async () => undefined, readAll: async () => '' },
          stdout: terminal,
          stderr: terminal,
        })
        .then(() => resolve(text));
    });
    expect(Math.max(...out.split('\n').map((l) => [...l].length))).toBe(40);
  });
});

describe('kill', () => {
  it('kill -l as bash prints it', async () => {
    const { shell } = scenarioBench('nginx-ready');
    expect((await runLine(shell, 'kill -l')).stdout).toBe(fixture('kill-l.txt'));
  });

  it('bad arguments, and ps’s, in their own words', async () => {
    const { shell } = scenarioBench('nginx-ready');
    const expected = fixture('kill-ps-errors.txt');
    const commands = [...expected.matchAll(/^\$ (.*)$/gm)].map((m) => m[1]!);
    expect(await statusTranscript(shell, commands)).toBe(expected);
  });

  it('kill -QUIT to nginx’s master stops it gracefully; systemd notices', async () => {
    const { machine, shell } = scenarioBench('nginx-ready');
    await runLine(shell, 'kill -QUIT $(cat /run/nginx.pid)');
    expect(machine.processes.list().some((p) => p.comm === 'nginx')).toBe(false);
    expect((await runLine(shell, 'systemctl is-active nginx')).stdout).toBe('inactive\n');
    expect((await runLine(shell, 'curl -s http://localhost:8080/')).status).toBe(7);
  });

  it('kill %1 signals the job; kill PID reaches a background job’s process', async () => {
    const { shell } = scenarioBench('nginx-ready');
    await runLine(shell, 'sleep 100 &');
    expect((await runLine(shell, 'kill %1')).status).toBe(0);
    await runLine(shell, 'sleep 200 &');
    const pid = (await runLine(shell, 'echo $!')).stdout.trim();
    expect((await runLine(shell, `kill -9 ${pid}`)).status).toBe(0);
    await runLine(shell, 'true');
    const notices = shell.session.takeJobNotices();
    expect(notices).toContain('Killed');
  });
});

describe('ss and netstat (§8.2)', () => {
  for (const command of ['ss -lx | grep uwsgi', 'ss -lxp | grep uwsgi', 'ss -ltnp']) {
    it(command, async () => {
      const { shell } = await section82();
      const ours = (await runLine(shell, command)).stdout;
      const real = captured(LOOKING, command).split('\n').slice(1, -2).join('\n');
      // the header's trailing spaces follow the process list's length (4-digit pids here)
      const fit = (text: string): string =>
        text
          .split('\n')
          .map((line) => line.replace(/\b1\d{5}\b/, 'INODE').replace(/pid=\d+/g, 'pid=N'))
          .map((line) => (line.startsWith('State') ? line.trimEnd() : line))
          .join('\n');
      expect(fit(ours)).toBe(`${fit(real)}\n`);
    });
  }

  it('on a terminal the columns share out its width, right to left (ss’s render_calc_width)', async () => {
    const { shell } = scenarioBench('nginx-ready');
    let text = '';
    const terminal = { write: (t: string) => (text += t), terminal: { columns: 100 } };
    await shell.session.submit('ss -ltn', {
      stdin: { read: async () => undefined, readAll: async () => '' },
      stdout: terminal,
      stderr: terminal,
    });
    // captured with `stty cols 100; ss -ltn` (one listener on 4-digit port)
    expect(text.split('\n')[0]).toBe(
      'State      Recv-Q     Send-Q         Local Address:Port           Peer Address:Port     Process     ',
    );
  });

  it('netstat comes with net-tools; then lists the same sockets', async () => {
    const { machine, shell } = await section82();
    expect((await runLine(shell, 'netstat -lx')).stderr).toBe('bash: netstat: command not found\n');
    if (catalogPackage('net-tools') === undefined) return;
    installPackage(machine, 'net-tools');
    const out = (await runLine(shell, 'netstat -lxp')).stdout;
    expect(out).toMatch(
      /^Active UNIX domain sockets \(only servers\)\nProto RefCnt Flags {7}Type {7}State {9}I-Node {3}PID\/Program name {5}Path\nunix {2}2 {6}\[ ACC \] {5}STREAM {5}LISTENING {5}1\d{5} {2}\d+\/uwsgi +\/tmp\/uwsgi.sock\n$/,
    );
  });
});
