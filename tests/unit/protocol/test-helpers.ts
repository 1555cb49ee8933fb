// Small helpers shared by the protocol tests.

import type { FieldRange } from '../../../src/protocol/annotate.ts';
import { PacketError } from '../../../src/protocol/packet-error.ts';

/** How many leaf ranges cover each byte (1 everywhere = every byte in exactly one field). */
export function leafCoverage(ranges: readonly FieldRange[], length: number): number[] {
  const counts = new Array<number>(length).fill(0);
  const visit = (range: FieldRange): void => {
    if (range.children.length > 0) {
      for (const child of range.children) visit(child);
      return;
    }
    for (let i = range.start; i < range.end; i++) counts[i] = (counts[i] ?? 0) + 1;
  };
  for (const range of ranges) visit(range);
  return counts;
}

/** The PacketError `run` throws; fails the test when it throws nothing or something else. */
export function catchPacketError(run: () => unknown): PacketError {
  try {
    run();
  } catch (error) {
    if (error instanceof PacketError) return error;
    throw error;
  }
  throw new Error('expected a PacketError, but nothing was thrown');
}

/** Bytes from hex with any spacing. */
export function hex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
}
