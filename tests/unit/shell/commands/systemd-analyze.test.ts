// `systemd-analyze verify` on the machine, against what systemd 252 (252.39-1~deb12u2, Debian 12)
// printed for the same files, run by hand on the capture machine:
//   systemd-analyze verify /tmp/sa/a.service   (Usr= for User=)     → the warning, status 0
//   systemd-analyze verify /tmp/sa/b.service   (ExecStart=/usr/bin/nonexist) → status 1
//   systemd-analyze verify /tmp/sa/none.service, a.conf, no operand, a bogus verb → status 1
//   systemd-analyze verify /tmp/sa/d.service   ([Servic] for [Service]) → status 1

import { describe, expect, it } from 'vitest';
import { runLine, scenarioBench } from '../programs/scenario-shell.ts';

async function verify(
  files: Readonly<Record<string, string>>,
  line: string,
): Promise<{ stderr: string; status: number; stdout: string }> {
  const { machine, shell } = scenarioBench('nginx-ready');
  machine.fs.mkdirs('/tmp/sa');
  for (const [path, text] of Object.entries(files)) machine.fs.writeText(path, text);
  return runLine(shell, line);
}

const UNIT = (service: string): string =>
  `[Unit]\nDescription=x\n\n[Service]\n${service}\n\n[Install]\nWantedBy=multi-user.target\n`;

describe('systemd-analyze verify', () => {
  it('a key systemd does not know: a warning with file and line, status 0', async () => {
    const result = await verify(
      { '/tmp/sa/a.service': UNIT('Usr=www-data\nExecStart=/usr/bin/uwsgi --ini /x.ini') },
      'systemd-analyze verify /tmp/sa/a.service',
    );
    expect(result).toEqual({
      stdout: '',
      stderr: "/tmp/sa/a.service:5: Unknown key 'Usr' in section [Service], ignoring.\n",
      status: 0,
    });
  });

  it('a file name is relative to the working directory; a good unit prints nothing', async () => {
    const result = await verify(
      { '/tmp/sa/a.service': UNIT('User=www-data\nExecStart=/usr/bin/uwsgi --ini /x.ini') },
      'cd /tmp/sa && systemd-analyze verify a.service',
    );
    expect(result).toEqual({ stdout: '', stderr: '', status: 0 });
  });

  it('a command that is not there: status 1', async () => {
    const result = await verify(
      { '/tmp/sa/b.service': '[Service]\nExecStart=/usr/bin/nonexist\n' },
      'systemd-analyze verify /tmp/sa/b.service',
    );
    expect(result.stderr).toBe(
      'b.service: Command /usr/bin/nonexist is not executable: No such file or directory\n',
    );
    expect(result.status).toBe(1);
  });

  it('a section it does not know, and so no ExecStart: refused', async () => {
    const result = await verify(
      { '/tmp/sa/d.service': '[Servic]\nExecStart=/bin/true\n' },
      'systemd-analyze verify /tmp/sa/d.service',
    );
    expect(result.stderr).toBe(
      "/tmp/sa/d.service:1: Unknown section 'Servic'. Ignoring.\n" +
        'd.service: Service has no ExecStart=, ExecStop=, or SuccessAction=. Refusing.\n' +
        'Unit d.service has a bad unit file setting.\n',
    );
    expect(result.status).toBe(1);
  });

  it('bad operands in its words', async () => {
    const none = await verify({}, 'systemd-analyze verify /tmp/sa/none.service');
    expect([none.stderr, none.status]).toEqual(['Unit none.service not found.\n', 1]);
    const conf = await verify({ '/tmp/sa/e.conf': 'x\n' }, 'systemd-analyze verify /tmp/sa/e.conf');
    expect([conf.stderr, conf.status]).toEqual([
      'Failed to prepare filename /tmp/sa/e.conf: Invalid argument\n',
      1,
    ]);
    const empty = await verify({}, 'systemd-analyze verify');
    expect([empty.stderr, empty.status]).toEqual(['Too few arguments.\n', 1]);
    const bogus = await verify({}, 'systemd-analyze bogus');
    expect([bogus.stderr, bogus.status]).toEqual(['Unknown command verb bogus.\n', 1]);
  });

  it('the unit lesson 08 installs passes as it is; with -ExecStop the check is skipped', async () => {
    const { machine, shell } = scenarioBench('nginx-ready');
    machine.fs.writeText(
      '/etc/systemd/system/x.service',
      UNIT('Type=notify\nExecStart=/usr/bin/uwsgi --ini /x.ini\nExecStop=-/bin/nothing-here'),
    );
    // by name from systemd's folders when the working directory has no such file (as real 252 does)
    expect(await runLine(shell, 'systemd-analyze verify x.service')).toEqual({
      stdout: '',
      stderr: '',
      status: 0,
    });
  });
});
