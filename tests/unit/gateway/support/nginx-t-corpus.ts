// The `nginx -t` corpus (tests/fixtures/nginx/nginx-t-corpus.json, made by
// tests/fixtures/nginx/tools/capture-nginx-t.ts from real nginx 1.22.1) and the model's answer for
// one of its cases, masked the same way.

import { readFileSync } from 'node:fs';
import { latin1Bytes } from '../../../../src/protocol/index.ts';
import { debianNginxMachine } from '../../../../src/gateway/nginx/debian-machine.ts';
import { DEBIAN_LAYOUT, loadConfig } from '../../../../src/gateway/nginx/load-config.ts';
import { formatNginxTest } from '../../../../src/gateway/nginx/nginx-test.ts';

export interface NginxTestCorpusCase {
  readonly name: string;
  readonly site: string;
  readonly nginxConf?: string;
  readonly status: number;
  /** Real nginx's stderr, timestamps and pids masked. */
  readonly output: string;
}

export function readNginxTestCorpus(): readonly NginxTestCorpusCase[] {
  const url = new URL('../../../fixtures/nginx/nginx-t-corpus.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { cases: NginxTestCorpusCase[] }).cases;
}

/** Error-log stamps as the corpus masks them. */
export function maskStamps(text: string): string {
  return text.replace(
    /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[(\w+)\] \d+#\d+: /gm,
    'YYYY/MM/DD HH:MM:SS [$1] PID#PID: ',
  );
}

/** What the model's `nginx -t` prints for a case, masked. */
export function modelNginxTest(testCase: Pick<NginxTestCorpusCase, 'site' | 'nginxConf'>): {
  output: string;
  status: number;
} {
  const machine = debianNginxMachine(testCase.site);
  if (testCase.nginxConf !== undefined) {
    machine.fs.writeFile('/etc/nginx/nginx.conf', latin1Bytes(testCase.nginxConf));
  }
  const result = loadConfig({ fs: machine.fs, users: machine.users, layout: DEBIAN_LAYOUT });
  const run = formatNginxTest(result, DEBIAN_LAYOUT.confPath, {
    now: new Date(Date.UTC(2026, 10, 26, 6, 40, 19)),
    pid: 26512,
  });
  return { output: maskStamps(run.output), status: run.status };
}
