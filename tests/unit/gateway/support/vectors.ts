// The shared vectors (tests/fixtures/vectors: copies of ../shared/vectors) as the nginx model needs
// them: the request curl sent, the client port, the packet real nginx 1.22.1 sent, what real uWSGI
// answered, and what curl printed. The capture tool's site listens on 127.0.0.1:8080.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../../fixtures/vectors/', import.meta.url));

/** capture-vectors' server block (with Debian's uwsgi_params). */
export const VECTOR_SITE = `server {
    listen 127.0.0.1:8080;
    server_name helloworld.haruair.com;
    root /var/www/html;

    location / {
        try_files $uri @helloworld;
    }

    location @helloworld {
        include uwsgi_params;
        uwsgi_pass unix:/tmp/uwsgi.sock;
    }
}
`;

export interface Vector {
  readonly name: string;
  readonly request: Uint8Array;
  readonly remotePort: number;
  readonly packet: Uint8Array;
  /** What uWSGI wrote back; undefined for vectors without a response capture. */
  readonly uwsgiResponse: Uint8Array | undefined;
  /** curl -i's output verbatim (CRLF head, decoded body). */
  readonly clientResult: string;
}

function hexFile(path: string): Uint8Array {
  return Uint8Array.from(Buffer.from(readFileSync(path, 'utf8').replace(/\s+/g, ''), 'hex'));
}

/** Every vector that has the request curl sent (NAME.http). */
export function readVectors(): Vector[] {
  return readdirSync(DIR)
    .filter((file) => file.endsWith('.http'))
    .map((file) => file.slice(0, -'.http'.length))
    .sort()
    .map((name) => {
      const txt = readFileSync(`${DIR}${name}.txt`, 'latin1');
      const port = /^REMOTE_PORT: (\d+)/m.exec(txt);
      if (port === null) throw new Error(`${name}.txt names no REMOTE_PORT`);
      const marker = /^client-side result \(.*\n/m.exec(txt);
      if (marker === null) throw new Error(`${name}.txt has no client-side result`);
      let clientResult = txt.slice(marker.index + marker[0].length);
      const noNewline = "\n(no newline at the end of curl's output)\n";
      clientResult = clientResult.endsWith(noNewline)
        ? clientResult.slice(0, -noNewline.length)
        : clientResult;
      const response = `${DIR}uwsgi-resp-${name}.hex`;
      return {
        name,
        request: new Uint8Array(readFileSync(`${DIR}${name}.http`)),
        remotePort: Number(port[1]),
        packet: hexFile(`${DIR}${name}.hex`),
        uwsgiResponse: existsSync(response) ? hexFile(response) : undefined,
        clientResult,
      };
    });
}

/** What `curl -i` shows of a response: the head as sent, a chunked body decoded. */
export function curlView(response: string): string {
  const headEnd = response.indexOf('\r\n\r\n') + 4;
  const head = response.slice(0, headEnd);
  let body = response.slice(headEnd);
  if (/\r\nTransfer-Encoding: chunked\r\n/i.test(head)) {
    let decoded = '';
    for (;;) {
      const lineEnd = body.indexOf('\r\n');
      const size = parseInt(body.slice(0, lineEnd), 16);
      if (!(size > 0)) break;
      decoded += body.slice(lineEnd + 2, lineEnd + 2 + size);
      body = body.slice(lineEnd + 2 + size + 2);
    }
    body = decoded;
  }
  return head + body;
}

/** nginx's Date header masked. */
export function maskDate(text: string): string {
  return text.replace(/^Date: [^\r\n]*/m, 'Date: <masked>');
}
