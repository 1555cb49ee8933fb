// A static file server for dist/, as a static host would serve it (gzip for text, 404.html for
// misses, directory index.html), used by the e2e tests and Lighthouse. Not for production.
// Usage: node tests/support/static-server.ts [--port 4329] [--root dist]
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript|manifest))|image\/svg/;

async function resolveFile(root: string, urlPath: string): Promise<string | undefined> {
  const decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  const path = normalize(join(root, decoded));
  if (!path.startsWith(root)) return undefined;
  for (const candidate of [path, join(path, 'index.html')]) {
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

export function startStaticServer(rootDir: string, port: number): Promise<Server> {
  const root = resolve(rootDir);
  const server = createServer((request, response) => {
    void (async () => {
      const file = await resolveFile(root, request.url ?? '/');
      const status = file ? 200 : 404;
      const path = file ?? join(root, '404.html');
      let body: Buffer;
      try {
        body = await readFile(path);
      } catch {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      const type = TYPES[extname(path)] ?? 'application/octet-stream';
      const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
      if (/\/_astro\/|\/pagefind\//.test(path))
        headers['Cache-Control'] = 'public, max-age=31536000, immutable';
      if (COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(request.headers['accept-encoding']))) {
        body = gzipSync(body);
        headers['Content-Encoding'] = 'gzip';
      }
      headers['Content-Length'] = String(body.length);
      response.writeHead(status, headers);
      response.end(request.method === 'HEAD' ? undefined : body);
    })();
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePromise(server));
  });
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4329' },
      root: { type: 'string', default: 'dist' },
    },
  });
  const server = await startStaticServer(values.root, Number(values.port));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : values.port;
  console.log(`serving ${values.root} on http://127.0.0.1:${port}/`);
}
