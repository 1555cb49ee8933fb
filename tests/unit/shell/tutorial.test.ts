// The original tutorial end to end through the machine's shell — the same MachineShell that
// `npm run -s cli -- shell --scenario original` runs — on the `original` scenario, along the two
// ways that work on Debian 12 today (Debian's uWSGI with uwsgi-plugin-python3; pip install uwsgi
// inside the venv), each ending with curl returning the app's text through nginx; and the ways it
// goes wrong: the plugin forgotten, pip refused outside the venv, 502 before uWSGI starts, and
// `(13: Permission denied)` when the ini has no chmod-socket. The texts checked are those of
// real-output-shell.md (§1.1, §3.1, §5, §6.2) and real-output.md.

import { describe, expect, it } from 'vitest';
import {
  TUTORIAL_NGINX_SITE,
  TUTORIAL_UWSGI_INI,
} from '../../../src/shell/machine/tutorial-files.ts';
import type { MachineShell } from '../../../src/shell/machine-shell.ts';
import { runLine, scenarioBench } from './programs/scenario-shell.ts';

type Bench = ReturnType<typeof scenarioBench>;

/** Runs lines one by one; each must succeed (what it printed comes back, for the checks). */
async function steps(shell: MachineShell, lines: readonly string[]): Promise<string> {
  let all = '';
  for (const line of lines) {
    const result = await runLine(shell, line);
    all += result.stdout + result.stderr;
    if (result.status !== 0)
      throw new Error(`"${line}" exited ${result.status}:\n${result.stdout}${result.stderr}`);
  }
  return all;
}

/** `apt-get install -y NAME`, typed in the shell (its postinst starts the services it ships). */
async function aptInstall(bench: Bench, name: string): Promise<void> {
  await steps(bench.shell, [`apt-get install -y ${name}`]);
}

/** The ini typed with a here-document, as a reader copies it from the tutorial. */
function writeIni(ini: string): string {
  return `cat > uwsgi.ini <<'EOF'\n${ini}EOF`;
}

/** nginx-full installed, the tutorial's server block as the default site, `/etc/init.d/nginx restart`. */
async function nginxStep(bench: Bench): Promise<string> {
  await aptInstall(bench, 'nginx-full');
  return siteStep(bench);
}

/** The tutorial's server block as the default site, tested, and `/etc/init.d/nginx restart`. */
function siteStep(bench: Bench): Promise<string> {
  return steps(bench.shell, [
    `cat > /etc/nginx/sites-available/default <<'EOF'\n${TUTORIAL_NGINX_SITE}EOF`,
    'nginx -t',
    '/etc/init.d/nginx restart',
  ]);
}

/** Starts the ini in the background as the tutorial does (`uwsgi <filename> &`). */
async function uwsgiInBackground(shell: MachineShell, command = 'uwsgi uwsgi.ini'): Promise<void> {
  await steps(shell, [`${command} > /tmp/uwsgi.log 2>&1 &`, 'sleep 1']);
}

async function curl(shell: MachineShell): Promise<{ status: number; text: string }> {
  const result = await runLine(shell, 'curl -s -i http://localhost:8080/');
  return { status: result.status, text: result.stdout };
}

describe('the original tutorial on Debian 12, the two ways that work', () => {
  it('Debian’s uWSGI with uwsgi-plugin-python3: curl answers Hello World! through nginx', async () => {
    const bench = scenarioBench('original');
    const { shell } = bench;
    expect(await steps(shell, ['uwsgi --version'])).toBe('2.0.21-debian\n');
    await aptInstall(bench, 'uwsgi-plugin-python3');
    await steps(shell, [writeIni(`${TUTORIAL_UWSGI_INI}plugin = python3\n`)]);
    await uwsgiInBackground(shell);
    expect(bench.machine.fs.readText('/tmp/uwsgi.log')).toContain(
      "WSGI app 0 (mountpoint='') ready in 0 seconds on interpreter",
    );
    await aptInstall(bench, 'nginx-full');
    // the package starts nginx with Debian's default site (port 80)
    expect(
      (await runLine(shell, 'curl -s -o /dev/null -w "%{http_code}" http://localhost/')).stdout,
    ).toBe('200');
    const restart = await siteStep(bench);
    expect(restart).toContain('Restarting nginx (via systemctl): nginx.service.\n');
    const answer = await curl(shell);
    expect(answer.status).toBe(0);
    expect(answer.text).toMatch(/^HTTP\/1.1 200 OK\r\nServer: nginx\/1.22.1\r\n/);
    expect(answer.text.endsWith('\r\n\r\nHello World!')).toBe(true);
    expect(bench.machine.journeys.latest()!.origin).toEqual({
      kind: 'command',
      line: 'curl -s -i http://localhost:8080/',
    });
  });

  it('pip install uwsgi inside the venv (mv, pip, ln -s as the tutorial has them)', async () => {
    const bench = scenarioBench('original');
    const { shell } = bench;
    await steps(shell, ['mv /usr/bin/uwsgi /usr/bin/uwsgi-old']);
    // outside the venv Debian 12 refuses (§1.1)
    const refused = await runLine(shell, 'pip install uwsgi');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('error: externally-managed-environment');
    const installed = await steps(shell, ['source .venv/bin/activate', 'pip install uwsgi']);
    expect(installed).toContain('Successfully installed uwsgi-2.0.21');
    // the tutorial's link points where pip did not put it: dangling, and the venv's uwsgi wins
    await steps(shell, ['ln -s /usr/local/bin/uwsgi /usr/bin/uwsgi', 'hash -r']);
    expect(await steps(shell, ['which uwsgi'])).toBe('/home/ubuntu/helloWorld/.venv/bin/uwsgi\n');
    await steps(shell, [writeIni(TUTORIAL_UWSGI_INI)]);
    await uwsgiInBackground(shell);
    await nginxStep(bench);
    const answer = await curl(shell);
    expect(answer.text.endsWith('\r\n\r\nHello World!')).toBe(true);
    expect(answer.text.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
  });
});

describe('the ways it goes wrong', () => {
  it('the plugin forgotten: uWSGI starts without a request plugin, nginx answers 502', async () => {
    const bench = scenarioBench('original');
    await steps(bench.shell, [writeIni(TUTORIAL_UWSGI_INI)]);
    await uwsgiInBackground(bench.shell);
    // §3.1: Debian's modular uWSGI has no Python in it until the plugin is loaded
    expect(bench.machine.fs.readText('/tmp/uwsgi.log')).toContain(
      'no request plugin is loaded, you will not be able to manage requests.',
    );
    await nginxStep(bench);
    expect((await curl(bench.shell)).text.split('\r\n')[0]).toBe('HTTP/1.1 502 Bad Gateway');
    expect(bench.machine.fs.readText('/var/log/nginx/error.log')).toContain(
      'upstream prematurely closed connection while reading response header from upstream',
    );
  });

  it('pip refused outside the venv: exit 1, nothing installed', async () => {
    const bench = scenarioBench('original');
    const result = await runLine(bench.shell, 'pip install uwsgi');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'note: If you believe this is a mistake, please contact your Python installation or OS distribution provider.',
    );
    expect(bench.machine.fs.lexists('/usr/local/bin/uwsgi')).toBe(false);
  });

  it('502 before uWSGI starts: nginx finds no socket (2: No such file or directory)', async () => {
    const bench = scenarioBench('original');
    await aptInstall(bench, 'uwsgi-plugin-python3');
    await nginxStep(bench);
    expect((await curl(bench.shell)).text.split('\r\n')[0]).toBe('HTTP/1.1 502 Bad Gateway');
    expect(bench.machine.fs.readText('/var/log/nginx/error.log')).toMatch(
      /\[crit\] \d+#\d+: \*\d+ connect\(\) to unix:\/tmp\/uwsgi.sock failed \(2: No such file or directory\) while connecting to upstream/,
    );
    // then uWSGI starts, and the same request works
    await steps(bench.shell, [writeIni(`${TUTORIAL_UWSGI_INI}plugin = python3\n`)]);
    await uwsgiInBackground(bench.shell);
    expect((await curl(bench.shell)).text.endsWith('Hello World!')).toBe(true);
  });

  it('no chmod-socket: the socket is root’s 0755 and nginx’s www-data gets (13: Permission denied)', async () => {
    const bench = scenarioBench('original');
    await aptInstall(bench, 'uwsgi-plugin-python3');
    const ini = `${TUTORIAL_UWSGI_INI.replace('chmod-socket=666\n', '')}plugin = python3\n`;
    await steps(bench.shell, [writeIni(ini)]);
    await uwsgiInBackground(bench.shell);
    expect(await steps(bench.shell, ['ls -l /tmp/uwsgi.sock'])).toMatch(
      /^srwxr-xr-x 1 root root 0 .* \/tmp\/uwsgi.sock\n$/,
    );
    await nginxStep(bench);
    expect((await curl(bench.shell)).text.split('\r\n')[0]).toBe('HTTP/1.1 502 Bad Gateway');
    expect(bench.machine.fs.readText('/var/log/nginx/error.log')).toMatch(
      /\[crit\] \d+#\d+: \*\d+ connect\(\) to unix:\/tmp\/uwsgi.sock failed \(13: Permission denied\) while connecting to upstream/,
    );
  });
});
