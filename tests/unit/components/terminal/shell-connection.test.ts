// The terminal's connection without xterm.js: keys reach the lab's shell and its output the
// screen; the screen's size reaches the commands; `exit` ends the shell and the next key logs in
// again on the same machine; a reset clears the screen and starts a session on the fresh machine;
// the typist types a snippet's commands one prompt at a time and never presses Enter.
import { describe, expect, it } from 'vitest';
import { Lab } from '../../../../src/lab/lab.ts';
import { SCENARIOS } from '../../../../src/shell/scenarios/index.ts';
import { stripAnsi } from '../../../../src/shell/terminal-width.ts';
import {
  ShellConnection,
  type Screen,
} from '../../../../src/components/terminal/shell-connection.ts';

const PROMPT = 'root@helloworld:/home/ubuntu/helloWorld# ';

class FakeScreen implements Screen {
  cols = 60;
  rows = 20;
  text = '';
  resets = 0;
  write(data: string): void {
    this.text += data;
  }
  reset(): void {
    this.text = '';
    this.resets += 1;
  }
  get plain(): string {
    return stripAnsi(this.text);
  }
}

async function connect(): Promise<{
  lab: Lab;
  screen: FakeScreen;
  connection: ShellConnection;
  settled: () => number;
}> {
  const lab = Lab.open({ scenario: SCENARIOS.original });
  const screen = new FakeScreen();
  let settled = 0;
  const connection = new ShellConnection(lab, screen, {
    exitedText: 'The shell has ended.',
    onSettled: () => void (settled += 1),
  });
  await connection.start();
  return { lab, screen, connection, settled: () => settled };
}

/** Lets the shell's work run: every step is a promise. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

describe('a shell on the screen', () => {
  it('shows the prompt, runs what is typed, and says when a command has settled', async () => {
    const { screen, connection, settled } = await connect();
    expect(screen.plain).toBe(PROMPT);
    connection.input('echo 한글\r');
    await settle();
    expect(screen.plain).toBe(`${PROMPT}echo 한글\r\n한글\r\n${PROMPT}`);
    expect(settled()).toBeGreaterThan(0);
  });

  it('tells the commands the screen’s width, and follows a resize', async () => {
    const { screen, connection } = await connect();
    const widest = (): number =>
      Math.max(...screen.plain.split('\r\n').map((line) => [...line].length));
    connection.input('ls /usr/bin\r');
    await settle();
    expect(widest()).toBeLessThanOrEqual(60);
    expect(widest()).toBeGreaterThan(40);
    screen.text = '';
    connection.resize(200, 30);
    connection.input('ls /usr/bin\r');
    await settle();
    expect(widest()).toBeGreaterThan(60);
  });

  it('logs in again on the same machine with the next key after `exit`', async () => {
    const { lab, screen, connection } = await connect();
    const machine = lab.machine;
    connection.input('touch /tmp/kept; cd /; exit\r');
    await settle();
    expect(screen.plain).toContain('The shell has ended.\r\n');
    connection.input('x');
    await settle();
    expect(lab.machine).toBe(machine);
    expect(screen.plain.endsWith(PROMPT)).toBe(true);
    connection.input('ls /tmp\r');
    await settle();
    expect(screen.plain).toContain('\r\nkept\r\n');
  });

  it('starts over on a reset: a clean screen, a new session on the fresh machine', async () => {
    const { lab, screen, connection } = await connect();
    connection.input('rm app.py\r');
    await settle();
    lab.reset();
    await connection.restart();
    expect(screen.resets).toBe(1);
    expect(screen.plain).toBe(PROMPT);
    connection.input('ls app.py\r');
    await settle();
    expect(screen.plain).toBe(`${PROMPT}ls app.py\r\napp.py\r\n${PROMPT}`);
  });
});

describe('another scenario’s lab', () => {
  it('gets a clean screen and a session on its machine; the old lab is left alone', async () => {
    const { lab, screen, connection } = await connect();
    connection.input('touch /tmp/first\r');
    await settle();
    const other = Lab.open({ scenario: SCENARIOS['broken-no-app'] });
    await connection.switchLab(other);
    expect(screen.resets).toBe(1);
    expect(screen.plain).toBe(PROMPT);
    connection.input('grep ^module uwsgi.ini; ls /tmp\r');
    await settle();
    expect(screen.plain).toContain('\r\nmodule=yourapplication\r\n');
    expect(screen.plain).not.toContain('first');
    expect(lab.machine.fs.exists('/tmp/first')).toBe(true);
  });
});

describe('the output, as it goes', () => {
  it('reaches onOutput exactly as the screen gets it', async () => {
    const lab = Lab.open({ scenario: SCENARIOS.original });
    const screen = new FakeScreen();
    let seen = '';
    const connection = new ShellConnection(lab, screen, {
      exitedText: 'The shell has ended.',
      onSettled: () => undefined,
      onOutput: (data) => void (seen += data),
    });
    await connection.start();
    connection.input('pip install flask\r');
    await settle();
    expect(stripAnsi(seen)).toContain('error: externally-managed-environment');
    expect(seen).toBe(screen.text);
  });
});

describe('typing a snippet', () => {
  it('types the first command over what was on the line, the next after the reader’s Enter', async () => {
    const { screen, connection } = await connect();
    connection.input('half typed');
    await connection.typist.type(['echo one', 'echo two']);
    await settle();
    expect(screen.plain.endsWith('echo one')).toBe(true);
    expect(screen.plain).not.toContain('\r\none\r\n');
    connection.input('\r');
    await settle();
    expect(screen.plain).toContain('\r\none\r\n');
    expect(screen.plain.endsWith(`${PROMPT}echo two`)).toBe(true);
    connection.input('\r');
    await settle();
    expect(screen.plain.endsWith(`two\r\n${PROMPT}`)).toBe(true);
  });

  it('drops what is left on Ctrl-C', async () => {
    const { screen, connection } = await connect();
    await connection.typist.type(['echo one', 'echo two']);
    await settle();
    connection.input('\x03');
    await settle();
    connection.input('\r');
    await settle();
    expect(screen.plain).not.toContain('echo two');
  });

  it('types a here-document with its inner line ends, leaving the last Enter', async () => {
    const { screen, connection } = await connect();
    await connection.typist.type(['cat <<EOF\nline one\nEOF']);
    await settle();
    expect(screen.plain).not.toContain('\r\nline one\r\n' + PROMPT);
    connection.input('\r');
    await settle();
    expect(screen.plain).toContain('\r\nline one\r\n');
  });
});
