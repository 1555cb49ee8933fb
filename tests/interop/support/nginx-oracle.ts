// Real nginx 1.22.1 as the oracle for the nginx model: `nginx -t` with Debian's own paths (in a
// private mount namespace), and a private nginx answering raw requests sent from a chosen client
// port. Used by the capture tools in tests/fixtures/nginx/tools and by tests/interop/nginx.
//
// API
//   canUseMountNamespace()        → whether `unshare -m` works here (root, util-linux)
//   realNginxTest(site, conf?)    → { output, status } of `nginx -t` with `site` as
//                                   /etc/nginx/sites-enabled/default; /run, /var/lib/nginx and
//                                   /var/log/nginx are fresh tmpfs mounts inside the namespace, so
//                                   nothing on the machine changes
//   maskLogStamps(text)           → error-log timestamps and pids replaced by fixed text
//   sendRaw(port, bytes, options) → everything nginx answers on one connection, sent from
//                                   127.0.0.1:localPort when given
//   withPrivateNginx(server, run) → a private nginx (real-programs.ts startNginx) around `run`

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findProgram, makeTempDir, startNginx, type RunningNginx } from './real-programs.ts';

/** Whether a private mount namespace can be made (needed for Debian's paths in nginx -t). */
export function canUseMountNamespace(): boolean {
  if (findProgram('unshare') === undefined || findProgram('nginx') === undefined) return false;
  return (
    spawnSync('unshare', ['-m', '--propagation', 'private', 'true'], { stdio: 'ignore' }).status ===
    0
  );
}

export interface NginxTestRun {
  readonly output: string;
  readonly status: number;
}

/**
 * Real `nginx -t` on this machine's Debian layout, with `site` bind-mounted as the only file in
 * /etc/nginx/sites-enabled, named `default` — or, given files by name, those files as the sites
 * there (and `nginxConf`, when given, over /etc/nginx/nginx.conf). Everything nginx -t would create (pid file, temp folders, log files)
 * lands on tmpfs mounts that vanish with the namespace.
 */
export function realNginxTest(
  site: string | Uint8Array | Readonly<Record<string, string | Uint8Array>>,
  nginxConf?: string,
): NginxTestRun {
  const dir = mkdtempSync(join(tmpdir(), 'uwsgi-lab-nginx-t-'));
  try {
    mkdirSync(join(dir, 'se'));
    const sites = typeof site === 'string' || site instanceof Uint8Array ? { default: site } : site;
    for (const [name, text] of Object.entries(sites)) writeFileSync(join(dir, 'se', name), text);
    if (nginxConf !== undefined) writeFileSync(join(dir, 'nginx.conf'), nginxConf);
    const script = [
      `mount --bind '${dir}/se' /etc/nginx/sites-enabled`,
      ...(nginxConf === undefined
        ? []
        : [`mount --bind '${dir}/nginx.conf' /etc/nginx/nginx.conf`]),
      'mount -t tmpfs tmpfs /run',
      'mount -t tmpfs tmpfs /var/lib/nginx',
      'mount -t tmpfs tmpfs /var/log/nginx',
      'exec nginx -t',
    ].join(' && ');
    const run = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    return { output: run.stdout + run.stderr, status: run.status ?? -1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `2026/11/26 06:40:19 [emerg] 26512#26512: ` → `YYYY/MM/DD HH:MM:SS [emerg] PID#PID: `. */
export function maskLogStamps(text: string): string {
  return text.replace(
    /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[(\w+)\] \d+#\d+: /gm,
    'YYYY/MM/DD HH:MM:SS [$1] PID#PID: ',
  );
}

export interface SendOptions {
  /** Bind the client socket to this port first (REMOTE_PORT becomes reproducible). */
  readonly localPort?: number;
  /** Give up waiting for more bytes after this long without any (nginx keeps the connection open). */
  readonly idleMs?: number;
  /** Stop as soon as one whole response has arrived (for a request with this method). */
  readonly responseTo?: string;
}

/** Whether `bytes` hold one whole HTTP response (by Content-Length, chunked end, or no body). */
export function responseComplete(bytes: Uint8Array, method: string): boolean {
  const text = Buffer.from(bytes).toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return false;
  const head = text.slice(0, headEnd);
  const body = text.slice(headEnd + 4);
  const status = Number(/^HTTP\/1\.\d (\d{3})/.exec(head)?.[1] ?? 0);
  if (method === 'HEAD' || status === 204 || status === 304) return true;
  const length = /\r\nContent-Length: (\d+)/i.exec(head);
  if (length !== null) return body.length >= Number(length[1]);
  if (/\r\nTransfer-Encoding: chunked/i.test(head)) return body.endsWith('0\r\n\r\n');
  return false;
}

/**
 * Sends `bytes` to 127.0.0.1:port and collects what comes back until close or idleness. A fixed
 * client port may be held for a moment (an earlier connection's TIME_WAIT; in the ephemeral range,
 * any outgoing connection): EADDRINUSE is retried for a few seconds before it counts as a failure.
 * Callers pick ports below the ephemeral range (32768–60999 on Linux) where they can.
 */
export async function sendRaw(
  port: number,
  bytes: Uint8Array,
  options: SendOptions = {},
): Promise<Uint8Array> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sendOnce(port, bytes, options);
    } catch (error) {
      const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!inUse || options.localPort === undefined || attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function sendOnce(port: number, bytes: Uint8Array, options: SendOptions): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({
      host: '127.0.0.1',
      port,
      localAddress: '127.0.0.1',
      ...(options.localPort === undefined ? {} : { localPort: options.localPort }),
    });
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      socket.destroy();
      resolve(new Uint8Array(Buffer.concat(chunks)));
    };
    const arm = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(finish, options.idleMs ?? 300);
    };
    socket.once('connect', () => {
      socket.write(bytes);
      arm();
    });
    socket.on('data', (data: Buffer) => {
      chunks.push(data);
      const method = options.responseTo;
      if (method !== undefined && responseComplete(new Uint8Array(Buffer.concat(chunks)), method))
        finish();
      else arm();
    });
    socket.once('end', finish);
    socket.once('error', (error) => {
      if (timer !== undefined) clearTimeout(timer);
      if (chunks.length > 0) finish();
      else reject(error);
    });
  });
}

/** Runs `run` against a private nginx serving `server(port)`; always stops it and cleans up. */
export async function withPrivateNginx<T>(
  server: (port: number, dir: string) => string,
  run: (nginx: RunningNginx, dir: string) => Promise<T>,
  http?: string,
): Promise<T> {
  const dir = makeTempDir('uwsgi-lab-nginx-oracle');
  let nginx: RunningNginx | undefined;
  try {
    nginx = await startNginx({
      dir: `${dir.path}/nginx`,
      server: (port) => server(port, dir.path),
      ...(http === undefined ? {} : { http }),
    });
    return await run(nginx, dir.path);
  } finally {
    await nginx?.stop();
    dir.cleanup();
  }
}
