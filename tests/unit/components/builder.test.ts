// The config builder without a browser: its defaults write exactly the files the lessons teach
// (03 and 05 by hand, 08 with systemd and static files); each field's problems, the builder's own
// and the models' (quoted as nginx and uWSGI print them); every file it offers for a matrix of
// choices passes the project's nginx and uWSGI models; and nothing typed in a field can change a
// file's structure.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nginxTest } from '../../../src/gateway/nginx/commands.ts';
import { parseConfigFile } from '../../../src/gateway/nginx/parser.ts';
import { MemoryFs } from '../../../src/gateway/testing/memory-fs.ts';
import {
  DEBIAN_BUILD,
  installDebianUwsgi,
  readIni,
  readUwsgiCommand,
} from '../../../src/gateway/uwsgi/index.ts';
import {
  DEFAULT_INPUTS,
  followDefaults,
  serviceName,
  type BuilderInputs,
} from '../../../src/components/builder/builder-inputs.ts';
import { builderScenario } from '../../../src/components/builder/builder-scenario.ts';
import { blockViews, titleParts } from '../../../src/components/builder/builder-view.ts';
import {
  buildConfigs,
  type BuilderOutputs,
} from '../../../src/components/builder/config-builder.ts';
import type { FieldProblem } from '../../../src/components/builder/field-problem.ts';
import { checkInputs } from '../../../src/components/builder/input-checks.ts';
import { t } from '../../../src/i18n/index.ts';
import { lessonParts, type CodeBlockInfo } from '../../support/lesson-source.ts';
import { unfilled } from './component-test-helpers.ts';

function lessonBlocks(locale: 'ko' | 'en', file: string): CodeBlockInfo[] {
  return lessonParts(readFileSync(`content/lessons/${locale}/${file}`, 'utf8')).blocks;
}

/** The lesson's last block of `language` titled `title` (its "copy this" block). */
function copyThis(
  blocks: readonly CodeBlockInfo[],
  language: string,
  title?: string,
): CodeBlockInfo {
  const found = blocks.filter(
    (block) =>
      block.language === language &&
      block.title === title &&
      !block.meta.split(/\s+/).includes('broken'),
  );
  const last = found.at(-1);
  if (last === undefined) throw new Error(`no ${language} block titled ${title ?? '(none)'}`);
  return last;
}

function outputsOf(inputs: BuilderInputs): BuilderOutputs {
  const result = buildConfigs(inputs);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems)}`);
  return result.outputs;
}

function problemsOf(change: Partial<BuilderInputs>): readonly FieldProblem[] {
  const result = buildConfigs({ ...DEFAULT_INPUTS, ...change });
  return result.ok ? [] : result.problems;
}

const LESSON_08: BuilderInputs = {
  ...DEFAULT_INPUTS,
  systemd: true,
  socketPath: '/run/uwsgi/helloworld/uwsgi.sock',
  serveStatic: true,
};

describe('the defaults are the course’s setup', () => {
  for (const locale of ['ko', 'en'] as const) {
    it(`reproduce lessons 03 and 05 by hand (${locale})`, () => {
      const outputs = outputsOf(DEFAULT_INPUTS);
      const lesson03 = lessonBlocks(locale, '03-uwsgi-ini.mdx');
      const lesson05 = lessonBlocks(locale, '05-nginx.mdx');
      const ini = copyThis(lesson03, 'ini', '/home/ubuntu/helloWorld/uwsgi.ini');
      const site = copyThis(lesson05, 'nginx', '/etc/nginx/sites-available/default');
      expect(outputs.ini.text).toBe(`${ini.code}\n`);
      expect(outputs.ini.path).toBe(ini.title);
      expect(outputs.nginx.text).toBe(`${site.code}\n`);
      expect(outputs.nginx.path).toBe(site.title);
      expect(outputs.unit).toBeUndefined();
      // the commands: lesson 03's start, then lesson 05's test, reload and request
      expect(builderScenario(outputs).commands.join('\n')).toBe(
        `${copyThis(lesson03, 'shell').code}\n${copyThis(lesson05, 'shell').code}`,
      );
    });

    it(`reproduce lesson 08 with systemd and static files (${locale})`, () => {
      const outputs = outputsOf(
        followDefaults(DEFAULT_INPUTS, { ...DEFAULT_INPUTS, systemd: true, serveStatic: true }),
      );
      const lesson08 = lessonBlocks(locale, '08-production.mdx');
      const ini = copyThis(lesson08, 'ini', '/home/ubuntu/helloWorld/uwsgi.ini');
      const site = copyThis(lesson08, 'nginx', '/etc/nginx/sites-available/helloworld');
      const unit = copyThis(lesson08, 'ini', '/etc/systemd/system/uwsgi-helloworld.service');
      expect(outputs.ini.text).toBe(`${ini.code}\n`);
      expect(outputs.nginx.text).toBe(`${site.code}\n`);
      expect(outputs.nginx.path).toBe(site.title);
      expect(outputs.unit?.text).toBe(`${unit.code}\n`);
      expect(outputs.unit?.path).toBe(unit.title);
      expect(builderScenario(outputs).commands.join('\n')).toBe(copyThis(lesson08, 'shell').code);
    });
  }

  it('are what the models accept, with nginx -t’s own verdict', () => {
    const outputs = outputsOf(DEFAULT_INPUTS);
    expect(outputs.verdicts.nginx).toBe(
      'nginx: configuration file /etc/nginx/nginx.conf test is successful',
    );
    expect(outputs.verdicts.uwsgi).toBe(
      '[uWSGI] getting INI configuration from /home/ubuntu/helloWorld/uwsgi.ini',
    );
  });
});

describe('values that follow others', () => {
  it('move the virtualenv, the static folder and the socket with the app’s folder and systemd', () => {
    const moved = followDefaults(DEFAULT_INPUTS, { ...DEFAULT_INPUTS, appDir: '/srv/shop' });
    expect(moved).toMatchObject({
      venv: '/srv/shop/.venv',
      staticDir: '/srv/shop/static/',
      socketPath: '/tmp/uwsgi.sock',
    });
    const service = followDefaults(moved, { ...moved, systemd: true });
    expect(service.socketPath).toBe('/run/uwsgi/shop/uwsgi.sock');
    const back = followDefaults(service, { ...service, systemd: false });
    expect(back.socketPath).toBe('/tmp/uwsgi.sock');
  });

  it('stay where the reader put them', () => {
    const edited = { ...DEFAULT_INPUTS, venv: '/opt/venvs/hello', socketPath: '/tmp/hello.sock' };
    const moved = followDefaults(edited, { ...edited, appDir: '/srv/shop', systemd: true });
    expect(moved.venv).toBe('/opt/venvs/hello');
    expect(moved.socketPath).toBe('/tmp/hello.sock');
  });

  it('name the service after the app’s folder', () => {
    expect(serviceName({ appDir: '/home/ubuntu/helloWorld/' })).toBe('helloworld');
    expect(serviceName({ appDir: '/srv/My Shop' })).toBe('my-shop');
    expect(serviceName({ appDir: '/srv/앱' })).toBe('app');
  });
});

// [change, field, i18n key, the model's message (a pattern) when a model speaks]
const FIELD_PROBLEMS: [Partial<BuilderInputs>, string, string, RegExp?][] = [
  [{ appDir: '' }, 'appDir', 'builder.problem.empty'],
  [{ appDir: 'helloWorld' }, 'appDir', 'builder.problem.relative-dir'],
  [{ appDir: '/' }, 'appDir', 'builder.problem.root-dir'],
  [{ appDir: '/home/ubuntu/hello world' }, 'appDir', 'builder.problem.space'],
  [{ appDir: '/home/%d/app' }, 'appDir', 'builder.problem.character'],
  [{ module: 'app.py' }, 'module', 'builder.problem.module-py'],
  [{ module: 'app:app' }, 'module', 'builder.problem.module-colon'],
  [{ module: '2app' }, 'module', 'builder.problem.module'],
  [{ module: 'my-app' }, 'module', 'builder.problem.module'],
  [{ module: 'app.class' }, 'module', 'builder.problem.keyword'],
  [{ entry: 'wsgi-file', wsgiFile: 'src/' }, 'wsgiFile', 'builder.problem.wsgi-file-folder'],
  [{ entry: 'wsgi-file', wsgiFile: 'my app.py' }, 'wsgiFile', 'builder.problem.space'],
  [{ callable: 'create_app()' }, 'callable', 'builder.problem.callable-call'],
  [{ callable: 'app.wsgi' }, 'callable', 'builder.problem.callable'],
  [{ callable: 'lambda' }, 'callable', 'builder.problem.keyword'],
  [{ venv: '.venv' }, 'venv', 'builder.problem.relative-dir'],
  [{ socketPath: 'tmp/uwsgi.sock' }, 'socketPath', 'builder.problem.relative-socket'],
  [{ socketPath: '/tmp/a:b.sock' }, 'socketPath', 'builder.problem.socket-colon'],
  [{ socketPath: '/tmp/' }, 'socketPath', 'builder.problem.socket-folder'],
  [{ socketPath: '/tmp/uwsgi;.sock' }, 'socketPath', 'builder.problem.character'],
  [{ systemd: true, socketPath: '/run/uwsgi.sock' }, 'socketPath', 'builder.problem.socket-run'],
  [{ socket: 'tcp', tcpAddress: '3031' }, 'tcpAddress', 'builder.problem.tcp-form'],
  [{ socket: 'tcp', tcpAddress: '300.0.0.1:3031' }, 'tcpAddress', 'builder.problem.tcp-form'],
  [{ socket: 'tcp', tcpAddress: '0.0.0.0:3031' }, 'tcpAddress', 'builder.problem.tcp-any'],
  [{ socket: 'tcp', tcpAddress: '127.0.0.1:8080' }, 'tcpAddress', 'builder.problem.tcp-port-clash'],
  [
    { socket: 'tcp', tcpAddress: '127.0.0.1:99999' },
    'tcpAddress',
    'builder.model.nginx',
    /^\[emerg\] invalid port in upstream "127\.0\.0\.1:99999" in \/etc\/nginx\/sites-enabled\/default:12$/,
  ],
  [{ processes: 'two' }, 'processes', 'builder.problem.whole-number'],
  [{ processes: '0' }, 'processes', 'builder.problem.no-workers'],
  [
    { processes: '-1' },
    'processes',
    'builder.model.uwsgi',
    /^invalid value for option "processes": must be > 0$/,
  ],
  [{ threads: '0' }, 'threads', 'builder.problem.at-least-one'],
  [
    { threads: '-2' },
    'threads',
    'builder.model.uwsgi',
    /^invalid value for option "threads": must be > 0$/,
  ],
  [{ serverName: '' }, 'serverName', 'builder.problem.empty'],
  [{ serverName: 'helloworld.haruair.com www' }, 'serverName', 'builder.problem.server-name-space'],
  [{ serverName: 'hello{}.com' }, 'serverName', 'builder.problem.character'],
  [{ serverName: '한글.com' }, 'serverName', 'builder.problem.server-name-ascii'],
  [
    { serverName: 'http://helloworld.haruair.com' },
    'serverName',
    'builder.model.nginx-warn',
    /^\[warn\] server name "http:\/\/helloworld\.haruair\.com" has suspicious symbols in \/etc\/nginx\/sites-enabled\/default:4$/,
  ],
  [{ port: '80a' }, 'port', 'builder.problem.whole-number'],
  [
    { port: '99999' },
    'port',
    'builder.model.nginx',
    /^\[emerg\] invalid port in "99999" of the "listen" directive in \/etc\/nginx\/sites-enabled\/default:2$/,
  ],
  [
    { port: '0' },
    'port',
    'builder.model.nginx',
    /^\[emerg\] invalid port in "0" of the "listen" directive/,
  ],
  [{ serveStatic: true, staticUrl: 'static/' }, 'staticUrl', 'builder.problem.static-url-start'],
  [{ serveStatic: true, staticUrl: '/' }, 'staticUrl', 'builder.problem.static-url-root'],
  [{ serveStatic: true, staticUrl: '/static' }, 'staticUrl', 'builder.problem.static-url-slash'],
  [{ serveStatic: true, staticDir: 'static/' }, 'staticDir', 'builder.problem.relative-static'],
  [
    { serveStatic: true, staticDir: '/home/ubuntu/helloWorld/static' },
    'staticDir',
    'builder.problem.static-dir-slash',
  ],
  [
    { serveStatic: true, staticDir: '/home/ubuntu/helloWorld/' },
    'staticDir',
    'builder.problem.static-dir-app',
  ],
  [{ serveStatic: true, staticDir: '/home/' }, 'staticDir', 'builder.problem.static-dir-app'],
];

describe('each field’s problems', () => {
  for (const [change, field, key, quote] of FIELD_PROBLEMS) {
    it(`${JSON.stringify(change)} → ${field}: ${key}`, () => {
      const found = problemsOf(change);
      expect(found.map((item) => [item.field, item.key])).toEqual([[field, key]]);
      const [only] = found;
      if (quote === undefined) expect(only?.quote).toBeUndefined();
      else expect(only?.quote?.text).toMatch(quote);
      for (const locale of ['ko', 'en'] as const) {
        expect(unfilled(t(locale, only!.key, only!.vars))).toEqual([]);
      }
    });
  }

  it('checks a file whose fields are fine even when another file’s are not', () => {
    const found = problemsOf({ module: 'app.py', port: '99999' });
    expect(found.map((item) => [item.field, item.key])).toEqual([
      ['module', 'builder.problem.module-py'],
      ['port', 'builder.model.nginx'],
    ]);
  });

  it('says what the builder’s own checks leave to the models, and nothing else', () => {
    // nginx and uWSGI would accept these, and they would still not work: the builder refuses
    expect(checkInputs({ ...DEFAULT_INPUTS, socketPath: 'tmp/uwsgi.sock' })).toHaveLength(1);
    expect(
      nginxTest({ config: 'server { listen 8080; location / { uwsgi_pass unix:tmp/u.sock; } }\n' })
        .status,
    ).toBe(0);
    // the range of a port is nginx's to say
    expect(checkInputs({ ...DEFAULT_INPUTS, port: '99999' })).toEqual([]);
  });
});

// Every combination of the choices, with values that are not the defaults where they can differ.
function matrix(): BuilderInputs[] {
  const all: BuilderInputs[] = [];
  for (const systemd of [false, true])
    for (const socket of ['unix', 'tcp'] as const)
      for (const serveStatic of [false, true])
        for (const tryFiles of [false, true])
          for (const useVenv of [false, true])
            for (const entry of ['module', 'wsgi-file'] as const) {
              const base = followDefaults(DEFAULT_INPUTS, {
                ...DEFAULT_INPUTS,
                appDir: systemd ? '/srv/shop' : DEFAULT_INPUTS.appDir,
                systemd,
              });
              all.push({
                ...base,
                socket,
                serveStatic,
                tryFiles,
                useVenv,
                entry,
                module: entry === 'module' ? 'shop.wsgi' : base.module,
                wsgiFile: 'wsgi.py',
                callable: 'application',
                tcpAddress: '127.0.0.1:3031',
                processes: systemd ? '4' : '1',
                threads: tryFiles ? '8' : '1',
                port: systemd ? '80' : '8080',
                serverName: systemd ? 'shop.example.org' : DEFAULT_INPUTS.serverName,
                staticUrl: '/assets/',
                staticDir: systemd ? '/var/www/shop/' : `${base.appDir}/static/`,
              });
            }
  return all;
}

describe('every file offered for a matrix of choices passes the models', () => {
  const cases = matrix();
  it(`has ${cases.length} combinations`, () => expect(cases).toHaveLength(64));
  for (const inputs of cases) {
    const name = `systemd=${inputs.systemd} socket=${inputs.socket} static=${inputs.serveStatic} try_files=${inputs.tryFiles} venv=${inputs.useVenv} ${inputs.entry}`;
    it(name, () => {
      const outputs = outputsOf(inputs);
      // nginx -t, as the CLI's nginx-t command runs it: no [warn], no [emerg]
      expect(nginxTest({ config: outputs.nginx.text })).toEqual({
        output:
          'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n',
        status: 0,
      });
      // uWSGI, Debian's build, reading the ini as `uwsgi --ini FILE`
      const fs = new MemoryFs();
      installDebianUwsgi(fs);
      fs.mkdirs(inputs.appDir);
      fs.writeFile(outputs.ini.path, new TextEncoder().encode(outputs.ini.text));
      const read = readUwsgiCommand(['uwsgi', '--ini', outputs.ini.path], {
        fs,
        cwd: '/',
        build: DEBIAN_BUILD,
      });
      expect(read.kind).toBe('start');
      if (read.kind !== 'start') return;
      expect(read.settings.plugins).toEqual(['python']);
      expect(read.settings.strict).toBe(true);
      expect(read.settings.sockets).toEqual([
        {
          protocol: 'uwsgi',
          address: inputs.socket === 'unix' ? inputs.socketPath : inputs.tcpAddress,
        },
      ]);
      expect(read.settings.chmodSocket).toEqual(
        inputs.socket === 'tcp' ? undefined : { value: inputs.systemd ? 0o660 : 0o666 },
      );
      expect(read.settings.home).toBe(inputs.useVenv ? inputs.venv : undefined);
      expect(outputs.unit === undefined).toBe(!inputs.systemd);
      if (inputs.systemd) {
        const runtime = inputs.socket === 'unix' ? 'RuntimeDirectory=uwsgi/shop\n' : '';
        expect(outputs.unit?.text).toContain(
          `Group=www-data\n${runtime}ExecStart=/usr/bin/uwsgi --ini /srv/shop/uwsgi.ini\n`,
        );
      }
    });
  }
});

// Text for a field: mostly what people type, with every character the files treat as syntax.
const fieldText = fc.oneof(
  { arbitrary: fc.stringMatching(/^[\w./:;{}#$%"' \-\\\n\t가-힣]{0,24}$/), weight: 3 },
  { arbitrary: fc.stringMatching(/^[\w./\-가-힣]{0,16}\/?$/), weight: 2 },
);

describe('what the reader types never changes a file’s structure', () => {
  it('the ini has the same keys in the same order, and nginx the same directives', () => {
    const keysOf = (text: string): string[] => readIni(text).entries.map((entry) => entry.key);
    const directives = (text: string): string[] => {
      const names: string[] = [];
      const walk = (nodes: ReturnType<typeof parseConfigFile>['nodes']): void => {
        for (const node of nodes) {
          if (node.kind !== 'directive') continue;
          names.push(`${node.name}/${node.args.length}`);
          if (node.block !== undefined) walk(node.block.nodes);
        }
      };
      walk(parseConfigFile(text, '/etc/nginx/sites-enabled/default').nodes);
      return names;
    };
    const reference = outputsOf(DEFAULT_INPUTS);
    // a valid value for each field, which the typed text then extends (or not)
    const valid = {
      appDir: '/srv/app',
      module: 'app',
      callable: 'app',
      venv: '/srv/venv',
      socketPath: '/tmp/u',
      processes: '3',
      serverName: 'shop.example.org',
      port: '80',
      staticUrl: '/s',
      staticDir: '/var/www/s',
    } as const;
    const fields = Object.keys(valid) as (keyof typeof valid)[];
    let accepted = 0;
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.boolean(), fieldText, (field, extend, typed) => {
        const serveStatic = field === 'staticUrl' || field === 'staticDir';
        const value = `${extend ? valid[field] : ''}${typed}`;
        const inputs = { ...DEFAULT_INPUTS, serveStatic, [field]: value };
        const result = buildConfigs(inputs);
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          return;
        }
        accepted += 1;
        const shape = serveStatic ? outputsOf({ ...DEFAULT_INPUTS, serveStatic }) : reference;
        expect(keysOf(result.outputs.ini.text)).toEqual(keysOf(shape.ini.text));
        expect(directives(result.outputs.nginx.text)).toEqual(directives(shape.nginx.text));
      }),
      { numRuns: 400 },
    );
    // the property saw files, not only refusals
    expect(accepted).toBeGreaterThan(25);
  });
});

describe('the page’s blocks', () => {
  it('are the files and the commands, each copied exactly', () => {
    const outputs = outputsOf(LESSON_08);
    const blocks = blockViews(outputs);
    expect(blocks.map((block) => block.kind)).toEqual(['ini', 'nginx', 'unit', 'apply']);
    expect(blocks[0]?.text).toBe(outputs.ini.text);
    expect(blocks[2]?.copyLabel).toEqual({
      key: 'builder.copy',
      vars: { file: 'uwsgi-helloworld.service' },
    });
    expect(blocks[3]?.text).toBe(builderScenario(outputs).commands.join('\n'));
    expect(blockViews(outputsOf(DEFAULT_INPUTS)).map((block) => block.kind)).toEqual([
      'ini',
      'nginx',
      'apply',
    ]);
  });

  it('cut a title after its slashes', () => {
    expect(titleParts('/etc/nginx/sites-available/default')).toEqual([
      '/',
      'etc/',
      'nginx/',
      'sites-available/',
      'default',
    ]);
    expect(titleParts('Terminal window')).toEqual(['Terminal window']);
  });
});

describe('the seam for the terminal', () => {
  it('writes the files and runs the commands the page shows, then asks for the app’s text', () => {
    const scenario = builderScenario(outputsOf(LESSON_08));
    expect(scenario.files.map((file) => file.path)).toEqual([
      '/home/ubuntu/helloWorld/uwsgi.ini',
      '/etc/nginx/sites-available/helloworld',
      '/etc/systemd/system/uwsgi-helloworld.service',
    ]);
    expect(scenario.commands.at(-1)).toBe('curl -i http://localhost:8080/');
    expect(scenario.check).toEqual({
      url: 'http://localhost:8080/',
      hostHeader: undefined,
      body: 'Hello World!',
    });
  });

  it('sends the server name on port 80, where Debian’s default site is the default server', () => {
    const scenario = builderScenario(outputsOf({ ...LESSON_08, port: '80' }));
    expect(scenario.commands.at(-1)).toBe(
      "curl -i -H 'Host: helloworld.haruair.com' http://localhost/",
    );
  });
});

describe('a site of its own, beside Debian’s default site', () => {
  it('says the block’s own mistake once, naming the file as nginx does for the only site', () => {
    expect(problemsOf({ ...LESSON_08, port: '99999' }).map((item) => item.quote?.text)).toEqual([
      '[emerg] invalid port in "99999" of the "listen" directive in /etc/nginx/sites-enabled/default:2',
    ]);
  });

  it('hears what only the pair makes: the catch-all name on port 80 clashes with Debian’s', () => {
    const found = problemsOf({ ...LESSON_08, port: '80', serverName: '_' });
    expect(found.map((item) => [item.field, item.key, item.quote?.text])).toEqual([
      [
        'serverName',
        'builder.model.nginx-warn',
        '[warn] conflicting server name "_" on 0.0.0.0:80, ignored',
      ],
    ]);
  });
});
