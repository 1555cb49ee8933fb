// `jobs`, `fg` and `bg` on the machine, against what bash 5.2 prints (checked with `bash -c 'set
// -m; …'` on Debian 12): the listing, the errors, and `fg` handing the terminal to a background
// uWSGI until Ctrl-C.

import { describe, expect, it } from 'vitest';
import { TextInput } from '../../../../src/shell/bash/text-input.ts';
import { Collector } from '../machine-transcript.ts';
import { scenarioBench } from '../programs/scenario-shell.ts';

async function run(bench: ReturnType<typeof scenarioBench>, line: string, out: Collector) {
  const step = await bench.shell.session.submit(line, {
    stdin: new TextInput(''),
    stdout: out,
    stderr: out,
  });
  return step.kind === 'more' ? undefined : step.status;
}

describe('jobs, fg and bg', () => {
  it('lists a background job, its pid, and says which specs name nothing', async () => {
    const bench = scenarioBench('original');
    const out = new Collector();
    await run(bench, 'sleep 100 &', out);
    out.text = '';
    expect(await run(bench, 'jobs', out)).toBe(0);
    expect(out.text).toBe('[1]+  Running                 sleep 100 &\n');
    out.text = '';
    await run(bench, 'jobs -p', out);
    const pid = Number(out.text.trim());
    expect(bench.machine.processes.byPid(pid)).toBeDefined();
    out.text = '';
    expect(await run(bench, 'jobs %2', out)).toBe(1);
    expect(out.text).toBe('bash: jobs: %2: no such job\n');
    out.text = '';
    expect(await run(bench, 'bg', out)).toBe(0);
    expect(out.text).toBe('bash: bg: job 1 already in background\n');
    out.text = '';
    expect(await run(bench, 'fg %3', out)).toBe(1);
    expect(out.text).toBe('bash: fg: %3: no such job\n');
  });

  it('fg with no jobs: current: no such job', async () => {
    const bench = scenarioBench('original');
    const out = new Collector();
    expect(await run(bench, 'fg', out)).toBe(1);
    expect(out.text).toBe('bash: fg: current: no such job\n');
  });

  it('fg brings a background uWSGI to the terminal; Ctrl-C ends it and fg returns its status', async () => {
    const bench = scenarioBench('original');
    const out = new Collector();
    await run(bench, 'apt-get install -y uwsgi-plugin-python3 > /dev/null', out);
    await run(
      bench,
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --venv .venv > /tmp/uwsgi.log 2>&1 &',
      out,
    );
    out.text = '';
    const foreground = run(bench, 'fg', out);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(out.text).toContain(
      'uwsgi --plugin python3 -s /tmp/uwsgi.sock --module app --callable app --venv .venv > /tmp/uwsgi.log 2>&1\n',
    );
    expect(bench.shell.session.interrupt()).toBe(true);
    // uWSGI without --master ends with status 30 on SIGINT (real-output-shell.md §4.2)
    expect(await foreground).toBe(30);
    out.text = '';
    await run(bench, 'jobs', out);
    expect(out.text).toBe('');
  });
});
