// The directive table was extracted from nginx's sources configured like Debian's build; real nginx
// 1.22.1 must know every name in it, and must not know the dynamic modules' directives Debian does
// not load by default (stream, mail, geoip, perl, xslt, image_filter). Debian's own patch directives
// (debian-patch-directives.ts) must be known too.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DEBIAN_PATCH_DIRECTIVE_ROWS } from '../../../src/gateway/nginx/debian-patch-directives.ts';
import { DIRECTIVE_ROWS } from '../../../src/gateway/nginx/directive-table.ts';
import { directiveSpecs } from '../../../src/gateway/nginx/directive-lookup.ts';
import { describeWithPrograms, makeTempDir } from '../support/real-programs.ts';

function realVerdict(dir: string, name: string): string {
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, `${name} x;\n`);
  const run = spawnSync(
    'nginx',
    ['-t', '-p', `${dir}/`, '-c', conf, '-e', join(dir, 'error.log')],
    { encoding: 'utf8' },
  );
  return run.stderr.includes(`unknown directive "${name}"`) ? 'unknown' : 'known';
}

describeWithPrograms('directive table: real nginx', ['nginx'], () => {
  it('knows every directive in the table', () => {
    const dir = makeTempDir('uwsgi-lab-directives');
    try {
      const rows = [...DIRECTIVE_ROWS, ...DEBIAN_PATCH_DIRECTIVE_ROWS];
      const names = [...new Set(rows.map(([name]) => name))];
      const unknown = names.filter((name) => realVerdict(dir.path, name) === 'unknown');
      expect(unknown).toEqual([]);
    } finally {
      dir.cleanup();
    }
  });

  it('does not know what the table leaves out', () => {
    const dir = makeTempDir('uwsgi-lab-directives');
    try {
      for (const name of [
        'stream',
        'mail',
        'geoip_country',
        'perl',
        'xslt_stylesheet',
        'image_filter',
        'uwsgi_pas',
      ]) {
        expect(directiveSpecs(name)).toEqual([]);
        expect(realVerdict(dir.path, name)).toBe('unknown');
      }
    } finally {
      dir.cleanup();
    }
  });
});
