// "What the simulator simplifies" stays true to the source: every RECONSTRUCTED / SIMPLIFIED
// comment in src/ is explained by an entry of content/simplifications.json (in both languages),
// and every entry points at files that still carry its marker.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import rawEntries from '../../../content/simplifications.json' with { type: 'json' };
import { findMarkers, markersIn, type MarkerKind } from '../../../src/layouts/source-markers.ts';
import { markedQuotes } from '../../../src/layouts/marked-quotes.ts';
import {
  PROGRAMS,
  entryMarkers,
  simplificationGroups,
} from '../../../src/layouts/simplifications.ts';

// JSON types `kind` as any string; the schema (src/content.config.ts) holds it to the two kinds.
const entries = rawEntries.map((entry) => ({ ...entry, kind: entry.kind as MarkerKind }));

function sourceFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(files, sourceFiles(path));
    else if (/\.(ts|astro)$/.test(name))
      files[path.replace(/\\/g, '/')] = readFileSync(path, 'utf8');
  }
  return files;
}

describe('findMarkers', () => {
  it('finds the marker words in comments, in capitals or capitalised', () => {
    const text = [
      '// RECONSTRUCTED: from the sources',
      'const x = 1; // not a marker: RECONSTRUCTED words in code lines count only in comments',
      ' * as JSDoc. SIMPLIFIED: one buffer',
      '// Simplified, on purpose: no colours',
      '// RECONSTRUCTED from systemd 252',
      "const s = 'SIMPLIFIED: in a string';",
      '// a mention of `SIMPLIFIED:` in backticks, and "simplified" in a sentence',
    ].join('\n');
    expect(findMarkers('f.ts', text).map(({ line, kind }) => [line, kind])).toEqual([
      [1, 'reconstructed'],
      [3, 'simplified'],
      [4, 'simplified'],
      [5, 'reconstructed'],
    ]);
    expect(findMarkers('f.ts', text)[1]?.text).toBe('* as JSDoc. SIMPLIFIED: one buffer');
  });
});

describe('content/simplifications.json', () => {
  const markers = markersIn(sourceFiles('src'));

  it('explains every marker in src/', () => {
    const explained = new Set(entries.flatMap((entry) => entryMarkers(entry, markers)));
    const unexplained = markers.filter((marker) => !explained.has(marker));
    // A new marker needs an entry (ko and en prose) naming its file, or its file added to one.
    expect(unexplained.map((m) => `${m.file}:${m.line} (${m.kind})`)).toEqual([]);
  });

  it('points only at files that carry the entry’s marker', () => {
    const stale = entries.flatMap((entry) =>
      entry.sources
        .filter((file) => entryMarkers({ ...entry, sources: [file] }, markers).length === 0)
        .map((file) => `${entry.id}: ${file}`),
    );
    expect(stale).toEqual([]);
  });

  it('has unique ids, known programs, and prose in both languages', () => {
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    for (const entry of entries) {
      expect(PROGRAMS, entry.id).toContain(entry.program);
      expect(entry.ko.text, entry.id).toMatch(/[가-힣]/);
      expect(entry.en.text, entry.id).not.toMatch(/[가-힣]/);
    }
  });
});

describe('simplificationGroups', () => {
  it('groups by program in a fixed order, with the marked lines of each entry', () => {
    const entry = (
      id: string,
      program: 'nginx' | 'systemd',
      kind: 'simplified',
      sources: string[],
    ) => ({
      id,
      program,
      kind,
      sources,
      title: id,
      text: id,
    });
    const groups = simplificationGroups(
      [
        { ...entry('b', 'systemd', 'simplified', ['b.ts']), marker: 'b' },
        entry('a', 'nginx', 'simplified', ['a.ts']),
      ],
      [
        { file: 'a.ts', line: 3, kind: 'simplified', text: '// SIMPLIFIED: a' },
        { file: 'a.ts', line: 9, kind: 'reconstructed', text: '// RECONSTRUCTED: a' },
        { file: 'b.ts', line: 1, kind: 'simplified', text: '// SIMPLIFIED: b' },
        { file: 'b.ts', line: 7, kind: 'simplified', text: '// SIMPLIFIED: other' },
      ],
    );
    expect(groups.map((g) => [g.program, g.items.map((i) => [i.id, i.lines])])).toEqual([
      ['nginx', [['a', ['a.ts:3']]]],
      ['systemd', [['b', ['b.ts:1']]]],
    ]);
  });
});

describe('markedQuotes', () => {
  it('finds the code blocks marked reconstructed, under their headings', () => {
    const source = [
      '## Restart or reload',
      '',
      '```console reconstructed',
      '$ /etc/init.d/nginx restart',
      'Restarting nginx (via systemctl): nginx.service.',
      '```',
      '',
      '```console',
      '## not a heading inside code',
      '```',
      '',
      '### Other',
      '',
      '```text title="reconstructed.txt"',
      'a title is not the marker',
      '```',
      '````ini title="x" reconstructed',
      '[uwsgi]',
      '```',
      'still inside',
      '````',
    ].join('\n');
    expect(markedQuotes(source, 'reconstructed')).toEqual([
      { section: 'Restart or reload', firstLine: '$ /etc/init.d/nginx restart' },
      { section: 'Other', firstLine: '[uwsgi]' },
    ]);
    expect(markedQuotes(source, 'real-only')).toEqual([]);
  });

  it('tells the words apart: real-only is not reconstructed', () => {
    const source = ['## Timing', '', '```console real-only', '$ time curl -s x', '```'].join('\n');
    expect(markedQuotes(source, 'real-only')).toEqual([
      { section: 'Timing', firstLine: '$ time curl -s x' },
    ]);
    expect(markedQuotes(source, 'reconstructed')).toEqual([]);
  });
});
