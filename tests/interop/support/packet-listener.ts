// A uwsgi-protocol listener for tests, built on PacketReader: real nginx's `uwsgi_pass` points at
// it; it reads each connection's packet as uWSGI would (header, vars, CONTENT_LENGTH body), records
// it, and answers with the raw HTTP bytes `answer` returns — then closes, one request per
// connection, as uWSGI does.

import { chmodSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { PacketError } from '../../../src/protocol/packet-error.ts';
import type { PacketHeader, UwsgiVar } from '../../../src/protocol/packet.ts';
import { PacketReader } from '../../../src/protocol/packet-reader.ts';

export interface ReceivedPacket {
  readonly header: PacketHeader;
  readonly vars: readonly UwsgiVar[];
  readonly body: Uint8Array;
  /** Every byte read on the connection, in order. */
  readonly bytes: Uint8Array;
}

export interface PacketListener {
  /** The packets read so far, in arrival order. */
  readonly packets: ReceivedPacket[];
  /** PacketErrors met on connections (the connection was then closed without an answer). */
  readonly errors: PacketError[];
  readonly close: () => Promise<void>;
}

/** Listens on a unix socket path (mode 0666, as uWSGI's --chmod-socket=666). */
export function startPacketListener(
  path: string,
  answer: (packet: ReceivedPacket) => Uint8Array,
): Promise<PacketListener> {
  const packets: ReceivedPacket[] = [];
  const errors: PacketError[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const reader = new PacketReader();
    const seen: Buffer[] = [];
    let header: PacketHeader | undefined;
    let vars: readonly UwsgiVar[] = [];
    const body: Uint8Array[] = [];
    socket.on('data', (chunk: Buffer) => {
      seen.push(chunk);
      try {
        for (const event of reader.push(chunk)) {
          if (event.type === 'header') header = event.header;
          else if (event.type === 'vars') vars = event.vars;
          else if (event.type === 'body') body.push(Uint8Array.from(event.chunk));
          else if (event.type === 'end' && header !== undefined) {
            const packet: ReceivedPacket = {
              header,
              vars,
              body: new Uint8Array(Buffer.concat(body)),
              bytes: new Uint8Array(Buffer.concat(seen)),
            };
            packets.push(packet);
            socket.end(answer(packet));
          }
        }
      } catch (error) {
        if (!(error instanceof PacketError)) throw error;
        errors.push(error);
        socket.destroy();
      }
    });
    socket.on('error', () => undefined);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      chmodSync(path, 0o666);
      resolve({
        packets,
        errors,
        close: () =>
          new Promise((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
