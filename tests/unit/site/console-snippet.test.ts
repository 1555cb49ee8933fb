import { describe, expect, it } from 'vitest';
import { splitConsoleSnippet } from '../../../src/markdown/console-snippet.ts';

describe('splitConsoleSnippet', () => {
  it('copies commands without prompts or output', () => {
    const snippet = splitConsoleSnippet('$ uwsgi --version\n2.0.21-debian\n$ whoami\nroot');
    expect(snippet.commands).toEqual(['uwsgi --version', 'whoami']);
    expect(snippet.lines.map((l) => l.kind)).toEqual(['command', 'output', 'command', 'output']);
  });

  it('keeps backslash continuations with their command', () => {
    const snippet = splitConsoleSnippet(
      '$ uwsgi -s /tmp/uwsgi.sock \\\n    --module app\n*** Starting uWSGI',
    );
    expect(snippet.commands).toEqual(['uwsgi -s /tmp/uwsgi.sock \\\n    --module app']);
    expect(snippet.lines.map((l) => l.kind)).toEqual(['command', 'continuation', 'output']);
  });

  it('keeps a here-document body, even lines that look like prompts or output', () => {
    const code = "$ cat > app.ini <<'EOF'\n[uwsgi]\n$ not a prompt\nEOF\n$ uwsgi app.ini\nstarted";
    const snippet = splitConsoleSnippet(code);
    expect(snippet.commands).toEqual([
      "cat > app.ini <<'EOF'\n[uwsgi]\n$ not a prompt\nEOF",
      'uwsgi app.ini',
    ]);
    expect(snippet.lines.map((l) => l.kind)).toEqual([
      'command',
      'continuation',
      'continuation',
      'continuation',
      'command',
      'output',
    ]);
  });

  it('treats a snippet without prompts as output only', () => {
    expect(splitConsoleSnippet('Hello World!').commands).toEqual([]);
  });

  it('accepts an empty command line', () => {
    expect(splitConsoleSnippet('$').commands).toEqual(['']);
  });
});
