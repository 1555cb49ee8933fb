// The machine: Debian 12's layout and accounts, package installation (files, alternatives, dpkg's
// record, what nginx-common's postinst adds), seeded sources, the process table, and the whole
// machine saved and loaded again — identical, or a SnapshotError for anything broken.

import { describe, expect, it } from 'vitest';
import { debianMachine } from '../../../src/shell/machine/base-system.ts';
import { installPackage, removePackageFiles } from '../../../src/shell/machine/install-package.ts';
import { firstPidFor } from '../../../src/shell/machine/machine.ts';
import {
  restoreMachine,
  snapshotMachine,
  type MachineSnapshot,
} from '../../../src/shell/machine/machine-snapshot.ts';
import { catalogPackage } from '../../../src/shell/machine/package-catalog.ts';
import { createVenv, installFlaskIntoVenv } from '../../../src/shell/machine/python-venv.ts';
import { SnapshotError } from '../../../src/shell/vfs/snapshot-error.ts';
import { freshDebian } from './machine-transcript.ts';

const ROOT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

describe('a fresh Debian 12 machine', () => {
  const machine = freshDebian();

  it('has the merged-/usr layout, /tmp 1777, /root 700 and /dev/null', () => {
    const fs = machine.fs;
    expect(fs.lstat('/bin')).toMatchObject({ type: 'symlink' });
    expect(fs.readLink('/bin')).toBe('usr/bin');
    expect(fs.stat('/tmp').mode).toBe(0o1777);
    expect(fs.stat('/root').mode).toBe(0o700);
    expect(fs.stat('/dev/null')).toMatchObject({ kind: 'device', device: { major: 1, minor: 3 } });
    expect(fs.readText('/etc/hostname')).toBe('helloworld\n');
    expect(fs.readText('/etc/os-release')).toContain(
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
    );
    // a fresh server has no web server folder yet: nginx-common makes /var/www
    expect(fs.exists('/var/www')).toBe(false);
  });

  it('has the base system’s executables, with the alternatives their postinsts register', () => {
    const fs = machine.fs;
    for (const name of [
      'ls',
      'cat',
      'bash',
      'grep',
      'python3',
      'curl',
      'sudo',
      'nano',
      'which',
      'awk',
    ]) {
      expect(fs.exists(`/usr/bin/${name}`), name).toBe(true);
    }
    expect(fs.realpath('/usr/bin/which')).toBe('/usr/bin/which.debianutils');
    expect(fs.realpath('/usr/bin/awk')).toBe('/usr/bin/mawk');
    expect(fs.realpath('/usr/bin/python3')).toBe('/usr/bin/python3.11');
    expect(fs.realpath('/usr/bin/vi')).toBe('/usr/bin/vim.tiny');
    // nano (priority 40) wins the editor alternative over vim.tiny (15)
    expect(fs.realpath('/usr/bin/editor')).toBe('/usr/bin/nano');
    expect(fs.stat('/usr/bin/ls')).toMatchObject({
      program: '/usr/bin/ls',
      standIn: true,
      mode: 0o755,
    });
    expect(fs.stat('/usr/bin/ls').size).toBeGreaterThan(100_000);
    expect(fs.exists('/usr/bin/uwsgi')).toBe(false);
    expect(machine.packages.isInstalled('coreutils')).toBe(true);
    expect(machine.packages.isInstalled('nginx')).toBe(false);
  });

  it('has Debian 12’s accounts: www-data 33, nobody with nogroup, no group nobody', () => {
    expect(machine.users.userByName('www-data')).toMatchObject({
      uid: 33,
      gid: 33,
      home: '/var/www',
    });
    expect(machine.users.userByName('nobody')).toMatchObject({ uid: 65534, gid: 65534 });
    expect(machine.users.groupById(65534)?.name).toBe('nogroup');
    expect(machine.users.groupByName('nobody')).toBeUndefined();
    expect(machine.users.groupByName('adm')?.gid).toBe(4);
    expect(machine.fs.stat('/etc/shadow')).toMatchObject({ mode: 0o640, gid: 42 });
  });

  it('runs the processes of a systemd server after boot', () => {
    const list = machine.processes.list();
    expect(list[0]).toMatchObject({ pid: 1, user: 'root', command: '/sbin/init', state: 'Ss' });
    expect(list.some((p) => p.user === 'messagebus')).toBe(true);
    expect(machine.processes.signal(1, 'SIGTERM')).toBe('delivered');
    expect(machine.processes.signal(99999, 'SIGTERM')).toBe('no-such-process');
  });

  it('hands out seeded pids and ephemeral ports in 32768–60999', () => {
    const a = debianMachine({ seed: 7 });
    const b = debianMachine({ seed: 7 });
    expect(a.pids.next()).toBe(b.pids.next());
    expect(a.pids.peek()).toBe(firstPidFor(7) + 1);
    const ports = Array.from({ length: 50 }, () => a.net.ephemeralPort());
    expect(ports).toEqual(Array.from({ length: 50 }, () => b.net.ephemeralPort()));
    for (const port of ports) expect(port >= 32768 && port <= 60999).toBe(true);
    expect(debianMachine({ seed: 8 }).pids.peek()).not.toBe(firstPidFor(7));
  });
});

describe('installing packages', () => {
  it('lays down uWSGI as Debian does: uwsgi-core, the alternatives link, no Python plugin', () => {
    const machine = freshDebian();
    installPackage(machine, 'uwsgi-core', { automatic: true });
    expect(installPackage(machine, 'uwsgi')).toMatchObject({
      kind: 'installed',
      reinstalled: false,
      services: ['uwsgi'],
    });
    const fs = machine.fs;
    expect(fs.readLink('/usr/bin/uwsgi')).toBe('/etc/alternatives/uwsgi');
    expect(fs.readLink('/etc/alternatives/uwsgi')).toBe('/usr/bin/uwsgi-core');
    expect(fs.lstat('/usr/bin/uwsgi').mtime).toBe(1684504769);
    expect(fs.stat('/usr/bin/uwsgi')).toMatchObject({
      program: '/usr/bin/uwsgi-core',
      size: 917736,
    });
    expect(fs.exists('/usr/lib/uwsgi/plugins/http_plugin.so')).toBe(true);
    expect(fs.exists('/usr/lib/uwsgi/plugins/python3_plugin.so')).toBe(false);
    expect(fs.readText('/etc/default/uwsgi')).toContain(
      'INHERITED_CONFIG=/usr/share/uwsgi/conf/default.ini',
    );
    expect(machine.packages.get('uwsgi-core')).toMatchObject({
      version: '2.0.21-5.1',
      automatic: true,
    });
    installPackage(machine, 'uwsgi-plugin-python3');
    expect(fs.realpath('/usr/lib/uwsgi/plugins/python3_plugin.so')).toBe(
      '/usr/lib/uwsgi/plugins/python311_plugin.so',
    );
    expect(fs.realpath('/usr/bin/uwsgi_python3')).toBe('/usr/bin/uwsgi-core');
  });

  it('installs nginx with Debian’s config, the enabled default site, logs and the unit enabled', () => {
    const machine = freshDebian();
    for (const name of ['nginx-common', 'nginx', 'nginx-full']) installPackage(machine, name);
    const fs = machine.fs;
    expect(fs.readLink('/etc/nginx/sites-enabled/default')).toBe(
      '/etc/nginx/sites-available/default',
    );
    expect(fs.readText('/etc/nginx/nginx.conf')).toContain('user www-data;');
    expect(fs.stat('/var/log/nginx/access.log')).toMatchObject({ uid: 33, gid: 4, mode: 0o640 });
    expect(fs.stat('/var/log/nginx')).toMatchObject({ gid: 4, mode: 0o755 });
    expect(fs.exists('/var/www/html/index.nginx-debian.html')).toBe(true);
    expect(fs.readText('/etc/init.d/nginx')).toContain('# Provides:\t  nginx');
    expect(fs.realpath('/etc/systemd/system/multi-user.target.wants/nginx.service')).toBe(
      '/usr/lib/systemd/system/nginx.service',
    );
    expect(fs.stat('/usr/sbin/nginx').program).toBe('/usr/sbin/nginx');
    // a reinstall keeps the site the reader changed (dpkg keeps changed conffiles)
    fs.writeText('/etc/nginx/sites-available/default', 'server {}\n');
    expect(installPackage(machine, 'nginx-common')).toMatchObject({ reinstalled: true });
    expect(fs.readText('/etc/nginx/sites-available/default')).toBe('server {}\n');
  });

  it('knows only the catalog’s packages, and removes what it installed', () => {
    const machine = freshDebian();
    expect(installPackage(machine, 'no-such-package')).toEqual({
      kind: 'unknown',
      name: 'no-such-package',
    });
    installPackage(machine, 'python3-pip');
    expect(machine.fs.exists('/usr/bin/pip')).toBe(true);
    expect(machine.fs.readText('/usr/bin/pip')).toMatch(/^#!\/usr\/bin\/python3/);
    expect(removePackageFiles(machine, 'python3-pip')).toBe(true);
    expect(machine.fs.exists('/usr/bin/pip')).toBe(false);
    expect(machine.packages.isInstalled('python3-pip')).toBe(false);
    expect(catalogPackage('python3-flask')?.version).toBe('2.2.2-3');
  });

  it('gives python3 Debian’s Flask once python3-flask is installed', () => {
    const machine = freshDebian();
    expect(machine.systemPythonModules.has('flask')).toBe(false);
    for (const name of ['python3-flask', 'python3-werkzeug', 'python3-jinja2'])
      installPackage(machine, name);
    expect([...machine.systemPythonModules].sort()).toEqual(['flask', 'jinja2', 'werkzeug']);
  });
});

describe('venvs', () => {
  it('makes what python3 -m venv makes (real-output-shell.md §1.4)', () => {
    const machine = freshDebian();
    createVenv(machine.fs, '/home/ubuntu/helloWorld/.venv');
    const fs = machine.fs;
    const dir = '/home/ubuntu/helloWorld/.venv';
    expect(fs.readDir(`${dir}/bin`).sort()).toEqual([
      'Activate.ps1',
      'activate',
      'activate.csh',
      'activate.fish',
      'pip',
      'pip3',
      'pip3.11',
      'python',
      'python3',
      'python3.11',
    ]);
    expect(fs.stat(`${dir}/bin/activate`).size).toBe(2000);
    expect(fs.stat(`${dir}/bin/activate.csh`).size).toBe(926);
    expect(fs.stat(`${dir}/bin/activate.fish`).size).toBe(2202);
    expect(fs.stat(`${dir}/bin/Activate.ps1`).size).toBe(9033);
    expect(fs.stat(`${dir}/bin/pip`)).toMatchObject({ size: 246, mode: 0o755 });
    expect(fs.readLink(`${dir}/bin/python3`)).toBe('/usr/bin/python3');
    expect(fs.readLink(`${dir}/lib64`)).toBe('lib');
    expect(fs.readText(`${dir}/pyvenv.cfg`)).toBe(
      'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\nexecutable = /usr/bin/python3.11\ncommand = /usr/bin/python3 -m venv /home/ubuntu/helloWorld/.venv\n',
    );
    expect(fs.stat(`${dir}/pyvenv.cfg`).size).toBe(168);
    expect(fs.exists(`${dir}/lib/python3.11/site-packages/pip/__init__.py`)).toBe(true);
    expect(installFlaskIntoVenv(fs, dir)).toContain('flask-3.1.3');
    expect(fs.stat(`${dir}/lib/python3.11/site-packages/flask`).type).toBe('directory');
    expect(fs.readText(`${dir}/bin/flask`)).toMatch(
      /^#!\/home\/ubuntu\/helloWorld\/\.venv\/bin\/python3\n/,
    );
  });
});

describe('saving and loading', () => {
  it('gives back the same machine, processes to resume included', () => {
    const machine = freshDebian();
    installPackage(machine, 'nginx-common');
    machine.fs.mksocket('/tmp/uwsgi.sock', { mode: 0o666 });
    machine.clock.advance(12_345);
    machine.pids.next();
    machine.random.next();
    const unattach = machine.processes.attach(
      { processes: () => [] },
      { program: 'uwsgi', data: { argv: ['uwsgi', 'uwsgi.ini'], cwd: '/home/ubuntu/helloWorld' } },
    );
    const text = JSON.stringify(snapshotMachine(machine));
    const resumed: unknown[] = [];
    // the program layer's resumer starts the program again, which registers itself again
    const back = restoreMachine(JSON.parse(text) as unknown, {
      resumers: {
        uwsgi: (m, data) => {
          resumed.push(data);
          m.processes.attach({ processes: () => [] }, { program: 'uwsgi', data });
        },
      },
    });
    expect(JSON.stringify(snapshotMachine(back))).toBe(text);
    expect(resumed).toEqual([{ argv: ['uwsgi', 'uwsgi.ini'], cwd: '/home/ubuntu/helloWorld' }]);
    expect(back.clock.now()).toBe(machine.clock.now());
    expect(back.pids.next()).toBe(machine.pids.next());
    expect(back.random.next()).toBe(machine.random.next());
    expect(back.net.ephemeralPort()).toBe(machine.net.ephemeralPort());
    expect(back.processes.list()).toEqual(machine.processes.list());
    unattach();
  });

  it('is compact enough for localStorage', () => {
    const text = JSON.stringify(snapshotMachine(freshDebian()));
    expect(text.length).toBeLessThan(120_000);
  });

  it('fails with a SnapshotError for anything that is not a saved machine', () => {
    const good = snapshotMachine(freshDebian()) as unknown as Record<string, unknown>;
    const broken: unknown[] = [
      null,
      'x',
      [],
      {},
      { ...good, format: 'other' },
      { ...good, version: 0 },
      { ...good, clock: 'now' },
      { ...good, packages: ['only-a-name'] },
      { ...good, packages: [42] },
      { ...good, processes: [{ pid: 1 }] },
      { ...good, resume: [{}] },
      { ...good, fs: { version: 1, nextIno: 5, root: { t: 'f', i: 2, T: 0 } } },
      { ...good, nextPid: -1 },
    ];
    for (const value of broken) {
      let caught: unknown;
      try {
        restoreMachine(value);
      } catch (error) {
        caught = error;
      }
      expect(caught, JSON.stringify(value)?.slice(0, 60)).toBeInstanceOf(SnapshotError);
    }
    const snapshot = good as unknown as MachineSnapshot;
    expect(snapshot.fs.version).toBe(1);
  });
});

describe('the login environment', () => {
  it('is root’s PATH on Debian', () => {
    expect(ROOT_PATH.split(':')).toHaveLength(6);
  });
});
