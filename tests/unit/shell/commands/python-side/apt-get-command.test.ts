// apt-get compared line by line with real-output-shell.md §7 (tests/fixtures/shell/python-side/).
// The capture machine had pending upgrades (`117 not upgraded`, `44 not upgraded`); the
// simulated one is up to date, so that count is masked, as are dpkg's file count and the
// download rate.

import { describe, expect, it } from 'vitest';
import { MachineShell } from '../../../../../src/shell/machine-shell.ts';
import { debianMachine } from '../../../../../src/shell/machine/base-system.ts';
import { installPackage } from '../../../../../src/shell/machine/install-package.ts';
import { sizeToStr, wrapList } from '../../../../../src/shell/programs/apt-get-program.ts';
import { scenarioBench } from '../../programs/scenario-shell.ts';
import { captured, fixture, originalBench, statusTranscript } from './python-bench.ts';

const counts = (text: string): string =>
  text
    .replace(/and \d+ not upgraded/g, 'and N not upgraded')
    .replace(/\(Reading database \.\.\. \d+ files/g, '(Reading database ... N files')
    .replace(/in \d+s \([\d.]+ [kM]B\/s\)/g, 'in Ts (RATE)');

describe('apt-get install (§7)', () => {
  it('already installed: the newest version, nothing to do, no question even without -y', async () => {
    const { shell } = originalBench((machine) => {
      for (const name of ['nginx-full', 'uwsgi-plugin-python3', 'python3-flask'])
        installPackage(machine, name);
    });
    const real = fixture('apt-get-already-installed.txt');
    for (const command of [
      'apt-get install -y nginx-full',
      'apt-get install -y uwsgi',
      'apt-get install nginx-full',
      'apt-get install -y uwsgi-plugin-python3 python3-flask',
      'apt-get install -y python3-pip python3-venv',
    ]) {
      expect(counts(await statusTranscript(shell, [command]))).toBe(
        counts(captured(real, command)),
      );
    }
  });

  it('--reinstall: the package fetched and unpacked over itself', async () => {
    const { shell } = originalBench((machine) => installPackage(machine, 'nginx-full'));
    const real = fixture('apt-get-reinstall.txt');
    const command = 'apt-get install -y --reinstall nginx-full';
    expect(counts(await statusTranscript(shell, [command]))).toBe(counts(captured(real, command)));
  });

  it('the question without -y on a fresh server, answered n: Abort., status 1, nothing installed', async () => {
    const machine = debianMachine({ seed: 1 });
    const shell = new MachineShell(machine, { cwd: '/root', term: 'dumb' });
    const real = fixture('apt-get-prompt.txt');
    for (const command of [
      'apt-get install nginx-full',
      'apt-get install uwsgi',
      'apt-get install python3-flask',
    ]) {
      expect(counts(await statusTranscript(shell, [command], 'n\n'))).toBe(
        counts(captured(real, command)),
      );
    }
    expect(machine.packages.isInstalled('nginx-full')).toBe(false);
    expect(machine.fs.exists('/etc/nginx/nginx.conf')).toBe(false);
  });

  it('lesson 05’s terminal already has uWSGI: libxml2 and libicu72 are not proposed, 12 packages', async () => {
    const { shell } = scenarioBench('uwsgi-running');
    const text = await statusTranscript(shell, ['apt-get install nginx-full'], 'n\n');
    expect(text).toContain('0 upgraded, 12 newly installed, 0 to remove and 0 not upgraded.\n');
    expect(text).not.toMatch(/libxml2|libicu72/);
    expect(text).toContain('Abort.');
  });

  it('only what is missing: the plugin alone needs no question (python3-pip brought libpython3.11)', async () => {
    const { shell, machine } = originalBench();
    const text = await statusTranscript(shell, ['apt-get install uwsgi-plugin-python3']);
    expect(text).toContain(
      'The following NEW packages will be installed:\n  uwsgi-plugin-python3\n0 upgraded, 1 newly installed',
    );
    expect(text).not.toContain('Do you want to continue?');
    expect(text).toContain('Setting up uwsgi-plugin-python3 (2.0.21-5.1) ...\n');
    expect(text).toMatch(/\[exit status 0\]\n$/);
    expect(machine.fs.readLink('/usr/lib/uwsgi/plugins/python3_plugin.so')).toBe(
      '/etc/alternatives/uwsgi-plugin-python3',
    );
  });

  it('answered y: downloads, unpacks and sets up; dependencies are marked automatic', async () => {
    const { shell, machine } = originalBench();
    const text = await statusTranscript(shell, ['apt-get install python3-flask'], 'y\n');
    expect(text).toContain('Do you want to continue? [Y/n] Get:1 ');
    expect(text).toContain('Selecting previously unselected package python3-flask.\n');
    expect(text).toContain('Setting up python3-flask (2.2.2-3) ...\n');
    expect(text).toMatch(/\[exit status 0\]\n$/);
    expect(machine.packages.get('python3-flask')?.automatic).toBe(false);
    expect(machine.packages.get('python3-werkzeug')?.automatic).toBe(true);
    expect(machine.fs.exists('/usr/lib/python3/dist-packages/Flask-2.2.2.egg-info')).toBe(true);
  });

  it('names what it cannot find; an unknown operation', async () => {
    const { shell } = originalBench();
    expect(await statusTranscript(shell, ['apt-get install nosuchpkg-xyz', 'apt-get foo'])).toBe(
      `$ apt-get install nosuchpkg-xyz
Reading package lists...
Building dependency tree...
Reading state information...
E: Unable to locate package nosuchpkg-xyz
[exit status 100]
$ apt-get foo
E: Invalid operation foo
[exit status 100]
`,
    );
  });
});

describe('apt’s formatting', () => {
  it('SizeToStr: SI units, a decimal under 100', () => {
    expect([0, 82140, 7923000, 11100000, 386000000].map(sizeToStr)).toEqual([
      '0 ',
      '82.1 k',
      '7923 k',
      '11.1 M',
      '386 M',
    ]);
  });

  it('wraps lists as §7.3 shows them at 80 columns', () => {
    const real = fixture('apt-get-prompt.txt');
    const title = 'The following NEW packages will be installed:\n';
    const start = real.lastIndexOf(title, real.indexOf('6 upgraded, 110')) + title.length;
    const block = real.slice(
      start,
      real.indexOf('The following packages will be upgraded:', start),
    );
    const names = block.split(/\s+/).filter((w) => w !== '');
    expect(wrapList(names, 80)).toBe(block);
  });
});
