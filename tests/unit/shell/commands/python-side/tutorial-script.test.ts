// The original tutorial's python side as one script through the shell `cli shell` runs
// (runScript on the `original` scenario): the venv, pip installing uWSGI into it, the tutorial's
// mv / ln -s leaving a dangling link, the tutorial's command with the venv's uWSGI; then Debian's
// uWSGI refusing it without the plugin, and working once uwsgi-plugin-python3 is installed and
// `--plugin python3` comes first.

import { describe, expect, it } from 'vitest';
import { MachineShell } from '../../../../../src/shell/machine-shell.ts';
import { runScript } from '../../../../../src/shell/script-runner.ts';
import { SCENARIOS } from '../../../../../src/shell/scenarios/index.ts';
import { uwsgiInstances } from '../../../../../src/shell/programs/uwsgi-instance.ts';
import { Collector } from '../../machine-transcript.ts';

const SCRIPT = `source .venv/bin/activate
pip install uwsgi
which uwsgi
mv /usr/bin/uwsgi /usr/bin/uwsgi-old
ln -s /usr/local/bin/uwsgi /usr/bin/uwsgi
ls -l /usr/bin/uwsgi
uwsgi -s /tmp/uwsgi.sock --module app --callable app --venv .venv --chmod-socket=666 &
sleep 1
ls -l /tmp/uwsgi.sock
deactivate
uwsgi --version
uwsgi-old -s /tmp/uwsgi2.sock --module app --callable app --venv .venv
echo "refused: $?"
apt-get install -y uwsgi-plugin-python3
uwsgi-old --plugin python3 -s /tmp/uwsgi2.sock --module app --callable app --venv .venv &
sleep 1
ls -l /tmp/uwsgi2.sock
`;

describe('the tutorial’s python side, scripted (cli shell --scenario original)', () => {
  it('both ways that work today: pip’s uWSGI in the venv, Debian’s with its plugin', async () => {
    const machine = SCENARIOS.original.build(1);
    const shell = new MachineShell(machine, { cwd: SCENARIOS.original.cwd, term: 'dumb' });
    const out = new Collector();
    const status = await runScript(shell, SCRIPT, { stdout: out, stderr: out });
    const text = out.text;
    expect(text).toContain('Successfully installed uwsgi-2.0.21\n');
    expect(text).toContain('/home/ubuntu/helloWorld/.venv/bin/uwsgi\n');
    expect(text).toMatch(
      /lrwxrwxrwx 1 root root 20 .* \/usr\/bin\/uwsgi -> \/usr\/local\/bin\/uwsgi\n/,
    );
    // the venv's uWSGI (monolithic) serves the app
    expect(text).toContain('detected binary path: /home/ubuntu/helloWorld/.venv/bin/uwsgi\n');
    expect(text).toMatch(/WSGI app 0 \(mountpoint=''\) ready in 0 seconds on interpreter/);
    expect(text).toMatch(/srw-rw-rw- 1 root root 0 .* \/tmp\/uwsgi\.sock\n/);
    // out of the venv (deactivate empties bash's hash) /usr/bin/uwsgi is the dangling link
    expect(text).toContain('bash: uwsgi: command not found\n');
    expect(text).toContain(
      "uwsgi-old: unrecognized option '--module'\ngetopt_long() error\nrefused: 1\n",
    );
    expect(text).toContain('Setting up uwsgi-plugin-python3 (2.0.21-5.1) ...\n');
    expect(text).toContain('detected binary path: /usr/bin/uwsgi-core\n');
    expect(text).toMatch(/srwxr-xr-x 1 root root 0 .* \/tmp\/uwsgi2\.sock\n/);
    expect(status).toBe(0);
    const builds = uwsgiInstances(machine).map((instance) => instance.launch.build.kind);
    expect(builds.sort()).toEqual(['debian', 'pip']);
    for (const instance of uwsgiInstances(machine)) instance.signal('SIGINT');
  });
});
